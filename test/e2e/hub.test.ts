// Issue 8, three tiers end to end in real Chromium: the ward's main server (demo ward), a field hub of it (granted
// org, the registry and unit VP) behind a loopback link the test cuts, two browsers on the hub (the VP head hoa.do
// and her officer dung.ngo) and one on the main server (an.nguyen, in the office). With the hub cut off, the two at
// the hub exchange a task report and a draft document in seconds while an.nguyen reports her part of the same task at
// the main server; when the link returns, everything is everywhere, and the task reads the same on every device.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { createHub } from '../../server/hub/grant.ts';
import type { HubStatus } from '../../src/model/hub.ts';
import { waitFor } from '../server/helpers/documents.ts';
import { type FlakyProxy, startFlakyProxy } from '../server/helpers/flaky-proxy.ts';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { goto, newAppContext, sessionCookie, signIn } from './helpers/app.ts';
import { axeViolations } from './helpers/audit.ts';
import { openTask, openTaskStep, pickPerson, taskDetail, taskTimeline } from './helpers/tasks.ts';
import { launchBrowser, signedInContext, type SignedIn } from './helpers/browser.ts';
import { addDays, openFromList, openStep, openView, shot, submitStep, wardDay } from './helpers/documents.ts';

const TITLE = 'Kiểm tra hiện trường ngập úng tổ dân phố số 5';
const LEAD_NOTE = 'Đã khảo sát 3 điểm ngập, nước rút chậm ở ngõ 12.';
const COORD_NOTE = 'Văn phòng đã liên hệ Công ty thoát nước, hẹn xử lý sáng mai.';
const SUMMARY = 'Báo cáo nhanh tình hình ngập úng tổ dân phố số 5';

async function report(page: Page, percent: number, note: string): Promise<void> {
  const panel = await openTaskStep(page, 'Báo cáo tiến độ');
  await panel.locator('#percent').fill(String(percent));
  await panel.locator('#note').fill(note);
  await panel.getByRole('button', { name: 'Gửi báo cáo', exact: true }).click();
  await taskTimeline(page).getByText(note).waitFor();
}

