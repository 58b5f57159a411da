// A bad amount on the new-transfer form: a Dutch message next to the field, linked from
// the summary at the top, and everything the user typed or chose is still there.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newContext, login, shot } from './lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('a bad amount (12,345) shows a Dutch error next to the field and keeps every value', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, 'clerk');
  await page.goto(`${BASE}/financien/overboekingen/nieuw`);

  const from = await page.locator('#from_account option', { hasText: /^2025 / }).nth(3).getAttribute('value');
  const to = await page.locator('#to_account option', { hasText: 'Wezep' }).getAttribute('value');
  const typed = {
    amount: '12,345',
    memo: 'Bankjes bij de speeltuin, "Wezep-Noord" & omgeving',
    decision_ref: 'Raadsbesluit 2024-112 <burgerbegroting>',
  };
  await page.selectOption('#from_account', from);
  await page.selectOption('#to_account', to);
  for (const [id, v] of Object.entries(typed)) await page.fill(`#${id}`, v);
  const requestId = await page.locator('input[name=request_id]').inputValue();
  await Promise.all([page.waitForEvent('load'), page.click('form.stack button[type=submit]')]);

  // Still the form, with HTTP 422 semantics shown as a summary and a field message.
  assert.equal(await page.locator('h1').innerText(), 'Nieuwe overboeking');
  const summary = page.locator('.error-summary');
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.match(await summary.innerText(), /Er is iets niet goed ingevuld/);
  const summaryLink = summary.locator('a[href="#amount"]');
  assert.equal(await summaryLink.count(), 1, 'the summary links to the amount field');

  const err = page.locator('#amount-error');
  const message = await err.innerText();
  assert.match(message, /hoogstens 2 cijfers na de komma/, `Dutch message, got: ${message}`);
  assert.match(message, /1\.234,56/, 'the message shows how to write it');
  // "next to the field": in the field's own group, and described by it for screen readers.
  const input = page.locator('#amount');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.ok((await input.getAttribute('aria-describedby')).split(/\s+/).includes('amount-error'));
  assert.equal(await page.locator('.has-error').filter({ has: page.locator('#amount') }).count(), 1);
  const eb = await err.boundingBox();
  const ib = await input.boundingBox();
  assert.ok(eb && ib && ib.y - (eb.y + eb.height) < 60 && ib.y >= eb.y, `error right above the field: ${JSON.stringify({ eb, ib })}`);
  // Only the amount is wrong.
  assert.equal(await page.locator('.field-error').count(), 1);

  // Everything is kept, exactly as typed (also quotes, ampersands and angle brackets).
  assert.equal(await page.locator('#from_account').inputValue(), from);
  assert.equal(await page.locator('#to_account').inputValue(), to);
  for (const [id, v] of Object.entries(typed)) {
    assert.equal(await page.locator(`#${id}`).inputValue(), v, `#${id} kept`);
  }
  assert.equal(await page.locator('input[name=request_id]').inputValue(), requestId, 'same idempotency key');

  // The summary link takes the user to the field.
  await summaryLink.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'amount');
  await shot(page, 'form-fout-bedrag');
  await context.close();
});

test('a mistyped voting code stays in the field, with the error next to it', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${BASE}/stemmen`);
  // Twenty characters with one wrong: the resident corrects one, not twenty.
  const typed = 'K7PM-2XQ9-HT4W-R8NC-5DFZ';
  await page.locator('#code').fill(typed);
  await Promise.all([page.waitForEvent('load'), page.click('form.stack button[type=submit]')]);
  assert.equal(await page.locator('#code').inputValue(), typed, 'the typed code is kept');
  const input = page.locator('#code');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.ok((await input.getAttribute('aria-describedby')).split(/\s+/).includes('code-error'));
  assert.match(await page.locator('#code-error').innerText(), /niet gebruiken/);
  assert.equal(await page.locator('.error-summary a[href="#code"]').count(), 1);
  await shot(page, 'form-fout-stemcode');
  await context.close();
});

test('an account without a password keeps the chosen role and area', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, 'admin');
  await page.goto(`${BASE}/beheer/gebruikers`);
  await page.fill('#email', 'raad-test@example.nl');
  await page.fill('#name', 'Rita Raad');
  await page.selectOption('#role', 'council');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Account maken' }).click()]);
  assert.equal(await page.locator('#role').inputValue(), 'council', 'the role stays Raadslid');
  assert.equal(await page.locator('#email').inputValue(), 'raad-test@example.nl');
  assert.equal(await page.locator('#name').inputValue(), 'Rita Raad');
  assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('.error-summary a[href="#password"]').count(), 1);
  await context.close();
});

test('granting a role without an area keeps the chosen role in that row', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, 'admin');
  await page.goto(`${BASE}/beheer/gebruikers`);
  // The role-grant form of the last account in the list.
  const roleId = await page.locator('select[id^="role-"]').last().getAttribute('id');
  const uid = roleId.slice('role-'.length);
  await page.selectOption(`#role-${uid}`, 'area_coordinator');
  await page.selectOption(`#area-${uid}`, '');
  const form = page.locator(`form[action="/beheer/gebruikers/${uid}/rollen"]`);
  await Promise.all([page.waitForEvent('load'), form.getByRole('button', { name: 'Toevoegen' }).click()]);

  // The choice survives the error: the next click does not grant another role.
  assert.equal(await page.locator(`#role-${uid}`).inputValue(), 'area_coordinator', 'the role is kept');
  const area = page.locator(`#area-${uid}`);
  assert.equal(await area.getAttribute('aria-invalid'), 'true');
  assert.ok((await area.getAttribute('aria-describedby')).split(/\s+/).includes(`area-${uid}-error`));
  assert.match(await page.locator(`#area-${uid}-error`).innerText(), /Kies het gebied/);
  const link = page.locator(`.error-summary a[href="#area-${uid}"]`);
  assert.equal(await link.count(), 1, 'the summary links to the area of that row');
  // Only that row keeps the choice; the other rows show their first option again.
  const chosen = [];
  for (const other of await page.locator('select[id^="role-"]').all()) {
    if ((await other.inputValue()) === 'area_coordinator') chosen.push(await other.getAttribute('id'));
  }
  assert.deepEqual(chosen, [`role-${uid}`]);
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), `area-${uid}`);
  await shot(page, 'form-fout-rol');
  await context.close();
});
