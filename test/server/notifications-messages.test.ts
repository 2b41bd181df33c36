import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/model/ids.ts';
import type { NotificationDoc } from '../../src/model/notifications.ts';
import { notificationId } from '../../src/model/notifications.ts';
import type { Space } from '../../src/model/spaces.ts';
import { notificationLink } from '../../src/features/notifications/notification-item.ts';
import { fileOf, getAsAdmin, waitFor } from './helpers/documents.ts';
import { type Reply, login, request } from './helpers/http.ts';
import { nextInstant, personalDb, task, unitDb } from './helpers/tasks.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

/**
 * Issue 6: "@mention produces a notification". A message's `mentions` tell the people named, in their personal
 * spaces: in a conversation its members only (the conversation is the subject, the notification leads to it), in a
 * thread on an item whoever reads the item (the item is the subject); never the author; once, however often the
 * message is handled (a restart reads the feeds again). Conversations are made after the server started: each gets
 * its feed when it is made, not at the next rescan.
 */
const LINH = 'linh.dinh'; // staff, kt
const TUAN = 'tuan.vu'; // staff, vp
const AN = 'an.nguyen'; // staff, vp
const SON = 'son.phan'; // head of kt
const HOA = 'hoa.do'; // head of vp
const VP = unitDb('vp');
const NAMES: Record<string, string> = {
  [LINH]: 'Đinh Thùy Linh',
  [TUAN]: 'Vũ Anh Tuấn',
  [AN]: 'Nguyễn Văn An',
  [SON]: 'Phan Thanh Sơn',
  [HOA]: 'Đỗ Thị Hòa',
};

const message = (by: string, text: string, mentions: string[], over: Record<string, unknown> = {}) => ({
  _id: newId('message'),
  type: 'message',
  schema: 1,
  createdAt: nextInstant(),
  createdBy: by,
  authorName: NAMES[by],
  text,
  mentions,
  ...over,
});

