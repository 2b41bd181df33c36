// Registry books and document types in administration (issue 9), in a real browser against the real
// server: the administrator continues the paper incoming book from 232 and stops offering "Nghị quyết" in
// drafts; the clerk's next registration gets arrival number 232 and the draft form no longer offers the
// type (both through the org space); the printed register carries the book's name; the audit log shows the changes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { goto, waitForPage } from './helpers/app.ts';
import { launchBrowser, signedInContext } from './helpers/browser.ts';
import { detail, shot, waitSynced, wardDay } from './helpers/documents.ts';

describe('registry books and document types in the app', () => {
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

  it('continues the paper book at 232 and hides a type from drafts; the clerk and the drafter see it at once', async () => {
    const year = wardDay().slice(0, 4);
    const admin = await signedInContext(browser, server.url, 'tri.nguyen', server.demoPassword);
    const a = admin.page;
    await goto(a, '/admin?tab=registry');
    const reg = a.locator('dk-admin-registry');
    const row = reg.getByRole('row').filter({ has: a.getByRole('rowheader', { name: 'Sổ văn bản đến', exact: true }) });
    await row.waitFor();
    await row.getByRole('button', { name: new RegExp(`Sửa sổ: Sổ văn bản đến ${year}`) }).click();
    const first = reg.getByLabel('Số bắt đầu của năm');
    await first.fill('0');
    await reg.getByRole('button', { name: 'Lưu', exact: true }).click();
    await reg.getByText('Nhập một số nguyên từ 1 đến 999.999.').waitFor(); // inline, nothing sent
    await first.fill('232');
    await reg.getByLabel('Tên in trên sổ').fill(`Sổ đăng ký văn bản đến năm ${year}`);
    await reg.getByLabel('Ghi chú').fill('Tiếp nối sổ giấy, số cuối 231 ngày 30/6');
    await reg.getByRole('button', { name: 'Lưu', exact: true }).click();
    await reg.getByText(`Đã lưu Sổ văn bản đến năm ${year}: số tiếp theo là 232.`).waitFor();
    await row.getByRole('cell', { name: `Sổ đăng ký văn bản đến năm ${year}` }).waitFor();

    const drafts = reg.getByRole('checkbox', { name: 'Nghị quyết: Soạn văn bản đi' });
    assert.equal(await drafts.isChecked(), true);
    await drafts.uncheck();
    await reg.getByText('Đã lưu: Nghị quyết.').waitFor();
    assert.equal(await reg.getByRole('checkbox', { name: 'Nghị quyết: Đăng ký đến' }).isChecked(), true);
    await shot(a, 'admin-registry');

    // The clerk registers a document: the server numbers it 232.
    const clerk = await signedInContext(browser, server.url, 'mai.hoang', server.demoPassword);
    const c = clerk.page;
    await waitSynced(c);
    await goto(c, '/documents/new/incoming');
    const form = c.locator('dk-incoming-form');
    await form.getByLabel('Cơ quan ban hành').fill('UBND quận Ba Đình');
    await form.getByLabel('Số, ký hiệu').fill('77/UBND-VP');
    await form.getByLabel('Ngày ban hành').fill(wardDay());
    await form.getByLabel('Trích yếu nội dung').fill('V/v tiếp nối sổ đăng ký văn bản đến');
    await form.getByLabel('Loại văn bản').selectOption('congVan');
    await form.getByRole('button', { name: 'Vào sổ', exact: true }).click();
    await c.waitForURL(/\/documents\/[^/]+$/);
    const number = detail(c).locator('[data-number] strong');
    await number.waitFor({ timeout: 30_000 });
    assert.equal((await number.innerText()).trim(), '232');

    // The clerk's printed register carries the book's name for the year.
    await goto(c, '/documents/registers');
    await c
      .locator('dk-document-registers #sheet-title')
      .filter({ hasText: `SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM ${year}` })
      .waitFor();

    // The incoming form still offers Nghị quyết; a staff member's draft form does not.
    await goto(c, '/documents/new/incoming');
    await waitForPage(c);
    const incomingKinds = await c.locator('dk-incoming-form select#kind option').allInnerTexts();
    assert.ok(
      incomingKinds.some((k) => k.startsWith('Nghị quyết')),
      incomingKinds.join(', '),
    );
    const staff = await signedInContext(browser, server.url, 'an.nguyen', server.demoPassword);
    await waitSynced(staff.page);
    await goto(staff.page, '/documents/new/draft');
    const draftKinds = staff.page.locator('dk-draft-form select#kind option');
    await draftKinds.filter({ hasText: 'Quyết định' }).first().waitFor({ state: 'attached' });
    const kinds = await draftKinds.allInnerTexts();
    assert.ok(!kinds.includes('Nghị quyết'), kinds.join(', '));
    assert.ok(kinds.includes('Công văn'), kinds.join(', '));

    // Both changes are in the audit log.
    await goto(a, '/admin?tab=audit');
    const log = a.locator('dk-admin-audit');
    await log.getByText(new RegExp(`Registry book incoming ${year}.*first number 1 → 232`)).waitFor();
    await log.getByText('Document type Nghị quyết offered in registration').waitFor();
    for (const s of [admin, clerk, staff]) await s.context.close();
  });
});
