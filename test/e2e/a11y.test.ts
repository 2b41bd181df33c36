// Accessibility audit (issue 10), the standing check to re-run as features land: axe-core on every
// route and main dialog for every role, at phone and desktop sizes, in Vietnamese and in Arabic (RTL),
// with zero serious or critical violations; and the keyboard, with real key presses: every control
// reachable with a visible focus, dialogs that trap and restore focus, lists operable without a mouse.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { launchBrowser } from './helpers/browser.ts';
import {
  ROLES,
  ROLE_KEYS,
  VIEWPORTS,
  type ViewportKey,
  appRoutes,
  goto,
  newAppContext,
  produceRejectedNotice,
  seedLongList,
  seedTasks,
  signIn,
  switchLocale,
  waitForPage,
  settle,
  waitForSyncState,
} from './helpers/app.ts';
import { axeViolations, focusInfo, focusedKbd, markFocusables } from './helpers/audit.ts';
import { closeSearch, openSearch } from './helpers/search.ts';

const AUDIT_LOCALES = ['vi', 'ar'] as const;
const viewports = Object.keys(VIEWPORTS) as ViewportKey[];

/** Opens the main dialogs one after the other and audits each. */
async function auditDialogs(page: Page, label: string): Promise<string[]> {
  const out: string[] = [];
  await goto(page, '/notices');
  const newButton = page.locator('dk-notices-page .tools button.primary');
  if (await newButton.count()) {
    await newButton.click();
    await page.locator('dk-notice-form button[type=submit]').click();
    await page.locator('dk-notice-form .error').first().waitFor();
    out.push(...(await axeViolations(page, `${label} notice form with errors`, ['dk-app', 'dk-notices-page', 'dialog'])));
    await page.keyboard.press('Escape');
  }
  // People of the directory: every role has them (the seeded notices are one unit's).
  await openSearch(page, 'nguyen');
  out.push(...(await axeViolations(page, `${label} search results`, ['dk-app', 'dk-search-box'])));
  await closeSearch(page);
  await page.locator('dk-sync-badge button').click();
  await page.locator('dk-app dialog.sync[open]').waitFor();
  out.push(...(await axeViolations(page, `${label} sync panel`, ['dk-app', 'dialog.sync'])));
  await page.keyboard.press('Escape');
  await page.locator('dk-user-menu .trigger').click();
  await page.locator('dk-user-menu [role=menu]').waitFor();
  out.push(...(await axeViolations(page, `${label} account menu`, ['dk-app', 'dk-user-menu'])));
  await page.locator('dk-user-menu button[role=menuitem]').click();
  await page.locator('dk-sign-out-dialog dialog[open]').waitFor();
  out.push(...(await axeViolations(page, `${label} sign-out dialog`, ['dk-app', 'dk-sign-out-dialog', 'dialog'])));
  await page.keyboard.press('Escape');
  await page.locator('dk-sign-out-dialog').waitFor({ state: 'detached' });
  return out;
}

