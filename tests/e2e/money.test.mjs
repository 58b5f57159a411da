// The money after the vote in a real browser, on the demo: a resident reads 't Loo's
// village page and the plan pages (one under way with a photo, one finished with money
// back in the pool) without JavaScript, axe-clean, on a 320 px screen; the initiator posts
// progress with a photo without JavaScript; finance sees the payment form.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, browserForFile, login, assertNoSerious, shot } from './lib.mjs';

const { context: newContext } = browserForFile();

const axeOk = assertNoSerious;

async function fits320(page, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - 320);
  assert.ok(overflow <= 0, `${name}: ${overflow}px wider than a 320px screen`);
}

/** The plan links on the village page: [{ href, text of their table row }]. */
async function planLinks(page) {
  return page.locator('main a[href^="/plannen/"]').evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute('href'), text: (a.closest('tr, li') || a).textContent })),
  );
}

test('a resident reads the village page and the plan pages, without JavaScript, on a phone', async () => {
  // axe needs a script of its own: one context with JavaScript for axe, one without.
  const withAxe = await newContext({ viewport: { width: 320, height: 640 } });
  const noJs = await newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false, bypassCSP: false });
  const a = await withAxe.newPage();
  const p = await noJs.newPage();

  await p.goto(`${BASE}/dorpen`);
  await p.getByRole('link', { name: "'t Loo" }).click();
  assert.match(new URL(p.url()).pathname, /^\/dorpen\//);
  const village = await p.locator('main').innerText();
  assert.match(village, /Nu in de pot/);
  assert.match(village, /Waar kwam het geld vandaan/);
  assert.match(village, /Openbaar groen|groen/i, 'a budget line with its taakveld');
  assert.match(village, /Opkomst/);
  assert.match(village, /Terug van klare plannen/);
  await shot(p, 'dorp-t-loo-320');
  await a.goto(p.url());
  await axeOk(a, 'village page');
  await fits320(a, 'village page');

  const links = await planLinks(p);
  assert.ok(links.length >= 2, `funded plans are linked: ${JSON.stringify(links)}`);
  const finished = links.find((l) => /klaar/.test(l.text));
  assert.ok(finished, 'one plan is finished');
  await p.goto(`${BASE}${finished.href}`);
  const done = await p.locator('main').innerText();
  assert.match(done, /Terug naar de pot/);
  assert.match(done, /Betalingen/);
  assert.match(done, /Klaar/);
  await a.goto(`${BASE}${finished.href}`);
  await axeOk(a, 'finished plan');
  await fits320(a, 'finished plan');

  // The plan under way has a photo with a text alternative, and the photo loads.
  let withPhoto = null;
  for (const l of links) {
    await p.goto(`${BASE}${l.href}`);
    if ((await p.locator('figure.photo img').count()) > 0) {
      withPhoto = l;
      break;
    }
  }
  assert.ok(withPhoto, 'a plan with a photo');
  const img = p.locator('figure.photo img').first();
  assert.ok((await img.getAttribute('alt')).length > 3, 'the photo has a text alternative');
  const resp = await p.request.get(new URL(await img.getAttribute('src'), BASE).href);
  assert.equal(resp.status(), 200);
  assert.match(resp.headers()['content-type'], /^image\/(jpeg|png)$/);
  await shot(p, 'plan-met-foto-320');
  await a.goto(`${BASE}${withPhoto.href}`);
  await axeOk(a, 'plan with a photo');
  await fits320(a, 'plan with a photo');
  await withAxe.close();
  await noJs.close();
});

test('the initiator posts progress with a photo without JavaScript; finance sees the payment form', async () => {
  const ctx = await newContext({ javaScriptEnabled: false, bypassCSP: false });
  const page = await ctx.newPage();
  await page.goto(`${BASE}/dorpen`);
  await page.getByRole('link', { name: "'t Loo" }).click();
  const open = (await planLinks(page)).find((l) => !/klaar/.test(l.text));
  assert.ok(open, 'a plan that is not finished');
  // A picture to upload: a screenshot is a PNG.
  const png = await page.screenshot();
  await login(page, 'initiator');
  await page.goto(`${BASE}${open.href}`);
  await page.check('#stage-in_progress');
  await page.fill('#body', 'De tweede strook is ingezaaid.');
  await page.setInputFiles('#photo', { name: 'strook.png', mimeType: 'image/png', buffer: png });
  await page.fill('#photo_alt', 'De tweede strook bloemen');
  await Promise.all([page.waitForURL(/melding=voortgang/), page.click('form[action$="/voortgang"] button[type=submit]')]);
  const text = await page.locator('main').innerText();
  assert.match(text, /De voortgang is gemeld/);
  assert.match(text, /De tweede strook is ingezaaid/);
  assert.equal(await page.locator('img[alt="De tweede strook bloemen"]').count(), 1);
  await shot(page, 'voortgang-gemeld');
  await ctx.close();

  const fin = await newContext();
  const fp = await fin.newPage();
  await login(fp, 'clerk');
  await fp.goto(`${BASE}/financien/plannen`);
  await axeOk(fp, 'funded plans');
  await fp.goto(`${BASE}${open.href}`);
  assert.equal(await fp.locator('form[action$="/betalingen"]').count(), 1, 'the payment form');
  await axeOk(fp, 'plan page with the payment form');
  await fin.close();
});
