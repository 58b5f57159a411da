// Rounds in a real browser on the demo: the public list and a counted round (result, ballot
// list, .pb download); an initiator submits a plan (with a mistake first); the coordinator
// rejects without a reason (error), nominates by keyboard, opens voting and types in a paper
// ballot. axe-core on every page on the way; no page wider than a 320 px screen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, VOTING_CODES, browserForFile, login, assertNoSerious, shot, unique } from './lib.mjs';

const { context: newContext } = browserForFile();

const axeOk = assertNoSerious;

async function fitsPhone(browserCtxOpts, url, name) {
  const ctx = await newContext({ viewport: { width: 320, height: 640 }, ...browserCtxOpts });
  const page = await ctx.newPage();
  await page.goto(url);
  const overflow = await page.evaluate(() => {
    const doc = document.documentElement;
    // Content inside a sideways-scrolling table container may be wider; the page may not.
    return doc.scrollWidth - doc.clientWidth;
  });
  await ctx.close();
  assert.ok(overflow <= 0, `${name}: ${overflow}px wider than a 320px screen`);
}

async function roundUrl(page, title) {
  await page.goto(`${BASE}/rondes`);
  const link = page.getByRole('link', { name: title });
  assert.equal(await link.count(), 1, `a link to ${title}`);
  return new URL(await link.getAttribute('href'), BASE).href;
}

test('public: the rounds list and a counted round with its result, receipts and .pb file', async () => {
  const ctx = await newContext();
  const page = await ctx.newPage();
  const url = await roundUrl(page, 'Smederij zomer: groen en spelen');
  await axeOk(page, '/rondes');
  await page.goto(url);
  const text = await page.locator('main').innerText();
  assert.match(text, /Uitslag/);
  assert.match(text, /Bloemenlint/);
  assert.match(text, /regulier onderhoud/, 'the public reason of the rejected plan');
  await axeOk(page, 'closed round');
  await shot(page, 'ronde-uitslag');
  const pbLink = page.locator('a[href$="/stemmen.pb"]');
  assert.equal(await pbLink.count(), 1);
  const resp = await page.request.get(new URL(await pbLink.getAttribute('href'), BASE).href);
  assert.equal(resp.status(), 200);
  const pb = await resp.text();
  assert.match(pb, /^META\n/);
  assert.match(pb, /num_votes;24\n/);
  // Every receipt in the published list is in the file (the search above the list shows
  // an example receipt, which is not one).
  const receipts = await page.locator('table:has(caption:text-is("Stemmen per controlecode")) td code').allInnerTexts();
  assert.equal(receipts.length, 24, 'the published ballot list');
  for (const r of receipts) assert.ok(pb.includes(r), `receipt ${r} in the .pb file`);
  await ctx.close();
  await fitsPhone({}, `${BASE}/rondes`, '/rondes');
  await fitsPhone({}, url, 'closed round');
});

test('initiator submits a plan; coordinator reviews, opens voting and enters a paper ballot', async () => {
  const title = unique('Bankjes bij de ijsbaan');
  // The initiator: a wrong amount first, then right.
  const iniCtx = await newContext();
  const ini = await iniCtx.newPage();
  await login(ini, 'initiator');
  const url = await roundUrl(ini, 'Smederij Oosterwolde najaar');
  await ini.goto(url);
  await ini.locator('#title').fill(title);
  await ini.locator('#summary').fill('Drie bankjes van 800 euro langs de ijsbaan.');
  await ini.locator('#amount').fill('twee duizend');
  // Residents are not asked for the municipality's taakveld.
  assert.equal(await ini.locator('#taakveld').count(), 0, 'no taakveld field for residents');
  await ini.locator('#kosten-1-omschrijving').fill('Drie bankjes');
  await ini.locator('#kosten-1-bedrag').fill('2.000,00');
  await Promise.all([ini.waitForEvent('load'), ini.getByRole('button', { name: 'Plan indienen' }).click()]);
  assert.match(await ini.title(), /^Fout/);
  assert.equal(await ini.locator('#title').inputValue(), title, 'title kept');
  assert.equal(await ini.locator('#kosten-1-omschrijving').inputValue(), 'Drie bankjes', 'cost line kept');
  assert.equal(await ini.locator('#amount').getAttribute('aria-invalid'), 'true');
  await axeOk(ini, 'plan form with an error');
  await ini.locator('#amount').fill('2.400,00');
  await ini.locator('#kosten-1-bedrag').fill('2.400,00');
  await Promise.all([ini.waitForEvent('load'), ini.getByRole('button', { name: 'Plan indienen' }).click()]);
  assert.match(await ini.locator('main').innerText(), new RegExp(title));
  await iniCtx.close();

  // The coordinator: reject without a reason (error), then review both plans by the
  // checklist (taakveld from the list) and nominate them by keyboard.
  const ctx = await newContext();
  const page = await ctx.newPage();
  await login(page, 'coordinator');
  await page.goto(url);
  await axeOk(page, 'open round, coordinator');
  await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Plan 1 beoordelen' }).click()]);
  await axeOk(page, 'review page');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Plan 1 afwijzen' }).click()]);
  assert.match(await page.title(), /^Fout/);
  assert.match(await page.locator('main').innerText(), /Schrijf op waarom/);
  await axeOk(page, 'review without a reason');
  for (const n of [1, 2]) {
    await page.goto(url);
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: `Plan ${n} beoordelen` }).click()]);
    for (const radio of await page.locator('input[type=radio][value=meets]').all()) await radio.check();
    await page.locator('#taakveld').selectOption('5.7');
    await page.getByRole('button', { name: `Plan ${n} nomineren` }).focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    assert.match(await page.locator('main').innerText(), /beoordeling is opgeslagen/);
  }
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Stemmen openen' }).click()]);
  // The confirmation page: what opening means, with the plans on the ballot.
  assert.match(await page.locator('main').innerText(), /Er komen 2 plannen op het stembiljet/);
  await axeOk(page, 'confirm opening voting');
  await shot(page, 'ronde-stemmen-openen-bevestigen');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Ja, stemmen openen' }).click()]);
  const opened = await page.locator('main').innerText();
  assert.match(opened, /\b[0-9a-f]{64}\b/, 'the fingerprint is shown');
  await axeOk(page, 'round in voting, coordinator');
  await shot(page, 'ronde-stemmen-open');

  // A paper ballot in 't Loo's autumn round with the third demo code.
  assert.ok(VOTING_CODES.length >= 3, 'a third demo code');
  const autumn = await roundUrl(page, 'Smederij najaar: veilig en gezellig');
  await page.goto(autumn);
  await page.locator('#code').fill(VOTING_CODES[2]);
  await page.getByRole('checkbox', { name: /Kerstmarkt/ }).check();
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Stem opslaan' }).click()]);
  const saved = await page.locator('main').innerText();
  assert.match(saved, /\b[0-9A-Z]{5}-[0-9A-Z]{5}\b/, 'a receipt for the paper form');
  await axeOk(page, 'paper ballot saved');
  // The same letter again: refused, one ballot per code per round.
  await page.goto(autumn);
  await page.locator('#code').fill(VOTING_CODES[2]);
  await page.getByRole('checkbox', { name: /AED/ }).check();
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Stem opslaan' }).click()]);
  assert.match(await page.locator('main').innerText(), /al gestemd/);
  await axeOk(page, 'paper ballot refused');
  await ctx.close();
});
