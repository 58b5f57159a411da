// The council's pages and the public audit page in a real browser: axe finds nothing on
// /audit, the dashboard, the events list and rapport.html; a resident finds their receipt
// in the log; the report keeps its style under the real Content-Security-Policy; and
// Chromium prints rapport.html to an A4 PDF of more than one page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BASE, SHOTS, browserForFile, assertAxeClean as axeClean } from './lib.mjs';

const { asRole } = browserForFile();

async function assertAxeClean(page, name) {
  await axeClean(page, name, `council-${name}`);
}

/** A receipt (controlecode) from the published ballots of the demo's counted round. */
async function aPublishedReceipt(page) {
  await page.goto(`${BASE}/rondes`);
  const hrefs = await page.locator('a[href^="/rondes/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of [...new Set(hrefs)]) {
    if (!/^\/rondes\/[^/]+$/.test(href)) continue;
    await page.goto(`${BASE}${href}`);
    const codes = page.locator('#stemmen ~ div table td code');
    if ((await codes.count()) > 0) return (await codes.first().innerText()).trim();
  }
  throw new Error('no published receipt in the demo');
}

test('the audit page is accessible and finds a real receipt, refuses a made-up one', async () => {
  await asRole('anonymous', async (page) => {
    const receipt = await aPublishedReceipt(page);
    await page.goto(`${BASE}/`);
    await page.click('footer a[href="/audit"]');
    await page.waitForURL(`${BASE}/audit`);
    assert.match(await page.locator('h1').innerText(), /Controleer het logboek/);
    assert.match(await page.locator('pre.checkpoint').first().innerText(), /\n\n\u2014 /, 'a signed checkpoint');
    await assertAxeClean(page, 'audit');

    // Typed as a resident might: lower case, without the dash.
    await page.fill('#controlecode', receipt.replace('-', '').toLowerCase());
    await Promise.all([page.waitForURL(/controlecode=/), page.click('form.lookup button[type=submit]')]);
    assert.match(await page.locator('[role=status]').first().innerText(), new RegExp(`${receipt} staat in het logboek`));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href^="/audit/bewijs"]')]);
    const proofPath = path.join(SHOTS, 'bewijs.txt');
    await download.saveAs(proofPath);
    await assertAxeClean(page, 'audit-found');

    await page.fill('#controlecode', 'ZZZZZ-ZZZZZ');
    await Promise.all([page.waitForURL(/ZZZZZ/), page.click('form.lookup button[type=submit]')]);
    assert.match(await page.locator('.error-summary').innerText(), /ZZZZZ-ZZZZZ staat niet in het logboek/);
    assert.equal(await page.inputValue('#controlecode'), 'ZZZZZ-ZZZZZ');
    await assertAxeClean(page, 'audit-not-found');
  });
});

test('the council dashboard and the events list are accessible; other roles are refused', async () => {
  await asRole('council', async (page) => {
    await page.goto(`${BASE}/raad`);
    assert.match(await page.locator('h1').innerText(), /Overzicht voor de raad/);
    assert.ok(await page.locator('figure.chart svg[role=img]').count() > 0, 'a chart');
    await assertAxeClean(page, 'dashboard');
    await page.goto(`${BASE}/raad?van=gisteren&tot=`);
    await assertAxeClean(page, 'dashboard-error');
    await page.goto(`${BASE}/raad/gebeurtenissen`);
    await page.selectOption('#soort', 'ballot.cast');
    await page.selectOption('#gebied', 't-loo');
    await Promise.all([page.waitForURL(/soort=ballot.cast/), page.click('form.filters button[type=submit]')]);
    assert.match(await page.locator('p[role=status]').innerText(), /^\d+ gebeurtenissen gevonden\./);
    await assertAxeClean(page, 'events');
  });
  await asRole('steering', async (page) => {
    const r = await page.goto(`${BASE}/raad`);
    assert.equal(r.status(), 200);
  });
  await asRole('clerk', async (page) => {
    const r = await page.goto(`${BASE}/raad`);
    assert.equal(r.status(), 403);
  });
});

test('rapport.html is accessible, styled under its own CSP, and prints to more than one A4 page', async () => {
  // bypassCSP off: the report's inline style must be allowed by the hash in its header.
  await asRole(
    'council',
    async (page) => {
      await page.goto(`${BASE}/raad/rapport`);
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector('thead th')).backgroundColor);
      assert.equal(bg, 'rgb(240, 242, 244)', 'the report style sheet applies under the CSP');
      // Nothing outside the file was requested.
      const external = await page.evaluate(() =>
        performance.getEntriesByType('resource').map((e) => e.name),
      );
      assert.deepEqual(external, [], 'rapport.html loads nothing');
    },
    { bypassCSP: false },
  );
  await asRole('council', async (page) => {
    await page.goto(`${BASE}/raad/rapport`);
    await assertAxeClean(page, 'rapport');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    writeFileSync(path.join(SHOTS, 'rapport.pdf'), pdf);
    const text = pdf.toString('latin1');
    const pages = (text.match(/\/Type\s*\/Page(?!s)/g) || []).length;
    assert.ok(pages > 1, `rapport.html should paginate, got ${pages} page(s)`);
    // A4 is 595 x 842 points (Skia writes e.g. [0 0 594.95996 841.91998]).
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.equal(boxes.length, pages, 'one MediaBox per page');
    for (const [w, h] of boxes) {
      assert.ok(Math.abs(w - 595) < 1 && Math.abs(h - 842) < 1, `A4 page, got ${w} x ${h}`);
    }
    console.log(`# rapport.pdf: ${pages} A4 pages (${pdf.length} bytes) in ${SHOTS}`);
  });
});
