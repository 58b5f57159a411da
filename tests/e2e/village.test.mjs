// A resident reads the village pages of the demo in a real browser, on a 320 px phone and
// without JavaScript: where the money came from and went per year, what is reserved and
// put apart (with its reason), the rounds of each year with their turnout, and every plan
// and round named on the page opens. Every page axe-clean and no wider than the screen.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newContext, axe, serious, formatViolations, shot } from './lib.mjs';

let browser;
let withAxe;
let noJs;
before(async () => {
  browser = await launch();
  withAxe = await newContext(browser, { viewport: { width: 320, height: 640 } });
  noJs = await newContext(browser, { viewport: { width: 320, height: 640 }, javaScriptEnabled: false });
});
after(async () => {
  await withAxe?.close();
  await noJs?.close();
  await browser?.close();
});

/** axe-clean and no wider than 320 px, read with JavaScript (axe needs its script). */
async function checked(path, name) {
  const a = await withAxe.newPage();
  await a.goto(`${BASE}${path}`);
  const bad = serious(await axe(a));
  assert.deepEqual(bad, [], `${name}:\n${formatViolations(bad)}`);
  const overflow = await a.evaluate(() => document.documentElement.scrollWidth - 320);
  assert.ok(overflow <= 0, `${name}: ${overflow}px wider than a 320px screen`);
  await a.close();
}

/** Opens a village from the list of villages, as a resident does, without JavaScript. */
async function village(page, name) {
  await page.goto(`${BASE}/dorpen`);
  await page.getByRole('link', { name }).click();
  assert.match(new URL(page.url()).pathname, /^\/dorpen\/[a-z0-9-]+$/);
  return page.locator('main');
}

test("a resident reads 't Loo's money and follows every plan and round it names", async () => {
  const p = await noJs.newPage();
  const main = await village(p, "'t Loo");
  const text = await main.innerText();
  for (const words of [/Nu in de pot/, /Waar kwam het geld vandaan/, /Taakveld \d/, /Toegekend aan plannen/,
    /Betaald voor plannen/, /Terug van klare plannen/, /verstuurde codes/, /Over uit \d{4}/]) {
    assert.match(text, words);
  }
  assert.equal(await main.locator('table').count(), 0, 'lists, not tables that scroll sideways');
  await shot(p, 'dorp-t-loo-jaar-320');
  const path = new URL(p.url()).pathname;
  await checked(path, "'t Loo's village page");

  // Every plan and every round named on the page opens and says what it is.
  const links = await main.locator('a[href^="/plannen/"], a[href^="/rondes/"]').evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })),
  );
  assert.ok(links.filter((l) => l.href.startsWith('/plannen/')).length >= 2, JSON.stringify(links));
  assert.ok(links.filter((l) => l.href.startsWith('/rondes/')).length >= 2, JSON.stringify(links));
  for (const l of links) {
    const r = await p.goto(`${BASE}${l.href}`);
    assert.equal(r.status(), 200, l.href);
    const title = (await p.locator('h1').innerText()).trim();
    // A reservation names its round with year and quarter; the round page leads with the
    // village.
    const name = l.text.replace(/^Plan \d+: /, '').replace(/ \d{4} kwartaal \d$/, '');
    assert.ok(title.includes(name), `${l.href}: "${title}" for "${l.text}"`);
  }
  // A plan page: its money and the way back to the village.
  const plan = links.find((l) => l.href.startsWith('/plannen/'));
  await p.goto(`${BASE}${plan.href}`);
  const planText = await p.locator('main').innerText();
  assert.match(planText, /Toegekend/);
  await shot(p, 'plan-320');
  await checked(plan.href, 'plan page');
  await p.getByRole('link', { name: /Naar de pagina van/ }).click();
  assert.equal(new URL(p.url()).pathname, path);
  await p.close();
});

test('money put apart shows with its reason, and a scheduled year with its rounds', async () => {
  const p = await noJs.newPage();
  const oost = await village(p, 'Oosterwolde');
  const text = await oost.innerText();
  assert.match(text, /Wat al vastligt/);
  assert.match(text, /Apart gezet: apart voor de speeltuin/);
  assert.match(text, /Vrij voor nieuwe rondes/);
  await checked(new URL(p.url()).pathname, "Oosterwolde's village page");

  const wezep = await village(p, 'Wezep');
  const years = await wezep.locator('section.year h2').allInnerTexts();
  assert.ok(years.length >= 2, `this year and the next: ${years}`);
  const next = Math.max(...years.map(Number));
  const nextYear = wezep.locator(`section#jaar-${next}, section[aria-labelledby="jaar-${next}"]`);
  const rounds = await nextYear.locator('a[href^="/rondes/"]').count();
  assert.equal(rounds, 4, 'four rounds scheduled for next year');
  // The years are reachable from the top of the page without scrolling through them.
  await p.getByRole('navigation', { name: 'Jaren' }).getByRole('link', { name: String(next) }).click();
  assert.equal(new URL(p.url()).hash, `#jaar-${next}`);
  await shot(p, 'dorp-wezep-jaren-320');
  await checked(new URL(p.url()).pathname, "Wezep's village page");
  await p.close();
});
