// Shared by the audit tests (a11y, responsive, localisation, perceived speed) and `npm run screenshots`:
// the demo roles, the routes every role can open, sign-in without depending on the UI language,
// in-app navigation, "wait until the page shows data", and seeding through the real server.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newId } from '../../../src/model/ids.ts';
import { NOTICE_SCHEMA } from '../../../src/model/notice.ts';
import { TASK_EVENT_SCHEMA, TASK_SCHEMA } from '../../../src/model/tasks/types.ts';
import { wardDay } from '../../../src/model/time.ts';

/** One demo account per role (README, server/demo/ward.ts). */
export const ROLES = {
  clerk: 'mai.hoang',
  leader: 'hung.tran',
  head: 'son.phan',
  staff: 'linh.dinh',
  admin: 'tri.nguyen',
} as const;
export type RoleKey = keyof typeof ROLES;
export const ROLE_KEYS = Object.keys(ROLES) as RoleKey[];

export const VIEWPORTS = { phone: { width: 360, height: 780 }, desktop: { width: 1366, height: 768 } } as const;
export type ViewportKey = keyof typeof VIEWPORTS;

export const APP_LOCALES = ['vi', 'en', 'ar'] as const;
export type AppLocale = (typeof APP_LOCALES)[number];

/** The unit whose space gets the long list (son.phan heads it, linh.dinh works in it). */
export const LONG_LIST_UNIT = 'kt';
export const LONG_LIST_COUNT = 60;
/** A title with long Vietnamese words, stacked diacritics and an unbreakable document symbol. */
export const LONG_TITLE =
  'Hướng dẫn triển khai Nghị quyết số 1234/NQ-HĐND-UBND-VPĐU-KTHTĐT-VHXH-TTPVHCC về chuyển đổi số: Khuyếnkhíchngườiđứngđầuthựchiện nghiêm túc, đồng bộ';

/** Every signed-in route (the notice detail is filled in once a notice id is known). */
export interface AppRoute {
  key: string;
  path: string;
}
export function appRoutes(noticeId: string, taskId?: string): AppRoute[] {
  return [
    { key: 'notices', path: '/notices' },
    { key: 'notice', path: `/notices/${encodeURIComponent(noticeId)}` },
    { key: 'documents', path: '/documents' },
    { key: 'documents-all', path: '/documents?view=all' },
    { key: 'document-new-incoming', path: '/documents/new/incoming' },
    { key: 'document-new-draft', path: '/documents/new/draft' },
    { key: 'document-registers', path: '/documents/registers' },
    { key: 'document-report', path: '/documents/report' },
    { key: 'tasks', path: '/tasks' },
    { key: 'tasks-all', path: '/tasks?view=all' },
    ...(taskId ? [{ key: 'task', path: `/tasks/${encodeURIComponent(taskId)}` }] : []),
    { key: 'task-new', path: '/tasks/new' },
    { key: 'task-board', path: '/tasks/board' },
    { key: 'task-calendar', path: '/tasks/calendar' },
    { key: 'task-stats', path: '/tasks/stats' },
    { key: 'task-digest', path: '/tasks/digest' },
    { key: 'schedule', path: '/schedule' },
    { key: 'messages', path: '/messages' },
    { key: 'notifications', path: '/notifications' },
    { key: 'settings', path: '/settings' },
    { key: 'admin-users', path: '/admin' },
    { key: 'admin-import', path: '/admin?tab=import' },
    { key: 'admin-units', path: '/admin?tab=units' },
    { key: 'admin-directory', path: '/admin?tab=directory' },
    { key: 'admin-registry', path: '/admin?tab=registry' },
    { key: 'admin-devices', path: '/admin?tab=devices' },
    { key: 'admin-backups', path: '/admin?tab=backups' },
    { key: 'admin-audit', path: '/admin?tab=audit' },
    { key: 'not-found', path: '/no-such-page' },
  ];
}

/** A browser profile with the ward's time zone and the UI language chosen before the app starts. */
export async function newAppContext(
  browser: Browser,
  baseURL: string,
  opts: { locale?: AppLocale; viewport?: ViewportKey } = {},
): Promise<BrowserContext> {
  const locale = opts.locale ?? 'vi';
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORTS[opts.viewport ?? 'desktop'],
    locale: { vi: 'vi-VN', en: 'en-GB', ar: 'ar' }[locale],
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  await context.addInitScript((l) => {
    if (!localStorage.getItem('docket.locale')) localStorage.setItem('docket.locale', l);
  }, locale);
  return context;
}

/** Signs in through the real form (by field id, so any UI language works) and waits for the notices. */
export async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('dk-sign-in-page #name').fill(name);
  await page.locator('dk-sign-in-page #password').fill(password);
  await page.locator('dk-sign-in-page button[type=submit]').click();
  await page.waitForURL(/\/notices/);
  await waitForPage(page);
}

