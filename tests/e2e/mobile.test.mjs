// A phone (390 x 844 CSS pixels): no page scrolls sideways as a whole. Wide tables may
// scroll inside their own container, which must then be reachable with the keyboard.
// Also takes the desktop and mobile screenshots used for the visual review.

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

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

const problems = [];

async function noSidewaysScroll(page, name, width = PHONE.viewport.width) {
  // Compare with the phone's width, not window.innerWidth: with isMobile the browser
  // widens the layout viewport to fit content that sticks out (and zooms out), so an
  // overflowing page would otherwise pass.
  const m = await page.evaluate((phoneWidth) => {
    const doc = document.documentElement;
    // Anything that sticks out to the right of the viewport, outside a scroll container.
    const culprits = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > phoneWidth + 1 && !el.closest('.table-scroll')) {
        culprits.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).replace(/\s+/g, '.') : ''} (right ${Math.round(r.right)})`);
      }
    }
    return { scrollWidth: doc.scrollWidth, innerWidth: phoneWidth, culprits: culprits.slice(0, 8) };
  }, width);
  await shot(page, width === PHONE.viewport.width ? `mobile-${name}` : `reflow${width}-${name}`);
  if (m.scrollWidth > m.innerWidth) {
    problems.push(`${name}: page is ${m.scrollWidth}px wide on a ${m.innerWidth}px screen; sticking out: ${m.culprits.join(', ')}`);
  }
  // Every table container that does scroll can be focused (WCAG 2.1.1) and is named.
  const scrollers = await page.evaluate(() =>
    [...document.querySelectorAll('.table-scroll')]
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map((el) => ({ tabindex: el.getAttribute('tabindex'), role: el.getAttribute('role'), label: el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') })),
  );
  for (const s of scrollers) {
    if (s.tabindex !== '0') problems.push(`${name}: a scrolling table container must be focusable`);
    if (!s.role || !s.label) problems.push(`${name}: a scrolling table container needs a role and a name`);
  }
}

/** All pages are visited before failing, so one run lists every page that is too wide. */
function assertNoProblems() {
  const found = problems.splice(0);
  assert.deepEqual(found, [], found.join('\n'));
}

const PAGES = [
  ['begroting', '/financien/begroting'],
  ['potten', '/financien/potten'],
  ['pot', '/financien/potten/t-loo'],
  ['overboekingen', '/financien/overboekingen'],
  ['nieuw', '/financien/overboekingen/nieuw'],
  ['goedkeuren', '/financien/goedkeuren'],
  ['import', '/financien/import'],
];

test('phone: the pages never scroll sideways as a whole (approver)', async () => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto(`${BASE}/`);
  await noSidewaysScroll(page, 'home');
  await page.goto(`${BASE}/inloggen`);
  await noSidewaysScroll(page, 'inloggen');
  await login(page, 'approver');
  for (const [name, url] of PAGES) {
    await page.goto(BASE + url);
    await noSidewaysScroll(page, name);
  }
  await page.goto(`${BASE}/financien/begroting`);
  await page.goto(BASE + (await page.locator('a[href^="/financien/begrotingsposten/"]').first().getAttribute('href')));
  await noSidewaysScroll(page, 'begrotingspost');
  await page.goto(`${BASE}/financien/goedkeuren`);
  const pending = page.locator('main a[href^="/financien/overboekingen/"]').first();
  if (await pending.count()) {
    await page.goto(BASE + (await pending.getAttribute('href')));
    await noSidewaysScroll(page, 'beoordelen');
  }
  await context.close();
  assertNoProblems();
});

test('phone: beheer (admin)', async () => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await login(page, 'admin');
  await page.goto(`${BASE}/beheer`);
  await noSidewaysScroll(page, 'beheer');
  await context.close();
  assertNoProblems();
});

// WCAG 1.4.10 Reflow: at 320 CSS pixels (1280 px at 400 % zoom) content must not need
// scrolling in two directions; tables are the allowed exception (they scroll in their box).
test('reflow at 320 px wide (400 % zoom): no page scrolls sideways (clerk)', async () => {
  const context = await newContext(browser, { viewport: { width: 320, height: 256 } });
  const page = await context.newPage();
  await login(page, 'clerk');
  for (const [name, url] of PAGES.filter(([n]) => n !== 'goedkeuren')) {
    await page.goto(BASE + url);
    await noSidewaysScroll(page, name, 320);
  }
  await context.close();
  assertNoProblems();
});

test('desktop screenshots for the visual review', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${BASE}/`);
  await shot(page, 'desktop-home');
  await login(page, 'clerk');
  for (const [name, url] of PAGES.filter(([n]) => n !== 'goedkeuren')) {
    await page.goto(BASE + url);
    await shot(page, `desktop-${name}`);
  }
  await context.close();
});
