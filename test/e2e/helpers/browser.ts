// Launches Debian's Chromium (or CHROME_PATH) through playwright-core for the end-to-end tests.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findChrome, CHROME_ARGS } from '../../../scripts/find-chrome.mjs';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
}

export interface SignedIn {
  context: BrowserContext;
  page: Page;
}

/** A fresh browser profile (own IndexedDB, cookies, service worker), signed in through the real form. */
export async function signedInContext(browser: Browser, baseURL: string, name: string, password: string): Promise<SignedIn> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${name}] page error:`, err.message));
  await page.goto('/sign-in');
  await page.getByLabel(/tên tài khoản/i).fill(name);
  await page.getByLabel(/mật khẩu/i).fill(password);
  await page.getByRole('button', { name: /đăng nhập/i }).click();
  await page.waitForURL(/\/notices/);
  return { context, page };
}

/** Waits until the service worker controls the page, so that the app can reload offline. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
    }
  });
}