/** Switches the UI language the way the settings page does (stored choice) and reloads. */
export async function switchLocale(page: Page, locale: AppLocale): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('docket.locale', l), locale);
  await page.reload();
  await waitForPage(page);
}

/** Goes to an app path the way a link click does (no reload). */
export async function goto(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    window.dispatchEvent(new Event('dk-route-changed'));
  }, path);
  await waitForPage(page);
}

/** Waits until no skeleton is left anywhere in the app (the page shows its data). */
export async function waitForPage(page: Page, timeout = 20_000): Promise<void> {
  // No named inner functions: tsx's `__name` helper does not exist in the page.
  await page.waitForFunction(
    () => {
      const app = document.querySelector('dk-app');
      if (!app?.shadowRoot?.querySelector('main, .signin-only dk-sign-in-page')) return false;
      const stack: Array<Document | ShadowRoot> = [document];
      while (stack.length) {
        for (const el of stack.pop()!.querySelectorAll('*')) {
          if (el.classList.contains('skeleton')) return false;
          if (el.shadowRoot) stack.push(el.shadowRoot);
        }
      }
      return true;
    },
    undefined,
    { timeout },
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Waits for the sync badge to report a state (`upToDate`, `offline`, …). */
export async function waitForSyncState(page: Page, state: string, timeout = 30_000): Promise<void> {
  await page.locator(`dk-sync-badge button[data-state="${state}"]`).waitFor({ timeout });
}

/**
 * Gives the first sync up to 20 s to finish (a leader replicates every unit's space); audits go on
 * either way, since they check the page, not the sync.
 */
export async function settle(page: Page): Promise<void> {
  await waitForSyncState(page, 'upToDate', 20_000).catch(async () => {
    const state = await page.locator('dk-sync-badge button').getAttribute('data-state');
    console.warn(`sync not up to date after 20 s (${state}); going on`);
  });
  await waitForPage(page);
}

/** Signs in as `name` over HTTP and returns the session cookie. */
export async function sessionCookie(baseURL: string, name: string, password: string): Promise<string> {
  const res = await fetch(`${baseURL}/db/_session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${name} failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/**
 * Seeds `count` notices into a unit's space through the real server (`_bulk_docs` as the author,
 * so the space's validation checks them), plus one with `LONG_TITLE`. Returns the long one's id.
 */
export async function seedLongList(baseURL: string, author: { name: string; displayName: string; password: string }): Promise<string> {
  const cookie = await sessionCookie(baseURL, author.name, author.password);
  const start = Date.now() - (LONG_LIST_COUNT + 2) * 3600_000;
  const topics = [
    'Lịch trực cơ quan',
    'Kiểm tra trật tự xây dựng',
    'Cập nhật hồ sơ địa chính',
    'Tiếp công dân định kỳ',
    'Vệ sinh môi trường khu phố',
    'Rà soát hộ nghèo, cận nghèo',
  ];
  const docs = Array.from({ length: LONG_LIST_COUNT }, (_, i) => {
    const at = start + i * 3600_000;
    return {
      _id: newId('notice', at),
      type: 'notice',
      schema: NOTICE_SCHEMA,
      createdAt: new Date(at).toISOString(),
      createdBy: author.name,
      authorName: author.displayName,
      title: `${topics[i % topics.length]} — đợt ${i + 1}`,
      body: `Đề nghị các đồng chí trong phòng thực hiện theo phân công (đợt ${i + 1}). Chi tiết xem tại văn bản đính kèm.`,
      pinned: false,
    };
  });
  const longAt = Date.now() - 60_000;
  const longId = newId('notice', longAt);
  docs.push({
    _id: longId,
    type: 'notice',
    schema: NOTICE_SCHEMA,
    createdAt: new Date(longAt).toISOString(),
    createdBy: author.name,
    authorName: author.displayName,
    title: LONG_TITLE,
    body: `${LONG_TITLE}.\n\nĐường dẫn: https://dichvucong.gov.vn/p/home/dvc-trang-chu.html?huongdan=khuyenkhichnguoidungthuchien\nỦy ban nhân dân phường đề nghị Trưởng các phòng, ban nghiêm túc triển khai.`,
    pinned: true,
  });
  const res = await fetch(`${baseURL}/db/docket-unit-${LONG_LIST_UNIT}/_bulk_docs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ docs }),
  });
  const results = (await res.json()) as Array<{ ok?: boolean; error?: string; id?: string }>;
  const failed = Array.isArray(results) ? results.filter((r) => !r.ok) : [results];
  if (!res.ok || failed.length) throw new Error(`seeding notices failed: ${res.status} ${JSON.stringify(failed.slice(0, 2))}`);
  return longId;
}

/**
 * Seeds tasks into the long-list unit through the real server (`_bulk_docs` as its head, so validation and the
 * gateway's task rules check them): a dozen for its staff member with deadlines from last week to next month
 * (overdue, due soon, later), one with `LONG_TITLE` and two progress reports. Returns the long one's id.
 */
export async function seedTasks(
  baseURL: string,
  head: { name: string; displayName: string; password: string },
  lead: string,
): Promise<string> {
  const cookie = await sessionCookie(baseURL, head.name, head.password);
  const today = wardDay();
  const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const start = Date.now() - 20 * 86_400_000;
  const titles = [
    'Rà soát hồ sơ cấp phép xây dựng',
    'Kiểm tra vệ sinh môi trường tổ dân phố',
    'Cập nhật bản đồ địa chính',
    'Báo cáo tiến độ giải phóng mặt bằng',
  ];
  const base = (i: number, title: string, deadline: string) => {
    const at = start + i * 3600_000;
    return {
      _id: newId('task', at),
      type: 'task',
      schema: TASK_SCHEMA,
      createdAt: new Date(at).toISOString(),
      createdBy: head.name,
      title,
      assigner: head.name,
      assignerName: head.displayName,
      actorRoles: [`head:${LONG_LIST_UNIT}`, `unit:${LONG_LIST_UNIT}`, 'staff'],
      lead,
      coordinators: [],
      followers: [],
      unitId: LONG_LIST_UNIT,
      deadline,
      priority: i % 5 === 0 ? 'high' : 'normal',
      checklist: [],
      links: [],
    };
  };
  const docs: object[] = Array.from({ length: 12 }, (_, i) => base(i, `${titles[i % titles.length]} — đợt ${i + 1}`, day(i * 3 - 7)));
  const long = base(13, LONG_TITLE, day(1));
  docs.push(long);
  const comments = ['Đề nghị đồng chí báo cáo tiến độ trước thứ Sáu.', 'Cần bổ sung ảnh hiện trạng và danh sách hộ đã làm việc.'];
  for (const [k, note] of comments.entries()) {
    const at = Date.now() - (2 - k) * 3600_000;
    docs.push({
      _id: newId('taskEvent', at),
      type: 'taskEvent',
      schema: TASK_EVENT_SCHEMA,
      createdAt: new Date(at).toISOString(),
      createdBy: head.name,
      taskId: long._id,
      kind: 'comment',
      actorName: head.displayName,
      actorRoles: [`head:${LONG_LIST_UNIT}`],
      note,
    });
  }
  const res = await fetch(`${baseURL}/db/docket-unit-${LONG_LIST_UNIT}/_bulk_docs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ docs }),
  });
  const results = (await res.json()) as Array<{ ok?: boolean; error?: string; id?: string }>;
  const failed = Array.isArray(results) ? results.filter((r) => !r.ok) : [results];
  if (!res.ok || failed.length) throw new Error(`seeding tasks failed: ${res.status} ${JSON.stringify(failed.slice(0, 2))}`);
  return long._id;
}

