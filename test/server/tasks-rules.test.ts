import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Doc, bulk, getAsAdmin } from './helpers/documents.ts';
import { login, request } from './helpers/http.ts';
import { localDb, remoteDb } from './helpers/pouch.ts';
import { filesDb, personalDb, task, taskEvent, taskFile, unitDb, uploadFile } from './helpers/tasks.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * Issue 4 "Rules (enforced by the server, not only the UI)": only the assigner (or a leader) changes deadline,
 * lead and assignees and accepts completion; only assignees report progress; staff may create tasks for
 * themselves and, if unit heads, for their unit. Every refusal is a 403 `forbidden` from the store, whether
 * the document comes alone (PUT), in a batch or by replication, from a client that skips its own checks.
 */
describe('task rules at the server (demo ward, embedded store)', () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  const cookie = async (name: string) => (cookies[name] ??= await login(s.url, name, s.demoPassword));
  const VP = unitDb('vp');

  async function putDoc(by: string, db: string, doc: Doc): Promise<{ status: number; error?: string; reason?: string }> {
    const r = await request(`${s.url}/db/${db}/${encodeURIComponent(doc._id)}`, { method: 'PUT', cookie: await cookie(by), body: doc });
    return { status: r.status, error: r.json?.error, reason: r.json?.reason };
  }
  async function bulkOne(by: string, db: string, doc: Doc): Promise<{ ok?: boolean; error?: string; reason?: string }> {
    const r = await bulk(s.url, await cookie(by), db, [doc]);
    assert.equal(r.status, 201);
    return (r.results as { ok?: boolean; error?: string; reason?: string }[])[0]!;
  }
  /** Per document of a batch, in its order: true or the error. */
  const outcomes = (docs: Doc[], results: unknown) => {
    const byId = new Map((results as { id: string; ok?: boolean; error?: string }[]).map((x) => [x.id, x.ok ?? x.error]));
    return docs.map((d) => byId.get(d._id));
  };
  const stored = async (db: string, id: string) => (await getAsAdmin(s.url, s.admin, db, id)).status === 200;

  /** Allowed alone (PUT) → 201 and stored. */
  async function allowed(by: string, db: string, doc: Doc): Promise<void> {
    const r = await putDoc(by, db, doc);
    assert.equal(r.status, 201, `${by} ${String(doc.kind ?? doc.type)}: ${r.reason}`);
  }
  /** Refused both as a PUT and as a one-document batch (fresh copies with new ids), 403 forbidden, nothing stored. */
  async function refused(by: string, db: string, make: () => Doc, reason?: RegExp): Promise<void> {
    const one = make();
    const r = await putDoc(by, db, one);
    assert.equal(r.status, 403, `${by} ${String(one.kind ?? one.type)} (PUT) should be refused`);
    assert.equal(r.error, 'forbidden');
    if (reason) assert.match(r.reason ?? '', reason);
    assert.equal(await stored(db, one._id), false);
    const two = make();
    const b = await bulkOne(by, db, two);
    assert.equal(b.error, 'forbidden', `${by} ${String(two.kind ?? two.type)} (_bulk_docs) should be refused: ${JSON.stringify(b)}`);
    if (reason) assert.match(b.reason ?? '', reason);
    assert.equal(await stored(db, two._id), false);
  }

  before(async () => {
    s = await startTestServer({ demo: true });
  });
  after(() => s.stop());

  it('creating: leaders assign anyone; a unit head assigns members of the unit; staff create tasks for themselves', async () => {
    await allowed(
      'hung.tran',
      VP,
      task('hung.tran', { lead: 'an.nguyen', coordinators: ['dung.ngo', 'linh.dinh'], followers: ['son.phan'] }),
    );
    await allowed('hoa.do', VP, task('hoa.do', { lead: 'an.nguyen', coordinators: ['dung.ngo'] }));
    await allowed('an.nguyen', VP, task('an.nguyen'));
    await allowed('an.nguyen', personalDb('an.nguyen'), task('an.nguyen', { unitId: undefined }));
    // A unit head names someone of another unit as lead or coordinator (only the directory knows): the gateway.
    await refused('hoa.do', VP, () => task('hoa.do', { lead: 'linh.dinh' }), /unit head assigns only members/i);
    await refused('hoa.do', VP, () => task('hoa.do', { lead: 'an.nguyen', coordinators: ['son.phan'] }), /unit head/i);
    // Staff: for someone else, or with coordinators, or in another unit.
    await refused('an.nguyen', VP, () => task('an.nguyen', { lead: 'dung.ngo' }), /themselves/);
    await refused('an.nguyen', VP, () => task('an.nguyen', { coordinators: ['dung.ngo'] }), /themselves/);
    await refused('linh.dinh', unitDb('kt'), () => task('linh.dinh', { unitId: 'kt', lead: 'linh.dinh', assigner: 'hung.tran' }));
    // A head of another unit cannot create tasks in this one (not even for themselves).
    await refused('son.phan', unitDb('kt'), () => task('son.phan', { unitId: 'vp' }), /tasks in this unit|space of its unit/);
    // A personal task has no one else on it.
    await refused('an.nguyen', personalDb('an.nguyen'), () => task('an.nguyen', { unitId: undefined, followers: ['dung.ngo'] }));
    // Occurrences of a series come from the server only.
    await refused('hung.tran', VP, () => task('hung.tran', { lead: 'an.nguyen', seriesId: 'task:01ABC' }));
    // POST /db/<space> (a document without a URL id) is checked the same way.
    const posted = task('hoa.do', { lead: 'linh.dinh' });
    const p = await request(`${s.url}/db/${VP}`, { method: 'POST', cookie: await cookie('hoa.do'), body: posted });
    assert.equal(p.status, 403);
    assert.match(p.json.reason, /unit head assigns only members/i);
    // Forged roles: staff claiming to be a leader.
    await refused('an.nguyen', VP, () => task('an.nguyen', { lead: 'dung.ngo', actorRoles: ['leader'] }));
    await refused('an.nguyen', VP, () => task('an.nguyen', { actorRoles: ['staff', 'unit:vp', 'leader'] }), /actorRoles/);
  });

  it('subtasks: the lead splits a task for its coordinators; nobody else, and for nobody else', async () => {
    const parent = task('hung.tran', { lead: 'an.nguyen', coordinators: ['dung.ngo'] });
    await allowed('hung.tran', VP, parent);
    await allowed('an.nguyen', VP, task('an.nguyen', { lead: 'dung.ngo', parentId: parent._id }));
    await refused('an.nguyen', VP, () => task('an.nguyen', { lead: 'tuan.vu', parentId: parent._id }), /parent's lead or coordinators/);
    await refused('dung.ngo', VP, () => task('dung.ngo', { lead: 'dung.ngo', parentId: parent._id }), /lead, its assigner or a leader/);
  });

  it('events: only the assigner or a leader changes deadline and people and accepts; only assignees report; only the lead submits', async () => {
    const t = task('hung.tran', { lead: 'an.nguyen', coordinators: ['dung.ngo'], followers: ['mai.hoang'] });
    await allowed('hung.tran', VP, t);
    const ev =
      (by: string, kind: string, over: Record<string, unknown> = {}) =>
      () =>
        taskEvent(by, t._id, kind, over);
    const newDeadline = { deadline: String(t.deadline).replace(/-\d\d$/, '-28') };

    // Deadline, people: the lead, a coordinator, the unit head and a follower may not; the assigner and another leader may.
    for (const who of ['an.nguyen', 'dung.ngo', 'hoa.do', 'mai.hoang']) {
      await refused(who, VP, ev(who, 'deadlineChanged', newDeadline), /assigner or a leader/);
      await refused(who, VP, ev(who, 'reassigned', { lead: 'dung.ngo', coordinators: ['an.nguyen'] }), /assigner or a leader/);
    }
    await allowed('hung.tran', VP, ev('hung.tran', 'deadlineChanged', newDeadline)());
    await allowed('lan.nguyen', VP, ev('lan.nguyen', 'reassigned', { followers: ['mai.hoang', 'hoa.do'] })());

    // Progress: the lead and the coordinator report; the assigner, a follower and the unit head do not.
    await allowed('an.nguyen', VP, ev('an.nguyen', 'progress', { percent: 40, note: 'Đã thu thập số liệu 3 tổ dân phố' })());
    await allowed('dung.ngo', VP, ev('dung.ngo', 'progress', { percent: 70, note: 'Phần pháp chế xong' })());
    for (const who of ['hung.tran', 'mai.hoang', 'hoa.do'])
      await refused(who, VP, ev(who, 'progress', { percent: 100 }), /lead or coordinators/);
    // Anyone who reads it comments.
    await allowed('mai.hoang', VP, ev('mai.hoang', 'comment', { note: 'Văn thư đã nhận bản giấy' })());

    // Acceptance needs a submission; only the lead submits; only the assigner (or a leader) accepts.
    await refused('hung.tran', VP, ev('hung.tran', 'accepted'), /not awaiting review/);
    await refused('dung.ngo', VP, ev('dung.ngo', 'submitted'), /current lead/);
    await allowed('an.nguyen', VP, ev('an.nguyen', 'submitted', { note: 'Xin nghiệm thu' })());
    for (const who of ['an.nguyen', 'dung.ngo', 'hoa.do']) await refused(who, VP, ev(who, 'accepted'), /assigner or a leader/);
    await allowed('hung.tran', VP, ev('hung.tran', 'accepted')());
    // Done: no more reports.
    await refused('an.nguyen', VP, ev('an.nguyen', 'progress', { percent: 100 }), /done or cancelled/);
  });

  it('a unit head assigning in their unit is the assigner: changes the deadline and accepts, the lead cannot', async () => {
    const t = task('hoa.do', { lead: 'an.nguyen' });
    await allowed('hoa.do', VP, t);
    await refused('an.nguyen', VP, () => taskEvent('an.nguyen', t._id, 'deadlineChanged', { deadline: String(t.deadline) }));
    await allowed('hoa.do', VP, taskEvent('hoa.do', t._id, 'deadlineChanged', { deadline: String(t.deadline) }));
    // Another unit head (reads nothing here) and a staff member of the unit who is not on the task.
    await refused('tuan.vu', VP, () => taskEvent('tuan.vu', t._id, 'reassigned', { lead: 'tuan.vu' }));
  });

  it('a batch mixing allowed and refused task documents stores the allowed ones and answers 403 for the others', async () => {
    const t = task('hung.tran', { lead: 'an.nguyen', coordinators: ['dung.ngo'] });
    const c = await cookie('an.nguyen');
    // A new task and its first events in one batch: later documents see the earlier ones (here: the reassignment).
    const docs = [
      taskEvent('an.nguyen', t._id, 'progress', { percent: 10 }), // refused: the task is not stored yet
    ];
    const first = await bulk(s.url, c, VP, docs);
    assert.equal((first.results as { error?: string }[])[0]!.error, 'forbidden');

    const lead = await cookie('hung.tran');
    const mixed = [
      t,
      taskEvent('hung.tran', t._id, 'reassigned', { lead: 'dung.ngo', coordinators: ['an.nguyen'] }),
      taskEvent('hung.tran', t._id, 'submitted'), // refused: the leader is not the lead
    ];
    const created = await bulk(s.url, lead, VP, mixed);
    assert.deepEqual(outcomes(mixed, created.results), [true, true, 'forbidden']);

    const batch = [
      taskEvent('an.nguyen', t._id, 'progress', { percent: 30, note: 'ok' }),
      taskEvent('an.nguyen', t._id, 'deadlineChanged', { deadline: String(t.deadline) }),
      taskEvent('an.nguyen', t._id, 'comment', { note: 'Cần thêm số liệu phường 2' }),
      taskEvent('an.nguyen', t._id, 'submitted'), // an.nguyen is no longer lead
      taskEvent('an.nguyen', t._id, 'comment', { note: 'x', docketRefused: 'I refuse myself' }),
    ];
    const r = await bulk(s.url, c, VP, batch);
    assert.equal(r.status, 201);
    // express-pouchdb answers the refused documents first: match results by id (CouchDB keeps the order).
    const byId = new Map((r.results as { id: string; ok?: boolean; error?: string; reason?: string }[]).map((x) => [x.id, x]));
    const results = batch.map((d) => byId.get(d._id)!);
    assert.deepEqual(outcomes(batch, r.results), [true, 'forbidden', true, 'forbidden', 'forbidden']);
    assert.match(results[1]!.reason!, /assigner or a leader/);
    assert.match(results[3]!.reason!, /current lead/);
    assert.equal(results[4]!.reason, 'I refuse myself');
    const present = await Promise.all(batch.map((d) => stored(VP, d._id)));
    assert.deepEqual(present, [true, false, true, false, false]);
  });

  it('tasks and task events never change and are never deleted; an event needs its task in the space', async () => {
    const t = task('hung.tran', { lead: 'an.nguyen' });
    await allowed('hung.tran', VP, t);
    const rev = (await getAsAdmin(s.url, s.admin, VP, t._id)).json._rev as string;
    const changed = await putDoc('hung.tran', VP, { ...t, _rev: rev, lead: 'dung.ngo' });
    assert.equal(changed.status, 403);
    const del = await request(`${s.url}/db/${VP}/${encodeURIComponent(t._id)}?rev=${rev}`, {
      method: 'DELETE',
      cookie: await cookie('hung.tran'),
    });
    assert.equal(del.status, 403);
    const e = taskEvent('an.nguyen', t._id, 'comment', { note: 'Nhận' });
    await allowed('an.nguyen', VP, e);
    const erev = (await getAsAdmin(s.url, s.admin, VP, e._id)).json._rev as string;
    assert.equal((await putDoc('an.nguyen', VP, { ...e, _rev: erev, note: 'Sửa' })).status, 403);
    // The same task in the registry or the org space, or an event whose task is elsewhere.
    await refused('an.nguyen', personalDb('an.nguyen'), () => taskEvent('an.nguyen', t._id, 'comment', { note: 'x' }), /not in this space/);
    const clerkTask = task('mai.hoang', { lead: 'mai.hoang' });
    assert.equal((await putDoc('mai.hoang', 'docket-registry', clerkTask)).status, 403);
  });

  it('files of tasks and task events go to the files database of the space', async () => {
    const t = task('an.nguyen');
    await allowed('an.nguyen', VP, t);
    const f = taskFile('an.nguyen', t._id, 'anh-hien-truong.jpg', Buffer.from('jpeg bytes'));
    assert.deepEqual(await uploadFile(s.url, await cookie('an.nguyen'), filesDb(VP), f), [201, 201]);
    const other = taskFile('an.nguyen', 'notice:01ABC', 'x.jpg', Buffer.from('x'));
    assert.deepEqual(await uploadFile(s.url, await cookie('an.nguyen'), filesDb(VP), other), [403, 0]);
  });

  it('a multipart PUT (document in a part the gateway does not read) is refused', async () => {
    const t = task('an.nguyen', { lead: 'dung.ngo' });
    const boundary = 'xyz';
    const raw = `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(t)}\r\n--${boundary}--\r\n`;
    const r = await request(`${s.url}/db/${VP}/${encodeURIComponent(t._id)}`, {
      method: 'PUT',
      cookie: await cookie('an.nguyen'),
      raw,
      contentType: `multipart/related; boundary=${boundary}`,
    });
    assert.equal(r.status, 415);
    assert.equal(await stored(VP, t._id), false);
  });

  it('replication of a refused event ends with it denied, the allowed ones written (not a stuck replication)', async () => {
    const t = task('hung.tran', { lead: 'an.nguyen', coordinators: ['dung.ngo'] });
    await allowed('hung.tran', VP, t);
    const device = localDb('an');
    const remote = remoteDb(`${s.url}/db/${VP}`, await cookie('an.nguyen'));
    await device.replicate.from(remote, { doc_ids: [t._id] });
    const good = taskEvent('an.nguyen', t._id, 'progress', { percent: 50, note: 'Một nửa' });
    const bad = taskEvent('an.nguyen', t._id, 'accepted'); // a modified client accepting its own work
    const bad2 = taskEvent('an.nguyen', t._id, 'deadlineChanged', { deadline: String(t.deadline).replace(/-\d\d$/, '-27') });
    await device.bulkDocs([good, bad, bad2] as PouchDB.Core.PutDocument<object>[]);
    const denied: string[] = [];
    const started = Date.now();
    const result = await device.replicate.to(remote).on('denied', (err) => denied.push(String((err as { id?: string }).id)));
    const ms = Date.now() - started;
    assert.equal(result.ok, true);
    assert.equal(result.status, 'complete');
    assert.equal(result.docs_written, 1);
    assert.equal(result.doc_write_failures, 2);
    assert.deepEqual(denied.sort(), [bad._id, bad2._id].sort());
    assert.equal(await stored(VP, good._id), true);
    assert.equal(await stored(VP, bad._id), false);
    // A second push does not try again forever: it ends the same way.
    const again = await device.replicate.to(remote);
    assert.equal(again.status, 'complete');
    await device.destroy();
    process.stdout.write(`# tasks: replication with 2 denied events completed in ${ms} ms\n`);
  });
});
