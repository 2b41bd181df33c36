// Account lifecycle seen from a real device: a wrong password is explained inline; moving a person to
// another unit removes the old unit's space from their device and brings the new one; signing out
// warns about unsent work and can erase this account's local data on a shared computer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { launchBrowser, signedInContext } from './helpers/browser.ts';
import { waitForLocalDbs } from './helpers/local-dbs.ts';

const run = promisify(execFile);

describe('accounts on a device', () => {
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

  it('explains a wrong password inline and keeps the typed name', async () => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel(/tên tài khoản/i).fill('thao.ha');
    await page.getByLabel(/mật khẩu/i).fill('not-the-password');
    await page.getByRole('button', { name: /đăng nhập/i }).click();
    await page.getByText(/tên tài khoản hoặc mật khẩu không đúng/i).waitFor();
    assert.equal(await page.getByLabel(/tên tài khoản/i).inputValue(), 'thao.ha');
    assert.match(page.url(), /\/sign-in/);
    await context.close();
  });

  it('removes the old unit space from the device when the person moves to another unit', async () => {
    const { context, page } = await signedInContext(browser, server.url, 'duc.vo', server.demoPassword);
    await page
      .locator('dk-sync-badge')
      .getByText(/đã đồng bộ/i)
      .waitFor({ timeout: 30_000 });
    await waitForLocalDbs(page, (n) => n.some((x) => x.includes('docket-unit-kt')), 'the kt space should be on the device');

    const { stdout } = await run('npx', ['tsx', 'server/cli/admin.ts', 'move-user', 'duc.vo', '--unit', 'vhxh'], {
      env: { ...process.env, DATA_DIR: server.dataDir, ADMIN_USER: server.admin.name, ADMIN_PASSWORD: server.admin.password },
    });
    assert.match(stdout, /duc\.vo/);

    // The device learns it on its next sync attempt; "sync now" makes that immediate.
    await page.locator('dk-sync-badge').getByRole('button').click();
    await page
      .locator('dk-sync-panel')
      .getByRole('button', { name: /đồng bộ ngay/i })
      .click();
    await waitForLocalDbs(
      page,
      (n) => !n.some((x) => x.includes('docket-unit-kt')) && n.some((x) => x.includes('docket-unit-vhxh')),
      'kt should be erased and vhxh added',
    );
    await context.close();
  });

  it('warns about unsent changes at sign-out and erases local data when asked', async () => {
    const { context, page } = await signedInContext(browser, server.url, 'khoa.ly', server.demoPassword);
    await page
      .locator('dk-sync-badge')
      .getByText(/đã đồng bộ/i)
      .waitFor({ timeout: 30_000 });
    await context.setOffline(true);
    await page
      .getByRole('button', { name: /thông báo mới/i })
      .first()
      .click();
    const form = page.locator('dk-notice-form');
    await form.getByLabel(/tiêu đề/i).fill('Lịch trực tuần sau');
    await form.getByLabel(/nội dung/i).fill('Phân công trực cơ quan tuần sau theo danh sách đính kèm.');
    await form.getByRole('button', { name: /đăng thông báo/i }).click();
    await page.locator('dk-notice-list').getByText('Lịch trực tuần sau').waitFor();

    await page.getByRole('button', { name: /tài khoản:/i }).click();
    await page.getByRole('menuitem', { name: /đăng xuất/i }).click();
    await page.getByText(/còn 1 thay đổi chưa gửi/i).waitFor();
    await context.setOffline(false);
    await page.getByLabel(/xóa dữ liệu của tài khoản này/i).check();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^đăng xuất$/i })
      .click();
    await page.waitForURL(/\/sign-in/);
    await waitForLocalDbs(page, (n) => !n.some((x) => x.includes('docket-')), 'every local space of this account should be erased');
    await context.close();
  });
});
