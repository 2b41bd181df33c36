// Issue 5 end to end, in real Chromium against the built app and the real server with the demo ward: the office
// drafts an entry of the weekly leadership schedule and submits the week, the chair publishes it, a participant
// sees it on a phone-sized screen, offline after a reload; the office changes the entry and the participant sees it
// marked as changed with its earlier value. Two people book the same room offline: after both sync, both bookings
// are kept and flagged for the office.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/model/documents/dates.ts';
import { daysOfIsoWeek, isoWeekOf } from '../../src/model/schedule/interval.ts';
import { wardDay } from '../../src/model/time.ts';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { goto, waitForPage, waitForSyncState } from './helpers/app.ts';
import { bulk, draft } from '../server/helpers/documents.ts';
import { login } from '../server/helpers/http.ts';
import { task } from '../server/helpers/tasks.ts';
import { pdfBytes } from './helpers/documents.ts';
import { launchBrowser, signedInContext, waitForServiceWorker, type SignedIn } from './helpers/browser.ts';

// Demo ward (server/demo/ward.ts): an.nguyen is staff of the office (vp); hung.tran chairs the People's Committee;
// linh.dinh and khoa.ly are staff of unit kt, ngoc.mai of vhxh. Rooms come from server/demo/schedule-data.ts.
const WEEK = isoWeekOf(addDays(wardDay(), 21)); // three weeks ahead: no demo entries there
const [MONDAY, TUESDAY] = daysOfIsoWeek(WEEK) as [string, string];
const ROOM = 'phong-hop-tang-3';

async function fillEntry(
  page: Page,
  opts: { target: string; title: string; day: string; slot?: string; times?: [string, string]; room?: string; place?: string },
) {
  const form = page.locator('dk-event-form');
  await form.getByLabel('Thuộc lịch').selectOption(opts.target);
  await form.getByLabel('Nội dung', { exact: true }).fill(opts.title);
  await form.getByLabel('Ngày', { exact: true }).fill(opts.day);
  if (opts.times) {
    await form.getByLabel('Thời gian', { exact: true }).selectOption('times');
    await form.getByLabel('Từ', { exact: true }).fill(opts.times[0]);
    await form.getByLabel('Đến', { exact: true }).fill(opts.times[1]);
  } else await form.getByLabel('Thời gian', { exact: true }).selectOption(opts.slot ?? 'morning');
  if (opts.room) await form.getByLabel('Phòng họp', { exact: true }).selectOption(opts.room);
  if (opts.place) await form.getByLabel(/Địa điểm khác/).fill(opts.place);
}