describe('field hub: three tiers, the hub cut off and back', () => {
  let main: TestServer;
  let hub: TestServer;
  let link: FlakyProxy;
  let browser: Browser;
  let head: SignedIn; // hoa.do at the hub
  let officer: SignedIn; // dung.ngo at the hub
  let office: SignedIn; // an.nguyen at the main server
  const started = Date.now();
  const lap = (what: string) => console.log(`[hub] ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
  let hubCookie = '';
  const hubStatus = async (): Promise<HubStatus> => {
    const r = await fetch(`${hub.url}/api/hub/status`, { headers: { cookie: hubCookie } });
    assert.equal(r.status, 200);
    return (await r.json()) as HubStatus;
  };

  before(async () => {
    main = await startTestServer({ demo: true });
    const created = await createHub(main.running.docket.store, 'to-dan-pho-5', ['org', 'registry', 'unit:vp'], 'e2e');
    link = await startFlakyProxy({ target: { host: '127.0.0.1', port: Number(new URL(main.url).port) } });
    hub = await startTestServer({
      env: { UPSTREAM_URL: link.url, HUB_NAME: created.name, HUB_PASSWORD: created.password, HUB_REFRESH_S: '2' },
    });
    await waitFor(
      'accounts at the hub',
      async () => {
        try {
          hubCookie = await sessionCookie(hub.url, 'hoa.do', hub.demoPassword);
          return true;
        } catch {
          return false;
        }
      },
      60_000,
    );
    await waitFor(
      'the hub caught up',
      async () => {
        const s = await hubStatus();
        return s.granted > 0 && s.dbs.length === s.granted && s.dbs.every((d) => d.state === 'upToDate');
      },
      60_000,
    );
    lap('hub caught up');
    browser = await launchBrowser();
    head = await signedInContext(browser, hub.url, 'hoa.do', hub.demoPassword);
    officer = await signedInContext(browser, hub.url, 'dung.ngo', hub.demoPassword);
    office = await signedInContext(browser, main.url, 'an.nguyen', main.demoPassword);
    lap('three people signed in (two at the hub)');
  });

  after(async () => {
    await browser?.close();
    await hub?.stop();
    await link?.close();
    await main?.stop();
  });

  it('keeps the hub’s people working together while cut off, then converges everywhere', async () => {
    // ——— Connected: the head assigns a task at the hub (lead dung.ngo, coordinator an.nguyen at the main office).
    const h = head.page;
    await goto(h, '/tasks/new');
    const form = h.locator('dk-task-form');
    await form.locator('#title').fill(TITLE);
    await pickPerson(form, 'lead', 'dung.ngo');
    await pickPerson(form, 'coordinators', 'an.nguyen');
    await form.locator('#deadline').fill(addDays(wardDay(), 3));
    await form.getByRole('button', { name: 'Giao việc', exact: true }).click();
    await h.waitForURL(/\/tasks\/task(%3A|:)/).catch(async (err) => {
      await shot(h, 'hub-debug-form');
      throw err;
    });
    const path = new URL(h.url()).pathname;
    await openTask(office.page, path, TITLE, 40); // up through the hub to the main server, down to an.nguyen's device
    await openTask(officer.page, path, TITLE, 40);
    lap('task on all three devices');

    // ——— The link to the main server goes down.
    link.setRates({ down: true });
    await waitFor('the hub knows it is cut off', async () => !(await hubStatus()).connected, 30_000);
    lap('hub cut off');

    // At the hub, in seconds: the lead's report reaches the head; his draft reaches her for approval.
    const o = officer.page;
    await report(o, 50, LEAD_NOTE);
    const reportAt = Date.now();
    await taskTimeline(h).getByText(LEAD_NOTE).waitFor({ timeout: 15_000 });
    lap(`the head sees the report ${((Date.now() - reportAt) / 1000).toFixed(1)} s after it was sent`);
    await goto(o, '/documents/new/draft');
    const draft = o.locator('dk-draft-form');
    await draft.getByLabel('Loại văn bản').selectOption('baoCao');
    await draft.getByLabel('Trích yếu nội dung').fill(SUMMARY);
    await draft.getByLabel('Lãnh đạo ký').selectOption('lan.nguyen');
    await draft.locator('#external').fill('UBND quận Hoàn Kiếm');
    await draft.locator('#external').press('Enter');
    await draft.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await o.waitForURL(/\/documents\/(?!new)[^/]+$/);
    await openStep(o, 'Trình trưởng đơn vị');
    await submitStep(o, 'Trình trưởng đơn vị');
    const submittedAt = Date.now();
    await openView(h, 'awaitingApproval');
    await openFromList(h, SUMMARY, 15_000);
    lap(`the head has the draft ${((Date.now() - submittedAt) / 1000).toFixed(1)} s after it was submitted`);
    await shot(h, 'hub-01-head-draft-while-cut-off');

    // Meanwhile at the main office, an.nguyen reports her part of the same task.
    await report(office.page, 20, COORD_NOTE);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await taskTimeline(h).getByText(COORD_NOTE).count(), 0, 'cut off: the hub cannot have it yet');

    // The hub's status page says so: cut off, and changes waiting to go up.
    await goto(h, '/hub');
    const page = h.locator('dk-hub-page');
    await page.locator('[data-connected="false"]').waitFor();
    await page.locator('tr[data-space="unit:vp"] td[data-up]:not([data-up="0"])').waitFor();
    await shot(h, 'hub-02-status-cut-off');
    assert.deepEqual(await axeViolations(h, 'hub status, cut off'), []);

    // ——— The link returns: everything reaches everyone.
    link.setRates({ down: false });
    const back = Date.now();
    for (const [who, p] of [
      ['head', h],
      ['officer', o],
      ['office', office.page],
    ] as const) {
      await openTask(p, path, TITLE, 40);
      await taskTimeline(p).getByText(LEAD_NOTE).waitFor({ timeout: 60_000 });
      await taskTimeline(p).getByText(COORD_NOTE).waitFor({ timeout: 60_000 });
      // The app's rule: the lead's percentage is the task's; a coordinator's is her part.
      assert.match((await taskDetail(p).locator('[data-percent]').first().innerText()).replace(/\s/g, ''), /50/, who);
      await taskDetail(p).locator('li[data-part="an.nguyen"]').getByText(/20/).waitFor();
      console.log(`[hub] ${who} has both reports`);
    }
    lap(`converged ${((Date.now() - back) / 1000).toFixed(1)} s after the link returned`);
    // The draft reached the main server, once.
    const cookie = await sessionCookie(main.url, 'hoa.do', main.demoPassword);
    const found = await fetch(`${main.url}/db/docket-unit-vp/_all_docs?include_docs=true`, { headers: { cookie } });
    const rows = ((await found.json()) as { rows: { doc?: { type?: string; summary?: string } }[] }).rows;
    assert.equal(rows.filter((r) => r.doc?.type === 'officialDocument' && r.doc.summary === SUMMARY).length, 1);
    await goto(h, '/hub');
    await page.locator('[data-connected="true"]').waitFor({ timeout: 60_000 });
    await waitFor(
      'nothing waits to go up',
      async () => (await hubStatus()).dbs.every((d) => d.state === 'upToDate' && d.pendingUp === 0),
      60_000,
    );
    await page.locator('tr[data-space="unit:vp"][data-state="upToDate"] td[data-up="0"]').waitFor({ timeout: 15_000 });
    await shot(h, 'hub-03-status-caught-up');

    // The same page on a phone in Arabic (right to left), for a person of the hub.
    const phone = await newAppContext(browser, hub.url, { locale: 'ar', viewport: 'phone' });
    try {
      const p = await phone.newPage();
      await signIn(p, 'dung.ngo', hub.demoPassword);
      await goto(p, '/hub');
      await p.locator('dk-hub-page [data-connected="true"]').waitFor({ timeout: 30_000 });
      assert.equal(await p.evaluate('document.documentElement.dir'), 'rtl');
      assert.deepEqual(await axeViolations(p, 'hub status, ar phone'), []);
      await shot(p, 'hub-04-status-phone-ar');
    } finally {
      await phone.close();
    }
  });
});