describe('accessibility audit', () => {
  let server: TestServer;
  let browser: Browser;
  let noticeId: string;
  let taskId: string;
  let checked = 0;

  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    noticeId = await seedLongList(server.url, { name: ROLES.head, displayName: 'Phan Thanh Sơn', password: server.demoPassword });
    taskId = await seedTasks(server.url, { name: ROLES.head, displayName: 'Phan Thanh Sơn', password: server.demoPassword }, ROLES.staff);
  });

  after(async () => {
    console.log(`axe: ${checked} page states audited`);
    await browser?.close();
    await server?.stop();
  });

  it('sign-in page: no serious or critical violations (vi, ar; phone, desktop; with errors)', async () => {
    const failures: string[] = [];
    for (const locale of AUDIT_LOCALES) {
      const context = await newAppContext(browser, server.url, { locale });
      const page = await context.newPage();
      await page.goto('/sign-in');
      await waitForPage(page);
      for (const viewport of viewports) {
        await page.setViewportSize(VIEWPORTS[viewport]);
        failures.push(...(await axeViolations(page, `sign-in ${locale} ${viewport}`)));
        await page.locator('dk-sign-in-page button[type=submit]').click();
        await page.locator('dk-sign-in-page .error').first().waitFor();
        failures.push(...(await axeViolations(page, `sign-in errors ${locale} ${viewport}`)));
        checked += 2;
      }
      await context.close();
    }
    assert.deepEqual(failures, []);
  });

  describe('every role', { concurrency: 2 }, () => {
    for (const role of ROLE_KEYS) {
      it(`${role} (${ROLES[role]}): every route and dialog, vi and ar, phone and desktop`, async () => {
        const context = await newAppContext(browser, server.url);
        const page = await context.newPage();
        await signIn(page, ROLES[role], server.demoPassword);
        await settle(page);
        const failures: string[] = [];
        for (const locale of AUDIT_LOCALES) {
          await switchLocale(page, locale);
          for (const viewport of viewports) {
            await page.setViewportSize(VIEWPORTS[viewport]);
            for (const route of appRoutes(noticeId, taskId)) {
              await goto(page, route.path);
              failures.push(...(await axeViolations(page, `${role} ${locale} ${viewport} ${route.path}`)));
              checked++;
            }
            failures.push(...(await auditDialogs(page, `${role} ${locale} ${viewport}`)));
            checked += 5;
          }
        }
        await context.close();
        assert.deepEqual(failures, []);
      });
    }
  });

  it('sync panel listing a document the server refused, and offline', async () => {
    const context = await newAppContext(browser, server.url);
    const page = await context.newPage();
    await signIn(page, 'khoa.ly', server.demoPassword);
    await settle(page);
    await produceRejectedNotice(page, context, 'Thông báo toàn phường không được phép');
    const failures: string[] = [];
    for (const locale of AUDIT_LOCALES) {
      await switchLocale(page, locale);
      await page.locator('dk-sync-badge button').click();
      await page.locator('dk-sync-panel li.rejected').waitFor();
      failures.push(...(await axeViolations(page, `refused document ${locale}`)));
      await page.keyboard.press('Escape');
      await context.setOffline(true);
      await waitForSyncState(page, 'offline');
      failures.push(...(await axeViolations(page, `offline ${locale}`)));
      await context.setOffline(false);
      checked += 2;
    }
    await context.close();
    assert.deepEqual(failures, []);
  });

  describe('keyboard', () => {
    let page: Page;

    before(async () => {
      const context = await newAppContext(browser, server.url);
      page = await context.newPage();
      await signIn(page, ROLES.head, server.demoPassword);
      await settle(page);
    });

    after(async () => page?.context().close());

    for (const viewport of viewports) {
      it(`${viewport}: Tab reaches every control of every route, each with a visible focus`, async () => {
        await page.setViewportSize(VIEWPORTS[viewport]);
        const problems: string[] = [];
        for (const route of appRoutes(noticeId, taskId)) {
          await goto(page, route.path);
          const focusables = await markFocusables(page);
          const reached = new Set<string>();
          // Start from the top of the document, as after a page load.
          await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          // A date input takes three Tab stops (day, month, year): leave room for them.
          for (let i = 0; i < focusables.length * 2 + 5; i++) {
            await page.keyboard.press('Tab');
            const kbd = await focusedKbd(page);
            if (kbd === null) continue;
            reached.add(kbd);
            const info = await focusInfo(page);
            if (info && !info.visible) problems.push(`${route.path}: no visible focus on ${info.path}`);
          }
          focusables.forEach((desc, i) => {
            if (!reached.has(String(i))) problems.push(`${route.path}: Tab never reaches ${desc}`);
          });
        }
        assert.deepEqual([...new Set(problems)], []);
      });
    }

    it('the skip link is the first stop and moves focus to the main content', async () => {
      await page.setViewportSize(VIEWPORTS.desktop);
      await page.goto('/notices');
      await waitForPage(page);
      await page.keyboard.press('Tab');
      const skip = await focusInfo(page);
      assert.match(skip?.path ?? '', /button.*Chuyển đến nội dung chính/);
      const box = await page.locator('dk-app .skip').boundingBox();
      assert.ok(box && box.y >= 0, 'the focused skip link is on screen');
      await page.keyboard.press('Enter');
      assert.match((await focusInfo(page))?.path ?? '', /main#main/);
    });

    async function assertTrapped(what: string, presses: number): Promise<void> {
      for (let i = 0; i < presses; i++) {
        await page.keyboard.press(i % 4 === 3 ? 'Shift+Tab' : 'Tab');
        const info = await focusInfo(page);
        assert.ok(info?.inDialog, `${what}: focus left the dialog after ${i + 1} presses (${info?.path ?? 'body'})`);
      }
    }

    it('the new-notice dialog opens with Enter, traps focus, closes with Escape and restores focus', async () => {
      await goto(page, '/notices');
      await page.locator('dk-notices-page .tools button.primary').focus();
      await page.keyboard.press('Enter');
      await page.locator('dk-notices-page dialog[open]').waitFor();
      assert.ok((await focusInfo(page))?.inDialog, 'focus moves into the dialog');
      await assertTrapped('new notice', 24);
      await page.keyboard.press('Escape');
      await page.locator('dk-notices-page dialog[open]').waitFor({ state: 'detached' });
      assert.match((await focusInfo(page))?.path ?? '', /button.*Thông báo mới/);
    });

    it('the sync panel opens from the badge with Space, traps focus and gives it back', async () => {
      await page.locator('dk-sync-badge button').focus();
      await page.keyboard.press('Space');
      await page.locator('dk-app dialog.sync[open]').waitFor();
      await assertTrapped('sync panel', 10);
      await page.keyboard.press('Escape');
      assert.match((await focusInfo(page))?.path ?? '', /dk-sync-badge/);
    });

    it('the account menu works with arrows and Escape; the sign-out dialog traps and restores focus', async () => {
      await page.locator('dk-user-menu .trigger').focus();
      await page.keyboard.press('ArrowDown');
      assert.match((await focusInfo(page))?.path ?? '', /a.*Tài khoản và cài đặt/);
      await page.keyboard.press('ArrowDown');
      assert.match((await focusInfo(page))?.path ?? '', /button.*Đăng xuất/);
      await page.keyboard.press('Escape');
      assert.match((await focusInfo(page))?.path ?? '', /dk-user-menu > button/);
      await page.keyboard.press('Enter');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.locator('dk-sign-out-dialog dialog[open]').waitFor();
      assert.match((await focusInfo(page))?.path ?? '', /Hủy/, 'Cancel has focus first');
      await assertTrapped('sign-out', 8);
      await page.keyboard.press('Escape');
      await page.locator('dk-sign-out-dialog').waitFor({ state: 'detached' });
      assert.match((await focusInfo(page))?.path ?? '', /dk-user-menu > button/);
    });

    it('the notice list is operable without a mouse: open a notice with Enter, go back with Enter', async () => {
      await goto(page, '/notices');
      await page.locator('dk-notices-page .tools button.primary').focus();
      await page.keyboard.press('Tab');
      const first = await focusInfo(page);
      assert.match(first?.path ?? '', /li > a/, 'Tab moves from "new notice" into the list');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/notices\/notice/);
      await waitForPage(page);
      await page.keyboard.press('Tab');
      assert.match((await focusInfo(page))?.path ?? '', /a.*Tất cả thông báo/, 'the back link comes first after the page changes');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/notices$/);
      await waitForPage(page);
    });
  });
});
