import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { wardDay } from '../../src/model/time.ts';
import { createUser } from '../../server/services/accounts.ts';
import { type Doc, allIds, bulk, getAsAdmin, waitFor } from './helpers/documents.ts';
import { login, request } from './helpers/http.ts';
import { TASK_PEOPLE, addDays, filesDb, personalDb, task, taskEvent, taskFile, unitDb, uploadFile } from './helpers/tasks.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * The task workers (docs/decisions/0003 "Spaces", "Recurrence"): the mirror copies a task, its events and their
 * files into the unit space of everyone on it (and back: events written in any copy reach every copy); the
 * recurrence worker creates each occurrence of a series once, whatever runs or restarts.
 */
describe('task workers (demo ward, embedded store)', () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  const cookie = async (name: string) => (cookies[name] ??= await login(s.url, name, s.demoPassword));
  const VP = unitDb('vp');
  const KT = unitDb('kt');
  const VHXH = unitDb('vhxh');
  const doc = async (db: string, id: string) => {
    const r = await getAsAdmin(s.url, s.admin, db, id);
    return r.status === 200 ? (r.json as Doc & { _rev: string; _conflicts?: string[] }) : undefined;
  };
  const hasBytes = async (db: string, fileId: string) =>
    (await request(`${s.url}/db/${db}/${encodeURIComponent(fileId)}/data`, { basic: s.admin })).status === 200;
  async function write(by: string, db: string, docs: Doc[]): Promise<void> {
    const r = await bulk(s.url, await cookie(by), db, docs);
    assert.equal(r.status, 201);
    for (const x of r.results as { ok?: boolean; reason?: string }[]) assert.ok(x.ok, JSON.stringify(x));
  }
  const idle = () => waitFor('workers idle', async () => s.running.workers!.host.idle);

  before(async () => {
    s = await startTestServer({ demo: true, keepDataDir: true });
    // Someone in no unit who is neither leader nor clerk (the ward's IT administrator): copies go to their personal space.
    await createUser(s.running.docket.store, { name: 'tu.do', role: 'admin', displayName: 'Đỗ Văn Tú', password: s.demoPassword });
    TASK_PEOPLE['tu.do'] = { roles: ['admin'], displayName: 'Đỗ Văn Tú' };
  });
  after(async () => {
    await s.stop();
    rmSync(s.dataDir, { recursive: true, force: true });
  });

  it('a task with a coordinator from another unit reaches that unit with every event and file, and events written there reach home', async () => {
    const t = task('hung.tran', { lead: 'an.nguyen', coordinators: ['linh.dinh'], followers: ['yen.luong', 'mai.hoang'] });
    const e1 = taskEvent('hung.tran', t._id, 'comment', { note: 'Phối hợp với phòng Kinh tế' });
    await write('hung.tran', VP, [t, e1]);
    const start = Date.now();
    await waitFor('task in KT', async () => (await doc(KT, e1._id)) !== undefined);
    const reachedKt = Date.now() - start;
    await waitFor('task in VHXH (a follower’s unit)', async () => (await doc(VHXH, t._id)) !== undefined);

    // The lead reports at home with a photo; it reaches the coordinator's unit with its bytes.
    const photo = taskFile('an.nguyen', '', 'hien-truong.jpg', Buffer.from('jpeg: the site'));
    const report = taskEvent('an.nguyen', t._id, 'progress', { percent: 50, note: 'Đã khảo sát', files: [photo.meta] });
    photo.doc.ownerId = report._id;
    await write('an.nguyen', VP, [report]);
    assert.deepEqual(await uploadFile(s.url, await cookie('an.nguyen'), filesDb(VP), photo), [201, 201]);
    await waitFor('report in KT', async () => (await doc(KT, report._id)) !== undefined);
    await waitFor('photo bytes in KT', () => hasBytes(filesDb(KT), photo.meta.fileId));

    // The coordinator reports in her own unit's copy, with a file: home and the follower's unit get both.
    const sheet = taskFile('linh.dinh', '', 'so-lieu.jpg', Buffer.from('jpeg: the figures'));
    const part = taskEvent('linh.dinh', t._id, 'progress', { percent: 80, note: 'Phần địa chính', files: [sheet.meta] });
    sheet.doc.ownerId = part._id;
    const t1 = Date.now();
    await write('linh.dinh', KT, [part]);
    await waitFor('coordinator’s report at home', async () => (await doc(VP, part._id)) !== undefined);
    const reachedHome = Date.now() - t1;
    await waitFor('coordinator’s report in VHXH', async () => (await doc(VHXH, part._id)) !== undefined);
    // Her file comes after the event (a device that uploads later): it follows on its own.
    assert.deepEqual(await uploadFile(s.url, await cookie('linh.dinh'), filesDb(KT), sheet), [201, 201]);
    await waitFor('file at home', () => hasBytes(filesDb(VP), sheet.meta.fileId));
    await waitFor('file in VHXH', () => hasBytes(filesDb(VHXH), sheet.meta.fileId));

    await idle();
    // Every copy holds the same documents once, without conflicts; leaders and clerks get no copies
    // (they read every unit space); nothing went to the registry.
    const ids = [t._id, e1._id, report._id, part._id];
    for (const db of [VP, KT, VHXH]) {
      for (const id of ids) {
        const d = await doc(db, id);
        assert.ok(d, `${id} in ${db}`);
        assert.match(d._rev, /^1-/);
        assert.equal(d._conflicts, undefined);
      }
    }
    for (const db of [personalDb('hung.tran'), personalDb('mai.hoang'), personalDb('linh.dinh'), 'docket-registry', unitDb('ttpvhcc')])
      assert.equal(await doc(db, t._id), undefined, db);
    process.stdout.write(
      `# tasks: mirror latency — new task to the coordinator's unit ${reachedKt} ms; her report home ${reachedHome} ms\n`,
    );
  });

  it('people added later get the task with its whole history; someone in no unit gets it in their personal space', async () => {
    const t = task('lan.nguyen', { lead: 'an.nguyen' });
    const first = taskEvent('an.nguyen', t._id, 'progress', { percent: 20 });
    await write('lan.nguyen', VP, [t]);
    await write('an.nguyen', VP, [first]);
    await idle();
    assert.equal(await doc(KT, t._id), undefined, 'no one from KT on it yet');
    const added = taskEvent('lan.nguyen', t._id, 'reassigned', { coordinators: ['son.phan'], followers: ['tu.do'] });
    await write('lan.nguyen', VP, [added]);
    for (const db of [KT, personalDb('tu.do')]) {
      for (const id of [t._id, first._id, added._id]) await waitFor(`${id} in ${db}`, async () => (await doc(db, id)) !== undefined);
    }
    // Taken off again: the copies stay (the history must stay whole), and they keep receiving.
    const removed = taskEvent('lan.nguyen', t._id, 'reassigned', { coordinators: [], followers: [] });
    await write('lan.nguyen', VP, [removed]);
    await waitFor('removal reaches KT too', async () => (await doc(KT, removed._id)) !== undefined);
    // The person in no unit comments from their own space: it reaches home.
    const note = taskEvent('tu.do', t._id, 'comment', { note: 'Đã nắm' });
    await write('tu.do', personalDb('tu.do'), [note]);
    await waitFor('comment home', async () => (await doc(VP, note._id)) !== undefined);
  });

  it('a personal task stays in its owner’s space', async () => {
    const t = task('an.nguyen', { unitId: undefined });
    await write('an.nguyen', personalDb('an.nguyen'), [t, taskEvent('an.nguyen', t._id, 'progress', { percent: 5 })]);
    await idle();
    assert.equal(await doc(VP, t._id), undefined);
  });

  it('recurrence: each occurrence once — on the series’ arrival, repeated sweeps, and a restart days later', async () => {
    const today = wardDay();
    const series = task('hoa.do', {
      title: 'Báo cáo tuần',
      lead: 'an.nguyen',
      coordinators: ['dung.ngo'],
      deadline: today,
      recurrence: { freq: 'daily', interval: 1 },
    });
    await write('hoa.do', VP, [series]);
    const occurrence = (day: string) => `${series._id}.${day}`;
    const expected = (upTo: number) => Array.from({ length: upTo }, (_, i) => occurrence(addDays(today, i + 1)));
    const occurrences = async () => (await allIds(s.url, s.admin, VP)).filter((id) => id.startsWith(`${series._id}.`));
    await waitFor('14 occurrences', async () => (await occurrences()).length === 14);
    assert.deepEqual(await occurrences(), expected(14));
    const o = (await doc(VP, occurrence(addDays(today, 7))))!;
    assert.equal(o.seriesId, series._id);
    assert.equal(o.assigner, 'hoa.do');
    assert.equal(o.lead, 'an.nguyen');
    assert.equal(o.deadline, addDays(today, 7));
    // People on an occurrence report on it like on any task.
    await write('an.nguyen', VP, [taskEvent('an.nguyen', o._id, 'progress', { percent: 100 })]);

    assert.equal(await s.running.workers!.recurrence.sweep(), 0);
    assert.equal(await s.running.workers!.recurrence.sweep(), 0);

    // The series is handed to someone else and edited: the occurrences created from now on carry that.
    await write('hoa.do', VP, [
      taskEvent('hoa.do', series._id, 'reassigned', { lead: 'dung.ngo', coordinators: ['tuan.vu'], followers: ['an.nguyen'] }),
      taskEvent('hoa.do', series._id, 'edited', {
        changes: { title: 'Báo cáo tuần (mẫu mới)', priority: 'high', checklist: [{ id: 'n1', text: 'Gửi trước 16 giờ' }] },
      }),
    ]);

    // A restart a week later: the start sweep adds the 7 new days, nothing twice.
    const dataDir = s.dataDir;
    await s.stop();
    const day = 24 * 3600 * 1000;
    let clock = new Date(Date.now() + 7 * day);
    s = await startTestServer({ demo: true, dataDir, workers: { recurrence: { now: () => clock } } });
    for (const k of Object.keys(cookies)) delete cookies[k];
    await waitFor('21 occurrences', async () => (await occurrences()).length === 21);
    assert.equal(await s.running.workers!.recurrence.sweep(), 0);
    await idle();
    assert.deepEqual(await occurrences(), expected(21));
    for (const [i, id] of expected(21).entries()) {
      const d = (await doc(VP, id))!;
      assert.match(d._rev, /^1-/, id);
      assert.equal(d._conflicts, undefined);
      // Created before the edit: as the series was; after it: as the series is now.
      const now = i >= 14;
      assert.deepEqual(
        [d.title, d.priority, d.lead, d.coordinators, d.followers],
        now
          ? ['Báo cáo tuần (mẫu mới)', 'high', 'dung.ngo', ['tuan.vu'], ['an.nguyen']]
          : ['Báo cáo tuần', 'normal', 'an.nguyen', ['dung.ngo'], []],
        id,
      );
      assert.deepEqual(d.checklist, now ? [{ id: 'n1', text: 'Gửi trước 16 giờ' }] : series.checklist, id);
    }

    // A cancelled series stops: another week passes, nothing new.
    await write('hoa.do', VP, [taskEvent('hoa.do', series._id, 'cancelled', { note: 'Không còn cần' })]);
    await idle();
    clock = new Date(clock.getTime() + 7 * day);
    assert.equal(await s.running.workers!.recurrence.sweep(), 0);
    assert.equal((await occurrences()).length, 21);
  });
});
