import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { meContext } from '../../src/app/context.ts';
import { spaceDb } from '../../src/data/db.ts';
import '../../src/features/notifications/dk-notifications-page.ts';
import { notificationLink } from '../../src/features/notifications/notification-item.ts';
import type { DkNotificationsPage } from '../../src/features/notifications/dk-notifications-page.ts';
import '../../src/features/tasks/dk-task-reminders.ts';
import type { DkTaskReminders } from '../../src/features/tasks/dk-task-reminders.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import type { MeResponse } from '../../src/model/api.ts';
import { type NotificationDoc, NOTIFICATION_PREFS_ID, notificationId } from '../../src/model/notifications.ts';
import { destroyMe, testMe } from './data-helpers.ts';

const minutesAgo = (n: number): string => new Date(Date.now() - n * 60_000).toISOString();

/** A notification as the server's worker writes it into the personal space (replicated to this device). */
function notification(
  me: MeResponse,
  over: Partial<NotificationDoc> & Pick<NotificationDoc, 'kind' | 'subject'>,
  source: string,
): NotificationDoc {
  const at = over.at ?? minutesAgo(5);
  return {
    _id: notificationId(over.kind, source, me.name),
    type: 'notification',
    schema: 1,
    to: me.name,
    at,
    groupKey: `${over.kind}:${over.subject.id}`,
    createdAt: at,
    createdBy: 'system',
    ...over,
  } as NotificationDoc;
}

async function put(me: MeResponse, docs: object[]): Promise<void> {
  const personal = me.spaces.find((s) => s.kind === 'personal')!;
  await spaceDb(me, personal).bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
}

async function mount<T extends HTMLElement>(me: MeResponse, tag: string): Promise<T> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  new ContextProvider(host, { context: meContext, initialValue: me });
  const el = document.createElement(tag) as T;
  host.append(el);
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return el;
}

const docTitle = 'Quyết định số 15/QĐ-UBND về kiểm tra trật tự xây dựng';

