// Issue 7, fault: the browser's storage is full. Chrome's quota for the app's origin is cut (DevTools Protocol
// `Storage.overrideQuotaForOrigin`) to a little more than what the device already holds, and people save
// something with a file in it: a notice with an attachment, a task progress report with a photo, an incoming
// document's registration. Each time: the form says in plain words that the device is full, keeps what was
// typed and chosen, and no record the device held before is gone; once the quota is back (override removed)
// the same click saves it, and it reaches the server exactly once.
//
// Chromium's IndexedDB caches the space it may still use for 30 s (BucketContext::kBucketSpaceCacheTimeLimit),
// so a cut quota bites only once that allowance has expired: the three forms are refused in one window after a
// single 31 s wait, then saved once the quota is back (lifting it takes effect at once).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { goto, seedTasks, waitForPage } from './helpers/app.ts';
import { launchBrowser, signedInContext, type SignedIn } from './helpers/browser.ts';
import { addDays, waitSynced, wardDay } from './helpers/documents.ts';
import {
  adminGet,
  assertNothingLost,
  bigJpeg,
  deviceRecords,
  quotaControl,
  startFaultServer,
  waitPending,
  type FaultServer,
  type Quota,
} from './helpers/faults.ts';

/** Room left under the cut quota: enough for the app's small bookkeeping, far less than the file. */
const HEADROOM = 256 * 1024;
const FILE_BYTES = 1536 * 1024;

interface AllDocs<T> {
  rows: Array<{ id: string; doc: T }>;
}

async function serverDocs<T>(server: FaultServer, db: string): Promise<T[]> {
  const res = await adminGet<AllDocs<T>>(server, `/db/${db}/_all_docs?include_docs=true`);
  return res.rows.filter((r) => !r.id.startsWith('_design/')).map((r) => r.doc);
}

/** Cuts the quota to what the origin uses now plus `HEADROOM`; returns the records the device holds at that moment. */
async function fillUp(page: Page, quota: Quota): Promise<Record<string, string>> {
  await waitSynced(page);
  const before = await deviceRecords(page);
  const usage = await quota.usage();
  await quota.set(usage + HEADROOM);
  console.log(`[storage] usage ${(usage / 1024).toFixed(0)} KB, quota cut to ${((usage + HEADROOM) / 1024).toFixed(0)} KB`);
  return before;
}

/** Chromium's cached IndexedDB allowance (30 s) has run out: from now on the cut quota is enforced. */
const ALLOWANCE_EXPIRES_MS = 31_000;

async function expectFullMessage(scope: Locator, text: RegExp): Promise<void> {
  try {
    await scope.locator('.banner.danger').filter({ hasText: text }).waitFor({ timeout: 15_000 });
  } catch (err) {
    const shown = await scope
      .locator('.banner, button[type="submit"]')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(`no storage-full message; the form shows: ${shown.join(' | ').replace(/\s+/g, ' ')}`, { cause: err });
  }
}

