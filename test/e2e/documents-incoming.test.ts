// Issue 3, incoming documents end to end in real Chromium against the built app and the real server, one
// browser profile per person: the clerk registers a document with a PDF (awaiting its number until the server
// numbers it), the chair directs it to a lead unit (KT) and a coordinating unit (VHXH), KT's head passes it to a
// member, the member reports progress and completes it while OFFLINE, and back online the chair sees it done on
// time with every step in the timeline. Also: the duplicate warning, and the incoming register (print view, CSV).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { goto, waitForPage } from './helpers/app.ts';
import { launchBrowser, signedInContext, waitForServiceWorker, type SignedIn } from './helpers/browser.ts';
import {
  addDays,
  detail,
  headerStatus,
  openFromList,
  openStep,
  openView,
  pdfBytes,
  pick,
  shot,
  submitStep,
  waitForRow,
  waitSynced,
  wardDay,
} from './helpers/documents.ts';

// Demo ward (server/demo/ward.ts): mai.hoang clerk; hung.tran chair; son.phan heads KT; linh.dinh works in KT.
const BODY = 'Sở Xây dựng thành phố Hà Nội';
const SYMBOL = '215/SXD-QLXD';
const SUMMARY = 'V/v rà soát công trình xây dựng không phép trên địa bàn phường quý IV';
const FILE = 'so-xay-dung-215.pdf';

