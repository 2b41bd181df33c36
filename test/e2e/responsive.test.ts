// Responsive, RTL and localisation audit (issue 10), the standing check to re-run as features land.
// For every role, every route and main dialog on a 360 px phone, in vi, en and ar:
//  - no sideways scrolling, nothing sticking out of the viewport, no clipped text (the seeded long list
//    has long Vietnamese words with stacked diacritics and an unbreakable document symbol), touch
//    targets of at least 44×44 px;
//  - in en and ar, no Vietnamese text and (ar) no Latin words outside the data itself (notices, names,
//    units), and nowhere a raw catalog key: a string that bypasses the catalog shows up here.
// Arabic mirrors (rail on the right, directional icons flipped); notices do not shift as data arrives.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_UNITS } from '../../server/demo/ward.ts';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { launchBrowser } from './helpers/browser.ts';
import {
  type AppLocale,
  ROLES,
  ROLE_KEYS,
  VIEWPORTS,
  appRoutes,
  goto,
  newAppContext,
  seedLongList,
  seedTasks,
  signIn,
  switchLocale,
  waitForPage,
  settle,
} from './helpers/app.ts';
import { layoutProblems, visibleTexts } from './helpers/audit.ts';
import { closeSearch, openSearch } from './helpers/search.ts';
import { DOCUMENT_KINDS } from '../../src/model/documents/types.ts';

const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
/** Latin words allowed in the Arabic UI: the product name, file formats and programs, paper size, a key name. */
// Names that stay as they are in every language: products, file formats, keys, configuration variables.
const LATIN_OK = /\b(Docket|PDF|JPEG|PNG|WebP|HEIC|Word|Excel|CSV|A4|Enter|dev|CouchDB|DATA_DIR|COUCHDB_URL)\b/g;
const CATALOG_KEY = /^[a-z]+(\.[a-zA-Z0-9]+){1,3}$/;

/** Everything users and the directory wrote: it stays in the language it was written in. */
async function dataCorpus(server: TestServer): Promise<string[]> {
  const auth = `Basic ${Buffer.from(`${server.admin.name}:${server.admin.password}`).toString('base64')}`;
  const dbs = ['docket-org', ...DEMO_UNITS.map((u) => `docket-unit-${u.unitId}`)];
  const strings = new Set<string>([...DEMO_UNITS.map((u) => u.name), ...DEMO_ACCOUNTS.flatMap((a) => [a.displayName, a.name])]);
  for (const db of dbs) {
    const res = await fetch(`${server.url}/db/${db}/_all_docs?include_docs=true`, { headers: { Authorization: auth } });
    const body = (await res.json()) as { rows: Array<{ doc: Record<string, unknown> }> };
    // Nested too: a room's equipment is a list of what the administrator typed.
    const add = (v: unknown): void => {
      if (typeof v === 'string') {
        if (v.length > 1 && !v.startsWith('_')) strings.add(v);
      } else if (Array.isArray(v)) v.forEach(add);
      else if (v && typeof v === 'object') Object.values(v).forEach(add);
    };
    for (const { doc } of body.rows) add(doc);
  }
  // Official codes stay Vietnamese in every language: document type abbreviations, number/symbols, the Decree.
  for (const k of Object.values(DOCUMENT_KINDS)) if (k.abbr) strings.add(k.abbr);
  for (const code of ['15/QĐ-UBND', '30/2020/NĐ-CP', 'NĐ-CP']) strings.add(code);
  // Longest first, so that a name inside a title does not leave pieces behind.
  return [...strings].sort((a, b) => b.length - a.length);
}

function withoutData(text: string, corpus: string[]): string {
  // An excerpt ("…" after 240 characters) is data when a stored text starts with it.
  if (text.endsWith('…') && corpus.some((s) => s.startsWith(text.slice(0, -1).trimEnd()))) return '';
  let rest = text;
  for (const s of corpus) if (rest.includes(s)) rest = rest.split(s).join(' ');
  return rest;
}

