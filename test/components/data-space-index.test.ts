import { expect } from '@open-wc/testing';
import { spaceDb } from '../../src/data/db.ts';
import { type IndexedKind, SpaceIndex, perUser, subscribeIndexed } from '../../src/data/space-index.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { Space } from '../../src/model/spaces.ts';
import { destroyMe, testMe } from './data-helpers.ts';

interface Note {
  _id: string;
  _rev?: string;
  text: string;
}
interface NoteEvent {
  _id: string;
  _rev?: string;
  noteId: string;
}

describe('data/space-index', () => {
  let me: MeResponse;
  let hidden: Set<string>;
  let kind: IndexedKind<NoteEvent>;
  let unit: Space;
  let personal: Space;
  beforeEach(() => {
    me = testMe(['leader'], ['vp']); // spaces: org, unit vp, personal
    unit = me.spaces[1]!;
    personal = me.spaces[2]!;
    hidden = new Set();
    kind = {
      parentPrefix: 'note:',
      eventPrefix: 'noteEvent:',
      parentOf: (e) => e.noteId,
      spaces: (m) => m.spaces.filter((s) => s.kind !== 'org' && !hidden.has(s.db)),
    };
  });
  afterEach(async () => {
    await destroyMe(me);
  });

  const put = (space: Space, doc: object) => spaceDb(me, space).put(doc as PouchDB.Core.PutDocument<object>);
  const catchUp = async (idx: SpaceIndex<Note, NoteEvent>): Promise<string[]> => {
    let seen: string[] = [];
    await idx.catchUp(me, (dirty) => {
      seen = [...dirty].sort();
    });
    return seen;
  };

  it('merges copies of a parent and its events across spaces, and reports only the parents that changed', async () => {
    await put(unit, { _id: 'note:1', text: 'a' });
    await put(personal, { _id: 'note:1', text: 'a' });
    await put(unit, { _id: 'noteEvent:1', noteId: 'note:1' });
    await put(personal, { _id: 'noteEvent:1', noteId: 'note:1' });
    await put(personal, { _id: 'noteEvent:2', noteId: 'note:1' });
    await put(unit, { _id: 'note:2', text: 'b' });
    await put(unit, { _id: 'other:1' });
    const idx = new SpaceIndex<Note, NoteEvent>(kind);
    expect(await catchUp(idx)).to.deep.equal(['note:1', 'note:2']);
    const one = idx.gather('note:1')!;
    expect(one.heldIn.map((s) => s.db)).to.deep.equal([unit.db, personal.db]);
    expect(one.copies.map((c) => c.text)).to.deep.equal(['a', 'a']);
    expect(one.events.map((e) => e._id).sort()).to.deep.equal(['noteEvent:1', 'noteEvent:2']);
    expect(one.pending).to.equal(true); // never synced in this test
    expect(idx.gather('other:1')).to.equal(null);

    expect(await catchUp(idx)).to.deep.equal([]);
    const ev = await spaceDb(me, personal).get('noteEvent:2');
    await spaceDb(me, personal).remove(ev);
    expect(await catchUp(idx)).to.deep.equal(['note:1']);
    expect(idx.gather('note:1')!.events.map((e) => e._id)).to.deep.equal(['noteEvent:1']);
  });

  it('first reads its kind by id range; what is written or deleted meanwhile or later is followed from the feed', async () => {
    await put(unit, { _id: 'note:1', text: 'a' });
    await put(unit, { _id: 'note:gone', text: 'x' });
    await spaceDb(me, unit).remove((await spaceDb(me, unit).get('note:gone')) as PouchDB.Core.RemoveDocument);
    await put(unit, { _id: 'noteEvent:1', noteId: 'note:1' });
    await put(unit, { _id: 'notes:1', text: 'another kind with a similar prefix' });
    // A write and a deletion after the first read took its sequence, before it read the records.
    const db = spaceDb(me, unit);
    const info = db.info.bind(db);
    db.info = (async () => {
      const res = await info();
      delete (db as { info?: unknown }).info;
      await put(unit, { _id: 'note:during', text: 'd' });
      await db.remove((await db.get('note:1')) as PouchDB.Core.RemoveDocument);
      return res;
    }) as typeof db.info;
    const idx = new SpaceIndex<Note, NoteEvent>(kind);
    // note:1 is dirty through its event; its deletion is already read.
    expect(await catchUp(idx)).to.deep.equal(['note:1', 'note:during']);
    expect(idx.gather('note:1')).to.equal(null);
    expect(idx.gather('note:gone')).to.equal(null);
    expect(idx.gather('notes:1')).to.equal(null);
    // The feed since that sequence brings them again: still there once, and the deletion applied.
    expect(await catchUp(idx)).to.deep.equal(['note:1', 'note:during']);
    expect(idx.gather('note:during')!.copies.map((c) => c.text)).to.deep.equal(['d']);
    expect(idx.gather('note:1')).to.equal(null);
    await put(unit, { _id: 'note:later', text: 'l' });
    expect(await catchUp(idx)).to.deep.equal(['note:later']);
    expect(idx.gather('note:later')!.copies.map((c) => c.text)).to.deep.equal(['l']);
  });

  it('forgets what a space held once it is no longer wanted (erased or lost)', async () => {
    await put(unit, { _id: 'note:1', text: 'a' });
    await put(personal, { _id: 'note:2', text: 'b' });
    await put(personal, { _id: 'noteEvent:1', noteId: 'note:1' });
    const idx = new SpaceIndex<Note, NoteEvent>(kind);
    await catchUp(idx);
    hidden.add(personal.db);
    expect(await catchUp(idx)).to.deep.equal(['note:1', 'note:2']);
    expect(idx.gather('note:2')).to.equal(null);
    expect(idx.gather('note:1')!.events).to.deep.equal([]);
  });

  it('tells subscribers about local changes of its kind only', async () => {
    let calls = 0;
    const stop = subscribeIndexed(me, kind, () => calls++);
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 50 && calls === 0; i++) await new Promise((r) => setTimeout(r, 20));
    };
    await put(unit, { _id: 'other:1' });
    await settle();
    expect(calls).to.equal(0);
    await put(unit, { _id: 'note:1', text: 'a' });
    await settle();
    stop();
    expect(calls).to.be.greaterThan(0);
  });

  it('keeps one value per person and set of roles', () => {
    let made = 0;
    const of = perUser(() => ++made);
    expect(of(me)).to.equal(1);
    expect(of({ ...me })).to.equal(1);
    expect(of({ ...me, roles: ['staff'] })).to.equal(2);
    expect(of(me)).to.equal(3);
  });
});
