// Issue 3, outgoing documents end to end in real Chromium against the built app and the real server, one
// browser profile per person: a VP staff member drafts a công văn with a PDF for unit KT and an external body and
// submits it; the VP head forwards it to the signing leader; the leader approves it (a tamper-evidence record,
// said so in the UI, verified in the timeline); the clerk waits for the server's number/symbol, issues it and
// records its dispatch to the external body; KT's head receives it as an incoming document of KT and opens its
// file; the author sees KT's receipt on the outgoing document.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { goto } from './helpers/app.ts';
import { launchBrowser, signedInContext, type SignedIn } from './helpers/browser.ts';
import { detail, openFromList, openStep, openView, pdfBytes, pick, shot, submitStep, waitSynced } from './helpers/documents.ts';

// Demo ward (server/demo/ward.ts): an.nguyen staff of VP, hoa.do heads VP, hung.tran chair, mai.hoang clerk,
// son.phan heads KT.
const SUMMARY = 'V/v phối hợp kiểm tra trật tự xây dựng tại tổ dân phố số 7';
const EXTERNAL = 'Thanh tra Sở Xây dựng thành phố Hà Nội';
const FILE = 'cong-van-phoi-hop-kiem-tra.pdf';

describe('outgoing document: draft, review, approve, number, issue, deliver', () => {
  let server: TestServer;
  let browser: Browser;
  let author: SignedIn;
  let vpHead: SignedIn;
  let leader: SignedIn;
  let clerk: SignedIn;
  let ktHead: SignedIn;
  const started = Date.now();
  const lap = (what: string) => console.log(`[outgoing] ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);

  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    author = await signedInContext(browser, server.url, 'an.nguyen', server.demoPassword);
    vpHead = await signedInContext(browser, server.url, 'hoa.do', server.demoPassword);
    leader = await signedInContext(browser, server.url, 'hung.tran', server.demoPassword);
    clerk = await signedInContext(browser, server.url, 'mai.hoang', server.demoPassword);
    ktHead = await signedInContext(browser, server.url, 'son.phan', server.demoPassword);
    lap('five people signed in');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('goes from draft to an incoming document of the recipient unit', async () => {
    // ——— an.nguyen drafts it: công văn, signer the chair, KT inside the ward, one external body, a PDF.
    const a = author.page;
    await goto(a, '/documents/new/draft');
    const form = a.locator('dk-draft-form');
    await form.getByLabel('Loại văn bản').selectOption('congVan');
    await form.getByLabel('Trích yếu nội dung').fill(SUMMARY);
    await form.getByLabel('Lãnh đạo ký').selectOption('hung.tran');
    await pick(form, 'unit:kt');
    await form.locator('#external').fill(EXTERNAL);
    await form.locator('#external').press('Enter');
    await form.getByRole('list', { name: 'Nơi nhận bên ngoài đã chọn' }).getByText(EXTERNAL).waitFor();
    await form
      .locator('dk-file-picker input#choose')
      .setInputFiles({ name: FILE, mimeType: 'application/pdf', buffer: pdfBytes('Cong van phoi hop') });
    await form.locator('dk-file-picker').getByText(FILE).waitFor();
    await shot(a, 'outgoing-01-draft-form');
    await form.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await a.waitForURL(/\/documents\/(?!new)[^/]+$/);
    await detail(a).locator('h1#doc-title').filter({ hasText: SUMMARY }).waitFor();
    const outgoingPath = new URL(a.url()).pathname;

    await openStep(a, 'Trình trưởng đơn vị');
    await submitStep(a, 'Trình trưởng đơn vị');
    await detail(a).locator('.head .chip.phase').getByText('Chờ trưởng đơn vị duyệt').waitFor();
    await waitSynced(a);
    lap('drafted and submitted');

    // ——— The VP head forwards it to the signer.
    const h = vpHead.page;
    await openView(h, 'awaitingApproval');
    await openFromList(h, SUMMARY);
    await openStep(h, 'Trình lãnh đạo');
    await submitStep(h, 'Trình lãnh đạo');
    await detail(h).locator('.head .chip.phase').getByText('Chờ lãnh đạo duyệt').waitFor();
    lap('forwarded to the leader');

    // ——— The chair approves; the form says the record is tamper evidence, not a legal digital signature.
    const l = leader.page;
    await openView(l, 'awaitingApproval');
    await openFromList(l, SUMMARY);
    const panel = await openStep(l, 'Phê duyệt');
    await panel.getByText(/Bản ghi chống sửa đổi, không phải chữ ký số hợp pháp/).waitFor();
    await shot(l, 'outgoing-02-approve-form');
    await submitStep(l, 'Phê duyệt');
    const record = detail(l).locator('dk-document-timeline [data-record]');
    await record.locator('[data-verification="valid"]').getByText('Khớp: không bị sửa từ khi duyệt').waitFor({ timeout: 15_000 });
    await record.getByText(/không phải chữ ký số pháp lý/).waitFor();
    await record.scrollIntoViewIfNeeded();
    await shot(l, 'outgoing-03-approval-record');
    lap('approved');

    // ——— The clerk finds it under "Cần vào sổ / ban hành", waits for the server's number, issues, dispatches.
    const c = clerk.page;
    await openView(c, 'toRegister');
    await openFromList(c, SUMMARY);
    const number = detail(c).locator('[data-number] strong');
    await number.waitFor({ timeout: 30_000 });
    const numberSymbol = (await number.innerText()).trim();
    assert.match(numberSymbol, /^\d+\/UBND-VP$/, `number/symbol "${numberSymbol}"`);
    await openStep(c, 'Ban hành');
    await submitStep(c, 'Ban hành');
    await detail(c).locator('.head .chip.phase').getByText('Đã ban hành').waitFor();
    const dispatch = await openStep(c, 'Ghi nhận gửi đi');
    await dispatch.getByLabel('Hình thức gửi').selectOption('post');
    assert.ok(await dispatch.getByLabel(EXTERNAL).isChecked(), 'the external recipient is ticked by default');
    await submitStep(c, 'Ghi nhận gửi đi');
    await detail(c).locator('dk-document-timeline li[data-kind="dispatched"]').getByText(EXTERNAL).waitFor();
    await shot(c, 'outgoing-04-clerk-issued-dispatched');
    lap(`issued as ${numberSymbol} and dispatched`);

    // ——— KT's head receives it as an incoming document of KT and opens its file.
    const k = ktHead.page;
    await openView(k, 'myUnit');
    await openFromList(k, SUMMARY, 45_000);
    await detail(k).locator('.head .chip.info').getByText('Văn bản đến').waitFor();
    await detail(k).locator('dl').getByText(numberSymbol).first().waitFor();
    const pdf = detail(k).locator(`dk-document-files li[data-file="${FILE}"] iframe.pdf`);
    await pdf.waitFor({ timeout: 20_000 });
    assert.match((await pdf.getAttribute('src')) ?? '', /^blob:/);
    await shot(k, 'outgoing-05-kt-head-incoming-copy');
    lap('KT head opened the copy');

    // ——— The author, without reloading, sees that KT received it.
    assert.equal(new URL(a.url()).pathname, outgoingPath);
    const receipt = detail(a).locator('dk-direction-tree li[data-recipient="unit:kt"]');
    await receipt.getByText(/Đã chuyển đến/).waitFor({ timeout: 30_000 });
    await receipt.scrollIntoViewIfNeeded();
    await shot(a, 'outgoing-06-author-sees-receipt');
    lap('author sees the receipt');
  });
});
