// Captures the main screens at phone (360×780) and desktop (1366×768) sizes in vi, en and ar against
// a running server: `npm run screenshots -- [baseURL]` (default http://127.0.0.1:8080, demo ward).
// Output: screenshots/<locale>/<viewport>/<screen>.png (ignored by git). Issue 10 grows this into
// the full gallery with every role and route.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/helpers/browser.ts';

const baseURL = process.argv[2] ?? 'http://127.0.0.1:8080';
const password = process.env.DEMO_PASSWORD ?? 'docket-demo';
const account = process.env.SCREENSHOT_ACCOUNT ?? 'son.phan'; // a unit head: can post to the ward and to a unit
const viewports = { phone: { width: 360, height: 780 }, desktop: { width: 1366, height: 768 } } as const;
const locales = ['vi', 'en', 'ar'] as const;

async function shot(page: Page, locale: string, viewport: string, name: string): Promise<void> {
  const dir = path.join('screenshots', locale, viewport);
  mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

const browser = await launchBrowser();
try {
  for (const locale of locales) {
    for (const [viewport, size] of Object.entries(viewports)) {
      const context = await browser.newContext({
        baseURL,
        viewport: size,
        locale: { vi: 'vi-VN', en: 'en-GB', ar: 'ar' }[locale],
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      await context.addInitScript((l) => localStorage.setItem('docket.locale', l), locale);
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.locator('dk-sign-in-page input').first().waitFor();
      await shot(page, locale, viewport, 'sign-in');
      await page.locator('dk-sign-in-page form button[type=submit]').click();
      await shot(page, locale, viewport, 'sign-in-errors');
      await page.locator('dk-sign-in-page input').nth(0).fill(account);
      await page.locator('dk-sign-in-page input[type=password]').fill(password);
      await page.locator('dk-sign-in-page form button[type=submit]').click();
      await page.waitForURL(/\/notices/);
      await page.locator('dk-notice-list').waitFor();
      await page.waitForTimeout(1500);
      await shot(page, locale, viewport, 'notices');
      await page.locator('dk-notice-list a').first().click();
      await shot(page, locale, viewport, 'notice-detail');
      await page.goto('/notices');
      await page.locator('dk-notices-page header button.primary, dk-notices-page button.btn.primary').first().click();
      await page.locator('dk-notice-form').waitFor();
      await page.locator('dk-notice-form button[type=submit]').click();
      await shot(page, locale, viewport, 'notice-form-errors');
      await page.keyboard.press('Escape');
      await page.locator('dk-sync-badge button').first().click();
      await shot(page, locale, viewport, 'sync-panel');
      await page.keyboard.press('Escape');
      for (const route of ['documents', 'settings']) {
        await page.goto(`/${route}`);
        await page.waitForTimeout(500);
        await shot(page, locale, viewport, route);
      }
      await context.setOffline(true);
      await page.goto('/notices').catch(() => undefined);
      await page.reload();
      await page.locator('dk-notice-list').waitFor();
      await shot(page, locale, viewport, 'notices-offline');
      await context.close();
    }
  }
} finally {
  await browser.close();
}
console.log('screenshots written to screenshots/');