/**
 * Makes the server refuse a document for real: while offline, the cached account on this device
 * claims the leader role (as after a role change the device has not heard of), so the app lets this
 * staff member post a ward-wide notice; back online, the org space's validation refuses it and the
 * sync panel lists it. Needs a signed-in staff page controlled by the service worker.
 */
export async function produceRejectedNotice(page: Page, context: BrowserContext, title: string): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
    }
  });
  await context.setOffline(true);
  await page.evaluate(() => {
    const me = JSON.parse(localStorage.getItem('docket.me') ?? 'null') as { roles: string[] };
    me.roles.push('leader');
    localStorage.setItem('docket.me', JSON.stringify(me));
  });
  await page.reload();
  await waitForPage(page);
  await page.locator('dk-notices-page .tools button.primary').click();
  const form = page.locator('dk-notice-form');
  await form.locator('#space').selectOption({ index: 0 }); // the org space comes first
  await form.locator('#title').fill(title);
  await form.locator('#body').fill('Thông báo toàn phường gửi khi chưa biết mình không còn quyền đăng.');
  await form.locator('button[type=submit]').click();
  await page.locator('dk-notice-list').getByText(title).waitFor();
  await context.setOffline(false);
  await page.locator('dk-sync-badge button[data-state="error"], dk-sync-badge button[data-state="upToDate"]').waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    () => {
      const badge = document.querySelector('dk-app')?.shadowRoot?.querySelector('dk-sync-panel');
      return !!badge?.shadowRoot?.querySelector('li.rejected');
    },
    undefined,
    { timeout: 30_000 },
  );
}
