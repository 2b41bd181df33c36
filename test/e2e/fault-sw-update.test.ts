// Issue 7, fault: a new version of the app is deployed while a device holds changes the server has not got yet.
// A staff member posts a notice and a task progress report with a photo while offline. Meanwhile a new build is
// deployed (index.html and the service worker's precache manifest change, as in a real build). She comes back
// to a network where the app loads but the data API does not answer yet (a proxy answers 503 for /db and /api),
// opens the app: the update prompt shows, her two changes are still pending. With a second report half typed,
// "reload" warns instead of reloading; she saves it, opens the app again later and reloads into the new version
// (the new service worker serves the new index.html); her changes are still there (pending: the notice, the
// report and the photo's upload). Once the data API answers,
// both reach the server exactly once, the photo included, and nothing is pending.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { goto, seedTasks, waitForPage } from './helpers/app.ts';
import { launchBrowser, signedInContext, waitForServiceWorker, type SignedIn } from './helpers/browser.ts';
import { waitSynced } from './helpers/documents.ts';
import {
  adminGet,
  bigJpeg,
  buildMarker,
  deployNewVersion,
  pendingLocal,
  startApiGate,
  startFaultServer,
  waitPending,
  type ApiGate,
  type FaultServer,
} from './helpers/faults.ts';

interface AllDocs<T> {
  rows: Array<{ id: string; doc: T }>;
}

