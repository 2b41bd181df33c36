import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { meContext } from '../../src/app/context.ts';
import { createTask, recordTaskEvent } from '../../src/data/tasks.ts';
import '../../src/features/tasks/dk-task-list-page.ts';
import type { DkTaskListPage } from '../../src/features/tasks/dk-task-list-page.ts';
import type { DkTaskList } from '../../src/features/tasks/dk-task-list.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { TaskInput } from '../../src/model/tasks/validation.ts';
import { wardDay } from '../../src/model/time.ts';
import { destroyMe, testMe } from './data-helpers.ts';

// The virtualiser measures rows with a ResizeObserver; Chromium reports a harmless "loop completed with undelivered
// notifications" through window.onerror, which mocha would count as a failure.
window.addEventListener(
  'error',
  (e) => {
    if (e.message?.includes('ResizeObserver loop')) e.stopImmediatePropagation();
  },
  true,
);

const inDays = (n: number): string => wardDay(new Date(Date.now() + n * 86400_000));

async function mountPage(me: MeResponse, search: string): Promise<DkTaskListPage> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  new ContextProvider(host, { context: meContext, initialValue: me }).hostConnected();
  const page = document.createElement('dk-task-list-page');
  page.search = search;
  host.append(page);
  await page.updateComplete;
  return page;
}

const list = (page: DkTaskListPage) => page.shadowRoot!.querySelector<DkTaskList>('dk-task-list')!;
const titles = (page: DkTaskListPage) => [...list(page).shadowRoot!.querySelectorAll('[data-id] .title')].map((p) => p.textContent!.trim());
const heads = (page: DkTaskListPage) =>
  [...list(page).shadowRoot!.querySelectorAll<HTMLElement>('h2[data-group]')].map((h) => h.dataset['group']);
const tab = (page: DkTaskListPage, view: string) => page.shadowRoot!.querySelector<HTMLAnchorElement>(`.views a[data-view="${view}"]`)!;
const tabCount = (page: DkTaskListPage, view: string) => tab(page, view).querySelector('.count [aria-hidden]')?.textContent?.trim();

async function showing(page: DkTaskListPage, n: number): Promise<void> {
  await waitUntil(() => list(page).rows !== undefined && titles(page).length === n, `${n} rows shown`, { timeout: 10_000 });
}

