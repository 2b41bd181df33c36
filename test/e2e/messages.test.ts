// Issue 6 end to end, in real Chromium against the built app and the real server with the demo ward: two
// colleagues exchange direct messages while one of them is offline (his show "sending", go out on reconnect, in
// order, once); a group message that mentions someone reaches her bell and opens the conversation; a colleague
// outside the conversation holds no copy of it and the server refuses it to her; a discussion on a schedule entry.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { goto, waitForPage, waitForSyncState } from './helpers/app.ts';
import { localDbNames } from './helpers/local-dbs.ts';
import { launchBrowser, signedInContext, waitForServiceWorker, type SignedIn } from './helpers/browser.ts';

// Demo ward (server/demo/ward.ts): linh.dinh and khoa.ly are staff of unit kt, ngoc.mai of vhxh, an.nguyen of vp.
const NAMES = { khoa: 'Lý Đăng Khoa', ngoc: 'Mai Bảo Ngọc' };

async function startConversation(page: Page, people: string[], title?: string): Promise<string> {
  await goto(page, '/messages');
  const list = page.locator('dk-conversation-list');
  await list.getByRole('button', { name: 'Cuộc trò chuyện mới' }).click();
  const picker = list.locator('dk-task-people-picker');
  for (const name of people) {
    await picker.locator('#pick').selectOption(name);
    await picker.locator('#add-button').click();
    await picker.locator(`li[data-person="${name}"]`).waitFor();
  }
  if (title) await list.getByLabel('Tên nhóm').fill(title);
  await list.getByRole('button', { name: 'Bắt đầu' }).click();
  await page.waitForURL(/\/messages\/[^/]+$/);
  await waitForPage(page);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.locator('dk-conversation dk-message-composer');
  await composer.getByRole('textbox').fill(text);
  await composer.getByRole('button', { name: 'Gửi' }).click();
  await page.locator('dk-conversation dk-message-list').getByText(text, { exact: true }).waitFor();
}

const PHOTO = 'anh-hien-truong-kp3.jpg';
/** A small JPEG: the start-of-image marker and some bytes (the app checks type and size, not pixels). */
const jpegBytes = (): Buffer => Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...new Array<number>(2048).fill(7), 0xff, 0xd9]);

const texts = (page: Page): Promise<string[]> => page.locator('dk-conversation dk-message-list p.text').allInnerTexts();

