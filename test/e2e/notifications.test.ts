// Notifications end to end (issue 6), in real Chromium against the built app and the real server with its
// workers: the head of the office assigns a task to a specialist, then mentions him in a comment with the
// "@" button; the server writes both notifications into his personal space, his bell counts them, the
// notification centre lists them, and opening the mention marks it read and opens the task. A colleague
// who was not mentioned gets nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { goto } from './helpers/app.ts';
import { launchBrowser, signedInContext } from './helpers/browser.ts';
import { addDays, shot, waitSynced, wardDay } from './helpers/documents.ts';

const TITLE = 'Tổng hợp số liệu cải cách hành chính quý IV';
const COMMENT = 'đề nghị bổ sung số liệu một cửa liên thông trước thứ Sáu.';

describe('notifications: assigned and mentioned, in the bell and the centre, the link opens the item', () => {
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

  it('tells the assignee, and only the people mentioned', async () => {
    const head = await signedInContext(browser, server.url, 'hoa.do', server.demoPassword);
    const staff = await signedInContext(browser, server.url, 'an.nguyen', server.demoPassword);
    const h = head.page;
    const a = staff.page;
    await waitSynced(h);

    // The head assigns a task to an.nguyen.
    await goto(h, '/tasks/new');
    const form = h.locator('dk-task-form');
    await form.locator('#title').fill(TITLE);
    const lead = form.locator('dk-task-people-picker[name="lead"]');
    await lead.locator('#pick').selectOption('an.nguyen');
    await lead.locator('#add-button').click();
    await form.locator('#deadline').fill(addDays(wardDay(), 10));
    await form.getByRole('button', { name: 'Giao việc', exact: true }).click();
    await h.waitForURL(/\/tasks\/task(%3A|:)/);
    const taskPath = new URL(h.url()).pathname;

    // Then mentions him in a comment, with the mention button (it types "@an.nguyen ").
    const comment = h.locator('dk-task-comment-form');
    await comment.locator('button[data-mention="an.nguyen"]').click();
    const box = comment.locator('textarea');
    assert.equal(await box.inputValue(), '@an.nguyen ');
    await box.pressSequentially(COMMENT);
    await comment.getByRole('button', { name: 'Gửi ý kiến', exact: true }).click();
    await h.locator('dk-task-timeline').getByText(COMMENT, { exact: false }).waitFor();
    await waitSynced(h);

    // His bell counts both (the server's workers wrote them into his personal space; sync brought them).
    const bell = a.locator('dk-task-reminders .trigger');
    await bell.and(a.locator('[aria-label^="Thông báo và nhắc việc: "]')).waitFor({ timeout: 30_000 });
    await a.waitForFunction(
      () => {
        const el = document.querySelector('dk-app')?.shadowRoot?.querySelector('dk-task-reminders') as unknown as {
          notifications?: { unread: number };
        } | null;
        return (el?.notifications?.unread ?? 0) >= 2;
      },
      undefined,
      { timeout: 30_000 },
    );
    await bell.click();
    const panel = a.locator('dk-task-reminders #reminders-panel');
    await panel.getByText('Đỗ Thị Hòa giao cho bạn').waitFor();
    await panel.getByText('Đỗ Thị Hòa nhắc đến bạn').waitFor();
    await shot(a, 'notifications-01-bell');
    await panel.getByRole('link', { name: 'Xem tất cả thông báo' }).click();
    await a.waitForURL(/\/notifications$/);

    // The centre: the mention, newest, first; opening it marks it read and opens the task.
    const centre = a.locator('dk-notifications-page');
    const mention = centre.locator('a.notification[data-kind="mentioned"]');
    await mention.waitFor();
    assert.match((await mention.innerText()).replace(/\s+/g, ' '), new RegExp(`${TITLE}.*bổ sung số liệu`));
    assert.equal(await centre.locator('a.notification').first().getAttribute('data-kind'), 'mentioned');
    await shot(a, 'notifications-02-centre');
    await mention.click();
    await a.waitForURL((url) => url.pathname === taskPath);
    await a.locator('dk-task-detail').getByRole('heading', { name: TITLE }).waitFor();
    await goto(a, '/notifications');
    await centre.locator('a.notification[data-kind="mentioned"]:not(.unread)').waitFor();
    await centre.locator('a.notification[data-kind="assigned"].unread').waitFor();

    // A colleague of the same unit, not mentioned: no notification about this task.
    const other = await signedInContext(browser, server.url, 'dung.ngo', server.demoPassword);
    await waitSynced(other.page);
    await goto(other.page, '/notifications');
    const list = other.page.locator('dk-notifications-page');
    await list.getByRole('heading', { name: 'Thông báo cho tôi' }).waitFor();
    assert.equal(await list.locator('a.notification', { hasText: TITLE }).count(), 0);
    for (const s of [head, staff, other]) await s.context.close();
  });
});
