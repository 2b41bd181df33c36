// Issue 4, work management end to end in real Chromium against the built app and the real server, one browser
// profile per person: the chair assigns a task with a lead (linh.dinh, KT) and a coordinator from another unit
// (ngoc.mai, VHXH: her copy reaches her through the server's task mirror). Both go OFFLINE at the same time; the
// lead reports 50 % with a phone photo, the coordinator reports her part. Back online, every report (and the photo)
// is on all three devices. The lead submits it as done, the chair accepts; the statistics count it done on time;
// a task whose deadline has passed shows as overdue in the list and in the statistics.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { newId } from '../../src/model/ids.ts';
import { TASK_SCHEMA, type Task } from '../../src/model/tasks/types.ts';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { goto, sessionCookie } from './helpers/app.ts';
import { openTask, openTaskStep, pickPerson, taskDetail, taskStatus, taskTimeline } from './helpers/tasks.ts';
import { launchBrowser, signedInContext, waitForServiceWorker, type SignedIn } from './helpers/browser.ts';
import { addDays, shot, waitSynced, wardDay } from './helpers/documents.ts';

const TITLE = 'Rà soát hộ kinh doanh lấn chiếm vỉa hè tuyến phố Hàng Bông';
const OVERDUE_TITLE = 'Tổng hợp số liệu hộ nghèo quý IV gửi UBND quận';
const LEAD_NOTE = 'Đã rà soát 40/80 hộ, chụp ảnh hiện trạng điểm số 12.';
const COORD_NOTE = 'Phòng VHXH đã gửi giấy mời các hộ đến làm việc ngày thứ Năm.';
const PHOTO = 'hien-trang-diem-12.jpg';
/** A real (1×1) JPEG, as a phone camera would give a bigger one. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

describe('tasks: assign, two people report offline at once, accept, statistics, overdue', () => {
  let server: TestServer;
  let browser: Browser;
  let leader: SignedIn;
  let lead: SignedIn;
  let coordinator: SignedIn;
  const today = wardDay();
  let overdueId = '';
  const started = Date.now();
  const lap = (what: string) => console.log(`[tasks] ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);

  before(async () => {
    server = await startTestServer({ demo: true });
    // A task assigned two days ago whose deadline was yesterday, written through the gateway as the chair.
    const createdAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const task: Task = {
      _id: newId('task', Date.parse(createdAt)),
      type: 'task',
      schema: TASK_SCHEMA,
      createdAt,
      createdBy: 'hung.tran',
      title: OVERDUE_TITLE,
      assigner: 'hung.tran',
      assignerName: 'Trần Văn Hùng',
      actorRoles: ['leader'],
      lead: 'khoa.ly',
      coordinators: [],
      followers: [],
      unitId: 'kt',
      deadline: addDays(today, -1),
      priority: 'high',
      checklist: [],
      links: [],
    };
    overdueId = task._id;
    const cookie = await sessionCookie(server.url, 'hung.tran', server.demoPassword);
    const res = await fetch(`${server.url}/db/docket-unit-kt/${encodeURIComponent(task._id)}`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(task),
    });
    assert.equal(res.status, 201, await res.text());
    browser = await launchBrowser();
    leader = await signedInContext(browser, server.url, 'hung.tran', server.demoPassword);
    lead = await signedInContext(browser, server.url, 'linh.dinh', server.demoPassword);
    coordinator = await signedInContext(browser, server.url, 'ngoc.mai', server.demoPassword);
    lap('three people signed in');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reaches every device with both offline reports, is accepted, and counts in the statistics', async () => {
    // ——— The chair assigns it: lead linh.dinh (KT), coordinator ngoc.mai (VHXH), deadline in a week.
    const l = leader.page;
    await waitSynced(l);
    await goto(l, '/tasks/new');
    const form = l.locator('dk-task-form');
    await form.locator('#title').fill(TITLE);
    await form.locator('#description').fill('Lập danh sách, chụp ảnh hiện trạng, mời các hộ đến làm việc; báo cáo kết quả.');
    await pickPerson(form, 'lead', 'linh.dinh');
    await pickPerson(form, 'coordinators', 'ngoc.mai');
    await form.locator('#deadline').fill(addDays(today, 7));
    await form.locator('#priority').selectOption('high');
    await shot(l, 'tasks-01-leader-form');
    await form.getByRole('button', { name: 'Giao việc', exact: true }).click();
    await l.waitForURL(/\/tasks\/task%3A|\/tasks\/task:/);
    const path = new URL(l.url()).pathname;
    await taskDetail(l).getByRole('heading', { name: TITLE }).waitFor();
    assert.equal(await taskStatus(l).getAttribute('data-status'), 'notStarted');
    await waitSynced(l);
    lap('assigned');

    // ——— Lead and coordinator get it (the coordinator through VHXH's copy), then both go offline.
    const [a, c] = [lead.page, coordinator.page];
    await Promise.all([waitForServiceWorker(a), waitForServiceWorker(c)]);
    await openTask(a, path, TITLE);
    await openTask(c, path, TITLE);
    lap('arrived on both devices');
    await lead.context.setOffline(true);
    await coordinator.context.setOffline(true);

    // The lead: 50 % with a photo from the phone.
    let panel = await openTaskStep(a, 'Báo cáo tiến độ');
    await panel.locator('#percent').fill('50');
    await panel.locator('#note').fill(LEAD_NOTE);
    await panel.locator('dk-file-picker input#choose').setInputFiles({ name: PHOTO, mimeType: 'image/jpeg', buffer: JPEG });
    await panel.locator('dk-file-picker').getByText(PHOTO).waitFor();
    await panel.getByRole('button', { name: 'Gửi báo cáo', exact: true }).click();
    await taskTimeline(a).getByText(LEAD_NOTE).waitFor();
    assert.equal(await taskStatus(a).getAttribute('data-status'), 'inProgress');
    await shot(a, 'tasks-02-lead-offline-report');

    // The coordinator, offline at the same time: her part.
    panel = await openTaskStep(c, 'Báo cáo tiến độ');
    await panel.locator('#percent').fill('30');
    await panel.locator('#note').fill(COORD_NOTE);
    await panel.getByRole('button', { name: 'Gửi báo cáo', exact: true }).click();
    await taskTimeline(c).getByText(COORD_NOTE).waitFor();
    assert.equal(await taskTimeline(c).getByText(LEAD_NOTE).count(), 0, 'offline, she cannot have the lead’s report yet');
    lap('two offline reports');

    // ——— Both reconnect: every report, and the photo, reaches all three devices.
    await lead.context.setOffline(false);
    await coordinator.context.setOffline(false);
    for (const [who, page] of [
      ['leader', l],
      ['lead', a],
      ['coordinator', c],
    ] as const) {
      await taskTimeline(page).getByText(LEAD_NOTE).waitFor({ timeout: 45_000 });
      await taskTimeline(page).getByText(COORD_NOTE).waitFor({ timeout: 45_000 });
      await taskDetail(page).getByText(PHOTO).first().waitFor({ timeout: 45_000 });
      console.log(`[tasks] ${who} has both reports and the photo`);
    }
    assert.match(
      (await taskDetail(l).locator('[data-percent]').first().innerText()).replace(/\s/g, ''),
      /50/,
      'the lead’s 50 % is the task’s',
    );
    await taskDetail(l).locator('li[data-part="ngoc.mai"]').getByText(/30/).waitFor();
    await shot(l, 'tasks-03-leader-both-reports');
    lap('converged on three devices');

    // ——— The lead submits it as done; the chair accepts.
    await waitSynced(a);
    panel = await openTaskStep(a, 'Báo cáo hoàn thành');
    await panel.locator('#note').fill('Đã hoàn thành rà soát 80/80 hộ; 12 hộ cam kết tháo dỡ.');
    await panel.getByRole('button', { name: 'Báo cáo hoàn thành', exact: true }).click();
    await taskStatus(a).and(a.locator('[data-status="awaitingReview"]')).waitFor();
    await taskStatus(l).and(l.locator('[data-status="awaitingReview"]')).waitFor({ timeout: 45_000 });
    panel = await openTaskStep(l, 'Nghiệm thu hoàn thành');
    await panel.locator('#note').fill('Đạt yêu cầu.');
    await panel.getByRole('button', { name: 'Nghiệm thu', exact: true }).click();
    await taskStatus(l).and(l.locator('[data-status="done"]')).waitFor();
    await taskDetail(l).getByText('Đúng hạn').first().waitFor();
    await taskStatus(c).and(c.locator('[data-status="done"]')).waitFor({ timeout: 45_000 });
    await shot(l, 'tasks-04-leader-accepted');
    lap('accepted');

    // ——— Statistics (last 30 days, by unit): KT has the accepted task done on time and the overdue one.
    await waitSynced(l);
    await goto(l, `/tasks/stats?from=${addDays(today, -30)}&to=${today}&by=unit`);
    const kt = l.locator('dk-task-stats dk-stats-table tr[data-key="kt"]');
    await kt.waitFor({ timeout: 20_000 });
    const cell = (col: string) => kt.locator(`td.${col}`);
    assert.equal((await cell('assigned').innerText()).trim(), '2');
    assert.equal((await cell('doneOnTime').innerText()).trim(), '1');
    assert.equal((await cell('doneLate').innerText()).trim(), '0');
    assert.equal((await cell('overdue').innerText()).trim(), '1');
    await shot(l, 'tasks-05-leader-statistics');

    // ——— The overdue task, in the list: in the overdue group, flagged.
    await goto(l, '/tasks?view=all');
    const list = l.locator('dk-task-list-page');
    await list.locator('[data-group="overdue"]').waitFor({ timeout: 20_000 });
    const row = list.locator(`.item[data-id="${overdueId}"]`);
    await row.waitFor();
    assert.match((await row.getAttribute('class')) ?? '', /\boverdue\b/);
    await row.getByText('Quá hạn').first().waitFor();
    await shot(l, 'tasks-06-leader-overdue-in-list');
    lap('statistics and overdue checked');
  });
});
