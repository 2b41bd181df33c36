import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { meContext } from '../../src/app/context.ts';
import { spaceDb } from '../../src/data/db.ts';
import { setReminderDays } from '../../src/data/tasks.ts';
import '../../src/features/tasks/dk-task-reminders.ts';
import type { DkTaskReminders, NotifyFn } from '../../src/features/tasks/dk-task-reminders.ts';
import { dueReminders, loadShown, notYetShown, rememberShown, saveShown, shownStorageKey } from '../../src/features/tasks/reminders.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import type { MeResponse } from '../../src/model/api.ts';
import { deriveTaskState } from '../../src/model/tasks/state.ts';
import type { Task, TaskEvent } from '../../src/model/tasks/types.ts';
import { ev, people, task } from '../model/tasks-fixtures.ts';
import { destroyMe, testMe } from './data-helpers.ts';

const row = (over: Partial<Task>, events: TaskEvent[] = []) => {
  const t = task(over);
  return {
    id: t._id,
    state: deriveTaskState(
      t,
      events.map((e) => ({ ...e, taskId: t._id })),
    ),
  };
};
const an = people.staffVp.name;

describe('reminders (pure)', () => {
  it('due soon counts calendar days in Asia/Ho_Chi_Minh, with the lead time', () => {
    const rows = [row({ deadline: '2026-03-12' })];
    // 23:30 on 9 March in Hà Nội (16:30 UTC): 3 days left — not yet within 2 days.
    expect(dueReminders(rows, an, new Date('2026-03-09T16:30:00Z'), 2)).to.deep.equal([]);
    // 00:30 on 10 March in Hà Nội (still 9 March in UTC): 2 days left — due soon.
    const soon = dueReminders(rows, an, new Date('2026-03-09T17:30:00Z'), 2);
    expect(soon.map((r) => [r.kind, r.daysLeft, r.role])).to.deep.equal([['dueSoon', 2, 'lead']]);
    // A lead time of 1 day: not yet.
    expect(dueReminders(rows, an, new Date('2026-03-09T17:30:00Z'), 1)).to.deep.equal([]);
  });

  it('a deadline without a time is overdue only after the end of that day in Hà Nội; with a time, after it', () => {
    const rows = [row({ deadline: '2026-03-09' })];
    expect(dueReminders(rows, an, new Date('2026-03-09T16:59:59Z'), 0).map((r) => r.kind)).to.deep.equal(['dueSoon']);
    expect(dueReminders(rows, an, new Date('2026-03-09T17:00:01Z'), 0).map((r) => r.kind)).to.deep.equal(['overdue']);
    const timed = [row({ deadline: '2026-03-09', deadlineTime: '16:00' })];
    expect(dueReminders(timed, an, new Date('2026-03-09T09:01:00Z'), 0).map((r) => r.kind)).to.deep.equal(['overdue']);
  });

  it('only tasks I lead or coordinate, still open; overdue first, then the nearest deadline', () => {
    const now = new Date('2026-03-10T03:00:00Z');
    const rows = [
      row({ _id: 'task:A', title: 'Sắp hạn', deadline: '2026-03-11' }),
      row({ _id: 'task:B', title: 'Quá hạn lâu', deadline: '2026-03-01' }),
      row({ _id: 'task:C', title: 'Quá hạn hôm qua', deadline: '2026-03-09', lead: people.staffVp2.name, coordinators: [an] }),
      row({
        _id: 'task:D',
        title: 'Tôi chỉ theo dõi',
        deadline: '2026-03-09',
        lead: people.staffVp2.name,
        coordinators: [],
        followers: [an],
      }),
      row({ _id: 'task:E', title: 'Còn xa', deadline: '2026-03-30' }),
      row({ _id: 'task:F', title: 'Đã xong', deadline: '2026-03-05' }, [
        ev('submitted', people.staffVp, '2026-03-04T01:00:00.000Z'),
        ev('accepted', people.headVp, '2026-03-04T02:00:00.000Z'),
      ]),
      row({ _id: 'task:G', title: 'Không có hạn', deadline: undefined }),
    ];
    const got = dueReminders(rows, an, now, 2);
    expect(got.map((r) => [r.id, r.kind, r.role])).to.deep.equal([
      ['task:B', 'overdue', 'lead'],
      ['task:C', 'overdue', 'coordinating'],
      ['task:A', 'dueSoon', 'lead'],
    ]);
    expect(got[0]!.daysLeft).to.equal(-9);
  });

  it('a notification shows once per task, per kind and per day in Hà Nội; the memory forgets earlier days', () => {
    const rows = [row({ _id: 'task:A', deadline: '2026-03-11' }), row({ _id: 'task:B', deadline: '2026-03-01' })];
    const morning = new Date('2026-03-10T01:00:00Z'); // 08:00 on 10 March
    const reminders = dueReminders(rows, an, morning, 2);
    expect(notYetShown(reminders, {}, morning)).to.have.length(2);
    const memory = rememberShown({ 'task:OLD|overdue': '2026-03-01' }, reminders, morning);
    expect(memory).to.deep.equal({ 'task:A|dueSoon': '2026-03-10', 'task:B|overdue': '2026-03-10' });
    // Later the same day (23:00 in Hà Nội, still 10 March): nothing new.
    expect(notYetShown(reminders, memory, new Date('2026-03-10T16:00:00Z'))).to.deep.equal([]);
    // 00:30 on 11 March in Hà Nội (10 March in UTC): both again; A is now a different kind once overdue.
    const nextDay = new Date('2026-03-10T17:30:00Z');
    expect(notYetShown(dueReminders(rows, an, nextDay, 2), memory, nextDay).map((r) => r.id)).to.deep.equal(['task:B', 'task:A']);
    const overdueA = dueReminders(rows, an, new Date('2026-03-11T17:30:00Z'), 2).find((r) => r.id === 'task:A')!;
    expect(overdueA.kind).to.equal('overdue');
    expect(notYetShown([overdueA], { 'task:A|dueSoon': '2026-03-12' }, new Date('2026-03-11T17:30:00Z'))).to.have.length(1);
  });

  it('the memory is kept per account and survives bad stored data', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveShown('an.nguyen', { 'task:A|overdue': '2026-03-10' }, storage);
    expect(loadShown('an.nguyen', storage)).to.deep.equal({ 'task:A|overdue': '2026-03-10' });
    expect(loadShown('dung.ngo', storage)).to.deep.equal({});
    store.set(shownStorageKey('dung.ngo'), 'not json');
    expect(loadShown('dung.ngo', storage)).to.deep.equal({});
  });
});

