import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NotificationDoc } from '../../src/model/notifications.ts';
import { NOTIFICATION_PREFS_ID, notificationId, notificationReadIdOf } from '../../src/model/notifications.ts';
import { wardDay } from '../../src/model/time.ts';
import { createUser } from '../../server/services/accounts.ts';
import { bulk, draft, event, getAsAdmin, put, registration, waitFor } from './helpers/documents.ts';
import { login, request } from './helpers/http.ts';
import { TASK_PEOPLE, addDays, personalDb, task, taskEvent, unitDb } from './helpers/tasks.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * The notification worker (issue 6) on the real server: people write through the gateway as their devices do,
 * and the worker writes `notification` documents into the recipients' personal spaces. Each test checks who
 * gets one and who does not (the actor, people not on the item, another unit, people who cannot read it).
 */
describe('notifications (demo ward, embedded store)', () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  const cookie = async (name: string) => (cookies[name] ??= await login(s.url, name, s.demoPassword));
  const REGISTRY = 'docket-registry';
  const VP = unitDb('vp');
  const KT = unitDb('kt');

  /** The notifications of `name` about `subjectId`, as the admin sees their personal space. */
  async function notes(name: string, subjectId: string, kind?: string): Promise<NotificationDoc[]> {
    const r = await request(
      `${s.url}/db/${personalDb(name)}/_all_docs?include_docs=true&startkey=${encodeURIComponent('"notification:"')}&endkey=${encodeURIComponent('"notification:\ufff0"')}`,
      { basic: s.admin },
    );
    assert.equal(r.status, 200, r.text);
    return (r.json.rows as { doc: NotificationDoc }[])
      .map((x) => x.doc)
      .filter((d) => d.subject.id === subjectId && (!kind || d.kind === kind));
  }
  const idle = () => waitFor('workers idle', async () => s.running.workers!.host.idle);
  /** Waits until everyone in `yes` has one notification of `kind` about the subject, then checks no one in `no` has. */
  async function expectTold(kind: string, subjectId: string, yes: string[], no: string[]): Promise<NotificationDoc[]> {
    const got: NotificationDoc[] = [];
    for (const name of yes) {
      const list = await waitFor(`${kind} for ${name}`, async () => {
        const l = await notes(name, subjectId, kind);
        return l.length > 0 && l;
      });
      got.push(...list);
    }
    await idle();
    for (const name of no) assert.deepEqual(await notes(name, subjectId, kind), [], `${name} gets no ${kind}`);
    return got;
  }
  async function write(by: string, db: string, docs: Record<string, unknown>[]): Promise<void> {
    const r = await bulk(s.url, await cookie(by), db, docs as never);
    assert.equal(r.status, 201);
    for (const x of r.results as { ok?: boolean; reason?: string }[]) assert.ok(x.ok, JSON.stringify(x));
  }

  before(async () => {
    s = await startTestServer({ demo: true });
    // Staff of a unit that is on nothing here: reads none of these tasks or documents.
    await createUser(s.running.docket.store, {
      name: 'khanh.ly',
      role: 'staff',
      unitId: 'ttpvhcc',
      displayName: 'Lý Khánh',
      password: s.demoPassword,
    });
    TASK_PEOPLE['khanh.ly'] = { roles: ['staff', 'unit:ttpvhcc'], displayName: 'Lý Khánh' };
  });
  after(() => s.stop());

  it('tasks: assigned (created, reassigned), mentioned in comments, returned, extension answered — to the right people only', async () => {
    const t = task('hung.tran', { lead: 'an.nguyen', coordinators: ['linh.dinh'], followers: ['yen.luong'] });
    await write('hung.tran', VP, [t]);
    const [assigned] = await expectTold('assigned', t._id, ['an.nguyen', 'linh.dinh'], ['hung.tran', 'yen.luong', 'dung.ngo', 'son.phan']);
    assert.equal(assigned!._id, notificationId('assigned', t._id as string, 'an.nguyen'));
    assert.deepEqual(
      {
        kind: assigned!.kind,
        to: assigned!.to,
        actor: assigned!.actor,
        actorName: assigned!.actorName,
        subject: assigned!.subject,
        groupKey: assigned!.groupKey,
        createdBy: assigned!.createdBy,
        at: assigned!.at,
      },
      {
        kind: 'assigned',
        to: 'an.nguyen',
        actor: 'hung.tran',
        actorName: 'Trần Văn Hùng',
        subject: { type: 'task', id: t._id, title: t.title },
        groupKey: `assigned:${t._id}`,
        createdBy: 'system',
        at: t.createdAt,
      },
    );

    const added = taskEvent('hung.tran', t._id, 'reassigned', { coordinators: ['linh.dinh', 'tuan.vu'] });
    await write('hung.tran', VP, [added]);
    await expectTold('assigned', t._id, ['tuan.vu'], ['hung.tran', 'dung.ngo']);
    assert.equal((await notes('an.nguyen', t._id, 'assigned')).length, 1, 'people already on it are not told again');
    assert.equal((await notes('linh.dinh', t._id, 'assigned')).length, 1);

    // A mention of someone who cannot read the task (another unit, not on it) tells no one: no summary leaks.
    const comment = taskEvent('an.nguyen', t._id, 'comment', { note: '@linh.dinh xem giúp số liệu, cc @khanh.ly và @an.nguyen' });
    await write('an.nguyen', VP, [comment]);
    const [mention] = await expectTold('mentioned', t._id, ['linh.dinh'], ['an.nguyen', 'khanh.ly', 'hung.tran', 'tuan.vu']);
    assert.equal(mention!.detail, comment.note);

    await write('an.nguyen', VP, [taskEvent('an.nguyen', t._id, 'submitted', { note: 'Xong' })]);
    await write('hung.tran', VP, [taskEvent('hung.tran', t._id, 'returned', { note: 'Bổ sung số liệu quý III' })]);
    const [back] = await expectTold('returned', t._id, ['an.nguyen'], ['hung.tran', 'linh.dinh', 'tuan.vu']);
    assert.equal(back!.detail, 'Bổ sung số liệu quý III');

    const later = addDays(wardDay(), 20);
    await write('linh.dinh', KT, [taskEvent('linh.dinh', t._id, 'extensionRequested', { deadline: later, note: 'Chờ số liệu' })]);
    await waitFor('request home', async () => (await notes('linh.dinh', t._id)).length > 0);
    await idle();
    await write('hung.tran', VP, [taskEvent('hung.tran', t._id, 'extensionAnswered', { accepted: true, deadline: later })]);
    const [answer] = await expectTold('extensionAnswered', t._id, ['linh.dinh'], ['hung.tran', 'an.nguyen', 'tuan.vu']);
    assert.match(answer!.detail!, new RegExp(later));
  });

  it('muted kinds are not written; preferences and read markers only in one’s own space; notifications only by the server', async () => {
    const dung = await cookie('dung.ngo');
    const at = new Date().toISOString();
    const prefs = {
      _id: NOTIFICATION_PREFS_ID,
      type: 'notificationPrefs',
      schema: 1,
      createdAt: at,
      createdBy: 'dung.ngo',
      muted: ['assigned'],
    };
    assert.equal(await put(s.url, { cookie: dung }, personalDb('dung.ngo'), prefs), 201);
    assert.ok([401, 403].includes(await put(s.url, { cookie: dung }, personalDb('tuan.vu'), { ...prefs, createdBy: 'dung.ngo' })));

    const t = task('hoa.do', { lead: 'dung.ngo', coordinators: ['tuan.vu'] });
    await write('hoa.do', VP, [t]);
    const [told] = await expectTold('assigned', t._id, ['tuan.vu'], ['dung.ngo', 'hoa.do']);

    // A forged notification is refused even in one's own space; a read marker is accepted there only.
    const forged = { ...told!, _id: notificationId('assigned', 'task:01JFORGED', 'dung.ngo'), to: 'dung.ngo' } as Record<string, unknown>;
    delete forged._rev;
    assert.equal(await put(s.url, { cookie: dung }, personalDb('dung.ngo'), forged as never), 403);
    const tuan = await cookie('tuan.vu');
    const marker = {
      _id: notificationReadIdOf(told!._id),
      type: 'notificationRead',
      schema: 1,
      createdAt: at,
      createdBy: 'tuan.vu',
      notificationId: told!._id,
      readAt: at,
    };
    assert.equal(await put(s.url, { cookie: tuan }, personalDb('tuan.vu'), marker), 201);
    assert.ok([401, 403].includes(await put(s.url, { cookie: dung }, personalDb('tuan.vu'), { ...marker, createdBy: 'dung.ngo' })));
    assert.ok(
      [401, 403].includes(
        await put(s.url, { cookie: tuan }, VP, { ...marker, _id: notificationReadIdOf(`${told!._id}x`), notificationId: `${told!._id}x` }),
      ),
    );
    // Editing the notification itself (to mark it read) is refused: read state is append-only.
    assert.equal(await put(s.url, { cookie: tuan }, personalDb('tuan.vu'), { ...told!, detail: 'read' } as never), 403);
  });

  it('incoming documents: direction to the lead unit’s head, the person coordinating and the clerk; forwarding assigns; a return goes back', async () => {
    const { doc, event: registered } = registration('mai.hoang');
    await write('mai.hoang', REGISTRY, [doc, registered]);
    const directed = event('lan.nguyen', doc._id, 'directed', {
      note: 'Giao Phòng KT chủ trì, đ/c An phối hợp.',
      assignments: [
        { assignee: { kind: 'unit', unitId: 'kt' }, role: 'lead', deadline: addDays(wardDay(), 15) },
        { assignee: { kind: 'person', name: 'an.nguyen' }, role: 'coordinating', deadline: addDays(wardDay(), 15) },
        { assignee: { kind: 'unit', unitId: 'vhxh' }, role: 'forInformation' },
      ],
    });
    await write('lan.nguyen', REGISTRY, [directed]);
    const told = await expectTold(
      'directionGiven',
      doc._id,
      ['son.phan', 'an.nguyen', 'mai.hoang'],
      ['lan.nguyen', 'linh.dinh', 'yen.luong', 'hoa.do', 'khanh.ly'],
    );
    assert.ok(told.every((n) => n.detail === directed.note && n.subject.title === doc.summary && n.actor === 'lan.nguyen'));

    // Idempotent: the same change handled again (a restart, a second server) writes nothing new.
    const before = await notes('son.phan', doc._id);
    const stored = (await getAsAdmin(s.url, s.admin, KT, directed._id)).json;
    await s.running.workers!.notifications.handle({ space: { kind: 'unit', id: 'kt' }, db: KT, doc: stored, seq: 0 });
    await s.running.workers!.notifications.handle({ space: { kind: 'registry', id: 'registry' }, db: REGISTRY, doc: stored, seq: 0 });
    const again = await notes('son.phan', doc._id);
    assert.deepEqual(
      again.map((n) => [n._id, n._rev]),
      before.map((n) => [n._id, n._rev]),
    );
    assert.equal(again.length, 1);
    assert.match(again[0]!._rev!, /^1-/);

    const forwarded = event('son.phan', doc._id, 'forwarded', {
      assignee: { kind: 'unit', unitId: 'kt' },
      note: 'Đ/c Linh xử lý',
      assignments: [{ assignee: { kind: 'person', name: 'linh.dinh' }, role: 'lead' }],
    });
    await write('son.phan', KT, [forwarded]);
    await expectTold('assigned', doc._id, ['linh.dinh'], ['son.phan', 'lan.nguyen', 'an.nguyen', 'nam.truong']);

    await waitFor(
      'copy in linh.dinh’s space',
      async () => (await getAsAdmin(s.url, s.admin, personalDb('linh.dinh'), forwarded._id)).status === 200,
    );
    const returned = event('linh.dinh', doc._id, 'returned', {
      assignee: { kind: 'person', name: 'linh.dinh' },
      assignmentKey: 'unit:kt>person:linh.dinh',
      returnReason: 'wrongRecipient',
      note: 'Không thuộc lĩnh vực địa chính',
    });
    await write('linh.dinh', personalDb('linh.dinh'), [returned]);
    const back = await expectTold('returned', doc._id, ['son.phan', 'mai.hoang'], ['linh.dinh', 'lan.nguyen', 'an.nguyen']);
    assert.ok(back.every((n) => n.detail === returned.note));

    // The coordinator asks for more time; the leader answers.
    const asked = event('an.nguyen', doc._id, 'extensionRequested', {
      assignee: { kind: 'person', name: 'an.nguyen' },
      requestedDeadline: addDays(wardDay(), 30),
      note: 'Chờ ý kiến phòng KT',
    });
    await write('an.nguyen', personalDb('an.nguyen'), [asked]);
    await waitFor('request in the registry', async () => (await getAsAdmin(s.url, s.admin, REGISTRY, asked._id)).status === 200);
    const answer = event('lan.nguyen', doc._id, 'extensionAnswered', {
      assignee: { kind: 'person', name: 'an.nguyen' },
      accepted: false,
      note: 'Giữ hạn cũ',
    });
    await write('lan.nguyen', REGISTRY, [answer]);
    await expectTold('extensionAnswered', doc._id, ['an.nguyen'], ['lan.nguyen', 'son.phan', 'mai.hoang']);
  });

  it('outgoing drafts: submitted → the unit head; with the leader → leaders; changes requested → the author', async () => {
    const d = draft('an.nguyen', 'vp');
    await write('an.nguyen', VP, [d]);
    await write('an.nguyen', VP, [event('an.nguyen', d._id, 'submitted')]);
    await expectTold('approvalNeeded', d._id, ['hoa.do'], ['an.nguyen', 'dung.ngo', 'son.phan', 'hung.tran']);
    await write('hoa.do', VP, [event('hoa.do', d._id, 'forwardedToLeader')]);
    const leaders = await expectTold('approvalNeeded', d._id, ['hung.tran', 'lan.nguyen'], ['an.nguyen', 'dung.ngo']);
    assert.ok(leaders.every((n) => n.actor === 'hoa.do'));
    await write('hung.tran', VP, [
      event('hung.tran', d._id, 'changesRequested', { version: 1, note: 'Sửa căn cứ pháp lý, @hoa.do lưu ý' }),
    ]);
    await expectTold('returned', d._id, ['an.nguyen'], ['hung.tran', 'hoa.do']);
    await expectTold('mentioned', d._id, ['hoa.do'], ['an.nguyen', 'hung.tran']);
  });

  it('confidential documents: only the persons it was delivered to are told; a mention of anyone else tells no one', async () => {
    const { doc, event: registered } = registration('mai.hoang', { confidentiality: 'confidential', routeTo: 'hung.tran' });
    await write('mai.hoang', personalDb('mai.hoang'), [doc, registered]);
    await expectTold('assigned', doc._id, ['hung.tran'], ['mai.hoang', 'lan.nguyen', 'huong.bui']);
    await waitFor('copy with the leader', async () => (await getAsAdmin(s.url, s.admin, personalDb('hung.tran'), doc._id)).status === 200);
    const directed = event('hung.tran', doc._id, 'directed', {
      note: 'Đ/c An xử lý, báo cáo trực tiếp. @lan.nguyen @son.phan',
      assignments: [{ assignee: { kind: 'person', name: 'an.nguyen' }, role: 'lead' }],
    });
    await write('hung.tran', personalDb('hung.tran'), [directed]);
    await expectTold('directionGiven', doc._id, ['an.nguyen', 'mai.hoang'], ['hung.tran', 'lan.nguyen', 'hoa.do', 'son.phan']);
    for (const name of ['lan.nguyen', 'son.phan', 'huong.bui', 'dung.ngo'])
      assert.deepEqual(await notes(name, doc._id), [], `${name}: nothing about it`);
  });

  it('due soon and overdue: once per task and deadline to the lead and coordinators, by the sweep', async () => {
    const today = wardDay();
    const soon = task('hoa.do', { title: 'Nộp báo cáo tháng', lead: 'dung.ngo', coordinators: ['tuan.vu'], deadline: addDays(today, 1) });
    const late = task('hoa.do', { title: 'Rà soát hồ sơ tồn', lead: 'tuan.vu', deadline: addDays(today, -1) });
    const later = task('hoa.do', { title: 'Kế hoạch năm sau', lead: 'tuan.vu', deadline: addDays(today, 9) });
    const done = task('hoa.do', { title: 'Đã xong', lead: 'an.nguyen', deadline: addDays(today, -1) });
    await write('hoa.do', VP, [soon, late, later, done]);
    await write('an.nguyen', VP, [taskEvent('an.nguyen', done._id, 'submitted')]);
    await write('hoa.do', VP, [taskEvent('hoa.do', done._id, 'accepted')]);
    await idle();
    // \`done\` was late when it was written, before it was accepted: the worker may have told its lead then, if
    // it handled the task before the events arrived (a race on a slow machine, and a true notification). What
    // this test proves is that the sweep tells no one about a finished task, so that earlier one is removed.
    const personal = await s.running.docket.store.db(personalDb('an.nguyen'));
    for (const d of await notes('an.nguyen', done._id, 'overdue')) await personal.remove(d._id, d._rev!);
    const sweep = () => s.running.workers!.notifications.sweep();
    await sweep();
    await sweep();
    const dueSoon = await expectTold('dueSoon', soon._id, ['dung.ngo', 'tuan.vu'], ['hoa.do']);
    assert.equal(dueSoon.length, 2);
    assert.equal(dueSoon[0]!.actor, undefined);
    assert.equal(dueSoon[0]!.detail, soon.deadline);
    assert.equal(dueSoon[0]!._id, notificationId('dueSoon', `${soon._id}@${soon.deadline}`, 'dung.ngo'));
    await expectTold('overdue', late._id, ['tuan.vu'], ['hoa.do']);
    assert.equal((await notes('tuan.vu', late._id, 'overdue')).length, 1);
    assert.deepEqual(await notes('tuan.vu', later._id, 'dueSoon'), []);
    assert.deepEqual(await notes('tuan.vu', later._id, 'overdue'), []);
    assert.deepEqual(await notes('an.nguyen', done._id, 'overdue'), []);
  });
});
