import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/model/ids.ts';
import type { NotificationDoc } from '../../src/model/notifications.ts';
import { notificationId } from '../../src/model/notifications.ts';
import { checkpointId } from '../../server/workers/index.ts';
import { type Doc, bulk, event, fileOf, getAsAdmin, put, registration, uploadFile, waitFor } from './helpers/documents.ts';
import { login, request } from './helpers/http.ts';
import { TASK_PEOPLE, filesDb, nextInstant, personalDb, unitDb } from './helpers/tasks.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * The thread mirror (docs/decisions/0005 "Threads"): the discussion of an official document is one thread across the
 * copies of the document. People write through the gateway, each into the copy they hold; the worker copies messages,
 * their edits and removals and their files, with the same ids, to every other unit or personal space holding the
 * document, and to copies made later; never to a space without the document.
 */
const REGISTRY = 'docket-registry';
const KT = unitDb('kt');
const VHXH = unitDb('vhxh');
const VP = unitDb('vp');
const LINH = 'linh.dinh'; // staff, kt
const SON = 'son.phan'; // head of kt
const YEN = 'yen.luong'; // head of vhxh
const AN = 'an.nguyen'; // staff, vp: the document is not delivered to vp
const LAN = 'lan.nguyen'; // leader: reads every unit space
const HUNG = 'hung.tran'; // leader
const MAI = 'mai.hoang'; // clerk
const HUONG = 'huong.bui'; // clerk

const message = (by: string, parentId: string, text: string, over: Record<string, unknown> = {}): Doc => ({
  _id: newId('message'),
  type: 'message',
  schema: 1,
  createdAt: nextInstant(),
  createdBy: by,
  authorName: TASK_PEOPLE[by]!.displayName,
  text,
  mentions: [],
  parentId,
  ...over,
});

const messageEvent = (by: string, messageId: string, kind: 'edited' | 'removed', text?: string): Doc => ({
  _id: newId('messageEvent'),
  type: 'messageEvent',
  schema: 1,
  createdAt: nextInstant(),
  createdBy: by,
  messageId,
  kind,
  ...(text !== undefined ? { text } : {}),
});

