// Keyboard only: the clerk logs in and proposes a transfer from a budget line to a pool
// with nothing but Tab, Shift+Tab, arrow keys, Enter and typing; the approver approves it
// the same way in a second browser context; the pool's balance goes up by the amount.
// Every element that gets focus on the way must show a visible focus indicator.
// (page.goto is used only to open the start page and to read balances afterwards.)

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

/** What has focus now: tag, id, name, text, and whether its focus is visible. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body' };
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
    const shadow = cs.boxShadow && cs.boxShadow !== 'none';
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: el.getAttribute('name') || '',
      value: el.value ?? '',
      href: el.getAttribute('href') || '',
      text: (el.innerText || el.value || '').trim().replace(/\s+/g, ' '),
      visibleFocus: outline || shadow,
      onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0,
      selectedText: el.tagName === 'SELECT' ? el.options[el.selectedIndex]?.text ?? '' : '',
    };
  });
}

/**
 * Press Tab until the focused element matches; check the focus is visible at every step.
 * Fails after `max` presses.
 */
async function tabTo(page, matches, what, max = 80) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag !== 'body') {
      assert.ok(f.visibleFocus, `focus is not visible on ${f.tag}#${f.id} "${f.text}" (${page.url()})`);
      assert.ok(f.onScreen, `focused element is off screen: ${f.tag}#${f.id} "${f.text}" (${page.url()})`);
    }
    seen.push(`${f.tag}${f.id ? '#' + f.id : ''} ${f.text.slice(0, 30)}`);
    if (matches(f)) return f;
  }
  assert.fail(`Tab never reached ${what} on ${page.url()}; focus went: ${seen.join(' | ')}`);
}

/** With a <select> focused, press ArrowDown until the selected option's text matches. */
async function arrowToOption(page, matches, what, max = 400) {
  for (let i = 0; i < max; i++) {
    const f = await focused(page);
    if (matches(f.selectedText)) return f.selectedText;
    await page.keyboard.press('ArrowDown');
  }
  assert.fail(`ArrowDown never selected ${what}`);
}

async function enterAndWait(page) {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

async function keyboardLogin(page, who) {
  await page.goto(`${BASE}/`);
  await tabTo(page, (f) => f.href === '/inloggen', 'the login link');
  await enterAndWait(page);
  assert.equal(new URL(page.url()).pathname, '/inloggen');
  await tabTo(page, (f) => f.id === 'email', 'the e-mail field');
  await page.keyboard.type(USERS[who].email);
  await tabTo(page, (f) => f.id === 'password', 'the password field');
  await page.keyboard.type(USERS[who].password);
  await enterAndWait(page);
  assert.match(new URL(page.url()).pathname, /^\/financien/, 'logged in');
}

test('the skip link is the first stop, is visible when focused, and moves focus to the main content', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${BASE}/inloggen`);
  await page.keyboard.press('Tab');
  const f = await focused(page);
  assert.equal(f.text, 'Direct naar de inhoud');
  assert.ok(f.visibleFocus, 'the skip link shows its focus');
  const box = await page.locator('a.skip').boundingBox();
  assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 20, `skip link is on screen when focused: ${JSON.stringify(box)}`);
  await shot(page, 'keyboard-skiplink');
  await page.keyboard.press('Enter');
  const after = await focused(page);
  assert.equal(after.id, 'inhoud', 'focus is on <main> after the skip link');
  // The next Tab goes into the main content, not back to the header.
  await page.keyboard.press('Tab');
  const next = await focused(page);
  const inMain = await page.evaluate(() => !!document.activeElement.closest('main'));
  assert.ok(inMain, `Tab after the skip link lands in main, got ${next.tag}#${next.id}`);
  await context.close();
});