describe('a new app version while changes are unsynced', () => {
  let server: FaultServer;
  let gate: ApiGate;
  let browser: Browser;
  let staff: SignedIn;
  let taskId = '';
  const started = Date.now();
  const lap = (what: string) => console.log(`[sw-update] ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);

  before(async () => {
    server = await startFaultServer();
    gate = await startApiGate(server.url);
    taskId = await seedTasks(server.url, { name: 'son.phan', displayName: 'Phan Văn Sơn', password: server.demoPassword }, 'linh.dinh');
    browser = await launchBrowser();
    staff = await signedInContext(browser, gate.url, 'linh.dinh', server.demoPassword);
    lap('signed in');
  });

  after(async () => {
    await browser?.close();
    await gate?.close();
    await server?.stop();
  });

  it('shows the update prompt, reloads into the new version, and every unsynced change reaches the server once', async () => {
    const { page, context } = staff;
    const title = `Thông báo lịch tiếp công dân tuần sau — ${Date.now()}`;
    const second = `Đã làm việc thêm với 8 hộ, còn 60 hộ — ${Date.now()}`;
    const note = `Đã làm việc với 12 hộ, ảnh biên bản kèm theo — ${Date.now()}`;
    const photo = 'bien-ban-lam-viec.jpg';
    const PHOTO_BYTES = 200 * 1024;
    const PENDING = 3;
    await waitForServiceWorker(page);
    await waitSynced(page);
    assert.equal(await buildMarker(page), null, 'the first version runs');

    // ——— Offline: a notice and a progress report with a photo.
    await context.setOffline(true);
    await page.locator('dk-sync-badge button[data-state="offline"]').waitFor();
    await page
      .getByRole('button', { name: /thông báo mới/i })
      .first()
      .click();
    const form = page.locator('dk-notice-form');
    await form.getByLabel(/gửi đến/i).selectOption({ label: 'Phòng Kinh tế – Hạ tầng – Đô thị' });
    await form.getByLabel(/tiêu đề/i).fill(title);
    await form.getByLabel(/nội dung/i).fill('Lịch tiếp công dân: sáng thứ Ba và thứ Năm, tại phòng tiếp dân tầng 1.');
    await form.getByRole('button', { name: /đăng thông báo/i }).click();
    await page.locator('dk-notice-list').getByText(title).waitFor();

    await goto(page, `/tasks/${encodeURIComponent(taskId)}`);
    const detail = page.locator('dk-task-detail');
    await detail.locator('dk-task-actions .buttons').getByRole('button', { name: 'Báo cáo tiến độ', exact: true }).click();
    const panel = detail.locator('dk-task-actions #step-panel');
    await panel.locator('#percent').fill('60');
    await panel.locator('#note').fill(note);
    await panel.locator('dk-file-picker input#choose').setInputFiles({ name: photo, mimeType: 'image/jpeg', buffer: bigJpeg(PHOTO_BYTES) });
    await panel.locator('dk-file-picker').getByText(photo).waitFor();
    await panel.getByRole('button', { name: 'Gửi báo cáo', exact: true }).click();
    await detail.locator('dk-task-timeline').getByText(note).waitFor();
    // Pending: the notice, the report, and the photo waiting for upload.
    await waitPending(page, PENDING);
    lap('two changes made offline');

    // ——— A new version is deployed; she is back on a network where the data API does not answer yet.
    const marker = `v2-${Date.now()}`;
    deployNewVersion(server.distDir, marker);
    gate.setDataDown(true);
    await context.setOffline(false);
    // She opens the app again: the old version starts (from its service worker) and finds the new one.
    await page.reload();
    await waitForPage(page);
    const banner = page.locator('dk-app .banner.info').filter({ has: page.getByRole('button', { name: 'Để sau', exact: true }) });
    await banner.getByText('Có phiên bản mới.').waitFor({ timeout: 30_000 });
    assert.equal(await buildMarker(page), null, 'the old version is still running');
    assert.equal(await pendingLocal(page), PENDING, 'both changes (and the photo) still wait for the server');
    assert.ok(gate.refused > 0, 'the app tried the data API and got no answer');
    lap('update prompt shown');

    // ——— A half-typed progress report: "reload" warns first, and she saves before updating.
    await goto(page, `/tasks/${encodeURIComponent(taskId)}`);
    await detail.locator('dk-task-actions .buttons').getByRole('button', { name: 'Báo cáo tiến độ', exact: true }).click();
    await panel.locator('#percent').fill('70');
    await panel.locator('#note').fill(second);
    await banner.getByRole('button', { name: 'Tải lại', exact: true }).click();
    await banner.getByText('Bạn đang nhập dở một biểu mẫu').waitFor();
    assert.equal(await buildMarker(page), null, 'no reload over a half-typed form');
    assert.equal(await panel.locator('#note').inputValue(), second);
    await banner.getByRole('button', { name: 'Để sau', exact: true }).click();
    await banner.waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: 'Gửi báo cáo', exact: true }).click();
    await detail.locator('dk-task-timeline').getByText(second).waitFor();
    await waitPending(page, PENDING + 1);
    // Later she opens the app again: the new version still waits, and the prompt is back.
    await page.reload();
    await waitForPage(page);
    await banner.getByText('Có phiên bản mới.').waitFor({ timeout: 30_000 });
    assert.equal(await buildMarker(page), null);
    lap('half-typed report saved first');

    // ——— She reloads into the new version: the new worker takes over and the page reloads once it controls it.
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await banner.getByRole('button', { name: 'Tải lại', exact: true }).click();
    await reloaded;
    await waitForPage(page);
    assert.equal(await buildMarker(page), marker, 'the new version runs');
    assert.equal(await banner.count(), 0, 'no prompt in the new version');
    await waitPending(page, PENDING + 1);
    await detail.locator('dk-task-timeline').getByText(note).waitFor();
    await detail.locator('dk-task-timeline').getByText(second).waitFor();
    lap('running the new version, changes still pending');

    // ——— The data API answers again: both changes reach the server, once.
    gate.setDataDown(false);
    await waitSynced(page, 45_000);
    await waitPending(page, 0);
    lap('synced');
    const auth = await adminGet<AllDocs<{ type: string; title?: string; note?: string; files?: Array<{ name: string; size: number }> }>>(
      server,
      '/db/docket-unit-kt/_all_docs?include_docs=true',
    );
    const docs = auth.rows.map((r) => r.doc);
    assert.equal(docs.filter((d) => d.type === 'notice' && d.title === title).length, 1, 'the notice is on the server exactly once');
    for (const n of [note, second])
      assert.equal(docs.filter((d) => d.type === 'taskEvent' && d.note === n).length, 1, `report "${n}" is on the server exactly once`);
    const reports = docs.filter((d) => d.type === 'taskEvent' && d.note === note);
    assert.deepEqual(
      reports[0]!.files?.map((f) => [f.name, f.size]),
      [[photo, PHOTO_BYTES]],
    );
    // The photo itself, not only its metadata: wait for the upload (the badge counts it as pending until then).
    const files = await adminGet<AllDocs<{ name: string; _attachments?: Record<string, { length: number }> }>>(
      server,
      '/db/docket-files-unit-kt/_all_docs?include_docs=true',
    );
    const stored = files.rows.map((r) => r.doc).filter((f) => f.name === photo);
    assert.equal(stored.length, 1, 'the photo is on the server exactly once');
    assert.equal(Object.values(stored[0]!._attachments ?? {})[0]?.length, PHOTO_BYTES, 'the whole photo');
    await goto(page, '/notices');
    assert.equal(await page.locator('dk-notice-list').getByText(title).count(), 1, 'the notice is listed once on the device');
  });
});