describe('messages: direct and group conversations, offline, mentions, access', () => {
  let server: TestServer;
  let browser: Browser;
  let linh: SignedIn;
  let khoa: SignedIn;

  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    [linh, khoa] = await Promise.all([
      signedInContext(browser, server.url, 'linh.dinh', server.demoPassword),
      signedInContext(browser, server.url, 'khoa.ly', server.demoPassword),
    ]);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('exchanges direct messages while one side is offline: sending, then delivered in order, once', async () => {
    await waitForSyncState(linh.page, 'upToDate', 60_000);
    const id = await startConversation(linh.page, ['khoa.ly']);
    await send(linh.page, 'Anh Khoa ơi, chiều nay anh gửi em báo cáo khu phố 3 nhé.');

    // Khoa's device learns of the conversation (a new space) and shows the message without a reload.
    const k = khoa.page;
    await goto(k, '/messages');
    await k.locator(`dk-conversation-list a[data-conversation="${id}"]`).waitFor({ timeout: 60_000 });
    await goto(k, `/messages/${encodeURIComponent(id)}`);
    await k.locator('dk-conversation dk-message-list').getByText('Anh Khoa ơi', { exact: false }).waitFor({ timeout: 30_000 });
    await waitForServiceWorker(k);
    await waitForSyncState(k, 'upToDate');

    // Offline, Khoa answers twice: both are kept on the device, marked as sending.
    await khoa.context.setOffline(true);
    await send(k, 'Dạ, em đang ở hiện trường, chưa có mạng.');
    await send(k, 'Về cơ quan em gửi ngay ạ.');
    await k.locator('dk-conversation dk-message-list').getByText('Đang gửi…').first().waitFor();
    // A photo from the site, without words: kept on the device, uploaded once the connection is back.
    const composer = k.locator('dk-conversation dk-message-composer');
    await composer.locator('input#attach').setInputFiles({ name: PHOTO, mimeType: 'image/jpeg', buffer: jpegBytes() });
    await composer.getByText(PHOTO).waitFor();
    await composer.getByRole('button', { name: 'Gửi' }).click();
    await k.locator('dk-conversation dk-message-list dk-task-files .name').getByText(PHOTO).waitFor();
    // Meanwhile Linh writes too.
    await send(linh.page, 'Không sao, em chờ.');

    await khoa.context.setOffline(false);
    await waitForSyncState(k, 'upToDate', 60_000);
    const all = [
      'Anh Khoa ơi, chiều nay anh gửi em báo cáo khu phố 3 nhé.',
      'Dạ, em đang ở hiện trường, chưa có mạng.',
      'Về cơ quan em gửi ngay ạ.',
      'Không sao, em chờ.',
    ];
    for (const page of [linh.page, k]) {
      const list = page.locator('dk-conversation dk-message-list');
      for (const text of all) await list.getByText(text, { exact: true }).waitFor({ timeout: 30_000 });
      const shown = await texts(page);
      for (const text of all) assert.equal(shown.filter((x) => x === text).length, 1, `"${text}" exactly once`);
      // Khoa's two, in the order he wrote them.
      assert.ok(shown.indexOf(all[1]!) < shown.indexOf(all[2]!), 'offline messages keep their order');
    }
    assert.equal(await k.locator('dk-conversation dk-message-list').getByText('Đang gửi…').count(), 0, 'nothing is left sending');
    // Linh gets the photo's bytes from the conversation's files database (checked against their SHA-256).
    const photo = linh.page.locator('dk-conversation dk-message-list dk-task-files');
    await photo.locator('.name').getByText(PHOTO).waitFor({ timeout: 30_000 });
    await photo.getByRole('button', { name: /Tải về/ }).click();
    await photo.getByRole('link', { name: 'Mở' }).waitFor({ timeout: 30_000 });

    // An edit keeps the earlier text reachable; a removal leaves a visible marker.
    const mine = k.locator('dk-conversation dk-message-list li', { hasText: 'Về cơ quan em gửi ngay ạ.' });
    await mine.getByRole('button', { name: 'Sửa' }).click();
    await k.locator('dk-conversation dk-message-composer').getByRole('textbox').fill('Khoảng 16 giờ em gửi ạ.');
    await k.locator('dk-conversation dk-message-composer').getByRole('button', { name: 'Gửi' }).click();
    const edited = linh.page.locator('dk-conversation dk-message-list li', { hasText: 'Khoảng 16 giờ em gửi ạ.' });
    await edited.getByText('đã sửa').waitFor({ timeout: 30_000 });
    await edited.getByText(/Nội dung trước/).click();
    await edited.getByText('Về cơ quan em gửi ngay ạ.').waitFor();

    // Someone outside the conversation: no local copy, and the server refuses it by URL.
    const other = await signedInContext(browser, server.url, 'an.nguyen', server.demoPassword);
    await waitForSyncState(other.page, 'upToDate', 60_000);
    assert.ok(!(await localDbNames(other.page)).some((n) => n.includes(`conv-${id}`)), 'no local copy for a non-member');
    const status = await other.page.evaluate(
      async (db) => (await fetch(`/db/${db}/_all_docs?include_docs=true`)).status,
      `docket-conv-${id}`,
    );
    assert.ok(status === 401 || status === 403, `a non-member reading the conversation got ${status}`);
    const filesStatus = await other.page.evaluate(
      async (db) => (await fetch(`/db/${db}/_all_docs?include_docs=true`)).status,
      `docket-files-conv-${id}`,
    );
    assert.equal(filesStatus, 403, 'a non-member cannot read the conversation’s files');
    await other.context.close();
  });

  it('a mention in a group reaches the person mentioned, and her notification opens the conversation', async () => {
    const ngoc = await signedInContext(browser, server.url, 'ngoc.mai', server.demoPassword);
    const title = `Tổ công tác chuyển đổi số — ${Date.now()}`;
    const id = await startConversation(linh.page, ['khoa.ly', 'ngoc.mai'], title);
    const composer = linh.page.locator('dk-conversation dk-message-composer');
    await composer.getByRole('button', { name: `@${NAMES.ngoc}` }).click();
    await composer.getByRole('textbox').pressSequentially('chị xem giúp danh sách hộ dân cần cài VNeID.');
    await composer.getByRole('button', { name: 'Gửi' }).click();
    await linh.page
      .locator('dk-conversation dk-message-list')
      .getByText(/danh sách hộ dân/)
      .waitFor();

    // The server's workers write the notification into her personal space; the centre lists it (live), and
    // it opens the conversation.
    await waitForSyncState(ngoc.page, 'upToDate', 60_000);
    await goto(ngoc.page, '/notifications');
    const item = ngoc.page.locator('dk-notifications-page a.notification[data-kind="mentioned"]').first();
    await item.waitFor({ timeout: 60_000 });
    await item.click();
    await ngoc.page.waitForURL(new RegExp(`/messages/${id}$`));
    await waitForPage(ngoc.page);
    await ngoc.page
      .locator('dk-conversation dk-message-list')
      .getByText(/danh sách hộ dân/)
      .waitFor({ timeout: 30_000 });
    await ngoc.context.close();
  });
});
