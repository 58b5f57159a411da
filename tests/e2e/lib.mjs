// Shared helpers for the end-to-end specs. run.sh starts one demo server and passes its
// address and the demo logins in the environment; every spec file talks to that server.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export const BASE = (process.env.E2E_BASE_URL || '').replace(/\/$/, '');
if (!BASE) {
  throw new Error('E2E_BASE_URL is not set: run the specs through tests/e2e/run.sh');
}

export const USERS = {
  admin: { email: process.env.E2E_ADMIN_EMAIL, password: process.env.E2E_ADMIN_PASSWORD },
  clerk: { email: process.env.E2E_CLERK_EMAIL, password: process.env.E2E_CLERK_PASSWORD },
  approver: { email: process.env.E2E_APPROVER_EMAIL, password: process.env.E2E_APPROVER_PASSWORD },
  coordinator: { email: process.env.E2E_COORDINATOR_EMAIL, password: process.env.E2E_COORDINATOR_PASSWORD },
  initiator: { email: process.env.E2E_INITIATOR_EMAIL, password: process.env.E2E_INITIATOR_PASSWORD },
  council: { email: process.env.E2E_COUNCIL_EMAIL, password: process.env.E2E_COUNCIL_PASSWORD },
  steering: { email: process.env.E2E_STEERING_EMAIL, password: process.env.E2E_STEERING_PASSWORD },
};

/** Unused 't Loo voting codes printed by the demo; each spec that votes takes its own. */
export const VOTING_CODES = (process.env.E2E_VOTING_CODES || '').split(',').filter(Boolean);

export const SHOTS = process.env.E2E_SHOTS || '/tmp/e2e-shots';
mkdirSync(SHOTS, { recursive: true });

export const AXE_PATH = require.resolve('axe-core/axe.min.js');

const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with the flags this machine needs (no background
 * networking: the network is closed and Chromium would keep retrying). playwright-core
 * gives every launch() a fresh, empty --user-data-dir of its own and removes it on close
 * (passing --user-data-dir in args is refused by Playwright).
 */
export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A new browser context. bypassCSP is on by default: the app's Content-Security-Policy
 * forbids every script that is not served by the app itself ("script-src 'self'", no
 * inline script), and page.addScriptTag() injects axe-core as an inline <script> element,
 * which the CSP would block. Bypassing the CSP changes nothing about how the pages render
 * (they carry no scripts at all); the no-JavaScript spec turns it off again.
 */
export async function newContext(browser, opts = {}) {
  return browser.newContext({
    bypassCSP: true,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1280, height: 900 },
    ...opts,
  });
}

/**
 * One browser for the spec file: launched before its tests, closed after them. Returns
 * `context(opts)` (a new context in it, options as `newContext`) and `asRole(role, fn,
 * opts)` (a fresh context signed in as `role`, or 'anonymous'; runs `fn(page)`, then
 * closes the context).
 */
export function browserForFile() {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  const context = (opts = {}) => newContext(browser, opts);
  const asRole = async (role, fn, opts = {}) => {
    const ctx = await context(opts);
    const page = await ctx.newPage();
    try {
      if (role !== 'anonymous') await login(page, role);
      await fn(page);
    } finally {
      await ctx.close();
    }
  };
  return { context, asRole };
}

/** Log in through the real form (mouse-free but not keyboard-only; see keyboard spec). */
export async function login(page, who) {
  const u = USERS[who];
  if (!u || !u.email) throw new Error(`no login for ${who} in the environment`);
  await page.goto(`${BASE}/inloggen`);
  await page.fill('#email', u.email);
  await page.fill('#password', u.password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/inloggen')), page.click('form.stack button[type=submit]')]);
}

/** Run axe-core on the current page; returns the violations of impact serious or critical. */
export async function axe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
  });
  return result.violations;
}

