// A field officer's session expires while they are offline: the app still opens from the service
// worker with their local data, they keep posting, and once online the app asks them to sign in
// again instead of throwing their work away; after signing in, the pending notice goes out.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { launchBrowser, signedInContext, waitForServiceWorker } from './helpers/browser.ts';

describe('expired session while offline', () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('keeps local work, asks to sign in again online, then sends the pending notice', async () => {
    const { context, page } = await signedInContext(browser, server.url, 'yen.luong', server.demoPassword);
    const badge = page.locator('dk-sync-badge');
    await waitForServiceWorker(page);
    await badge.getByText(/đã đồng bộ/i).waitFor({ timeout: 30_000 });

    await context.setOffline(true);
    await context.clearCookies(); // the session cookie is gone, as after expiry
    await page.reload();
    await page.locator('dk-notice-list').waitFor({ timeout: 20_000 });

    const title = `Kế hoạch tổ chức Ngày hội Đại đoàn kết — ${Date.now()}`;
    await page
      .getByRole('button', { name: /thông báo mới/i })
      .first()
      .click();
    const form = page.locator('dk-notice-form');
    await form.getByLabel(/gửi đến/i).selectOption({ label: 'Phòng Văn hóa – Xã hội' });
    await form.getByLabel(/tiêu đề/i).fill(title);
    await form.getByLabel(/nội dung/i).fill('Các tổ dân phố đăng ký tiết mục văn nghệ trước ngày 10/12.');
    await form.getByRole('button', { name: /đăng thông báo/i }).click();
    await page.locator('dk-notice-list').getByText(title).waitFor();

    await context.setOffline(false);
    const again = page.getByRole('link', { name: /đăng nhập lại/i });
    await again.waitFor({ timeout: 30_000 });
    // Nothing was erased: the notice is still listed, still pending.
    await page.locator('dk-notice-list').getByText(title).waitFor();

    await again.click();
    await page.getByLabel(/tên tài khoản/i).fill('yen.luong');
    await page.getByLabel(/mật khẩu/i).fill(server.demoPassword);
    await page.getByRole('button', { name: /^đăng nhập$/i }).click();
    await page.waitForURL(/\/notices/);
    await badge.getByText(/đã đồng bộ/i).waitFor({ timeout: 30_000 });

    const auth = Buffer.from(`${server.admin.name}:${server.admin.password}`).toString('base64');
    const res = await fetch(`${server.url}/db/docket-unit-vhxh/_all_docs?include_docs=true`, {
      headers: { Authorization: `Basic ${auth}` },
    });
    const rows = ((await res.json()) as { rows: Array<{ doc: { title?: string; createdBy?: string } }> }).rows;
    assert.equal(rows.find((r) => r.doc.title === title)?.doc.createdBy, 'yen.luong');
    await context.close();
  });
});
