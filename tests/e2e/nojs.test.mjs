// Without JavaScript: log in, propose a transfer, approve it as a colleague. The pages
// are plain HTML forms, so this must work exactly as with JavaScript on.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, USERS, launch, newContext, shot, poolBalance, cents, unique } from './lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function noJsPage() {
  // bypassCSP off: nothing is injected here, the page runs under its own policy.
  const context = await newContext(browser, { javaScriptEnabled: false, bypassCSP: false });
  return [context, await context.newPage()];
}

async function login(page, who) {
  await page.goto(`${BASE}/inloggen`);
  await page.locator('#email').fill(USERS[who].email);
  await page.locator('#password').fill(USERS[who].password);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Inloggen' }).click()]);
  assert.match(new URL(page.url()).pathname, /^\/financien/);
}

test('no JavaScript: login, new transfer, approve', async () => {
  const memo = unique('Zonder-JS-test');
  const [clerkCtx, clerk] = await noJsPage();
  await login(clerk, 'clerk');
  const before = cents(await poolBalance(clerk, 'oldebroek'));
  await clerk.goto(`${BASE}/financien/overboekingen/nieuw`);
  const fromValue = await clerk
    .locator('#from_account option', { hasText: /^2025 .*2\.1 / })
    .first()
    .getAttribute('value');
  assert.ok(fromValue, 'a 2025 budget line of taakveld 2.1 to take money from');
  await clerk.locator('#from_account').selectOption(fromValue);
  await clerk.locator('#to_account').selectOption({ label: 'Oldebroek' });
  await clerk.locator('#amount').fill('250');
  await clerk.locator('#memo').fill(memo);
  await clerk.locator('#decision_ref').fill('Raadsbesluit 2024-112');
  await Promise.all([clerk.waitForEvent('load'), clerk.getByRole('button', { name: 'Overboeking aanvragen' }).click()]);
  assert.match(new URL(clerk.url()).pathname, /^\/financien\/overboekingen\/[0-9a-f-]{36}$/);
  const transferUrl = clerk.url();
  assert.match(await clerk.locator('dl.facts').innerText(), /Wacht op goedkeuring/);
  await shot(clerk, 'nojs-aangevraagd');
  await clerkCtx.close();

  const [apprCtx, appr] = await noJsPage();
  await login(appr, 'approver');
  await appr.goto(`${BASE}/financien/goedkeuren`);
  const link = appr.locator('tbody tr', { hasText: 'Oldebroek' }).last().locator('a');
  await Promise.all([appr.waitForEvent('load'), link.click()]);
  assert.equal(appr.url(), transferUrl);
  await appr.locator('#reason').fill('Akkoord.');
  await Promise.all([appr.waitForEvent('load'), appr.getByRole('button', { name: 'Goedkeuren' }).click()]);
  // Without JavaScript too, approving asks first; nothing is booked until confirmed.
  assert.match(await appr.locator('main').innerText(), /€\s250,00 gaat van/);
  assert.equal(cents(await poolBalance(appr, 'oldebroek')), before, 'not booked by the question');
  await appr.goto(transferUrl);
  await appr.locator('#reason').fill('Akkoord.');
  await Promise.all([appr.waitForEvent('load'), appr.getByRole('button', { name: 'Goedkeuren' }).click()]);
  await shot(appr, 'nojs-goedkeuren-bevestigen');
  await Promise.all([appr.waitForEvent('load'), appr.getByRole('button', { name: /^Ja, .* overboeken$/ }).click()]);
  assert.match(await appr.locator('dl.facts').innerText(), /Geboekt/);
  await shot(appr, 'nojs-goedgekeurd');
  assert.equal(cents(await poolBalance(appr, 'oldebroek')), before + 25000);
  await apprCtx.close();
});

test('no JavaScript: a form with errors comes back with the errors and the values', async () => {
  const [ctx, page] = await noJsPage();
  await login(page, 'clerk');
  await page.goto(`${BASE}/financien/overboekingen/nieuw`);
  await page.locator('#memo').fill('Alleen een omschrijving');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Overboeking aanvragen' }).click()]);
  await assert.doesNotReject(page.locator('.error-summary').waitFor());
  assert.equal(await page.locator('#memo').inputValue(), 'Alleen een omschrijving');
  await ctx.close();
});
