// Each role's start page and main journey, in Dutch and in English, at 375 px (a phone)
// and 1280 px (a desk), with and without JavaScript: 8 roles x 2 languages x 2 widths x
// 2 = 64 runs, one browser context each in one shared browser. In every run the visitor
// chooses the language with the header link, signs in (or types a voting code), lands on
// the role's start page, finds the first task link there and follows it, and walks one or
// two steps more. On every page: <html lang> is the chosen language, axe-core finds nothing
// serious or critical, and in English no Dutch sentence of the nl catalogue is visible
// (all of a run's pages are walked before that fails, so the message lists every page and
// sentence; the file ends with a summary of all leaks). Every page is saved as
// tests/e2e/artifacts/<lang>-<width>-<js|nojs>-<role>-<step>.png.
//
// Without JavaScript axe cannot run in the page, so the HTML that page received is shown
// to axe in a second, JavaScript-enabled context of the same size (same markup, same
// style sheets): the page the visitor without JavaScript saw is the one checked.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE,
  VOTING_CODES,
  launch,
  newContext,
  login,
  axe,
  serious,
  formatViolations,
  artifact,
  dutchSentences,
  dutchOnPage,
  chooseLanguage,
  ARTIFACTS,
} from './lib.mjs';

const LANGS = ['nl', 'en'];
const WIDTHS = [375, 1280];
const SCRIPTS = ['js', 'nojs'];
const SENTENCES = dutchSentences();
/** Every leak seen in this file, for the summary at the end: "page -> sentences". */
const LEAKS = new Map();

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (LEAKS.size) {
    const lines = [...LEAKS].map(([pagePath, sentences]) => `  ${pagePath}\n${[...sentences].map((s) => `      "${s}"`).join('\n')}`);
    console.log(`# English pages still partly in Dutch (issue #10), ${LEAKS.size} in all:\n${lines.join('\n')}`);
  }
  console.log(`# journey screenshots in ${ARTIFACTS}`);
});

/** A link inside <main> (or the header menu) by its address; fails when missing. */
async function href(page, selector, what) {
  const link = page.locator(selector).first();
  assert.ok((await link.count()) > 0, `${what}: no link ${selector} on ${page.url()}`);
  return link.getAttribute('href');
}

/** Follow a link as a visitor does (a click), with or without JavaScript. */
async function follow(page, selector, what) {
  const target = await href(page, selector, what);
  if (!(await page.locator(selector).first().isVisible())) {
    // On a phone the menu is folded into a <details>: open it first, as a visitor does.
    const menu = page.locator('header.site details.menu summary');
    if (await menu.isVisible()) await menu.click();
  }
  // The menu's link exists twice (wide menu and phone menu): the one on screen.
  const link = page.locator(`${selector} >> visible=true`).first();
  const from = page.url();
  await Promise.all([page.waitForURL((u) => u.href !== from), link.click()]);
  return target;
}

/**
 * The journeys. `start` signs in (or enters a code) and must land on `landing`; `task` is
 * the first task link on the start page, which must be there and lead to a page that
 * passes `taskCheck`; `steps` are the further steps (a selector to follow and a check).
 */