describe('notifications of mentions in messages (issue 6)', () => {
  let s: TestServer;
  let dataDir = '';
  const cookies: Record<string, string> = {};
  const api = (path: string, as: string, body: unknown): Promise<Reply> =>
    request(`${s.url}/api${path}`, { cookie: cookies[as], method: 'POST', body });
  const put = async (db: string, doc: { _id: string }, as: string): Promise<void> => {
    const r = await request(`${s.url}/db/${db}/${encodeURIComponent(doc._id)}`, { method: 'PUT', cookie: cookies[as], body: doc });
    assert.equal(r.status, 201, r.text);
  };
  /** `name`'s `mentioned` notifications about `subjectId`, as the admin sees their personal space. */
  async function mentions(name: string, subjectId: string): Promise<NotificationDoc[]> {
    const range = `startkey=${encodeURIComponent('"notification:"')}&endkey=${encodeURIComponent('"notification:\ufff0"')}`;
    const r = await request(`${s.url}/db/${personalDb(name)}/_all_docs?include_docs=true&${range}`, { basic: s.admin });
    assert.equal(r.status, 200, r.text);
    return (r.json.rows as { doc: NotificationDoc }[])
      .map((x) => x.doc)
      .filter((d) => d.kind === 'mentioned' && d.subject.id === subjectId);
  }
  const idle = () => waitFor('workers idle', async () => s.running.workers!.host.idle);
  /** Waits (at most `withinMs`) until each of `yes` has exactly one mention about the subject; then no one in `no` has. */
  async function expectTold(subjectId: string, yes: string[], no: string[], withinMs = 20_000): Promise<NotificationDoc[]> {
    const got: NotificationDoc[] = [];
    for (const name of yes) {
      const list = await waitFor(
        `a mention for ${name}`,
        async () => {
          const l = await mentions(name, subjectId);
          return l.length > 0 && l;
        },
        withinMs,
      );
      assert.equal(list.length, 1, `${name}: one notification`);
      got.push(...list);
    }
    await idle();
    for (const name of no) assert.deepEqual(await mentions(name, subjectId), [], `${name} is not told`);
    return got;
  }
  const login_ = async () => {
    for (const name of Object.keys(NAMES)) cookies[name] = await login(s.url, name, s.demoPassword);
  };

  let group: Space;
  let direct: Space;
  let groupMessage: ReturnType<typeof message>;
  let threadTask: Record<string, unknown> & { _id: string };

  before(async () => {
    s = await startTestServer({ demo: true, keepDataDir: true });
    dataDir = s.dataDir;
    await login_();
  });
  after(async () => {
    await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a group made after the start: the mentioned member is told within seconds, linking to it; not the author, not a non-member', async () => {
    const made = await api('/conversations', LINH, { members: [TUAN, AN], title: 'Tổ công tác chuyển đổi số' });
    assert.equal(made.status, 201, made.text);
    group = made.json as Space;
    groupMessage = message(LINH, '@tuan.vu @son.phan @linh.dinh anh gửi giúp danh sách hộ dân cần cài VNeID nhé.', [TUAN, SON, LINH]);
    await put(group.db, groupMessage, LINH);

    const [n] = await expectTold(group.id, [TUAN], [LINH, SON, AN], 5_000);
    assert.equal(n!._id, notificationId('mentioned', groupMessage._id, TUAN));
    assert.deepEqual(n!.subject, { type: 'thread', id: group.id, title: 'Tổ công tác chuyển đổi số' });
    assert.equal(n!.actor, LINH);
    assert.equal(n!.actorName, NAMES[LINH]);
    assert.equal(n!.at, groupMessage.createdAt);
    assert.equal(n!.detail, groupMessage.text);
    assert.equal(notificationLink({ groupKey: n!.groupKey, latest: n!, count: 1, unread: 1, ids: [n!._id] }), `/messages/${group.id}`);
    // The non-member mentioned learns nothing of it, not even that it exists.
    const son = await request(`${s.url}/db/${personalDb(SON)}/_all_docs?include_docs=true`, { basic: s.admin });
    assert.ok(!son.text.includes(group.id), 'nothing about the conversation in the non-member’s space');
  });

  it('a direct conversation: titled with the author’s name; a message mentioning no one tells no one', async () => {
    const made = await api('/conversations', AN, { members: [TUAN] });
    assert.equal(made.status, 201, made.text);
    direct = made.json as Space;
    await put(direct.db, message(AN, 'Chiều nay anh có ở cơ quan không?', []), AN);
    await idle();
    assert.deepEqual(await mentions(TUAN, direct.id), [], 'unread messages are counted in the app, not notified');
    const m = message(AN, 'Anh @tuan.vu xem giúp em tờ trình.', [TUAN]);
    await put(direct.db, m, AN);
    const [n] = await expectTold(direct.id, [TUAN], [AN]);
    assert.deepEqual(n!.subject, { type: 'thread', id: direct.id, title: NAMES[AN] });
  });

  it('a thread on a task in a unit space: the mentioned unit member is told with the task as subject; not someone outside the unit', async () => {
    threadTask = task(HOA, { title: 'Rà soát hồ sơ một cửa tháng 12', lead: AN });
    await put(VP, threadTask, HOA);
    const m = message(HOA, '@tuan.vu hỗ trợ An phần số liệu; @linh.dinh cho ý kiến nếu cần. @hoa.do', [TUAN, LINH, HOA], {
      parentId: threadTask._id,
    });
    await put(VP, m, HOA);
    const [n] = await expectTold(threadTask._id, [TUAN], [LINH, HOA, AN]);
    assert.equal(n!._id, notificationId('mentioned', m._id, TUAN));
    assert.deepEqual(n!.subject, { type: 'task', id: threadTask._id, title: 'Rà soát hồ sơ một cửa tháng 12' });
    assert.equal(
      notificationLink({ groupKey: n!.groupKey, latest: n!, count: 1, unread: 1, ids: [n!._id] }),
      `/tasks/${encodeURIComponent(threadTask._id)}`,
    );
    // The conversation notifications of the tests before are not touched by the unit's feed.
    assert.equal((await mentions(TUAN, group.id)).length, 1);
  });

  it('idempotent: handled again, and after a restart that reads the feeds from the beginning, nothing is written twice', async () => {
    const revs = async () =>
      [...(await mentions(TUAN, group.id)), ...(await mentions(TUAN, direct.id)), ...(await mentions(TUAN, threadTask._id))]
        .map((n) => `${n._id} ${n._rev}`)
        .sort();
    const before = await revs();
    assert.equal(before.length, 3);
    assert.ok(before.every((x) => / 1-/.test(x)));

    const stored = (await getAsAdmin(s.url, s.admin, group.db, groupMessage._id)).json;
    await s.running.workers!.notifications.handle({ space: { kind: 'conversation', id: group.id }, db: group.db, doc: stored, seq: 0 });
    assert.deepEqual(await revs(), before);

    // Forget how far the notification worker got in these spaces; start again on the same data.
    for (const db of [group.db, direct.db, VP]) {
      const cp = await getAsAdmin(s.url, s.admin, db, '_local/worker-notifications');
      assert.equal(cp.status, 200, `${db}: the notification worker keeps a checkpoint`);
      const del = await request(`${s.url}/db/${db}/_local/worker-notifications?rev=${cp.json._rev as string}`, {
        method: 'DELETE',
        basic: s.admin,
      });
      assert.equal(del.status, 200, del.text);
    }
    await s.running.close();
    s = await startTestServer({ demo: true, dataDir });
    await login_();
    for (const db of [group.db, direct.db, VP])
      await waitFor(`${db} read again`, async () => (await getAsAdmin(s.url, s.admin, db, '_local/worker-notifications')).status === 200);
    await idle();
    assert.deepEqual(await revs(), before);
    // The restarted server follows the existing conversations (from the registry) too.
    const m = message(TUAN, 'Dạ, @linh.dinh em gửi chiều nay.', [LINH]);
    await put(group.db, m, TUAN);
    await expectTold(group.id, [LINH], [AN]);
    assert.equal((await mentions(TUAN, group.id)).length, 1, 'the author of this one is not told again');
  });

  it('a message of files only (no text) that mentions someone shows the files’ names', async () => {
    const files = [fileOf(AN, 'message:x', 'Tờ trình.pdf').meta, fileOf(AN, 'message:x', 'Phụ lục.pdf').meta];
    const m = message(AN, '', [TUAN], { files });
    await put(direct.db, m, AN);
    await waitFor('the mention', async () =>
      (await mentions(TUAN, direct.id)).some((n) => n._id === notificationId('mentioned', m._id, TUAN)),
    );
    const n = (await mentions(TUAN, direct.id)).find((x) => x._id === notificationId('mentioned', m._id, TUAN))!;
    assert.equal(n.detail, 'Tờ trình.pdf, Phụ lục.pdf');
  });
});
