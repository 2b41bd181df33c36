// Units and the org chart in administration (issue 9), in a real browser against the real server: the
// chart shows the ward's leadership in protocol order and each unit with its head first; the administrator
// renames and reorders a unit (a bad order is refused inline, nothing sent), the table and the chart follow,
// and the audit log records the change.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { goto } from './helpers/app.ts';
import { launchBrowser, signedInContext } from './helpers/browser.ts';
import { shot } from './helpers/documents.ts';

describe('units and the org chart in the app', () => {
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

  it('shows the org chart and renames and reorders a unit', async () => {
    const { page } = await signedInContext(browser, server.url, 'tri.nguyen', server.demoPassword);
    await goto(page, '/admin?tab=units');
    const units = page.locator('dk-admin-units');
    const chart = units.locator('dk-org-chart');
    await chart.getByRole('heading', { name: 'Sơ đồ tổ chức' }).waitFor();

    const leaders = chart.getByRole('group', { name: 'Lãnh đạo UBND phường' }).locator('.who');
    assert.deepEqual(await leaders.allTextContents(), ['Phạm Văn Thành', 'Trần Văn Hùng', 'Lê Quang Minh', 'Nguyễn Thị Lan']);
    const vp = chart.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Văn phòng HĐND – UBND' }) });
    assert.equal(await vp.locator('.who').first().textContent(), 'Đỗ Thị Hòa', 'the head comes first');
    await vp.locator('li.head').getByText('Trưởng đơn vị').waitFor();
    await vp.locator('li.head').getByText('Chánh Văn phòng HĐND – UBND').waitFor();

    await units.getByRole('button', { name: 'Sửa: Phòng Văn hóa – Xã hội' }).click();
    await units.getByRole('heading', { name: 'Sửa đơn vị Phòng Văn hóa – Xã hội' }).waitFor();
    assert.equal(await units.getByLabel('Mã đơn vị').isDisabled(), true, 'the id names the space: it never changes');
    await units.getByLabel('Tên đơn vị').fill('Phòng Văn hóa – Xã hội – Y tế');
    await units.getByLabel('Thứ tự').fill('đầu');
    await units.getByRole('button', { name: 'Lưu đơn vị' }).click();
    await units.getByText('Thứ tự là số nguyên từ 0 đến 10000.').waitFor();
    await units.getByLabel('Thứ tự').fill('0');
    await units.getByRole('button', { name: 'Lưu đơn vị' }).click();
    await units.getByText('Đã lưu đơn vị Phòng Văn hóa – Xã hội – Y tế.').waitFor();

    const firstRow = units.getByRole('table').getByRole('row').nth(1);
    await firstRow.getByRole('cell', { name: 'Phòng Văn hóa – Xã hội – Y tế', exact: true }).waitFor();
    assert.equal(
      await chart.locator('.tree h3').first().textContent(),
      'Phòng Văn hóa – Xã hội – Y tế',
      'order 0 comes first in the chart',
    );
    await shot(page, 'admin-units');

    await goto(page, '/admin?tab=audit');
    const audit = page.locator('dk-admin-audit');
    await audit.getByText(/Changed unit vhxh: name “Phòng Văn hóa – Xã hội – Y tế”; order \d+ → 0/).waitFor();
  });
});