describe('notification centre', () => {
  let me: MeResponse;
  beforeEach(() => {
    setLocale('vi');
    me = testMe(['staff'], ['vp']);
  });
  afterEach(async () => {
    fixtureCleanup();
    await destroyMe(me);
  });

  it('lists notifications newest first, groups repeats, marks read on open and all at once', async () => {
    await put(me, [
      notification(
        me,
        {
          kind: 'assigned',
          actor: 'hung.tran',
          actorName: 'Trần Văn Hùng',
          subject: { type: 'task', id: 'task:01JNA', title: 'Báo cáo tuần' },
          at: minutesAgo(30),
        },
        'taskEvent:01JNA1',
      ),
      notification(
        me,
        {
          kind: 'mentioned',
          actor: 'hoa.do',
          actorName: 'Đỗ Thị Hòa',
          subject: { type: 'task', id: 'task:01JNB', title: 'Kiểm tra hồ sơ' },
          at: minutesAgo(20),
          detail: '@an xem giúp',
        },
        'taskEvent:01JNB1',
      ),
      notification(
        me,
        {
          kind: 'mentioned',
          actor: 'hoa.do',
          actorName: 'Đỗ Thị Hòa',
          subject: { type: 'task', id: 'task:01JNB', title: 'Kiểm tra hồ sơ' },
          at: minutesAgo(10),
          detail: '@an nhắc lại',
        },
        'taskEvent:01JNB2',
      ),
      notification(
        me,
        {
          kind: 'directionGiven',
          actor: 'lan.nguyen',
          actorName: 'Nguyễn Thị Lan',
          subject: { type: 'officialDocument', id: 'officialDocument:01JND', title: docTitle },
          at: minutesAgo(1),
        },
        'officialDocumentEvent:01JND1',
      ),
    ]);
    const page = await mount<DkNotificationsPage>(me, 'dk-notifications-page');
    const root = page.shadowRoot!;
    await waitUntil(() => root.querySelectorAll('a.notification').length === 3, 'three groups', { timeout: 10_000 });
    const links = [...root.querySelectorAll<HTMLAnchorElement>('a.notification')];
    expect(links.map((a) => a.dataset.kind)).to.deep.equal(['directionGiven', 'mentioned', 'assigned']);
    expect(links[0]!.getAttribute('href')).to.equal('/documents/officialDocument%3A01JND');
    expect(links[0]!.textContent).to.contain('Nguyễn Thị Lan cho ý kiến chỉ đạo').and.contain(docTitle);
    expect(links[1]!.textContent).to.contain('2 lần').and.contain('@an nhắc lại');
    expect(root.querySelector('.tools [role=status]')!.textContent).to.contain('4 chưa đọc');

    // Opening a group marks its two notifications read (the link itself is followed by the shell's router).
    links[1]!.addEventListener('click', (e) => e.preventDefault());
    links[1]!.click();
    await waitUntil(() => root.querySelector('.tools [role=status]')!.textContent!.includes('2 chưa đọc'), 'two left', { timeout: 10_000 });
    expect(root.querySelector('a.notification[data-kind=mentioned]')!.classList.contains('unread')).to.equal(false);

    root.querySelector<HTMLInputElement>('.tools input[type=checkbox]')!.click();
    await page.updateComplete;
    expect(root.querySelectorAll('a.notification').length, 'unread only').to.equal(2);

    [...root.querySelectorAll<HTMLButtonElement>('.tools button')].find((b) => b.textContent!.includes('Đánh dấu tất cả'))!.click();
    await waitUntil(() => root.querySelector('.tools [role=status]')!.textContent!.includes('Đã đọc hết'), 'all read', { timeout: 10_000 });
    const personal = me.spaces.find((s) => s.kind === 'personal')!;
    const markers = await spaceDb(me, personal).allDocs({ startkey: 'notificationRead:', endkey: 'notificationRead:\ufff0' });
    expect(markers.rows.length, 'one marker per notification').to.equal(4);
  });

  it('explains the empty state and saves which kinds reach me', async () => {
    const page = await mount<DkNotificationsPage>(me, 'dk-notifications-page');
    const root = page.shadowRoot!;
    await waitUntil(() => root.querySelector('dk-empty-state'), 'empty state', { timeout: 10_000 });
    expect(root.querySelector('dk-empty-state')!.textContent).to.contain('máy chủ ghi thông báo vào đây');
    const box = root.querySelector<HTMLInputElement>('.prefs input[value=dueSoon]')!;
    expect(box.checked).to.equal(true);
    box.click();
    const personal = me.spaces.find((s) => s.kind === 'personal')!;
    await waitUntil(
      async () =>
        (
          (await spaceDb(me, personal)
            .get(NOTIFICATION_PREFS_ID)
            .catch(() => null)) as { muted?: string[] } | null
        )?.muted?.includes('dueSoon'),
      'prefs saved',
      { timeout: 10_000 },
    );
    await waitUntil(() => root.querySelector('.prefs [role=status]')!.textContent!.includes('Đã lưu'), 'saved shown');

    // Web Push: offered; headless Chromium refuses the permission, which the page says plainly (nothing else changes).
    const push = root.querySelector<HTMLButtonElement>('.push button')!;
    expect(push.textContent).to.contain('Bật báo trên thiết bị này');
    push.click();
    await waitUntil(() => root.querySelector('.push [role=alert]'), 'push refused', { timeout: 10_000 });
    expect(root.querySelector('.push [role=alert]')!.textContent).to.contain('Bạn chưa cho phép thông báo');
  });

  it('the bell counts unread notifications with the reminders and lists the newest', async () => {
    await put(me, [
      notification(
        me,
        {
          kind: 'returned',
          actor: 'hoa.do',
          actorName: 'Đỗ Thị Hòa',
          subject: { type: 'task', id: 'task:01JNR', title: 'Dự thảo kế hoạch' },
          detail: 'Bổ sung số liệu quý III',
        },
        'taskEvent:01JNR1',
      ),
    ]);
    const bell = await mount<DkTaskReminders>(me, 'dk-task-reminders');
    await waitUntil(() => bell.notifications.unread === 1, 'one unread', { timeout: 10_000 });
    await bell.updateComplete;
    const trigger = bell.shadowRoot!.querySelector<HTMLButtonElement>('.trigger')!;
    expect(trigger.getAttribute('aria-label')).to.equal('Thông báo và nhắc việc: 1 mục mới');
    expect(bell.shadowRoot!.querySelector('.count')!.textContent!.trim()).to.equal('1');
    trigger.click();
    await bell.updateComplete;
    const link = bell.shadowRoot!.querySelector<HTMLAnchorElement>('a.notification')!;
    expect(link.getAttribute('href')).to.equal('/tasks/task%3A01JNR');
    expect(link.textContent).to.contain('Đỗ Thị Hòa trả lại').and.contain('Bổ sung số liệu quý III');
    link.addEventListener('click', (e) => e.preventDefault());
    link.click();
    await waitUntil(() => bell.notifications.unread === 0, 'read after opening', { timeout: 10_000 });
  });
});

describe('notificationLink', () => {
  const group = (subject: NotificationDoc['subject']) => {
    const latest = { _id: 'notification:x.mentioned.an', kind: 'mentioned', subject } as NotificationDoc;
    return { groupKey: `mentioned:${subject.id}`, latest, count: 1, unread: 1, ids: [latest._id] };
  };
  it('leads to the item, or to the conversation of a mention in one', () => {
    expect(notificationLink(group({ type: 'task', id: 'task:01JNR', title: 'T' }))).to.equal('/tasks/task%3A01JNR');
    expect(notificationLink(group({ type: 'calendarEvent', id: 'calendarEvent:01JNE', title: 'E' }))).to.equal(
      '/schedule/events/calendarEvent%3A01JNE',
    );
    expect(notificationLink(group({ type: 'thread', id: 'dm-0123456789abcdef01234567', title: 'Nguyễn Văn An' }))).to.equal(
      '/messages/dm-0123456789abcdef01234567',
    );
  });
});