function languageProblems(locale: AppLocale, texts: Array<{ text: string; where: string }>, corpus: string[], label: string): string[] {
  const out: string[] = [];
  for (const { text, where } of texts) {
    const rest = withoutData(text, corpus);
    if (CATALOG_KEY.test(rest.trim())) out.push(`${label}: raw catalog key "${text}" in ${where}`);
    if (locale === 'vi') continue;
    if (VIETNAMESE.test(rest)) out.push(`${label}: Vietnamese in the ${locale} UI: "${text}" (${where})`);
    // Addresses (the public schedule's URL) are not words to translate.
    if (locale === 'ar' && /[A-Za-z]{2,}/.test(rest.replace(/https?:\/\/\S+/g, '').replace(LATIN_OK, '')))
      out.push(`${label}: Latin text in the ar UI: "${text}" (${where})`);
  }
  return out;
}

/** Each state a phone user meets on a route: the page, and on /notices the main dialogs. */
async function* states(page: Page, noticeId: string, taskId: string): AsyncGenerator<string> {
  for (const route of appRoutes(noticeId, taskId)) {
    await goto(page, route.path);
    yield route.path;
  }
  await goto(page, '/notices');
  const newButton = page.locator('dk-notices-page .tools button.primary');
  if (await newButton.count()) {
    await newButton.click();
    await page.locator('dk-notice-form button[type=submit]').click();
    await page.locator('dk-notice-form .error').first().waitFor();
    yield 'notice form with errors';
    await page.keyboard.press('Escape');
  }
  await openSearch(page, 'nguyen'); // people of the directory: every role has them
  yield 'search results';
  await closeSearch(page);
  await page.locator('dk-sync-badge button').click();
  await page.locator('dk-app dialog.sync[open]').waitFor();
  yield 'sync panel';
  await page.keyboard.press('Escape');
  await page.locator('dk-user-menu .trigger').click();
  await page.locator('dk-user-menu [role=menu]').waitFor();
  yield 'account menu';
  await page.locator('dk-user-menu button[role=menuitem]').click();
  await page.locator('dk-sign-out-dialog dialog[open]').waitFor();
  yield 'sign-out dialog';
  await page.keyboard.press('Escape');
  await page.locator('dk-sign-out-dialog').waitFor({ state: 'detached' });
}