describe('task list page', () => {
  let me: MeResponse;
  const start = location.pathname + location.search;

  const input = (over: Partial<TaskInput>): TaskInput => ({
    title: 'Việc',
    lead: me.name,
    coordinators: [],
    followers: [],
    unitId: 'vp',
    priority: 'normal',
    checklist: [],
    links: [],
    ...over,
  });

  before(async () => {
    setLocale('vi');
    me = testMe(['leader'], ['vp']);
    await createTask(me, input({ title: 'Nộp báo cáo tuần', deadline: inDays(0), priority: 'urgent' }));
    await createTask(
      me,
      input({
        title: 'Triển khai Kế hoạch phòng cháy',
        deadline: inDays(30),
        links: [{ kind: 'document', id: 'officialDocument:01K45', label: 'Kế hoạch số 45/KH-UBND' }],
      }),
    );
    await createTask(me, input({ title: 'Kiểm tra vệ sinh thực phẩm', lead: 'an.nguyen', coordinators: [me.name], deadline: inDays(31) }));
    await createTask(me, input({ title: 'Tổng hợp đơn thư', lead: 'an.nguyen', followers: [me.name] }));
    await createTask(me, input({ title: 'Đọc tài liệu tập huấn', unitId: undefined }));
    const done = await createTask(me, input({ title: 'Lập danh sách hộ nghèo', deadline: inDays(3) }));
    await recordTaskEvent(me, done, { kind: 'submitted' });
    await recordTaskEvent(me, done, { kind: 'accepted' });
  });
  after(async () => {
    history.replaceState(null, '', start);
    await destroyMe(me);
  });

  it('opens on "my tasks" with a count on every view and the leader’s actions', async () => {
    const page = await mountPage(me, '');
    await showing(page, 4);
    expect(tab(page, 'mine').getAttribute('aria-current')).to.equal('page');
    const counts = ['mine', 'lead', 'coordinating', 'assignedByMe', 'following', 'all'].map((v) => tabCount(page, v));
    expect(counts).to.deep.equal(['5', '4', '1', '6', '1', '6']);
    expect(tab(page, 'following').getAttribute('href')).to.equal('/tasks?view=following');
    expect(tab(page, 'mine').getAttribute('href')).to.equal('/tasks');
    const actions = [...page.shadowRoot!.querySelectorAll('.actions a')].map((a) => a.getAttribute('href'));
    expect(actions).to.deep.equal(['/tasks/new', '/tasks/board', '/tasks/calendar', '/tasks/stats', '/tasks/digest']);
    expect(page.shadowRoot!.querySelector('.actions a')!.textContent).to.include('Giao việc');
  });

  it('groups by due date with done tasks folded at the end until asked for', async () => {
    const page = await mountPage(me, '');
    await showing(page, 4);
    expect(heads(page)).to.deep.equal(['today', 'later', 'noDeadline', 'closed']);
    expect(titles(page)).to.deep.equal([
      'Nộp báo cáo tuần',
      'Triển khai Kế hoạch phòng cháy',
      'Kiểm tra vệ sinh thực phẩm',
      'Đọc tài liệu tập huấn',
    ]);
    const toggle = list(page).shadowRoot!.querySelector<HTMLButtonElement>('h2[data-group="closed"] button')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.textContent).to.include('1');
    toggle.click();
    await showing(page, 5);
    expect(titles(page).at(-1)).to.equal('Lập danh sách hộ nghèo');
    const done = list(page).shadowRoot!.querySelector('.item.closed')!;
    expect(done.querySelector('.chip.ok')!.textContent).to.include('Hoàn thành');
    expect(done.textContent).to.include('Đúng hạn');
    expect(done.textContent).to.include('100%');
  });

  it('shows each row’s status, priority, deadline, lead and unit, linked document and pending marker', async () => {
    const page = await mountPage(me, 'view=lead');
    await showing(page, 3);
    const row = (title: string) => [...list(page).shadowRoot!.querySelectorAll('[data-id]')].find((r) => r.textContent!.includes(title))!;
    const urgent = row('Nộp báo cáo tuần');
    expect(urgent.querySelector('.chip.urgent')!.textContent).to.include('Khẩn');
    expect(urgent.querySelector('.chip.warn')!.textContent).to.include('Sắp đến hạn');
    expect(urgent.querySelector('.chip.pending')!.textContent).to.include('Chưa đồng bộ');
    expect(row('Triển khai Kế hoạch').querySelector('.doc')!.textContent).to.include('Kế hoạch số 45/KH-UBND');
    expect(row('Đọc tài liệu').querySelector('.unit')!.textContent).to.include('Việc cá nhân');
    expect(row('Đọc tài liệu').querySelector('.due')!.textContent).to.include('Không có hạn');
    expect(urgent.querySelector('a')!.getAttribute('href')).to.match(/^\/tasks\/task%3A/);
  });

  it('puts a filter change in the URL and reads it back', async () => {
    const page = await mountPage(me, 'view=all');
    await showing(page, 5);
    const filters = page.shadowRoot!.querySelector('dk-task-filters')!;
    filters.dispatchEvent(
      new CustomEvent('dk-filters-change', {
        detail: { document: 'officialDocument:01K45', status: 'open' },
        bubbles: true,
        composed: true,
      }),
    );
    expect(location.pathname + location.search).to.equal('/tasks?view=all&status=open&document=officialDocument%3A01K45');
    page.search = location.search.slice(1);
    await showing(page, 1);
    expect(titles(page)).to.deep.equal(['Triển khai Kế hoạch phòng cháy']);
    expect(page.shadowRoot!.querySelector('.summary')!.textContent).to.include('1');
    // Filters keep the view; another view keeps the filters.
    expect(tab(page, 'lead').getAttribute('href')).to.equal('/tasks?view=lead&status=open&document=officialDocument%3A01K45');
  });

  it('searches without diacritics and says when nothing matches, with a way out', async () => {
    const page = await mountPage(me, 'view=all&q=ve%20sinh');
    await showing(page, 1);
    expect(titles(page)).to.deep.equal(['Kiểm tra vệ sinh thực phẩm']);
    page.search = 'view=all&q=khong%20co%20gi';
    await waitUntil(() => list(page).shadowRoot!.querySelector('.no-match'), 'no match shown');
    list(page).shadowRoot!.querySelector<HTMLButtonElement>('.no-match button')!.click();
    expect(location.search).to.equal('?view=all');
  });

  it('an empty view says what it is for and what to do', async () => {
    const staff = testMe(['staff'], ['vp']);
    try {
      const page = await mountPage(staff, '');
      await waitUntil(() => list(page).shadowRoot!.querySelector('dk-empty-state'), 'empty state', { timeout: 10_000 });
      const empty = list(page).shadowRoot!.querySelector('dk-empty-state')!;
      expect(empty.heading).to.equal('Bạn chưa có việc nào phải làm');
      expect(empty.querySelector('a')!.textContent).to.include('Thêm việc của tôi');
      const actions = [...page.shadowRoot!.querySelectorAll('.actions a')].map((a) => a.getAttribute('href'));
      expect(actions).to.deep.equal(['/tasks/new', '/tasks/board', '/tasks/calendar']);
    } finally {
      await destroyMe(staff);
    }
  });
});
