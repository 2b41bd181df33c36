// Administration in the app (issue 9), in a real browser against the real server: the administrator
// creates a unit and an account; the new user signs in with the one-time password and must choose their
// own before anything else; the administrator moves them to the new unit and the old unit's data leaves
// their device at the next sync; the audit log shows every step.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { launchBrowser, signedInContext } from './helpers/browser.ts';
import { waitForLocalDbs } from './helpers/local-dbs.ts';

describe('administration in the app', () => {
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

  it('creates a unit and a user, who must change the one-time password; a move takes the old unit off their device; all audited', async () => {
    const admin = await signedInContext(browser, server.url, 'tri.nguyen', server.demoPassword);
    const a = admin.page;

    // 1. A new unit.
    await a.getByRole('link', { name: /^quản trị$/i }).click();
    await a.getByRole('link', { name: /^đơn vị$/i }).click();
    const units = a.locator('dk-admin-units');
    await units.getByRole('button', { name: /thêm đơn vị/i }).click();
    await units.getByText(/mã đơn vị gồm chữ thường/i).waitFor(); // inline error, nothing sent
    await units.getByLabel(/^mã đơn vị/i).fill('tp');
    await units.getByLabel(/^tên đơn vị/i).fill('Phòng Tư pháp – Hộ tịch');
    await units.getByLabel(/^tên viết tắt/i).fill('TP');
    await units.getByRole('button', { name: /thêm đơn vị/i }).click();
    await units.getByText('Đã thêm đơn vị Phòng Tư pháp – Hộ tịch.').waitFor();
    await units.getByRole('cell', { name: 'Phòng Tư pháp – Hộ tịch', exact: true }).waitFor();

    // 2. A new account in Văn phòng, with a one-time password shown once.
    await a.getByRole('link', { name: /^tài khoản$/i }).click();
    const users = a.locator('dk-admin-users');
    await users.getByRole('button', { name: /tạo tài khoản/i }).click();
    const form = a.locator('dk-admin-user-form');
    await form.getByLabel(/^tên tài khoản/i).fill('Hien Do');
    await form.getByLabel(/^họ và tên/i).fill('Đỗ Thu Hiền');
    await form.getByRole('button', { name: /tạo tài khoản/i }).click();
    await form.getByText(/tên tài khoản gồm 2–40 chữ thường/i).waitFor();
    await form.getByLabel(/^tên tài khoản/i).fill('hien.do');
    await form.getByLabel(/^chức vụ/i).fill('Chuyên viên tư pháp');
    await form.getByLabel(/^đơn vị/i).selectOption('vp');
    await form.getByRole('button', { name: /tạo tài khoản/i }).click();
    const otpBox = a.locator('dk-one-time-password');
    await otpBox.getByText(/mật khẩu dùng một lần của hien\.do/i).waitFor();
    const otp = (await otpBox.locator('.secret').textContent())?.trim() ?? '';
    assert.ok(otp.length >= 12, `one-time password "${otp}"`);
    await otpBox.getByRole('button', { name: /đã trao mật khẩu/i }).click();
    const row = users.locator('tr[data-account="hien.do"]');
    await row.getByText(/chờ đổi mật khẩu/i).waitFor();

    // Her position is corrected from the action menu.
    await row.getByRole('combobox', { name: /thao tác với đỗ thu hiền/i }).selectOption('edit');
    const edit = a.locator('dk-admin-user-form');
    await edit.getByRole('heading', { name: /sửa tài khoản đỗ thu hiền/i }).waitFor();
    assert.equal(await edit.getByLabel(/^tên tài khoản/i).isDisabled(), true);
    await edit.getByLabel(/^chức vụ/i).fill('Công chức Tư pháp – Hộ tịch');
    await edit.getByRole('button', { name: /lưu thay đổi/i }).click();
    await users.getByText(/đã lưu thay đổi của đỗ thu hiền/i).waitFor();
    await row.getByText('Công chức Tư pháp – Hộ tịch').waitFor();

    // 3. The user signs in with it and must choose their own password first.
    const user = await signedInContext(browser, server.url, 'hien.do', otp);
    const u = user.page;
    await u.getByRole('heading', { name: /đặt mật khẩu của riêng bạn/i }).waitFor();
    assert.equal(await u.locator('nav').count(), 0, 'nothing else is reachable');
    await u.getByLabel(/^mật khẩu hiện tại/i).fill(otp);
    await u.getByLabel(/^mật khẩu mới/i).fill('matkhau123');
    await u.getByLabel(/^nhập lại mật khẩu mới/i).fill('matkhau123');
    await u.getByRole('button', { name: /^đổi mật khẩu$/i }).click();
    await u.getByText(/mật khẩu này quá phổ biến/i).waitFor();
    await u.getByLabel(/^mật khẩu mới/i).fill('Tu-phap-2026!');
    await u.getByLabel(/^nhập lại mật khẩu mới/i).fill('Tu-phap-2026!');
    await u.getByRole('button', { name: /^đổi mật khẩu$/i }).click();
    await u
      .locator('dk-sync-badge')
      .getByText(/đã đồng bộ/i)
      .waitFor({ timeout: 30_000 });
    await waitForLocalDbs(u, (n) => n.some((x) => x.includes('docket-unit-vp')), 'the vp space should be on the device');

    // 4. The administrator moves her to the new unit.
    await a.reload();
    await row.getByText(/đang hoạt động/i).waitFor();
    await row.getByRole('combobox', { name: /thao tác với đỗ thu hiền/i }).selectOption('move:tp');
    await users
      .getByRole('alertdialog')
      .getByText(/quyền đọc dữ liệu của đơn vị cũ chấm dứt ngay/i)
      .waitFor();
    await users
      .getByRole('alertdialog')
      .getByRole('button', { name: /đồng ý/i })
      .click();
    await users.getByText(/đã chuyển đỗ thu hiền sang tp/i).waitFor();

    // 5. Her next sync takes Văn phòng's data off her device and brings the new unit's.
    await u.locator('dk-sync-badge').getByRole('button').click();
    await u
      .locator('dk-sync-panel')
      .getByRole('button', { name: /đồng bộ ngay/i })
      .click();
    await waitForLocalDbs(
      u,
      (n) => !n.some((x) => x.includes('docket-unit-vp')) && n.some((x) => x.includes('docket-unit-tp')),
      'vp should be erased and tp added',
    );

    // The device reported its sync health: the administrator sees it with the spaces it holds.
    await a.goto('/admin?tab=devices');
    const devices = a.locator('dk-admin-devices');
    await devices.locator('tr[data-account="hien.do"][data-space="docket-org"]').waitFor();
    assert.match((await devices.locator('tr[data-account="hien.do"]').first().textContent()) ?? '', /Chrome/);

    // 6. The audit log shows each step, newest first.
    await a.goto('/admin?tab=audit');
    const audit = a.locator('dk-admin-audit');
    await audit.getByLabel(/^tìm/i).fill('hien.do');
    await audit.getByRole('button', { name: /^lọc$/i }).click();
    await a.waitForURL(/q=hien\.do/);
    await audit.locator('tr[data-action="userMoved"]').waitFor();
    const actions = await audit.locator('tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.action));
    for (const want of ['userMoved', 'passwordChanged', 'signIn', 'userChanged', 'userCreated'])
      assert.ok(actions.includes(want), `${want} in ${actions.join(',')}`);
    assert.ok(actions.indexOf('userMoved') < actions.indexOf('userCreated'), 'newest first');
    await audit.getByLabel(/^tìm/i).fill('');
    await audit.getByLabel(/^hành động/i).selectOption('unitCreated');
    await audit.getByRole('button', { name: /^lọc$/i }).click();
    await audit.getByRole('cell', { name: 'tp', exact: true }).waitFor();

    await user.context.close();
    await admin.context.close();
  });

  it('staff do not see administration; the page says why if they open it', async () => {
    const { context, page } = await signedInContext(browser, server.url, 'an.nguyen', server.demoPassword);
    assert.equal(await page.getByRole('link', { name: /^quản trị$/i }).count(), 0);
    await page.goto('/admin');
    await page.getByText(/chỉ quản trị hệ thống được dùng chức năng này/i).waitFor();
    await context.close();
  });
});