describe('responsive, RTL and localisation', () => {
  let server: TestServer;
  let browser: Browser;
  let noticeId: string;
  let taskId: string;
  let corpus: string[];
  let checked = 0;

  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    noticeId = await seedLongList(server.url, { name: ROLES.head, displayName: 'Phan Thanh Sơn', password: server.demoPassword });
    taskId = await seedTasks(server.url, { name: ROLES.head, displayName: 'Phan Thanh Sơn', password: server.demoPassword }, ROLES.staff);
    corpus = await dataCorpus(server);
  });

  after(async () => {
    console.log(`layout and language: ${checked} phone states checked`);
    await browser?.close();
    await server?.stop();
  });

  it('sign-in page on a phone, in every language', async () => {
    const layout: string[] = [];
    const language: string[] = [];
    for (const locale of ['vi', 'en', 'ar'] as const) {
      const context = await newAppContext(browser, server.url, { locale, viewport: 'phone' });
      const page = await context.newPage();
      await page.goto('/sign-in');
      await waitForPage(page);
      await page.locator('dk-sign-in-page button[type=submit]').click();
      await page.locator('dk-sign-in-page .error').first().waitFor();
      layout.push(...(await layoutProblems(page, true)).map((p) => `sign-in ${locale}: ${p}`));
      language.push(...languageProblems(locale, await visibleTexts(page), corpus, `sign-in ${locale}`));
      checked++;
      await context.close();
    }
    assert.deepEqual([...layout, ...language], []);
  });

  describe('every role', { concurrency: 2 }, () => {
    for (const role of ROLE_KEYS) {
      it(`${role} (${ROLES[role]}): 360 px in vi, en and ar — layout, touch targets, language`, async () => {
        const context = await newAppContext(browser, server.url, { viewport: 'phone' });
        const page = await context.newPage();
        await signIn(page, ROLES[role], server.demoPassword);
        await settle(page);
        const layout: string[] = [];
        const language: string[] = [];
        for (const locale of ['vi', 'en', 'ar'] as const) {
          await switchLocale(page, locale);
          for await (const state of states(page, noticeId, taskId)) {
            const label = `${role} ${locale} ${state}`;
            layout.push(...(await layoutProblems(page, true)).map((p) => `${label}: ${p}`));
            const texts = await visibleTexts(page);
            texts.push({ text: await page.title(), where: 'document.title' });
            language.push(...languageProblems(locale, texts, corpus, label));
            checked++;
          }
        }
        await context.close();
        assert.deepEqual([...new Set([...layout, ...language])], []);
      });
    }
  });

  it('large text (150 %) on a phone still needs no sideways scrolling', async () => {
    const context = await newAppContext(browser, server.url, { viewport: 'phone' });
    const page = await context.newPage();
    await signIn(page, ROLES.head, server.demoPassword);
    const problems: string[] = [];
    for (const locale of ['vi', 'ar'] as const) {
      await switchLocale(page, locale);
      await page.evaluate(() => (document.documentElement.style.fontSize = '150%'));
      for (const route of appRoutes(noticeId, taskId)) {
        await goto(page, route.path);
        problems.push(...(await layoutProblems(page, false)).map((p) => `${locale} ${route.path}: ${p}`));
      }
    }
    await context.close();
    assert.deepEqual([...new Set(problems)], []);
  });

  it('Arabic mirrors the layout: rail on the right, back arrow flipped, text from the right', async () => {
    const context = await newAppContext(browser, server.url, { locale: 'ar' });
    const page = await context.newPage();
    await signIn(page, ROLES.staff, server.demoPassword);
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    const nav = await page.locator('dk-app nav').boundingBox();
    const main = await page.locator('dk-app main').boundingBox();
    assert.ok(nav && main && nav.x > main.x, 'the navigation rail is on the right');
    const current = await page.locator('dk-app nav a[aria-current=page]').evaluate((a) => getComputedStyle(a).boxShadow);
    assert.match(current, /-3px 0px 0px 0px inset/, 'the current-page marker is on the inline start (right) edge');

    await goto(page, `/notices/${encodeURIComponent(noticeId)}`);
    const back = page.locator('dk-notice-detail a.back');
    const transform = await back.locator('svg').evaluate((svg) => getComputedStyle(svg).transform);
    assert.equal(transform, 'matrix(-1, 0, 0, 1, 0, 0)', 'the back chevron points right in Arabic');
    const h1 = await page.locator('dk-notice-detail h1').boundingBox();
    const article = await page.locator('dk-notice-detail article').boundingBox();
    assert.ok(h1 && article && article.x + article.width - (h1.x + h1.width) < 40, 'the title starts at the right');

    await page.setViewportSize(VIEWPORTS.phone);
    await goto(page, '/notices');
    const first = await page.locator('dk-app nav li:not(.desktop-only)').first().boundingBox();
    const last = await page.locator('dk-app nav li:not(.desktop-only)').last().boundingBox();
    assert.ok(first && last && first.x > last.x, 'the bottom bar starts on the right');
    await context.close();
  });

  it('the notices list does not shift when its data arrives (CLS < 0.1)', async () => {
    const context = await newAppContext(browser, server.url);
    await context.addInitScript(() => {
      const w = window as unknown as { __cls: number };
      w.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
          if (!e.hadRecentInput) w.__cls += e.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const page = await context.newPage();
    await signIn(page, ROLES.head, server.demoPassword);
    await settle(page);
    for (const viewport of ['desktop', 'phone'] as const) {
      await page.setViewportSize(VIEWPORTS[viewport]);
      await page.reload();
      await waitForPage(page);
      await page.waitForTimeout(1000);
      const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
      assert.ok(cls < 0.1, `${viewport}: cumulative layout shift ${cls.toFixed(3)}`);
    }
    await context.close();
  });
});