const ROLES = {
  resident: {
    start: async (page) => {
      // The resident's way in: the code from the letter, from the start page's button.
      await follow(page, 'main a[href^="/stemmen"]', 'start page');
      assert.ok(VOTING_CODES.length > 0, 'the demo printed voting codes');
      // Only read with the code (no ballot is cast), so the other specs can still use it.
      await page.locator('#code').fill(VOTING_CODES[VOTING_CODES.length - 1]);
      await Promise.all([page.waitForURL((u) => u.pathname !== '/stemmen'), page.locator('main form button[type=submit]').click()]);
    },
    landing: /^\/stemmen\/t-loo$/,
    task: 'main a[href^="/stemmen/t-loo/rondes/"]',
    taskCheck: async (page) => {
      assert.match(new URL(page.url()).pathname, /^\/stemmen\/t-loo\/rondes\/[0-9a-f-]{36}$/);
      assert.ok((await page.locator('input[type=checkbox][name=keuze]').count()) > 0, 'the ballot has plans to tick');
    },
    taskName: 'ballot',
    steps: [
      {
        name: 'village',
        go: async (page) => page.goto(`${BASE}/dorpen/t-loo`),
        check: async (page) => assert.match(await page.locator('h1').innerText(), /'t Loo/),
      },
    ],
  },
  initiator: {
    who: 'initiator',
    landing: /^\/$/,
    startCheck: async (page) => {
      assert.equal(await page.locator('main section[aria-labelledby="todo-plans"] a[href^="/plannen/"]').count() > 0, true, 'My plans lists the plans');
    },
    task: 'main a[href$="#plan-indienen"]',
    taskCheck: async (page) => {
      assert.match(new URL(page.url()).pathname, /^\/rondes\/[0-9a-f-]{36}$/);
      assert.equal(await page.locator('#plan-indienen').count(), 1, 'the round page has the plan form');
    },
    taskName: 'submit-plan',
    steps: [
      {
        name: 'my-plan',
        go: async (page) => {
          await page.goto(`${BASE}/`);
          await follow(page, 'main section[aria-labelledby="todo-plans"] a[href^="/plannen/"]', 'my plans');
        },
        check: async (page) => assert.match(new URL(page.url()).pathname, /^\/plannen\/[0-9a-f-]{36}$/),
      },
    ],
  },
  coordinator: {
    who: 'coordinator',
    landing: /^\/$/,
    task: 'main section[aria-labelledby="todo-coord"] a[href^="/rondes/"]',
    taskCheck: async (page) => assert.match(new URL(page.url()).pathname, /^\/rondes\/[0-9a-f-]{36}$/),
    taskName: 'round',
    steps: [
      {
        name: 'my-areas',
        go: async (page) => follow(page, 'header.site a[href="/gebieden"]', 'menu'),
        check: async (page) => assert.equal(new URL(page.url()).pathname, '/gebieden'),
      },
    ],
  },
  clerk: {
    who: 'clerk',
    landing: /^\/financien\/overboekingen$/,
    task: 'main a[href^="/financien/overboekingen/"]:not([href$=".csv"])',
    taskCheck: async (page) => assert.match(new URL(page.url()).pathname, /^\/financien\/overboekingen\/[0-9a-f-]{36}$/),
    taskName: 'transfer',
    steps: [
      {
        name: 'new-transfer',
        go: async (page) => follow(page, 'header.site a[href="/financien/overboekingen/nieuw"]', 'menu'),
        check: async (page) => assert.equal(await page.locator('main form #amount').count(), 1, 'the new-transfer form'),
      },
    ],
  },
  approver: {
    who: 'approver',
    landing: /^\/financien\/goedkeuren$/,
    task: 'main a[href^="/financien/overboekingen/"]',
    taskCheck: async (page) => assert.equal(await page.locator('form[action$="/beoordelen"]').count(), 1, 'the transfer can be decided'),
    taskName: 'transfer',
    steps: [],
  },
  council: {
    who: 'council',
    landing: /^\/raad$/,
    task: 'main a[href="/raad/gebeurtenissen"]',
    taskCheck: async (page) => assert.equal(new URL(page.url()).pathname, '/raad/gebeurtenissen'),
    taskName: 'events',
    steps: [],
  },
  steering: {
    who: 'steering',
    landing: /^\/$/,
    startCheck: async (page) => {
      assert.equal(await page.locator('main section[aria-labelledby="todo-objections"]').count(), 1, 'the objections waiting for a decision');
    },
    task: 'main a[href="/raad"]',
    taskCheck: async (page) => assert.equal(new URL(page.url()).pathname, '/raad'),
    taskName: 'dashboard',
    steps: [
      {
        name: 'objections',
        go: async (page) => follow(page, 'header.site a[href="/stuurgroep/bezwaren"]', 'menu'),
        check: async (page) => assert.equal(new URL(page.url()).pathname, '/stuurgroep/bezwaren'),
      },
    ],
  },
  admin: {
    who: 'admin',
    landing: /^\/beheer\/gebruikers$/,
    startCheck: async (page) => {
      assert.equal(await page.locator('main form select#role, main form select[name=role]').count() > 0, true, 'the new-account form');
    },
    task: 'main a[href="/beheer/gebruikers.csv"]',
    download: true,
    taskName: 'users-csv',
    steps: [
      {
        name: 'voting-codes',
        go: async (page) => follow(page, 'header.site a[href="/beheer/stemcodes"]', 'menu'),
        check: async (page) => assert.equal(new URL(page.url()).pathname, '/beheer/stemcodes'),
      },
    ],
  },
};

/**
 * Pages whose every text comes from the catalogue, whoever looks (the same pages as
 * tests/it/i18n.rs): a Dutch sentence on one of these in English fails the run. The other
 * pages are still being translated (issue #10): their Dutch sentences are listed in the
 * summary at the end of the file, so what is left is visible in every run.
 */
const TRANSLATED = [
  /^\/$/,
  /^\/privacy$/,
  /^\/toegankelijkheid$/,
  /^\/dorpen(\/[^/]+)?$/,
  /^\/plannen\/[^/]+$/,
  /^\/inloggen(\/code)?$/,
  /^\/registreren$/,
  /^\/account(\/tweede-stap|\/wachtwoord)?$/,
  /^\/beheer(\/gebruikers)?$/,
  /^\/beheer\/rollen\/[^/]+\/intrekken$/,
  /^\/beheer\/gebruikers\/[^/]+\/(blokkeren|deblokkeren)$/,
  /^\/gebieden(\/[^/]+\/instellingen)?$/,
  /^\/raad(\/gebeurtenissen|\/rapport)?$/,
  /^\/audit$/,
  /^\/financien\/overboekingen(\/nieuw|\/[0-9a-f-]{36})?$/,
  /^\/financien(\/begroting|\/potten|\/goedkeuren|\/import|\/begrotingsposten\/[^/]+)?$/,
  /^\/stuurgroep\/bezwaren(\/[^/]+)?$/,
  /^\/rondes\/[^/]+\/plannen\/[^/]+\/beoordeling$/,
  /^\/gebieden\/[^/]+\/(beoordeling|bezwaartermijn)$/,
  /^\/(plannen|rondes)\/[^/]+\/bezwaar$/,
  /^\/rondes(\/[^/]+)?$/,
  /^\/rondes\/pot\/[^/]+$/,
  /^\/beheer\/stemcodes$/,
];

/** The checks of every page: language, axe, Dutch leaks (collected), screenshot. */
async function visit(run, page, step) {
  const where = `${run.name} ${step} (${new URL(page.url()).pathname})`;
  assert.equal(await page.locator('html').getAttribute('lang'), run.lang, `${where}: <html lang>`);
  await artifact(page, `${run.name}-${step}`);
  if (run.lang === 'en') {
    const hits = await dutchOnPage(page, SENTENCES);
    if (hits.length) {
      const p = new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/g, '{id}');
      const seen = LEAKS.get(p) || new Set();
      for (const h of hits) seen.add(`${h.sentence}  [${h.key}]`);
      LEAKS.set(p, seen);
      const path = new URL(page.url()).pathname;
      if (TRANSLATED.some((re) => re.test(path))) run.leaks.push(`${where}:\n${hits.map((h) => `    "${h.sentence}" (${h.key})`).join('\n')}`);
    }
  }
  let violations;
  if (run.js === 'js') {
    violations = await axe(page);
  } else {
    // The markup the no-JavaScript page received, shown to axe in a JavaScript context.
    const html = await page.content();
    const url = page.url().split('#')[0];
    await run.axePage.route((u) => u.href.split('#')[0] === url, (r) =>
      r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await run.axePage.goto(url);
    violations = await axe(run.axePage);
    await run.axePage.unrouteAll();
  }
  const bad = serious(violations);
  assert.equal(bad.length, 0, `axe on ${where}:\n${formatViolations(bad)}`);
}

// Four runs at a time: most of a run is waiting for the server (a debug build hashing
// passwords) or for Chromium, so this roughly halves the file's time on two cores.
describe('journeys', { concurrency: 4 }, () => {
  for (const [role, journey] of Object.entries(ROLES)) {
      for (const lang of LANGS) {
        for (const width of WIDTHS) {
          for (const js of SCRIPTS) {
            const name = `${lang}-${width}-${js}-${role}`;
            test(name, async () => {
              const viewport = { width, height: 900 };
              const context = await newContext(browser, {
                viewport,
                javaScriptEnabled: js === 'js',
                // Without JavaScript nothing is injected: the page runs under its own CSP.
                bypassCSP: js === 'js',
                locale: lang === 'en' ? 'en-GB' : 'nl-NL',
              });
              const axeContext = js === 'nojs' ? await newContext(browser, { viewport }) : null;
              const run = { name, lang, js, leaks: [], axePage: axeContext ? await axeContext.newPage() : null };
              try {
                const page = await context.newPage();
                await chooseLanguage(page, lang);
                if (journey.who) {
                  await login(page, journey.who);
                } else {
                  await journey.start(page);
                }
                const landed = new URL(page.url()).pathname;
                assert.match(landed, journey.landing, `${name}: landed on ${page.url()}`);
                if (journey.startCheck) await journey.startCheck(page);
                await visit(run, page, 'start');

                // The first task link on the start page is there and works.
                if (journey.download) {
                  const target = await href(page, journey.task, `${name} start page`);
                  const r = await page.request.get(`${BASE}${target}`);
                  assert.equal(r.status(), 200, `${target}`);
                  assert.match(r.headers()['content-type'], /text\/csv/);
                } else {
                  await follow(page, journey.task, `${name} start page`);
                  await journey.taskCheck(page);
                  await visit(run, page, journey.taskName);
                }
                for (const step of journey.steps) {
                  await step.go(page);
                  await step.check(page);
                  await visit(run, page, step.name);
                }
                assert.equal(run.leaks.length, 0, `Dutch text on English pages:\n${run.leaks.join('\n')}`);
              } finally {
                await context.close();
                await axeContext?.close();
              }
            });
          }
        }
      }
  }
});
