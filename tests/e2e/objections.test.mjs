// The steering group decides an objection in a real browser: the demo's waiting objection
// (the rejected "Bloembakken" plan in Oosterwolde) is decided without JavaScript, first
// with nothing filled in (both errors at once, the input kept), then upheld with a public
// reason (after its confirmation page) that shows on the plan page. The steering group's page and the plan page are
// axe clean and do not scroll sideways at 320 px.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, USERS, browserForFile, login, assertAxeClean, shot } from './lib.mjs';

const { context: newContext } = browserForFile();

async function assertClean(page, name) {
  await assertAxeClean(page, name, `objections-${name}`);
  const wide = await page.evaluate(() => {
    const culprits = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > 321 && !el.closest('.table-scroll')) culprits.push(`${el.tagName.toLowerCase()}.${el.className}`);
    }
    return { width: document.documentElement.scrollWidth, culprits: culprits.slice(0, 6) };
  });
  assert.ok(wide.width <= 320, `${name} is ${wide.width}px wide at 320 px: ${wide.culprits.join(', ')}`);
}

async function noJsLogin(page) {
  await page.goto(`${BASE}/inloggen`);
  await page.locator('#email').fill(USERS.steering.email);
  await page.locator('#password').fill(USERS.steering.password);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Inloggen' }).click()]);
}

test('the steering group decides an objection (no JavaScript, axe clean, 320 px)', async () => {
  // Reading and checking: JavaScript on (axe runs in the page), a 320 px wide screen.
  const phoneCtx = await newContext({ viewport: { width: 320, height: 640 } });
  const phone = await phoneCtx.newPage();
  await login(phone, 'steering');
  await phone.goto(`${BASE}/stuurgroep/bezwaren`);
  assert.match(await phone.locator('h1').innerText(), /Bezwaren/);
  const item = phone.locator('section.objection', { hasText: 'Bloembakken' });
  assert.equal(await item.count(), 1, 'the demo has a waiting objection to the rejection of Bloembakken');
  const action = await item.locator('form').getAttribute('action');
  await assertClean(phone, 'queue');

  // Deciding: no JavaScript at all, the page's own Content-Security-Policy.
  const ctx = await newContext({ javaScriptEnabled: false, bypassCSP: false });
  const page = await ctx.newPage();
  await noJsLogin(page);
  await page.goto(`${BASE}/stuurgroep/bezwaren`);
  const form = page.locator(`form[action="${action}"]`);
  await Promise.all([page.waitForEvent('load'), form.getByRole('button', { name: 'Beslissing vastleggen' }).click()]);
  const summary = await page.locator('.error-summary').innerText();
  assert.match(summary, /Kies een beslissing/);
  assert.match(summary, /reden van de beslissing/);
  await shot(page, 'objections-errors');

  // Upheld, with a public reason.
  const again = page.locator(`form[action="${action}"]`);
  await again.locator('input[value="nominate"]').check();
  await again.locator('textarea').fill('De buurt onderhoudt de bakken zelf; het plan komt op het stembiljet.');
  await Promise.all([page.waitForEvent('load'), again.getByRole('button', { name: 'Beslissing vastleggen' }).click()]);
  // The decision is final: a confirmation page first says what it does; nothing is
  // decided until its own button is pressed.
  assert.match(await page.locator('h1').innerText(), /Beslissen over het bezwaar tegen de afwijzing/);
  assert.match(await page.locator('body').innerText(), /komt op het stembiljet/);
  await shot(page, 'objections-confirm');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Ja, bezwaar toewijzen' }).click()]);
  assert.match(await page.locator('[role=status]').innerText(), /beslissing is vastgelegd/i);
  assert.equal(await page.locator(`form[action="${action}"]`).count(), 0, 'decided: no form any more');
  assert.match(await page.locator('body').innerText(), /Bezwaar toegewezen/);
  await ctx.close();

  // Public on the plan page, which stays clean at 320 px.
  await phone.goto(`${BASE}/stuurgroep/bezwaren`);
  const planHref = await phone
    .locator('li', { hasText: 'Bloembakken' })
    .locator('a[href^="/plannen/"]')
    .first()
    .getAttribute('href');
  await phone.goto(`${BASE}${planHref}`);
  const body = await phone.locator('main').innerText();
  assert.match(body, /Bezwaar toegewezen/);
  assert.match(body, /Op het stembiljet gezet/);
  await assertClean(phone, 'plan');
  await phoneCtx.close();
});
