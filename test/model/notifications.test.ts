import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  NOTIFICATION_PREFS_ID,
  type NotificationDoc,
  excerpt,
  groupNotifications,
  makeNotification,
  mentionNotifications,
  mentionedNames,
  notificationId,
  notificationReadIdOf,
  unreadCount,
} from '../../src/model/notifications.ts';
import type { UserCtx } from '../../src/model/roles.ts';
import type { SpaceRef } from '../../src/model/spaces.ts';
import { validateDocUpdate } from '../../src/model/validate-doc.ts';

const task = { type: 'task' as const, id: 'task:01JNA', title: 'Báo cáo tuần' };
const n = (kind: NotificationDoc['kind'], source: string, at: string, subject = task): NotificationDoc =>
  makeNotification({ kind, sourceId: source, to: 'an.nguyen', at, actor: 'hoa.do', actorName: 'Đỗ Thị Hòa', subject, now: at });

describe('notification ids', () => {
  it('are deterministic per kind, source event and recipient, and read markers mirror them', () => {
    const id = notificationId('assigned', 'taskEvent:01JNA000000000000000000001', 'an.nguyen');
    assert.equal(id, 'notification:01JNA000000000000000000001.assigned.an.nguyen');
    assert.equal(notificationId('assigned', 'taskEvent:01JNA000000000000000000001', 'an.nguyen'), id);
    assert.notEqual(notificationId('mentioned', 'taskEvent:01JNA000000000000000000001', 'an.nguyen'), id);
    assert.notEqual(notificationId('assigned', 'taskEvent:01JNA000000000000000000001', 'linh.dinh'), id);
    assert.equal(notificationReadIdOf(id), 'notificationRead:01JNA000000000000000000001.assigned.an.nguyen');
    // ULID sources sort in time order.
    assert.ok(notificationId('assigned', 'task:01JNA1', 'x') < notificationId('assigned', 'task:01JNB1', 'x'));
  });

  it('makeNotification fills the shape, groups by kind and subject, trims long texts', () => {
    const doc = makeNotification({
      kind: 'returned',
      sourceId: 'officialDocumentEvent:01JND1',
      to: 'an.nguyen',
      at: '2026-12-05T01:00:00.000Z',
      actor: 'hoa.do',
      actorName: 'Đỗ Thị Hòa',
      subject: { type: 'officialDocument', id: 'officialDocument:01JND', title: 'Công văn' },
      detail: 'x '.repeat(400),
      now: '2026-12-05T01:00:01.000Z',
    });
    assert.equal(doc.type, 'notification');
    assert.equal(doc.createdBy, 'system');
    assert.equal(doc.groupKey, 'returned:officialDocument:01JND');
    assert.ok(doc.detail!.length <= 300 && doc.detail!.endsWith('…'));
    assert.equal(excerpt('  a \n b  '), 'a b');
    assert.equal(excerpt(''), undefined);
    const system = makeNotification({
      kind: 'overdue',
      sourceId: 'task:01JNA@2026-12-05',
      to: 'an.nguyen',
      at: doc.at,
      subject: task,
      now: doc.at,
    });
    assert.equal(system.actor, undefined);
    assert.equal(system.actorName, undefined);
  });
});

describe('grouping and unread', () => {
  const a = n('mentioned', 'taskEvent:01JNB1', '2026-12-05T01:00:00.000Z');
  const b = n('mentioned', 'taskEvent:01JNB2', '2026-12-05T03:00:00.000Z');
  const c = n('assigned', 'task:01JNA', '2026-12-05T02:00:00.000Z');
  const d = n('directionGiven', 'officialDocumentEvent:01JND1', '2026-12-05T04:00:00.000Z', {
    type: 'officialDocument',
    id: 'officialDocument:01JND',
    title: 'Công văn',
  } as never);

  it('groups repeats of a kind about one item, newest first, with counts and unread counts', () => {
    const groups = groupNotifications([a, b, c, d], new Set([b._id]));
    assert.deepEqual(
      groups.map((g) => [g.groupKey, g.count, g.unread]),
      [
        ['directionGiven:officialDocument:01JND', 1, 1],
        ['mentioned:task:01JNA', 2, 1],
        ['assigned:task:01JNA', 1, 1],
      ],
    );
    assert.equal(groups[1]!.latest._id, b._id);
    assert.deepEqual(groups[1]!.ids, [b._id, a._id]);
  });

  it('counts unread notifications from ids or from the markers', () => {
    assert.equal(unreadCount([a, b, c, d], []), 4);
    assert.equal(unreadCount([a, b, c, d], new Set([a._id, c._id])), 2);
    assert.equal(unreadCount([a, b, c, d], [{ notificationId: d._id }, { notificationId: 'notification:gone' }]), 3);
  });
});

