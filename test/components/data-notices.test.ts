import { expect } from '@open-wc/testing';
import { spaceDb } from '../../src/data/db.ts';
import {
  getNotice,
  getNoticeAttachment,
  listNotices,
  markNoticeRead,
  postNotice,
  subscribeNotices,
  ValidationError,
} from '../../src/data/notices.ts';
import { updateSyncMeta } from '../../src/data/sync-meta.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { NoticeInput } from '../../src/model/notice.ts';
import { destroyMe, testMe } from './data-helpers.ts';

const input = (title: string, pinned = false): NoticeInput => ({ title, body: `Nội dung ${title}`, pinned });
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('data/notices', () => {
  let me: MeResponse;
  beforeEach(() => {
    me = testMe();
  });
  afterEach(async () => {
    await destroyMe(me);
  });

  it('lists pinned notices first, then newest first, across org and unit spaces', async () => {
    const [org, unit] = me.spaces;
    const a = await postNotice(me, org!, input('A'));
    await tick(5);
    const b = await postNotice(me, unit!, input('B', true));
    await tick(5);
    const c = await postNotice(me, unit!, input('C'));
    const list = await listNotices(me);
    expect(list.map((n) => n._id)).to.deep.equal([b._id, c._id, a._id]);
    expect(list[0]!.space.kind).to.equal('unit');
    expect(list[2]!.space.kind).to.equal('org');
    expect(list[0]!.authorName).to.equal(me.displayName);
    expect(list.every((n) => n.pending)).to.equal(true, 'never pushed: all pending');
  });

  it('returns an empty list when there are no notices', async () => {
    expect(await listNotices(me)).to.deep.equal([]);
  });

  it('marks notices read per user, idempotently; own notices count as read', async () => {
    const org = me.spaces[0]!;
    const other = {
      _id: 'notice:01JTESTOTHER0000000000000A',
      type: 'notice',
      schema: 1,
      createdAt: new Date().toISOString(),
      createdBy: 'someone.else',
      title: 'Họp giao ban',
      body: 'Thứ Hai',
      pinned: false,
      authorName: 'Trần Thị Bình',
    };
    await spaceDb(me, org).put(other);
    const mine = await postNotice(me, org, input('Của tôi'));
    let list = await listNotices(me);
    expect(list.find((n) => n._id === other._id)!.read).to.equal(false);
    expect(list.find((n) => n._id === mine._id)!.read).to.equal(true);
    await markNoticeRead(me, other._id);
    await markNoticeRead(me, other._id);
    list = await listNotices(me);
    expect(list.find((n) => n._id === other._id)!.read).to.equal(true);
    const personal = spaceDb(me, me.spaces[me.spaces.length - 1]!);
    const markers = await personal.allDocs({ startkey: 'noticeRead:', endkey: 'noticeRead:\ufff0' });
    expect(markers.rows).to.have.length(1);
    expect((await getNotice(me, other._id))!.read).to.equal(true);
  });

  it('refuses invalid input with field errors and writes nothing', async () => {
    const org = me.spaces[0]!;
    try {
      await postNotice(me, org, { title: '  ', body: '', pinned: false, expiresOn: '2000-01-01' });
      expect.fail('should throw');
    } catch (err) {
      expect(err).to.be.instanceOf(ValidationError);
      const fields = (err as ValidationError).errors.map((e) => `${e.field}:${e.code}`);
      expect(fields).to.include.members(['title:error.required', 'body:error.required', 'expiresOn:error.dateInPast']);
    }
    expect(await listNotices(me)).to.have.length(0);
  });

  it('refuses an org-wide notice from plain staff (canPostNotice)', async () => {
    const staff = testMe(['staff'], ['kt']);
    try {
      await postNotice(staff, staff.spaces[0]!, input('Không được'));
      expect.fail('should throw');
    } catch (err) {
      expect((err as ValidationError).errors).to.deep.equal([{ field: 'space', code: 'error.notAllowed' }]);
    }
    const ok = await postNotice(staff, staff.spaces[1]!, input('Trong phòng'));
    expect(ok.createdBy).to.equal(staff.name);
    await destroyMe(staff);
  });

  it('refuses a file of the wrong type', async () => {
    const file = new File(['x'], 'virus.exe', { type: 'application/x-msdownload' });
    try {
      await postNotice(me, me.spaces[0]!, input('Tệp'), file);
      expect.fail('should throw');
    } catch (err) {
      expect((err as ValidationError).errors[0]!.field).to.equal('attachment');
    }
  });

  it('stores an attachment and reads it back from the device, offline too', async () => {
    const file = new File([new Uint8Array([37, 80, 68, 70, 45])], 'ke-hoach.pdf', { type: 'application/pdf' });
    const posted = await postNotice(me, me.spaces[0]!, input('Kế hoạch'), file);
    const view = await getNotice(me, posted._id);
    expect(view!.attachment).to.deep.equal({ name: 'ke-hoach.pdf', type: 'application/pdf', size: 5 });
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      const blob = await getNoticeAttachment(me, posted._id);
      expect(blob!.size).to.equal(5);
      expect(await getNoticeAttachment(me, 'notice:01JNOTHERE0000000000000000')).to.equal(null);
      const plain = await postNotice(me, me.spaces[0]!, input('Không tệp'));
      expect(await getNoticeAttachment(me, plain._id)).to.equal(null);
    } finally {
      delete (navigator as unknown as Record<string, unknown>).onLine;
      Object.defineProperty(Navigator.prototype, 'onLine', onLine);
    }
  });

  it('clears the pending flag once the push checkpoint passes the notice', async () => {
    const org = me.spaces[0]!;
    const posted = await postNotice(me, org, input('Đã gửi'));
    const db = spaceDb(me, org);
    const info = await db.info();
    await updateSyncMeta(db, (m) => void (m.pushedSeq = info.update_seq));
    expect((await getNotice(me, posted._id))!.pending).to.equal(false);
  });

  it('notifies subscribers of local changes and stops after unsubscribe', async () => {
    let calls = 0;
    const stop = subscribeNotices(me, () => calls++);
    const posted = await postNotice(me, me.spaces[0]!, input('Mới'));
    await markNoticeRead(me, posted._id);
    await tick(50);
    expect(calls).to.be.greaterThan(0);
    stop();
    const before = calls;
    await postNotice(me, me.spaces[0]!, input('Sau'));
    await tick(50);
    expect(calls).to.equal(before);
  });
});
