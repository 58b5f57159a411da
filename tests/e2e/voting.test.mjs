// A resident votes in the demo's 't Loo autumn round with a letter code, in a real browser
// WITHOUT JavaScript and on a 320 px wide phone screen: code, ballot, a ballot over budget
// (error shown, ticks kept), review, confirm, receipt. axe-core checks every page on the
// way (in a second context with JavaScript, since axe itself is a script).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, VOTING_CODES, launch, newContext, axe, serious, formatViolations, shot } from './lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const PHONE = { viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** axe on the HTML the no-JS browser saw: same URL, same cookies, in a JS-enabled context. */
async function axeCheck(ctx, url, name) {
  const page = await ctx.newPage();
  await page.goto(url);
  const bad = serious(await axe(page));
  assert.deepEqual(bad, [], `${name}:\n${formatViolations(bad)}`);
  await page.close();
}

async function noHorizontalScroll(page, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than a 320px screen`);
}

test('no JavaScript, 320 px: a resident votes with a letter code and gets a receipt', async () => {
  assert.ok(VOTING_CODES.length >= 1, 'the demo printed voting codes');
  const code = VOTING_CODES[0];
  const ctx = await newContext(browser, { ...PHONE, javaScriptEnabled: false, bypassCSP: false });
  const page = await ctx.newPage();

  await page.goto(`${BASE}/stemmen`);
  await noHorizontalScroll(page, 'code page');
  // Lower case and without dashes: the page says both are fine.
  await page.locator('#code').fill(code.replace(/-/g, '').toLowerCase());
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Verder' }).click()]);
  assert.equal(new URL(page.url()).pathname, '/stemmen/t-loo');
  await shot(page, 'stemmen-gebied');
  await noHorizontalScroll(page, 'voter page');

  // The autumn round is in voting; the counted summer round is not offered.
  const vote = page.getByRole('link', { name: /Stem in deze ronde/ }).or(page.getByRole('button', { name: /Stem in deze ronde/ }));
  assert.equal(await vote.count(), 1, 'one round to vote in');
  await Promise.all([page.waitForEvent('load'), vote.first().click()]);
  const ballotUrl = page.url();
  assert.match(new URL(ballotUrl).pathname, /^\/stemmen\/t-loo\/rondes\/[0-9a-f-]{36}$/);
  assert.match(await page.locator('h1').innerText(), /Smederij najaar/);
  await noHorizontalScroll(page, 'ballot');
  await shot(page, 'stembiljet');

  // All three plans (6.500 + 2.000 + 3.000) do not fit in € 10.000: refused, ticks kept.
  const boxes = page.locator('input[type=checkbox][name=keuze]');
  assert.equal(await boxes.count(), 3);
  for (let i = 0; i < 3; i++) await boxes.nth(i).check();
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Controleer uw keuze' }).click()]);
  assert.match(await page.locator('body').innerText(), /10\.000,00/);
  assert.match(await page.title(), /^Fout/);
  for (let i = 0; i < 3; i++) assert.ok(await boxes.nth(i).isChecked(), `tick ${i} kept`);
  await shot(page, 'stembiljet-te-duur');
  await noHorizontalScroll(page, 'ballot with error');

  // Drop the lighting (6.500): Kerstmarkt and AED fit.
  await boxes.nth(0).uncheck();
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Controleer uw keuze' }).click()]);
  assert.match(await page.locator('h1').innerText(), /Controleer uw stem/);
  const review = await page.locator('main').innerText();
  assert.match(review, /Kerstmarkt/);
  assert.match(review, /AED/);
  assert.doesNotMatch(review, /Verlichting fietspad/);
  await shot(page, 'stem-controleren');
  await noHorizontalScroll(page, 'review');

  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Stem definitief uitbrengen' }).click()]);
  assert.match(await page.locator('h1').innerText(), /Uw stem is uitgebracht/);
  const tracker = (await page.locator('.tracker').innerText()).replace(/\s+/g, '');
  assert.match(tracker, /[0-9A-Z]{5}-?[0-9A-Z]{5}/);
  await shot(page, 'stem-bewijs');
  await noHorizontalScroll(page, 'receipt');

  // Back to the voter page: this round is done; the ballot no longer takes a vote.
  await page.goto(`${BASE}/stemmen/t-loo`);
  assert.match(await page.locator('main').innerText(), /U hebt in deze ronde gestemd/);
  await page.goto(ballotUrl);
  assert.equal(await page.locator('input[type=checkbox][name=keuze]').count(), 0, 'no second ballot');

  // axe on the pages this resident saw, with the same session cookie.
  const cookies = await ctx.cookies();
  const axeCtx = await newContext(browser, PHONE);
  await axeCtx.addCookies(cookies);
  for (const [url, name] of [
    [`${BASE}/stemmen`, 'code page'],
    [`${BASE}/stemmen/t-loo`, 'voter page'],
    [ballotUrl, 'ballot after voting'],
  ]) {
    await axeCheck(axeCtx, url, name);
  }
  await axeCtx.close();
  await ctx.close();
});

test('axe: the ballot, its error state and the review page of a fresh code', async () => {
  assert.ok(VOTING_CODES.length >= 2, 'a second demo code');
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto(`${BASE}/stemmen`);
  await page.locator('#code').fill(VOTING_CODES[1]);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Verder' }).click()]);
  const vote = page.getByRole('link', { name: /Stem in deze ronde/ }).or(page.getByRole('button', { name: /Stem in deze ronde/ }));
  await Promise.all([page.waitForEvent('load'), vote.first().click()]);
  let bad = serious(await axe(page));
  assert.deepEqual(bad, [], `ballot:\n${formatViolations(bad)}`);
  // Nothing ticked: the error state.
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Controleer uw keuze' }).click()]);
  assert.match(await page.locator('body').innerText(), /Kies minstens één plan/);
  bad = serious(await axe(page));
  assert.deepEqual(bad, [], `ballot with error:\n${formatViolations(bad)}`);
  await page.locator('input[type=checkbox][name=keuze]').nth(1).check();
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Controleer uw keuze' }).click()]);
  bad = serious(await axe(page));
  assert.deepEqual(bad, [], `review:\n${formatViolations(bad)}`);
  // Keyboard only from here: "Keuze aanpassen" keeps the tick.
  await page.getByRole('button', { name: 'Keuze aanpassen' }).focus();
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  assert.ok(await page.locator('input[type=checkbox][name=keuze]').nth(1).isChecked());
  await ctx.close();
});