const inDaysIso = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString();
const wardDayIn = (n: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() + n * 86_400_000));

/** A task as replicated into this device's VP space. */
async function putTask(me: MeResponse, over: Partial<Task>): Promise<void> {
  const doc = task({ createdAt: inDaysIso(-5), createdBy: 'hoa.do', assigner: 'hoa.do', ...over });
  await spaceDb(me, me.spaces[1]!).put(doc as unknown as PouchDB.Core.PutDocument<object>);
}

async function mount(me: MeResponse, notify: NotifyFn): Promise<DkTaskReminders> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  new ContextProvider(host, { context: meContext, initialValue: me });
  const el = document.createElement('dk-task-reminders');
  el.notify = notify;
  host.append(el);
  await el.updateComplete;
  return el;
}

describe('dk-task-reminders', () => {
  let me: MeResponse;
  const realNotification = window.Notification;
  beforeEach(() => {
    setLocale('vi');
    me = testMe(['staff'], ['vp']);
  });
  afterEach(async () => {
    fixtureCleanup();
    Object.defineProperty(window, 'Notification', { value: realNotification, configurable: true, writable: true });
    localStorage.removeItem(shownStorageKey(me.name));
    await destroyMe(me);
  });

  it('counts the tasks I lead or coordinate that are due soon or overdue, and lists them as links', async () => {
    await putTask(me, { _id: 'task:01JREMA', title: 'Báo cáo quá hạn', lead: me.name, coordinators: [], deadline: wardDayIn(-2) });
    await putTask(me, { _id: 'task:01JREMB', title: 'Sắp đến hạn', lead: 'an.nguyen', coordinators: [me.name], deadline: wardDayIn(1) });
    await putTask(me, { _id: 'task:01JREMC', title: 'Còn xa', lead: me.name, coordinators: [], deadline: wardDayIn(20) });
    await putTask(me, { _id: 'task:01JREMD', title: 'Người khác', lead: 'an.nguyen', coordinators: [], deadline: wardDayIn(-1) });
    const el = await mount(me, async () => {});
    await waitUntil(() => el.reminders.length === 2, 'two reminders', { timeout: 10_000 });
    await el.updateComplete;
    const trigger = el.shadowRoot!.querySelector<HTMLButtonElement>('.trigger')!;
    expect(el.shadowRoot!.querySelector('.count')!.textContent!.trim()).to.equal('2');
    expect(trigger.getAttribute('aria-label')).to.equal('Nhắc việc: 2 việc cần chú ý');
    expect(trigger.getAttribute('aria-expanded')).to.equal('false');

    trigger.click();
    await el.updateComplete;
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('li a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['/tasks/task%3A01JREMA', '/tasks/task%3A01JREMB']);
    expect(el.shadowRoot!.querySelector('li.overdue .when')!.textContent).to.contain('Quá hạn 2 ngày');
    // Escape closes the panel and gives focus back to the bell.
    el.shadowRoot!.querySelector('.panel')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.panel')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(trigger);

    // A longer lead time (Settings) brings the far task in, without a reload.
    setReminderDays(me, 30);
    await waitUntil(() => el.reminders.length === 3, 'three with 30 days', { timeout: 10_000 });
  });

  // Headless Chromium answers "denied" to every permission request, so the prompt's answer is stubbed here
  // (Notification.permission and requestPermission only); the notifications themselves go to a recorder.
  it('after "Bật thông báo" is allowed, shows each reminder once per day, and not again on the next check', async () => {
    let permission: NotificationPermission = 'default';
    class FakeNotification {
      static get permission(): NotificationPermission {
        return permission;
      }
      static requestPermission(): Promise<NotificationPermission> {
        permission = 'granted';
        return Promise.resolve(permission);
      }
    }
    Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
    await putTask(me, { _id: 'task:01JREME', title: 'Nộp báo cáo tuần', lead: me.name, coordinators: [], deadline: wardDayIn(-1) });
    const shown: { title: string; url: string; tag?: string }[] = [];
    const el = await mount(me, async (title, options) => void shown.push({ title, url: options.data.url, tag: options.tag }));
    await waitUntil(() => el.reminders.length === 1, 'one reminder', { timeout: 10_000 });
    expect(shown, 'nothing before permission').to.deep.equal([]);

    el.shadowRoot!.querySelector<HTMLButtonElement>('.trigger')!.click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.enable')!.click();
    await waitUntil(() => shown.length === 1, 'notification shown', { timeout: 10_000 });
    expect(shown[0]).to.deep.equal({
      title: 'Việc quá hạn: Nộp báo cáo tuần',
      url: '/tasks/task%3A01JREME',
      tag: 'task-reminder:task:01JREME:overdue',
    });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.notify')!.textContent).to.contain('Thông báo đang bật');

    await el.check();
    await el.check();
    expect(shown, 'once per task, kind and day').to.have.length(1);
    expect(Object.keys(loadShown(me.name))).to.deep.equal(['task:01JREME|overdue']);
  });

  it('says so when the browser blocks notifications', async () => {
    class Denied {
      static readonly permission: NotificationPermission = 'denied';
    }
    Object.defineProperty(window, 'Notification', { value: Denied, configurable: true, writable: true });
    const el = await mount(me, async () => {});
    await el.check();
    el.shadowRoot!.querySelector<HTMLButtonElement>('.trigger')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.enable')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.notify')!.textContent).to.contain('chặn thông báo');
    expect(el.shadowRoot!.querySelector('.panel')!.textContent).to.contain('Không có việc nào');
  });
});