describe('mentions', () => {
  const known = (name: string) => ['an.nguyen', 'hoa.do', 'linh.dinh'].includes(name);

  it('finds known account names after @, once each, ignoring e-mail addresses and sentence ends', () => {
    assert.deepEqual(mentionedNames('@an.nguyen xem giúp, cc @linh.dinh. Cảm ơn @an.nguyen', known), ['an.nguyen', 'linh.dinh']);
    assert.deepEqual(mentionedNames('gửi an.nguyen@phuong.gov.vn và @nobody', known), []);
    assert.deepEqual(mentionedNames('(@hoa.do)', known), ['hoa.do']);
    assert.deepEqual(mentionedNames(undefined, known), []);
  });

  it('mentionNotifications: one per person mentioned, never the author', () => {
    const docs = mentionNotifications(
      {
        sourceId: 'message:01JNM1',
        text: '@hoa.do @an.nguyen họp lúc 9h',
        actor: 'hoa.do',
        actorName: 'Đỗ Thị Hòa',
        at: '2026-12-05T01:00:00.000Z',
        subject: { type: 'thread', id: 'thread:01JNT', title: 'Chuẩn bị họp' },
      },
      known,
      '2026-12-05T01:00:01.000Z',
    );
    assert.deepEqual(
      docs.map((x) => [x.to, x.kind, x._id]),
      [['an.nguyen', 'mentioned', 'notification:01JNM1.mentioned.an.nguyen']],
    );
  });
});

describe('validation of notification documents', () => {
  const me: UserCtx = { name: 'an.nguyen', roles: ['staff', 'unit:vp'] };
  const mine: SpaceRef = { kind: 'personal', id: 'an.nguyen' };
  const theirs: SpaceRef = { kind: 'personal', id: 'hoa.do' };
  const refuses = (doc: Record<string, unknown>, old: Record<string, unknown> | null, space: SpaceRef, re: RegExp) =>
    assert.throws(
      () => validateDocUpdate(doc, old, me, {}, space),
      (err: { forbidden?: string }) => re.test(err.forbidden ?? ''),
    );
  const at = '2026-12-05T01:00:00.000Z';
  const notification = n('assigned', 'task:01JNA', at);
  const read = {
    _id: notificationReadIdOf(notification._id),
    type: 'notificationRead',
    schema: 1,
    createdAt: at,
    createdBy: 'an.nguyen',
    notificationId: notification._id,
    readAt: at,
  };
  const prefs = {
    _id: NOTIFICATION_PREFS_ID,
    type: 'notificationPrefs',
    schema: 1,
    createdAt: at,
    createdBy: 'an.nguyen',
    muted: ['dueSoon'],
  };

  it('users never write notifications, even in their own space', () => {
    refuses({ ...notification } as never, null, mine, /Only the server/);
    refuses({ ...notification, createdBy: 'an.nguyen' } as never, null, mine, /Only the server/);
    refuses({ _id: notification._id, _rev: '1-a', _deleted: true }, notification as never, mine, /Only the server/);
  });

  it('read markers: own space only, one per notification, never changed', () => {
    validateDocUpdate(read, null, me, {}, mine);
    refuses(read, null, theirs, /own personal space/);
    refuses(read, null, { kind: 'unit', id: 'vp' }, /own personal space/);
    refuses({ ...read, _id: 'notificationRead:other' }, null, mine, /_id must be/);
    refuses({ ...read, notificationId: 'task:01JNA' }, null, mine, /notificationId/);
    refuses({ ...read, readAt: 'yesterday' }, null, mine, /readAt/);
    refuses({ ...read, readAt: '2026-12-06T00:00:00.000Z' }, read, mine, /cannot be changed/);
    refuses({ _id: read._id, _deleted: true }, read, mine, /cannot be changed/);
  });

  it('preferences: own space only, known kinds, editable', () => {
    validateDocUpdate(prefs, null, me, {}, mine);
    validateDocUpdate({ ...prefs, muted: [], push: true, updatedAt: at }, prefs, me, {}, mine);
    refuses(prefs, null, theirs, /own personal space/);
    refuses({ ...prefs, muted: ['everything'] }, null, mine, /muted/);
    refuses({ ...prefs, _id: 'notificationPrefs:x' }, null, mine, /_id must be/);
    refuses({ ...prefs, push: 'yes' }, null, mine, /push/);
  });
});