test('keyboard only: clerk proposes a transfer, approver approves it, the pool balance goes up', async () => {
  const memo = unique('Toetsenbord-test');
  const amountText = '1.234,56';
  const amount = 123456;

  // --- the clerk ---
  const clerkCtx = await newContext(browser);
  const clerk = await clerkCtx.newPage();
  await keyboardLogin(clerk, 'clerk');
  const before = cents(await poolBalance(clerk, 'noordeinde'));
  await clerk.goto(`${BASE}/financien/begroting`);

  await tabTo(clerk, (f) => f.href === '/financien/overboekingen/nieuw', 'the "Nieuwe overboeking" menu item');
  await enterAndWait(clerk);
  assert.equal(new URL(clerk.url()).pathname, '/financien/overboekingen/nieuw');

  await tabTo(clerk, (f) => f.id === 'from_account', 'the "Van" select');
  const from = await arrowToOption(clerk, (t) => /^2025 .*5\.7/.test(t), 'a 2025 budget line of taakveld 5.7');
  await tabTo(clerk, (f) => f.id === 'to_account', 'the "Naar" select');
  // Type-ahead on a closed select: typing the start of the name selects it.
  await clerk.keyboard.type('Noord');
  let to = (await focused(clerk)).selectedText;
  if (to !== 'Noordeinde') to = await arrowToOption(clerk, (t) => t === 'Noordeinde', 'Noordeinde');
  await tabTo(clerk, (f) => f.id === 'amount', 'the amount field');
  await clerk.keyboard.type(amountText);
  await tabTo(clerk, (f) => f.id === 'memo', 'the memo field');
  await clerk.keyboard.type(memo);
  await tabTo(clerk, (f) => f.id === 'decision_ref', 'the decision field');
  await clerk.keyboard.type('Raadsbesluit 2024-112');
  await tabTo(clerk, (f) => f.tag === 'button' && f.text === 'Overboeking aanvragen', 'the submit button');
  await shot(clerk, 'keyboard-nieuw-ingevuld');
  await enterAndWait(clerk);

  assert.match(new URL(clerk.url()).pathname, /^\/financien\/overboekingen\/[0-9a-f-]{36}$/, `transfer page after submit (from ${from})`);
  const transferUrl = clerk.url();
  const facts = await clerk.locator('dl.facts').innerText();
  assert.match(facts, /Wacht op goedkeuring/);
  assert.match(facts, /Noordeinde/);
  assert.ok(facts.includes(memo), 'the memo is shown');
  assert.equal(cents(await clerk.locator('dl.facts dt:text-is("Bedrag") + dd').innerText()), amount);
  await shot(clerk, 'keyboard-overboeking-aangevraagd');
  // Not yet on the pool's balance.
  assert.equal(cents(await poolBalance(clerk, 'noordeinde')), before);
  await clerkCtx.close();

  // --- the approver, in a second context ---
  const apprCtx = await newContext(browser);
  const appr = await apprCtx.newPage();
  await keyboardLogin(appr, 'approver');
  await tabTo(appr, (f) => f.href === '/financien/goedkeuren', 'the "Goedkeuren" menu item');
  await enterAndWait(appr);
  const row = appr.locator('tbody tr', { hasText: 'Noordeinde' }).last();
  const seq = (await row.locator('td').first().innerText()).trim();
  await tabTo(appr, (f) => f.tag === 'a' && f.href.startsWith('/financien/overboekingen/') && f.text === seq, `the link of transfer ${seq}`, 200);
  await enterAndWait(appr);
  assert.equal(appr.url(), transferUrl, 'the approver opened the clerk\'s transfer');
  await tabTo(appr, (f) => f.id === 'reason', 'the reason field');
  await appr.keyboard.type('Klopt met het raadsbesluit.');
  await tabTo(appr, (f) => f.tag === 'button' && f.text === 'Goedkeuren', 'the approve button');
  await shot(appr, 'keyboard-goedkeuren');
  await enterAndWait(appr);
  // Approving asks first: the page says what moves where; confirm with the keyboard.
  assert.match(await appr.locator('main').innerText(), /gaat van .* naar Pot Noordeinde/);
  await tabTo(appr, (f) => f.tag === 'button' && /^Ja, .* overboeken$/.test(f.text), 'the confirm button');
  await shot(appr, 'keyboard-goedkeuren-bevestigen');
  await enterAndWait(appr);
  const decided = await appr.locator('dl.facts').innerText();
  assert.match(decided, /Geboekt/);
  assert.match(decided, /Klopt met het raadsbesluit\./);
  assert.equal(cents(await poolBalance(appr, 'noordeinde')), before + amount, 'pool balance went up by the amount');
  await apprCtx.close();
});
