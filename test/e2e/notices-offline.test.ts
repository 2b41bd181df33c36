// The foundation's promise, end to end in real Chromium against the built app and the real server:
// a staff member posts a notice while offline, reloads offline (the service worker serves the app),
// reconnects, and a colleague of the same unit sees it without reloading; a staff member of another
// unit never receives it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { launchBrowser, signedInContext, waitForServiceWorker, type SignedIn } from './helpers/browser.ts';

// Demo ward (server/demo/ward.ts): linh.dinh and khoa.ly are staff of unit `kt`; ngoc.mai is staff of `vhxh`.
const UNIT = 'kt';

describe('notices offline and across devices', () => {
  let server: TestServer;
  let browser: Browser;
  let a: SignedIn;
  let b: SignedIn;
  let other: SignedIn;

  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    a = await signedInContext(browser, server.url, 'linh.dinh', server.demoPassword);
    b = await signedInContext(browser, server.url, 'khoa.ly', server.demoPassword);
    other = await signedInContext(browser, server.url, 'ngoc.mai', server.demoPassword);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('posts offline, survives an offline reload, and reaches a colleague live', async () => {
    const title = `Họp giao ban tổ dân phố số 3 — ${Date.now()}`;
    const badge = a.page.locator('dk-sync-badge');
    await waitForServiceWorker(a.page);
    await badge.getByText(/đã đồng bộ/i).waitFor({ timeout: 30_000 });

    await a.context.setOffline(true);
    await badge.getByText(/ngoại tuyến/i).waitFor();

    await a.page
      .getByRole('button', { name: /thông báo mới/i })
      .first()
      .click();
    const dialog = a.page.locator('dk-notice-form');
    await dialog.getByLabel(/gửi đến/i).selectOption({ label: 'Phòng Kinh tế – Hạ tầng – Đô thị' });
    await dialog.getByLabel(/tiêu đề/i).fill(title);
    await dialog
      .getByLabel(/nội dung/i)
      .fill('Kính mời các đồng chí dự họp lúc 8h00 thứ Hai tại phòng họp số 2.\nĐề nghị chuẩn bị báo cáo tuần.');
    await dialog.getByRole('button', { name: /đăng thông báo/i }).click();

    const row = a.page.locator('dk-notice-list').getByText(title);
    await row.waitFor();
    // Pending: written on this device, not yet on the server.
    await a.page
      .locator('dk-notice-list')
      .getByText(/chờ đồng bộ/i)
      .first()
      .waitFor();
    await badge.getByText('1').waitFor();

    // Reload with the network still off: the service worker serves the app, IndexedDB keeps the notice.
    await a.page.reload();
    await a.page.locator('dk-notice-list').getByText(title).waitFor({ timeout: 20_000 });

    await a.context.setOffline(false);
    await badge.getByText(/đã đồng bộ/i).waitFor({ timeout: 30_000 });

    // B never reloads: live replication and the live query bring the notice in.
    await b.page.locator('dk-notice-list').getByText(title).waitFor({ timeout: 30_000 });

    // The server has it, in the unit's space, written by A.
    const stored = await fetchAsAdmin(server, `/db/docket-unit-${UNIT}/_all_docs?include_docs=true`);
    const doc = (stored.rows as Array<{ doc: { title?: string; createdBy?: string } }>).find((r) => r.doc.title === title)?.doc;
    assert.equal(doc?.createdBy, 'linh.dinh');

    // Someone of another unit: not in the list, no local copy of the space, and the server refuses it.
    await other.page.reload();
    await other.page.locator('dk-notice-list').waitFor();
    assert.equal(await other.page.locator('dk-notice-list').getByText(title).count(), 0);
    const status = await other.page.evaluate(async (db) => (await fetch(`/db/${db}`)).status, `docket-unit-${UNIT}`);
    assert.ok(status === 401 || status === 403, `other unit's space answered ${status}`);
    const localDbs = await other.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
    assert.ok(!localDbs.some((n) => n.includes(`unit-${UNIT}`)), `unexpected local copy: ${localDbs.join(', ')}`);
  });
});

async function fetchAsAdmin(server: TestServer, path: string): Promise<Record<string, unknown>> {
  const auth = Buffer.from(`${server.admin.name}:${server.admin.password}`).toString('base64');
  const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Basic ${auth}` } });
  assert.equal(res.status, 200, `${path} → ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}
