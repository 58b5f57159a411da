// Each role's start: sign in as the role, land where its work waits (the approver on the
// approvals, the council member on the dashboard, …), at 375 px (a phone) and 1280 px (a
// desk). Every landing page is axe-clean, never wider than the screen, and saved as a
// screenshot in $E2E_SHOTS. On the phone the header is compact: logo and name, and a
// "Menu" (<details>) that opens the menu without JavaScript. The result page of a counted
// round puts the result first, with cards that fit a 320 px screen.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newContext, login, axe, serious, formatViolations, shot } from './lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const LANDING = {
  anonymous: '/',
  initiator: '/',
  coordinator: '/',
  approver: '/financien/goedkeuren',
  clerk: '/financien/overboekingen',
  council: '/raad',
  admin: '/beheer/gebruikers',
  steering: '/',
};

const WIDTHS = [375, 1280];

async function fits(page, name, width) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than a ${width}px screen`);
}

async function axeClean(page, name) {
  const bad = serious(await axe(page));
  assert.equal(bad.length, 0, `axe on ${name} (${page.url()}):\n${formatViolations(bad)}`);
}

for (const [role, landing] of Object.entries(LANDING)) {
  for (const width of WIDTHS) {
    test(`${role} at ${width} px lands on ${landing}, axe-clean, no sideways scroll`, async () => {
      const context = await newContext(browser, { viewport: { width, height: 900 } });
      const page = await context.newPage();
      try {
        if (role === 'anonymous') {
          await page.goto(`${BASE}/`);
        } else {
          await login(page, role);
        }
        assert.equal(new URL(page.url()).pathname, landing, `${role} landed on ${page.url()}`);
        const name = `start-${role}-${width}`;
        await shot(page, name);
        await fits(page, name, width);
        await axeClean(page, name);
        if (role === 'anonymous') return;
        const wide = page.locator('header.site > nav.wide');
        const menu = page.locator('header.site details.menu');
        if (width <= 480) {
          // The phone: one "Menu" button; the long menu is folded away until opened.
          assert.equal(await wide.isVisible(), false, `${name}: the wide menu is hidden`);
          assert.equal(await menu.isVisible(), true, `${name}: the Menu button shows`);
          const header = await page.locator('header.site').boundingBox();
          assert.ok(header && header.height <= 120, `${name}: a compact header (${header?.height}px)`);
          await page.locator('header.site details.menu summary').click();
          const logout = page.locator('header.site details.menu button', { hasText: 'Uitloggen' });
          assert.equal(await logout.isVisible(), true, `${name}: the opened menu shows the sign-out button`);
          await shot(page, `${name}-menu-open`);
          await fits(page, `${name} (menu open)`, width);
          await axeClean(page, `${name} (menu open)`);
        } else {
          assert.equal(await wide.isVisible(), true, `${name}: the menu shows`);
          assert.equal(await menu.isVisible(), false, `${name}: no Menu button on a wide screen`);
        }
      } finally {
        await context.close();
      }
    });
  }
}

test('the phone menu opens without JavaScript', async () => {
  const context = await newContext(browser, { viewport: { width: 375, height: 800 }, javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await login(page, 'clerk');
    await page.locator('header.site details.menu summary').click();
    const link = page.locator('header.site details.menu a[href="/financien/overboekingen"]');
    assert.equal(await link.isVisible(), true);
  } finally {
    await context.close();
  }
});

test('a counted round: the result first, cards that fit 320 px, chosen or not chosen', async () => {
  const context = await newContext(browser, { viewport: { width: 320, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(`${BASE}/rondes`);
    // The demo has rounds in every phase; find one with a result.
    const links = await page.locator('table a[href^="/rondes/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    let found = false;
    for (const href of links) {
      await page.goto(`${BASE}${href}`);
      if ((await page.locator('#uitslag').count()) === 0) continue;
      found = true;
      const text = await page.locator('main').innerText();
      assert.ok(!text.includes('Genomineerd'), `${href}: no plan says "Genomineerd" after the count`);
      const order = await page.evaluate(() => {
        const y = (sel) => document.querySelector(sel)?.getBoundingClientRect().top ?? -1;
        return { result: y('#uitslag'), telling: y('#telling') };
      });
      assert.ok(order.result >= 0 && order.result < order.telling, `${href}: the result comes before the count`);
      assert.ok((await page.locator('li.plan-card').count()) > 0, `${href}: plan cards`);
      await shot(page, 'uitslag-320');
      await fits(page, `result ${href}`, 320);
      await axeClean(page, `result ${href}`);
      break;
    }
    assert.ok(found, 'the demo has a counted round');
  } finally {
    await context.close();
  }
});