export function serious(violations) {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = new Set(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);

/** The findings a page may not have: impact serious or critical, or any WCAG A/AA finding. */
export function blocking(violations) {
  return violations.filter((v) => serious([v]).length > 0 || v.tags.some((t) => WCAG_TAGS.has(t)));
}

/**
 * A full-page screenshot `shotName`, then axe: fails on a blocking finding. Returns the
 * other findings (best practice of impact minor or moderate) for the caller to show.
 */
export async function assertAxeClean(page, name, shotName = name) {
  await shot(page, shotName);
  const violations = await axe(page);
  const bad = blocking(violations);
  assert.equal(bad.length, 0, `axe on ${name} (${page.url()}):\n${formatViolations(bad)}`);
  return violations.filter((v) => !bad.includes(v));
}

/** axe finds nothing of impact serious or critical on the page (no screenshot). */
export async function assertNoSerious(page, name) {
  const bad = serious(await axe(page));
  assert.deepEqual(bad, [], `${name}:\n${formatViolations(bad)}`);
}

/** A readable list of axe violations: rule, impact, help, and the offending nodes. */
export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 6)
        .map((n) => `      - ${n.target.join(' ')}\n        ${(n.failureSummary || '').replace(/\n/g, '\n        ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.tags.filter((t) => t.startsWith('wcag')).join(', ')})\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The text of a pool's "Saldo" fact on its page, e.g. "€ 12.000,00". */
export async function poolBalance(page, slug) {
  await page.goto(`${BASE}/financien/potten/${slug}`);
  return page.locator('dl.facts dt:text-is("Saldo") + dd').innerText();
}

/** "€ 1.234,56" (NBSP or space) -> 123456 cents. */
export function cents(text) {
  const m = text.replace(/\u00a0/g, ' ').match(/€\s*(-?)([\d.]+),(\d\d)/);
  if (!m) throw new Error(`no amount in ${JSON.stringify(text)}`);
  const v = Number(m[2].replace(/\./g, '')) * 100 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

export function unique(prefix) {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

// --- languages, catalogues and artefacts (journeys.test.mjs) ---------------------------

const HERE = path.dirname(new URL(import.meta.url).pathname);

/** Where the journeys save their screenshots: tests/e2e/artifacts (run.sh makes it). */
export const ARTIFACTS = process.env.E2E_ARTIFACTS || path.join(HERE, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/** Full-page screenshot into ARTIFACTS as NAME.png. */
export async function artifact(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * The messages of locales/<lang>/*.ftl as a Map key -> value (attributes as key.attr).
 * Only what these tests need of Fluent: `key = value`, indented continuation lines,
 * `.attr = value`, comments.
 */
export function catalogue(lang) {
  const dir = path.join(HERE, '..', '..', 'locales', lang);
  const messages = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ftl')).sort()) {
    let key = null;
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const msg = line.match(/^([A-Za-z][\w-]*)\s*=\s?(.*)$/);
      const attr = line.match(/^\s+\.([\w-]+)\s*=\s?(.*)$/);
      if (msg) {
        key = msg[1];
        messages.set(key, msg[2]);
      } else if (attr && key) {
        const base = key.split('.')[0];
        key = `${base}.${attr[1]}`;
        messages.set(key, attr[2]);
      } else if (/^\s+\S/.test(line) && key) {
        messages.set(key, `${messages.get(key)} ${line.trim()}`);
      } else if (/^\S/.test(line)) {
        key = null;
      }
    }
  }
  return messages;
}

/** The literal pieces of a Fluent value: placeables, selectors and variant keys removed. */
export function literalPieces(value) {
  const SEP = '\u241f';
  let v = value.replace(/\{\s*\$[\w-]+\s*->/g, SEP).replace(/\*?\[[^\]]+\]/g, SEP);
  let before;
  do {
    before = v;
    v = v.replace(/\{[^{}]*\}/g, SEP);
  } while (v !== before);
  return v
    .replace(/[{}]/g, SEP)
    .split(SEP)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/**
 * Dutch sentences that must not show on an English page: the literal pieces (at least 12
 * characters) of every nl message whose English text differs, leaving out pieces that
 * also occur in the English catalogue (names, "CSV", shared terms).
 */
export function dutchSentences() {
  const nl = catalogue('nl');
  const en = catalogue('en');
  const english = [...en.values()].join('\n');
  const found = new Map();
  for (const [key, value] of nl) {
    if (en.get(key) === value) continue;
    for (const piece of literalPieces(value)) {
      if (piece.length >= 12 && !english.includes(piece) && !found.has(piece)) found.set(piece, key);
    }
  }
  return found;
}

/** The nl catalogue sentences visible on the page: [{ key, sentence }]. */
export async function dutchOnPage(page, sentences) {
  const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
  const hits = [];
  for (const [sentence, key] of sentences) {
    if (text.includes(sentence)) hits.push({ key, sentence });
  }
  return hits;
}

/**
 * Choose the language as a visitor does: the header link to the other language (works
 * without JavaScript). Dutch is the default, so 'nl' only checks the page.
 */
export async function chooseLanguage(page, lang) {
  await page.goto(`${BASE}/`);
  if ((await page.locator('html').getAttribute('lang')) !== lang) {
    await Promise.all([page.waitForEvent('load'), page.locator(`header a[hreflang="${lang}"]`).click()]);
  }
  const now = await page.locator('html').getAttribute('lang');
  if (now !== lang) throw new Error(`the language link did not switch to ${lang} (html lang="${now}")`);
}