describe('browser storage full: a clear message, nothing lost, the same save works once there is room', () => {
  let server: FaultServer;
  let browser: Browser;
  let staff: SignedIn;
  let clerk: SignedIn;
  let staffTab: Page;
  let staffQuota: Quota;
  let clerkQuota: Quota;
  let taskId = '';
  const now = Date.now();
  const today = wardDay();
  const earlier = `Lịch trực tuần — ${now}`;
  const title = `Kế hoạch kiểm tra trật tự xây dựng — ${now}`;
  const body = 'Đề nghị các tổ dân phố phối hợp kiểm tra các công trình trên tuyến phố Hàng Bông.\nXem ảnh đính kèm.';
  const noticeFile = 'anh-hien-trang.jpg';
  const note = `Đã rà soát 25/80 hộ, ảnh hiện trạng điểm số 7 — ${now}`;
  const photo = 'diem-so-7.jpg';
  const summary = `Về việc kiểm tra công tác phòng cháy chữa cháy năm ${today.slice(0, 4)} — ${now}`;
  const issuer = 'Công an quận Hoàn Kiếm';
  const docFile = 'cong-van-pccc.jpg';
  const started = Date.now();
  const lap = (what: string) => console.log(`[storage] ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const noticeForm = () => staff.page.locator('dk-notice-form');
  const taskDetail = () => staffTab.locator('dk-task-detail');
  const taskPanel = () => taskDetail().locator('dk-task-actions #step-panel');
  const incomingForm = () => clerk.page.locator('dk-incoming-form');

  before(async () => {
    server = await startFaultServer();
    taskId = await seedTasks(server.url, { name: 'son.phan', displayName: 'Phan Văn Sơn', password: server.demoPassword }, 'linh.dinh');
    browser = await launchBrowser();
    staff = await signedInContext(browser, server.url, 'linh.dinh', server.demoPassword);
    clerk = await signedInContext(browser, server.url, 'mai.hoang', server.demoPassword);
    lap('signed in');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a notice with an attachment, a progress report with a photo and a registration with a clear message, keeping the input and every stored record', async () => {
    const page = staff.page;
    const openNoticeForm = async (t: string) => {
      await page
        .getByRole('button', { name: /thông báo mới/i })
        .first()
        .click();
      const form = noticeForm();
      await form.getByLabel(/gửi đến/i).selectOption({ label: 'Phòng Kinh tế – Hạ tầng – Đô thị' });
      await form.getByLabel(/tiêu đề/i).fill(t);
      await form.getByLabel(/nội dung/i).fill(body);
      return form;
    };
    // Something stored before the storage fills up.
    await waitSynced(page);
    await (await openNoticeForm(earlier)).getByRole('button', { name: /đăng thông báo/i }).click();
    await page.locator('dk-notice-list').getByText(earlier).waitFor();
    // The task in a second tab of the same browser; the registration form on the clerk's device.
    staffTab = await staff.context.newPage();
    await staffTab.goto(`/tasks/${encodeURIComponent(taskId)}`);
    await taskDetail().locator('h1').first().waitFor({ timeout: 20_000 });
    await goto(clerk.page, '/documents/new/incoming');

    staffQuota = await quotaControl(staff.context, page);
    clerkQuota = await quotaControl(clerk.context, clerk.page);
    const staffBefore = await fillUp(page, staffQuota);
    const clerkBefore = await fillUp(clerk.page, clerkQuota);
    await page.waitForTimeout(ALLOWANCE_EXPIRES_MS);
    lap('quotas cut and in force');

    // ——— A notice with a 1.5 MB photo.
    const form = await openNoticeForm(title);
    await form.locator('input#attachment').setInputFiles({ name: noticeFile, mimeType: 'image/jpeg', buffer: bigJpeg(FILE_BYTES) });
    await form.getByRole('button', { name: /đăng thông báo/i }).click();
    await expectFullMessage(form, /bộ nhớ của trình duyệt.*đã đầy/i);
    assert.equal(await form.getByLabel(/tiêu đề/i).inputValue(), title);
    assert.equal(await form.getByLabel(/nội dung/i).inputValue(), body);
    await form.getByText(noticeFile).waitFor();
    assert.equal(await page.locator('dk-notice-list').getByText(title).count(), 0, 'nothing half-saved is listed');
    lap('notice refused');

    // ——— A progress report with a 1.5 MB photo.
    await taskDetail().locator('dk-task-actions .buttons').getByRole('button', { name: 'Báo cáo tiến độ', exact: true }).click();
    const panel = taskPanel();
    await panel.locator('#percent').fill('40');
    await panel.locator('#note').fill(note);
    await panel.locator('dk-file-picker input#choose').setInputFiles({ name: photo, mimeType: 'image/jpeg', buffer: bigJpeg(FILE_BYTES) });
    await panel.locator('dk-file-picker').getByText(photo).waitFor();
    await panel.getByRole('button', { name: 'Gửi báo cáo', exact: true }).click();
    await expectFullMessage(panel, /bộ nhớ của trình duyệt.*đã đầy/i);
    assert.equal(await panel.locator('#percent').inputValue(), '40');
    assert.equal(await panel.locator('#note').inputValue(), note);
    await panel.locator('dk-file-picker').getByText(photo).waitFor();
    assert.equal(await taskDetail().locator('dk-task-timeline').getByText(note).count(), 0, 'nothing half-saved is shown');
    lap('report refused');

    // ——— An incoming document with a 1.5 MB scan.
    const reg = incomingForm();
    await reg.getByLabel('Cơ quan ban hành').fill(issuer);
    await reg.getByLabel('Số, ký hiệu').fill(`${now % 1000}/CAQ-PCCC`);
    await reg.getByLabel('Ngày ban hành').fill(addDays(today, -1));
    await reg.getByLabel('Loại văn bản').selectOption('congVan');
    await reg.getByLabel('Trích yếu nội dung').fill(summary);
    await reg.locator('dk-file-picker input#choose').setInputFiles({ name: docFile, mimeType: 'image/jpeg', buffer: bigJpeg(FILE_BYTES) });
    await reg.locator('dk-file-picker').getByText(docFile).waitFor();
    await reg.getByRole('button', { name: 'Vào sổ', exact: true }).click();
    await expectFullMessage(reg, /bộ nhớ của trình duyệt.*đã đầy/i);
    assert.equal(await reg.getByLabel('Trích yếu nội dung').inputValue(), summary);
    assert.equal(await reg.getByLabel('Cơ quan ban hành').inputValue(), issuer);
    await reg.locator('dk-file-picker').getByText(docFile).waitFor();
    assert.match(new URL(clerk.page.url()).pathname, /\/documents\/new\/incoming$/, 'still on the form');
    lap('registration refused');

    // Nothing the devices held before is gone.
    assertNothingLost(staffBefore, await deviceRecords(page), 'staff device');
    assertNothingLost(clerkBefore, await deviceRecords(clerk.page), 'clerk device');
  });

  it('saves each of them exactly once with the same click once there is room again', async () => {
    assert.ok(staffQuota && clerkQuota, 'the first test ran');
    await staffQuota.clear();
    await clerkQuota.clear();

    await noticeForm()
      .getByRole('button', { name: /đăng thông báo/i })
      .click();
    await staff.page.locator('dk-notice-list').getByText(title).waitFor();
    await taskPanel().getByRole('button', { name: 'Gửi báo cáo', exact: true }).click();
    await taskDetail().locator('dk-task-timeline').getByText(note).waitFor();
    await incomingForm().getByRole('button', { name: 'Vào sổ', exact: true }).click();
    await clerk.page.waitForURL(/\/documents\/officialDocument/);
    await clerk.page.locator('dk-document-detail h1#doc-title').filter({ hasText: summary }).waitFor();
    lap('saved once room was back');

    for (const page of [staff.page, clerk.page]) {
      await waitSynced(page);
      await waitPending(page, 0);
    }
    const unit = await serverDocs<{
      type: string;
      title?: string;
      note?: string;
      _attachments?: Record<string, { length: number }>;
      files?: Array<{ name: string; size: number }>;
    }>(server, 'docket-unit-kt');
    const notices = unit.filter((d) => d.type === 'notice' && d.title === title);
    assert.equal(notices.length, 1, 'the notice is on the server exactly once');
    assert.equal(Object.values(notices[0]!._attachments ?? {})[0]?.length, FILE_BYTES, 'with its whole attachment');
    const reports = unit.filter((d) => d.type === 'taskEvent' && d.note === note);
    assert.equal(reports.length, 1, 'the report is on the server exactly once');
    assert.deepEqual(
      reports[0]!.files?.map((f) => [f.name, f.size]),
      [[photo, FILE_BYTES]],
    );
    const docs = (await serverDocs<{ type: string; summary?: string }>(server, 'docket-registry')).filter(
      (d) => d.type === 'officialDocument' && d.summary === summary,
    );
    assert.equal(docs.length, 1, 'the document is registered on the server exactly once');
    const files = [
      ...(await serverDocs<{ name: string }>(server, 'docket-files-unit-kt')),
      ...(await serverDocs<{ name: string }>(server, 'docket-files-registry')),
    ];
    assert.equal(files.filter((f) => f.name === photo).length, 1, 'the photo was uploaded once');
    assert.equal(files.filter((f) => f.name === docFile).length, 1, 'the scan was uploaded once');

    // A fresh load lists the notice posted before the storage filled up, and the new one.
    await staff.page.reload();
    await waitForPage(staff.page);
    await staff.page.locator('dk-notice-list').getByText(earlier).waitFor();
    await staff.page.locator('dk-notice-list').getByText(title).waitFor();
    lap('on the server exactly once');
  });
});