describe('incoming document: register, direct, assign, process offline, registers', () => {
  let server: TestServer;
  let browser: Browser;
  let clerk: SignedIn;
  let leader: SignedIn;
  let head: SignedIn;
  let staff: SignedIn;
  const today = wardDay();
  const issuedOn = addDays(today, -2);
  let arrivalNumber = '';
  const started = Date.now();
  const lap = (what: string) => console.log(`[incoming] ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);

  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    clerk = await signedInContext(browser, server.url, 'mai.hoang', server.demoPassword);
    leader = await signedInContext(browser, server.url, 'hung.tran', server.demoPassword);
    head = await signedInContext(browser, server.url, 'son.phan', server.demoPassword);
    staff = await signedInContext(browser, server.url, 'linh.dinh', server.demoPassword);
    lap('four people signed in');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('goes from registration to completion across four people, part of it offline', async () => {
    // ——— The clerk registers it with a PDF. Offline at the moment of saving, so "awaiting number" is certain.
    const c = clerk.page;
    await waitForServiceWorker(c);
    await waitSynced(c);
    await goto(c, '/documents/new/incoming');
    const form = c.locator('dk-incoming-form');
    await form.getByLabel('Cơ quan ban hành').fill(BODY);
    await form.getByLabel('Số, ký hiệu').fill(SYMBOL);
    await form.getByLabel('Ngày ban hành').fill(issuedOn);
    await form.getByLabel('Trích yếu nội dung').fill(SUMMARY);
    await form.getByLabel(/^Người ký/).fill('Nguyễn Văn Bình');
    await form.getByLabel(/^Hạn giải quyết/).fill(addDays(today, 10));
    // The type follows the symbol's abbreviation when it is a known one; SXD-QLXD is not: choose it.
    await form.getByLabel('Loại văn bản').selectOption('congVan');
    await form
      .locator('dk-file-picker input#choose')
      .setInputFiles({ name: FILE, mimeType: 'application/pdf', buffer: pdfBytes('So Xay dung 215') });
    await form.locator('dk-file-picker').getByText(FILE).waitFor();
    await clerk.context.setOffline(true);
    await form.getByRole('button', { name: 'Vào sổ', exact: true }).click();
    await c.waitForURL(/\/documents\/[^/]+$/);
    const awaiting = detail(c).locator('[data-awaiting]');
    await awaiting.getByText('Chờ cấp số').waitFor();
    await shot(c, 'incoming-01-clerk-awaiting-number');
    const docPath = new URL(c.url()).pathname;

    await clerk.context.setOffline(false);
    const number = detail(c).locator('[data-number] strong');
    await number.waitFor({ timeout: 30_000 });
    arrivalNumber = (await number.innerText()).trim();
    assert.match(arrivalNumber, /^\d+/, `arrival number "${arrivalNumber}"`);
    assert.equal(await awaiting.count(), 0, '"Chờ cấp số" gone once numbered');
    await waitSynced(c); // the PDF is uploaded too
    await shot(c, 'incoming-02-clerk-numbered');
    lap(`registered, arrival number ${arrivalNumber}`);

    // ——— The chair opens it from "Chờ tôi chỉ đạo", sees the PDF inline, directs KT (lead) and VHXH (coordinating).
    const l = leader.page;
    await openView(l, 'awaitingDirection');
    await openFromList(l, SUMMARY);
    const pdf = detail(l).locator(`dk-document-files li[data-file="${FILE}"] iframe.pdf`);
    await pdf.waitFor({ timeout: 20_000 });
    assert.match((await pdf.getAttribute('src')) ?? '', /^blob:/, 'the PDF is shown from the downloaded bytes');
    await shot(l, 'incoming-03-leader-pdf');

    const kt = addDays(today, 7);
    let panel = await openStep(l, 'Cho ý kiến chỉ đạo');
    await panel.getByLabel('Ý kiến chỉ đạo').fill('Giao phòng KT-HT-ĐT chủ trì rà soát, phòng VHXH phối hợp; báo cáo kết quả trước hạn.');
    await pick(panel, 'unit:kt');
    await pick(panel, 'unit:vhxh');
    const picker = panel.locator('dk-assignee-picker');
    assert.equal(await picker.locator('#role-0').inputValue(), 'lead');
    assert.equal(await picker.locator('#role-1').inputValue(), 'coordinating');
    await picker.locator('#deadline-0').fill(kt);
    await picker.locator('#deadline-1').fill(kt);
    await shot(l, 'incoming-04-leader-direct-form');
    await submitStep(l, 'Lưu ý kiến chỉ đạo');
    await detail(l).locator('dk-direction-tree').getByText('Phòng Kinh tế – Hạ tầng – Đô thị').first().waitFor();
    lap('directed');

    // ——— KT's head finds it under "Giao cho tôi" and gives it to linh.dinh.
    const h = head.page;
    await openView(h, 'assignedToMe');
    await openFromList(h, SUMMARY);
    panel = await openStep(h, 'Giao cán bộ xử lý');
    await panel.getByLabel(/^Ý kiến giao việc/).fill('Đ/c Linh rà soát danh sách, làm việc với tổ dân phố.');
    await pick(panel, 'person:linh.dinh');
    await panel.locator('dk-assignee-picker #deadline-0').fill(addDays(today, 5));
    await submitStep(h, 'Giao xử lý');
    await detail(h).locator('dk-direction-tree').getByText('Đinh Thùy Linh').first().waitFor();
    lap('forwarded to linh.dinh');

    // ——— linh.dinh: online until it has arrived, then OFFLINE: opens it, reports progress, completes it.
    const s = staff.page;
    await waitForServiceWorker(s);
    await openView(s, 'assignedToMe');
    // It shows up first through KT's space; her own copy (where her steps are written) follows from the
    // server in the same delivery: wait for her part to show "delivered" and for the sync to settle.
    await openFromList(s, SUMMARY);
    const mine = detail(s).locator('dk-direction-tree li[data-key]:not(:has(li[data-key]))').filter({ hasText: 'Đinh Thùy Linh' });
    await mine.locator('[data-delivered]').waitFor({ timeout: 30_000 });
    await waitSynced(s);
    // She keeps the document's files on her device before going out: offline, the PDF still opens.
    await detail(s).locator('dk-document-files input#keep').check();
    const keeping = detail(s).locator('dk-document-files progress[aria-label="Đang tải tệp về thiết bị…"]');
    await keeping.waitFor({ timeout: 3_000 }).catch(() => undefined); // may already be done
    await keeping.waitFor({ state: 'detached', timeout: 20_000 });
    assert.equal(await detail(s).locator('dk-document-files .banner.danger').count(), 0, 'kept without error');
    await goto(s, '/documents?view=assignedToMe');
    await staff.context.setOffline(true);
    await s.locator('dk-sync-badge button[data-state="offline"]').waitFor();
    await openFromList(s, SUMMARY);
    const keptPdf = detail(s).locator(`dk-document-files li[data-file="${FILE}"] iframe.pdf`);
    await keptPdf.waitFor({ timeout: 15_000 });
    assert.match((await keptPdf.getAttribute('src')) ?? '', /^blob:/, 'the kept PDF opens offline');
    panel = await openStep(s, 'Báo cáo tiến độ');
    await panel.getByLabel('Nội dung báo cáo').fill('Đã rà soát 3/5 tổ dân phố, phát hiện 2 công trình.');
    await panel.getByLabel(/^Đã thực hiện/).fill('60');
    await submitStep(s, 'Gửi báo cáo tiến độ');
    await detail(s).locator('.head .chip.pending').getByText('Chờ đồng bộ').waitFor();
    panel = await openStep(s, /^Hoàn thành/);
    await panel.getByLabel(/^Kết quả xử lý/).fill('Đã rà soát đủ 5 tổ dân phố; lập biên bản 2 công trình.');
    await submitStep(s, 'Xác nhận hoàn thành');
    await headerStatus(s).getByText('Hoàn thành đúng hạn').waitFor();
    assert.equal(await detail(s).locator('.head .chip.pending').count(), 1, 'still pending while offline');
    await shot(s, 'incoming-05-staff-offline-completed');
    lap('progress and completion recorded offline');

    await staff.context.setOffline(false);
    await waitSynced(s);
    await detail(s).locator('.head .chip.pending').waitFor({ state: 'detached', timeout: 30_000 });
    lap('staff back online and synced');

    // ——— The chair, who never reloaded, sees it done on time; the timeline lists every step.
    await headerStatus(l).getByText('Hoàn thành đúng hạn').waitFor({ timeout: 30_000 });
    const timeline = detail(l).locator('dk-document-timeline');
    for (const kind of ['registered', 'numbered', 'directed', 'forwarded', 'progress', 'completed']) {
      await timeline.locator(`li[data-kind="${kind}"]`).first().waitFor({ timeout: 15_000 });
    }
    await timeline.getByText('Đã rà soát 3/5 tổ dân phố, phát hiện 2 công trình.').waitFor();
    await timeline.getByText(/Hoàn thành 60%/).waitFor();
    await detail(l).locator('dk-document-timeline').scrollIntoViewIfNeeded();
    await shot(l, 'incoming-06-leader-done-timeline');
    assert.equal(new URL(l.url()).pathname, docPath);
    lap('chair sees it done');
  });

  it('warns about a likely duplicate and saves nothing until "Vẫn vào sổ"', async () => {
    const c = clerk.page;
    // A second tab of the same profile watches the local list (same IndexedDB) while the form is open.
    const watch = await clerk.context.newPage();
    await watch.goto('/documents?view=all');
    await waitForPage(watch);
    await waitForRow(watch, SUMMARY);
    const rowsOf = () => watch.locator('dk-document-list [role="listitem"]').filter({ hasText: SYMBOL });
    assert.equal(await rowsOf().count(), 1);

    await goto(c, '/documents/new/incoming');
    const form = c.locator('dk-incoming-form');
    await form.getByLabel('Cơ quan ban hành').fill(BODY);
    await form.getByLabel('Số, ký hiệu').fill(SYMBOL);
    await form.getByLabel('Ngày ban hành').fill(issuedOn);
    await form.getByLabel('Loại văn bản').selectOption('congVan');
    await form.getByLabel('Trích yếu nội dung').fill(`${SUMMARY} (bản gửi qua thư điện tử)`);
    await form.getByRole('button', { name: 'Vào sổ', exact: true }).click();
    const warning = form.locator('section[aria-labelledby="duplicates-title"]');
    await warning.getByRole('heading', { name: /Có thể đã vào sổ: 1 văn bản trùng/ }).waitFor();
    await warning.getByText(SYMBOL).first().waitFor();
    await shot(c, 'incoming-07-duplicate-warning');
    assert.match(c.url(), /\/documents\/new\/incoming$/, 'still on the form');
    assert.equal(await rowsOf().count(), 1, 'nothing saved before confirming');

    await warning.getByRole('button', { name: 'Vẫn vào sổ' }).click();
    await c.waitForURL(/\/documents\/(?!new)[^/]+$/);
    await watch.waitForFunction(
      (symbol) => {
        const stack: Array<Document | ShadowRoot> = [document];
        let n = 0;
        while (stack.length) {
          for (const el of stack.pop()!.querySelectorAll('*')) {
            if (el.getAttribute('role') === 'listitem' && el.textContent?.includes(symbol)) n++;
            if (el.shadowRoot) stack.push(el.shadowRoot);
          }
        }
        return n === 2;
      },
      SYMBOL,
      { timeout: 15_000 },
    );
    await watch.close();
  });

  it('lists the document in the incoming register for today and exports it as CSV', async () => {
    const c = clerk.page;
    await goto(c, '/documents/registers');
    const page = c.locator('dk-document-registers');
    await page.getByLabel('Sổ', { exact: true }).selectOption('incoming');
    await page.getByLabel('Từ ngày').fill(today);
    await page.getByLabel('Đến ngày').fill(today);
    const table = page.locator('table');
    const row = table.locator('tr').filter({ hasText: SUMMARY }).first();
    await row.waitFor({ timeout: 15_000 });
    const cells = (await row.locator('td').allInnerTexts()).map((x) => x.trim());
    assert.ok(cells.includes(arrivalNumber), `arrival number ${arrivalNumber} in ${JSON.stringify(cells)}`);
    assert.ok(cells.includes(BODY), `issuing body in ${JSON.stringify(cells)}`);
    assert.ok(cells.includes(SYMBOL), `number/symbol in ${JSON.stringify(cells)}`);
    await shot(c, 'incoming-08-register');

    const [download] = await Promise.all([c.waitForEvent('download'), page.getByRole('button', { name: 'Tải tệp CSV' }).click()]);
    assert.equal(download.suggestedFilename(), `so-van-ban-den-${today}_${today}.csv`);
    const csv = await readFile((await download.path())!, 'utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'UTF-8 BOM for Excel');
    const lines = csv.slice(1).split('\r\n');
    assert.equal(
      lines[0],
      'Ngày đến,Số đến,Tác giả,"Số, ký hiệu",Ngày tháng văn bản,Tên loại và trích yếu nội dung,Đơn vị hoặc người nhận,Ngày chuyển,Ghi chú',
    );
    const [y, m, d] = today.split('-');
    const line = lines.find((x) => x.includes(SUMMARY));
    assert.ok(line, `a line for the document in:\n${csv}`);
    assert.ok(line.startsWith(`${d}/${m}/${y},${arrivalNumber},${BODY},${SYMBOL},`), `row: ${line}`);
  });
});