async function save(page: Page, name: RegExp = /lưu lịch/i): Promise<void> {
  await page.locator('dk-event-form').getByRole('button', { name }).click();
  await page.waitForURL(/\/schedule\/events\//);
  await waitForPage(page);
}

const weekPath = (cal: string) => `/schedule?week=${WEEK}&cal=${encodeURIComponent(cal)}`;

describe('schedule: draft, publish, offline, change marks, room clashes', () => {
  let server: TestServer;
  let browser: Browser;
  let office: SignedIn;
  let chair: SignedIn;
  let participant: SignedIn;

  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    [office, chair, participant] = await Promise.all([
      signedInContext(browser, server.url, 'an.nguyen', server.demoPassword),
      signedInContext(browser, server.url, 'hung.tran', server.demoPassword),
      signedInContext(browser, server.url, 'linh.dinh', server.demoPassword),
    ]);
    await participant.page.setViewportSize({ width: 360, height: 780 });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the office drafts, the chair publishes, a participant reads it offline on a phone and sees a change marked', async () => {
    const title = `Giao ban UBND phường tuần ${WEEK.slice(6)} — ${Date.now()}`;
    const o = office.page;
    await waitForSyncState(o, 'upToDate', 60_000);
    await goto(o, `/schedule/new?cal=leadership&day=${MONDAY}`);
    await fillEntry(o, { target: 'leadership', title, day: MONDAY, slot: 'morning', place: 'Hội trường UBND phường' });
    await o.locator('dk-event-form').getByLabel('Chủ trì').selectOption('hung.tran');
    await o.locator('dk-event-form').getByLabel('Phòng Kinh tế – Hạ tầng – Đô thị').check();
    await save(o);

    await goto(o, weekPath('leadership'));
    const oWeek = o.locator('dk-schedule-week');
    await oWeek.getByText(title).first().waitFor();
    await oWeek.locator('[data-week-status="draft"]').waitFor();
    await oWeek.getByRole('button', { name: 'Trình lãnh đạo' }).click();
    await oWeek.locator('[data-week-status="submitted"]').waitFor();

    // Before publication, staff outside the office see that the week is not published, not the draft.
    const p = participant.page;
    await goto(p, weekPath('leadership'));
    await p.locator('dk-schedule-week').getByText('Lịch tuần này chưa được công bố').waitFor({ timeout: 30_000 });
    assert.equal(await p.locator('dk-schedule-week').getByText(title).count(), 0);

    // The chair publishes the week (the entry reached the chair's device by replication).
    const c = chair.page;
    await goto(c, weekPath('leadership'));
    const cWeek = c.locator('dk-schedule-week');
    await cWeek.getByText(title).first().waitFor({ timeout: 60_000 });
    await cWeek.locator('[data-week-status="submitted"]').waitFor({ timeout: 30_000 });
    await cWeek.getByRole('button', { name: 'Công bố lịch tuần' }).click();
    await cWeek.locator('[data-week-status="published"]').waitFor();

    // The participant's phone shows it without a reload (cards, not the table, at 360 px) …
    const pWeek = p.locator('dk-schedule-week');
    const card = pWeek.locator('article.card', { hasText: title });
    await card.waitFor({ timeout: 30_000 });
    assert.ok(await card.isVisible(), 'the entry is a visible card on a phone');
    await card.getByText('Hội trường UBND phường').waitFor();

    // … and offline after a reload, served by the service worker from IndexedDB.
    await waitForServiceWorker(p);
    await waitForSyncState(p, 'upToDate');
    await participant.context.setOffline(true);
    await p.reload();
    await waitForPage(p);
    await pWeek.locator('article.card', { hasText: title }).waitFor({ timeout: 20_000 });
    await participant.context.setOffline(false);
    await waitForSyncState(p, 'upToDate');

    // The office moves it to the afternoon; the participant sees it marked as changed, with the morning as before.
    await goto(o, weekPath('leadership'));
    await oWeek.locator('tr', { hasText: title }).getByRole('link', { name: title }).click();
    await waitForPage(o);
    await o.locator('dk-event-detail').getByRole('link', { name: 'Sửa' }).click();
    await waitForPage(o);
    await o.locator('dk-event-form').getByLabel('Thời gian', { exact: true }).selectOption('afternoon');
    await save(o, /lưu thay đổi/i);
    await o.locator('dk-event-detail [data-mark="when"]').waitFor();

    const changed = pWeek.locator('article.card', { hasText: title });
    await changed.getByText('Có thay đổi').waitFor({ timeout: 30_000 });
    await changed.getByText(/Trước: .*Sáng/).waitFor();
    await changed.getByRole('link', { name: title }).click();
    await waitForPage(p);
    await p
      .locator('dk-event-detail')
      .getByText(/Đã đổi, trước là: .*Sáng/)
      .waitFor();
  });

  it('two room bookings made offline that clash are both kept and flagged after sync', async () => {
    const [a, b] = await Promise.all([
      signedInContext(browser, server.url, 'khoa.ly', server.demoPassword),
      signedInContext(browser, server.url, 'ngoc.mai', server.demoPassword),
    ]);
    const titles = [`Họp tổ công tác chỉnh trang đô thị — ${Date.now()}`, `Tập huấn phần mềm hộ tịch — ${Date.now()}`];
    await Promise.all(
      [a, b].map(async (who, i) => {
        await waitForSyncState(who.page, 'upToDate', 60_000);
        await waitForServiceWorker(who.page);
        await goto(who.page, `/schedule/new?cal=room:${ROOM}&day=${TUESDAY}`);
        await who.page.locator('dk-event-form').getByLabel('Phòng họp', { exact: true }).waitFor();
        await who.context.setOffline(true);
        await fillEntry(who.page, {
          target: 'ward',
          title: titles[i]!,
          day: TUESDAY,
          times: i === 0 ? ['14:00', '15:30'] : ['15:00', '16:30'],
          room: ROOM,
        });
        await save(who.page);
      }),
    );
    // Neither saw the other's booking: no clash on either device yet.
    for (const who of [a, b]) assert.equal(await who.page.locator('dk-event-detail').getByText(/Trùng/).count(), 0);

    await Promise.all([a, b].map((who) => who.context.setOffline(false)));
    await Promise.all([a, b].map((who) => waitForSyncState(who.page, 'upToDate', 60_000)));

    // The office sees both on the room's calendar, flagged, and each booker sees it on their entry.
    const o = office.page;
    await goto(o, weekPath(`room:${ROOM}`));
    const week = o.locator('dk-schedule-week');
    await week.getByText('Có 1 trường hợp trùng phòng họp').waitFor({ timeout: 30_000 });
    for (const title of titles) {
      const row = week.locator('tr', { hasText: title });
      await row.waitFor();
      await row.getByText('Trùng phòng').waitFor();
    }
    for (const who of [a, b])
      await who.page
        .locator('dk-event-detail')
        .getByText(/Trùng Phòng họp tầng 3/)
        .waitFor({ timeout: 30_000 });

    // Both are on the server, in the org space.
    const res = await fetch(
      `${server.url}/db/docket-org/_all_docs?include_docs=true&startkey="calendarEvent:"&endkey="calendarEvent:\ufff0"`,
      {
        headers: { Authorization: `Basic ${Buffer.from(`${server.admin.name}:${server.admin.password}`).toString('base64')}` },
      },
    );
    const body = (await res.json()) as { rows: Array<{ doc: { title: string } }> };
    for (const title of titles)
      assert.ok(
        body.rows.some((r) => r.doc.title === title),
        `${title} is on the server`,
      );
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('a ward meeting links a document and a task and carries its invitation: another person opens the link and downloads the file', async () => {
    const title = `Họp triển khai chuyển đổi số — ${Date.now()}`;
    // A draft plan and a task of the office, written through the gateway as the office's devices would.
    const cookie = await login(server.url, 'an.nguyen', server.demoPassword);
    const plan = draft('an.nguyen', 'vp', { summary: 'Kế hoạch chuyển đổi số năm 2027 của phường' });
    const prepare = task('an.nguyen', { title: 'Chuẩn bị tài liệu họp chuyển đổi số' });
    const written = await bulk(server.url, cookie, 'docket-unit-vp', [plan, prepare]);
    assert.equal(written.status, 201);
    const o = office.page;
    // Both reach the office's device by replication (the form reads what the device holds when it opens).
    await goto(o, `/documents/${encodeURIComponent(plan._id as string)}`);
    await o.locator('dk-document-detail').getByText('Kế hoạch chuyển đổi số năm 2027 của phường').first().waitFor({ timeout: 30_000 });
    await goto(o, `/tasks/${encodeURIComponent(prepare._id as string)}`);
    await o.locator('dk-task-detail').getByText('Chuẩn bị tài liệu họp chuyển đổi số').first().waitFor({ timeout: 30_000 });
    await goto(o, `/schedule/new?day=${TUESDAY}`);
    await fillEntry(o, { target: 'ward', title, day: TUESDAY, slot: 'afternoon', place: 'Nhà văn hoá tổ dân phố 5' });
    const form = o.locator('dk-event-form');
    const links = form.locator('dk-task-link-picker');
    // Found by typing in the pickers, as a clerk would; one match is added with Enter.
    await links.locator('#doc-search').fill('chuyen doi so nam 2027');
    await links.locator(`#doc-pick option[value="${plan._id}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    await links.locator('#doc-search').press('Enter');
    const docLabel = 'Quyết định – Kế hoạch chuyển đổi số năm 2027 của phường';
    const taskLabel = 'Chuẩn bị tài liệu họp chuyển đổi số';
    await links.locator('#task-search').fill('tai lieu hop');
    await links.locator(`#task-pick option[value="${prepare._id}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    await links.locator('#task-search').press('Enter');
    await links.locator('li[data-link]').nth(1).waitFor();
    const FILE = 'Giay moi hop chuyen doi so.pdf';
    await form
      .locator('dk-file-picker input#choose')
      .setInputFiles({ name: FILE, mimeType: 'application/pdf', buffer: pdfBytes('Giay moi') });
    await form.locator('dk-file-picker').getByText(FILE).waitFor();
    await save(o);
    const detail = o.locator('dk-event-detail');
    await detail.getByRole('link', { name: docLabel }).waitFor();
    await detail.getByRole('link', { name: taskLabel }).waitFor();
    await detail.locator('dk-task-files .name').getByText(FILE).waitFor();
    const entryPath = new URL(o.url()).pathname;
    await waitForSyncState(o, 'upToDate', 60_000); // the file is uploaded too

    // A participant elsewhere in the ward: the entry came by replication, the file's bytes on demand.
    const p = participant.page;
    await goto(p, entryPath);
    const pDetail = p.locator('dk-event-detail');
    const files = pDetail.locator('dk-task-files');
    await files.locator('.name').getByText(FILE).waitFor({ timeout: 30_000 });
    await files.getByRole('button', { name: /Tải về/ }).click();
    await files.getByRole('link', { name: 'Mở' }).waitFor({ timeout: 30_000 });
    await pDetail.getByRole('link', { name: docLabel }).click();
    await p.waitForURL(/\/documents\/officialDocument/);
  });
});