describe('thread mirror: one discussion across the copies of an official document (demo ward, embedded store)', () => {
  let s: TestServer;
  let dataDir = '';
  let cookies: Record<string, string> = {};
  const cookie = async (name: string) => (cookies[name] ??= await login(s.url, name, s.demoPassword));
  const idle = () => waitFor('workers idle', async () => s.running.workers!.host.idle);
  const write = async (by: string, db: string, doc: Doc): Promise<void> => {
    const r = await request(`${s.url}/db/${db}/${encodeURIComponent(doc._id)}`, { method: 'PUT', cookie: await cookie(by), body: doc });
    assert.equal(r.status, 201, `${by} → ${db}: ${r.text}`);
  };
  const stored = async (db: string, id: string): Promise<Doc | undefined> => {
    const r = await getAsAdmin(s.url, s.admin, db, id);
    return r.status === 200 ? (r.json as Doc) : undefined;
  };
  const arrives = (db: string, id: string) => waitFor(`${id} in ${db}`, () => stored(db, id));
  /** Every docket database holding a document of this id (the server's admin view). */
  async function holdersOf(id: string): Promise<string[]> {
    const dbs = (await request(`${s.url}/db/_all_dbs`, { basic: s.admin })).json as string[];
    const out: string[] = [];
    for (const db of dbs.filter((d) => d.startsWith('docket-'))) if (await stored(db, id)) out.push(db);
    return out.sort();
  }
  /** `name`'s `mentioned` notifications about `subjectId`. */
  async function mentions(name: string, subjectId: string): Promise<NotificationDoc[]> {
    const range = `startkey=${encodeURIComponent('"notification:"')}&endkey=${encodeURIComponent('"notification:\ufff0"')}`;
    const r = await request(`${s.url}/db/${personalDb(name)}/_all_docs?include_docs=true&${range}`, { basic: s.admin });
    assert.equal(r.status, 200, r.text);
    return (r.json.rows as { doc: NotificationDoc }[])
      .map((x) => x.doc)
      .filter((d) => d.kind === 'mentioned' && d.subject.id === subjectId);
  }
  /** Ids and revisions of the thread's documents in a space (a restart must not change them). */
  async function threadRevs(db: string, ids: string[]): Promise<string[]> {
    const r = await request(`${s.url}/db/${db}/_all_docs?keys=${encodeURIComponent(JSON.stringify(ids))}`, { basic: s.admin });
    return (r.json.rows as { id?: string; value?: { rev: string } }[]).map((x) => `${x.id} ${x.value?.rev}`);
  }

  let doc: Doc; // incoming, directed to kt (lead) and vhxh (coordinating)
  let first: Doc; // linh's message in kt's copy, with a file
  let file: ReturnType<typeof fileOf>;
  let reply: Doc; // yen's reply in vhxh's copy
  let edit: Doc;
  let leaderNote: Doc; // a leader's message written in kt's copy, removed from vhxh's
  let removal: Doc;
  let late: Doc; // linh's message in her personal copy, made later
  let mention: Doc;
  const threadIds = () => [first._id, reply._id, edit._id, leaderNote._id, removal._id, late._id, mention._id];

  before(async () => {
    s = await startTestServer({ demo: true, keepDataDir: true });
    dataDir = s.dataDir;
    const reg = registration(MAI, { summary: 'V/v tổ chức Ngày hội đại đoàn kết toàn dân tộc' });
    doc = reg.doc;
    const r = await bulk(s.url, await cookie(MAI), REGISTRY, [reg.doc, reg.event]);
    assert.equal(r.status, 201);
    const directed = event(LAN, doc._id, 'directed', {
      assignments: [
        { assignee: { kind: 'unit', unitId: 'kt' }, role: 'lead', deadline: '2026-12-31' },
        { assignee: { kind: 'unit', unitId: 'vhxh' }, role: 'coordinating', deadline: '2026-12-31' },
      ],
    });
    assert.equal(await put(s.url, { cookie: await cookie(LAN) }, REGISTRY, directed), 201);
    await arrives(KT, doc._id);
    await arrives(VHXH, doc._id);
  });
  after(async () => {
    await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a message written in one unit’s copy appears in the other unit’s copy with the same id, revision and file; nowhere else', async () => {
    file = fileOf(LINH, 'message:pending', 'Kế hoạch phối hợp.pdf');
    first = message(LINH, doc._id, 'Phòng KT gửi dự thảo kế hoạch phối hợp, mời Phòng VHXH góp ý.', { files: [file.meta] });
    file.doc.ownerId = first._id;
    await write(LINH, KT, first);
    // The bytes come after the message, as from a device that uploads later.
    await arrives(VHXH, first._id);
    await uploadFile(s.url, await cookie(LINH), filesDb(KT), file);
    const copied = await waitFor('the file with its bytes in vhxh’s files', async () => {
      const f = await stored(filesDb(VHXH), file.doc._id);
      return !!(f?._attachments as Record<string, unknown> | undefined)?.data && f;
    });
    assert.equal(copied.ownerId, first._id);

    const here = (await stored(KT, first._id))!;
    const there = (await stored(VHXH, first._id))!;
    assert.deepEqual(there, here, 'the same document, revision included');
    // The other unit's people read it through their own session.
    const seen = await request(`${s.url}/db/${VHXH}/${encodeURIComponent(first._id)}`, { cookie: await cookie(YEN) });
    assert.equal(seen.status, 200);
    assert.equal(seen.json.text, first.text);
    await idle();
    // Not in the registry (no threads there: its readers read every unit space), not in a unit without the document.
    assert.deepEqual(await holdersOf(first._id), [KT, VHXH].sort());
    assert.deepEqual(await holdersOf(file.doc._id), [filesDb(KT), filesDb(VHXH)].sort());
  });

  it('a reply, an edit and a removal follow in both directions; only the author edits or removes, in any copy', async () => {
    reply = message(YEN, doc._id, 'Phòng VHXH nhất trí, bổ sung phần kinh phí.', { replyTo: first._id });
    await write(YEN, VHXH, reply);
    await arrives(KT, reply._id);

    edit = messageEvent(LINH, first._id, 'edited', 'Phòng KT gửi dự thảo kế hoạch phối hợp (bản 2), mời Phòng VHXH góp ý.');
    await write(LINH, KT, edit);
    assert.deepEqual(await arrives(VHXH, edit._id), await stored(KT, edit._id));

    // A leader writes in kt's copy and removes the message from vhxh's copy: the mirrored message names its author there.
    leaderNote = message(LAN, doc._id, 'Hai phòng thống nhất trước thứ Sáu.');
    await write(LAN, KT, leaderNote);
    await arrives(VHXH, leaderNote._id);
    removal = messageEvent(LAN, leaderNote._id, 'removed');
    await write(LAN, VHXH, removal);
    await arrives(KT, removal._id);

    // Someone else may not edit a message, in the copy it was written in or in a mirrored one.
    const forged = messageEvent(LINH, reply._id, 'edited', 'Sửa hộ.');
    const r = await request(`${s.url}/db/${KT}/${encodeURIComponent(forged._id)}`, {
      method: 'PUT',
      cookie: await cookie(LINH),
      body: forged,
    });
    assert.equal(r.status, 403, r.text);
    assert.match(r.text, /Only the author/);
    await idle();
    assert.deepEqual(await holdersOf(forged._id), []);
    for (const id of [reply._id, edit._id, leaderNote._id, removal._id]) assert.deepEqual(await holdersOf(id), [KT, VHXH].sort(), id);
  });

  it('a copy made later (the head passes the document to a person) receives the whole thread; what is written there reaches every copy', async () => {
    const forwarded = event(SON, doc._id, 'forwarded', {
      assignee: { kind: 'unit', unitId: 'kt' },
      assignments: [{ assignee: { kind: 'person', name: LINH }, role: 'lead', deadline: '2026-12-20' }],
    });
    assert.equal(await put(s.url, { cookie: await cookie(SON) }, KT, forwarded), 201);
    const mine = personalDb(LINH);
    await arrives(mine, doc._id);
    for (const id of [first._id, reply._id, edit._id, leaderNote._id, removal._id]) await arrives(mine, id);
    await waitFor('the file in her files', async () => !!(await stored(filesDb(mine), file.doc._id)));

    late = message(LINH, doc._id, 'Em đã nhận chủ trì, sẽ tổng hợp ý kiến.');
    await write(LINH, mine, late);
    await arrives(KT, late._id);
    await arrives(VHXH, late._id);
    await idle();
    assert.deepEqual(await holdersOf(late._id), [KT, VHXH, mine].sort());
  });

  it('a mention tells the mentioned person once, however many copies the message reaches; not someone without the document', async () => {
    mention = message(LINH, doc._id, '@yen.luong @an.nguyen chị xem giúp phần kinh phí.', { mentions: [YEN, AN] });
    await write(LINH, KT, mention);
    await arrives(VHXH, mention._id);
    await arrives(personalDb(LINH), mention._id);
    await waitFor('the mention', async () => (await mentions(YEN, doc._id)).length > 0);
    await idle();
    const told = await mentions(YEN, doc._id);
    assert.equal(told.length, 1);
    assert.equal(told[0]!._id, notificationId('mentioned', mention._id, YEN));
    assert.ok(told[0]!._rev!.startsWith('1-'), 'written once, never rewritten');
    assert.deepEqual(await mentions(AN, doc._id), [], 'vp does not hold the document');
    // Handled again in every copy (a second server doing the same work): nothing new.
    const notifications = s.running.workers!.notifications;
    for (const db of [KT, VHXH, personalDb(LINH)]) {
      const space = db === KT ? { kind: 'unit', id: 'kt' } : db === VHXH ? { kind: 'unit', id: 'vhxh' } : { kind: 'personal', id: LINH };
      await notifications.handle({ space: space as never, db, doc: (await stored(db, mention._id)) as never, seq: 0 });
    }
    assert.deepEqual(await mentions(YEN, doc._id), told);
  });

  it('a confidential document’s thread stays in the personal spaces holding it; a message on it in a unit space goes nowhere', async () => {
    const clerkSpace = personalDb(HUONG);
    const reg = registration(HUONG, { confidentiality: 'secret', routeTo: HUNG, summary: 'Tài liệu mật' });
    assert.equal((await bulk(s.url, await cookie(HUONG), clerkSpace, [reg.doc, reg.event])).status, 201);
    const leaderSpace = personalDb(HUNG);
    await arrives(leaderSpace, reg.doc._id);
    const directed = event(HUNG, reg.doc._id, 'directed', { assignments: [{ assignee: { kind: 'person', name: SON }, role: 'lead' }] });
    assert.equal(await put(s.url, { cookie: await cookie(HUNG) }, leaderSpace, directed), 201);
    const sonSpace = personalDb(SON);
    await arrives(sonSpace, reg.doc._id);

    const note = message(HUNG, reg.doc._id, 'Đồng chí Sơn trực tiếp xử lý, không sao chụp.');
    await write(HUNG, leaderSpace, note);
    await arrives(sonSpace, note._id);
    await arrives(clerkSpace, note._id);
    // A message about it written in a unit space (a modified client): the unit does not hold the document.
    const stray = message(SON, reg.doc._id, 'Nhắc cả phòng.');
    await write(SON, KT, stray);
    await idle();
    assert.deepEqual(await holdersOf(note._id), [clerkSpace, leaderSpace, sonSpace].sort());
    assert.deepEqual(await holdersOf(stray._id), [KT]);
    assert.deepEqual(await holdersOf(reg.doc._id), [clerkSpace, leaderSpace, sonSpace].sort());
  });

  it('idempotent: handled twice at once, and after a restart that reads every feed again, nothing is written twice', async () => {
    const spaces = [KT, VHXH, personalDb(LINH)];
    const before = await Promise.all(spaces.map((db) => threadRevs(db, threadIds())));
    for (const revs of before)
      assert.ok(
        revs.every((x) => / 1-/.test(x)),
        revs.join('\n'),
      );
    const mentioned = await mentions(YEN, doc._id);

    // Two servers side by side: the same changes handled at the same time.
    const mirror = s.running.workers!.host.workers.find((w) => w.name === 'thread-mirror')!;
    const kt = { kind: 'unit', id: 'kt' } as const;
    const vhxh = { kind: 'unit', id: 'vhxh' } as const;
    const changes = [
      { space: kt, db: KT, doc: (await stored(KT, first._id))! },
      { space: vhxh, db: VHXH, doc: (await stored(VHXH, first._id))! },
      { space: vhxh, db: VHXH, doc: (await stored(VHXH, doc._id))! },
      { space: kt, db: KT, doc: (await stored(KT, edit._id))! },
    ];
    await Promise.all([...changes, ...changes].map((c) => mirror.handle({ ...c, doc: c.doc as never, seq: 0 })));
    assert.deepEqual(await Promise.all(spaces.map((db) => threadRevs(db, threadIds()))), before);

    // Forget how far the thread mirror got; start again on the same data.
    for (const db of spaces) {
      const cp = await getAsAdmin(s.url, s.admin, db, checkpointId('thread-mirror'));
      assert.equal(cp.status, 200, `${db}: the thread mirror keeps a checkpoint`);
      const del = await request(`${s.url}/db/${db}/${checkpointId('thread-mirror')}?rev=${cp.json._rev as string}`, {
        method: 'DELETE',
        basic: s.admin,
      });
      assert.equal(del.status, 200, del.text);
    }
    await s.running.close();
    s = await startTestServer({ demo: true, dataDir });
    cookies = {};
    for (const db of spaces)
      await waitFor(`${db} read again`, async () => (await getAsAdmin(s.url, s.admin, db, checkpointId('thread-mirror'))).status === 200);
    await idle();
    assert.deepEqual(await Promise.all(spaces.map((db) => threadRevs(db, threadIds()))), before);
    assert.deepEqual(await mentions(YEN, doc._id), mentioned);
    const conflicts = await request(`${s.url}/db/${VHXH}/${encodeURIComponent(first._id)}?conflicts=true`, { basic: s.admin });
    assert.equal(conflicts.json._conflicts, undefined);
    // Still mirroring after the restart.
    const after = message(YEN, doc._id, 'Đã gửi phần kinh phí.');
    await write(YEN, VHXH, after);
    await arrives(KT, after._id);
    assert.equal(await stored(VP, after._id), undefined);
  });
});
