// The stored first page of the documents list (issue 7): what a cold start paints before the index has read every
// document, and when it must not be used.
import { expect, waitUntil } from '@open-wc/testing';
import { spaceDb } from '../../src/data/db.ts';
import { FIRST_PAGE_ID } from '../../src/data/documents-first-page.ts';
import { documentsComplete, firstDocuments, listDocuments, registerIncoming } from '../../src/data/documents.ts';
import { updateSyncMeta } from '../../src/data/sync-meta.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { RegistrationInput } from '../../src/model/documents/validation.ts';
import { wardDay } from '../../src/model/time.ts';
import { destroyMe, testMe } from './data-helpers.ts';

function clerkMe(): MeResponse {
  const me = testMe(['clerk'], ['vp']);
  me.spaces.splice(1, 0, { kind: 'registry', id: 'registry', title: 'Sổ văn bản', db: 'docket-registry' });
  return me;
}

const registration = (summary: string, over: Partial<RegistrationInput> = {}): RegistrationInput => ({
  issuingBody: 'Sở Nội vụ thành phố Hà Nội',
  numberSymbol: '15/QĐ-SNV',
  issuedOn: wardDay(),
  kind: 'quyetDinh',
  summary,
  urgency: 'normal',
  confidentiality: 'normal',
  arrivedOn: wardDay(),
  receivedVia: 'paper',
  attachments: [],
  ...over,
});

/** Forgets the in-memory index, as a reload does (one index is kept, for the last person asked about). */
const coldStart = (me: MeResponse): void => {
  documentsComplete(testMe());
  expect(documentsComplete(me)).to.equal(false);
};

/** Builds the index and waits until it has stored its first page (after its quiet time). */
async function stored(me: MeResponse): Promise<string> {
  const home = spaceDb(
    me,
    me.spaces.find((s) => s.kind === 'personal')!,
  );
  const before = await home.get(FIRST_PAGE_ID).then(
    (d) => d._rev,
    () => undefined,
  );
  await listDocuments(me);
  let rev: string | undefined;
  await waitUntil(
    async () => {
      rev = await home.get(FIRST_PAGE_ID).then(
        (d) => d._rev,
        () => undefined,
      );
      return rev !== undefined && rev !== before;
    },
    'first page stored',
    { timeout: 6000, interval: 100 },
  );
  return rev!;
}

const view = (rows: { id: string; summary?: string; numberText?: string; pending: boolean; views: Set<string>; day: string }[]) =>
  rows.map((r) => ({ id: r.id, pending: r.pending, views: [...r.views].sort(), day: r.day, numberText: r.numberText }));

describe('data/documents: the first page at a cold start', function () {
  this.timeout(20000);
  let me: MeResponse;
  beforeEach(() => {
    me = clerkMe();
  });
  afterEach(async () => {
    await destroyMe(me);
  });

  it('gives the rows the complete index would start with, derived the same way, while the databases are as they were', async () => {
    await registerIncoming(me, registration('Một'), []);
    await registerIncoming(me, registration('Hai', { urgency: 'urgent' }), []);
    await registerIncoming(me, registration('Ba', { arrivedOn: '2020-01-02', issuedOn: '2020-01-01' }), []);
    const rev = await stored(me);
    const complete = await listDocuments(me);
    coldStart(me);
    const first = (await firstDocuments(me))!;
    expect(first).to.not.equal(null);
    expect(view(first)).to.deep.equal(view(complete));
    expect(first.map((r) => r.doc.summary)).to.deep.equal(['Hai', 'Một', 'Ba']);
    // Nothing was written meanwhile: storing the page moved no update sequence (else it would never be used).
    expect(documentsComplete(me)).to.equal(false);
    expect(await listDocuments(me)).to.have.length(3);
    expect(documentsComplete(me)).to.equal(true);
    expect(await firstDocuments(me)).to.equal(null); // the index answers now
    // The index found what the page says: nothing to store again after its quiet time.
    await new Promise((r) => setTimeout(r, 1500));
    const home = spaceDb(
      me,
      me.spaces.find((sp) => sp.kind === 'personal')!,
    );
    expect((await home.get(FIRST_PAGE_ID))._rev).to.equal(rev);
  });

  it('is not used once a document arrived or was deleted after it was stored; the index then shows the truth', async () => {
    const kept = await registerIncoming(me, registration('Giữ lại'), []);
    const gone = await registerIncoming(me, registration('Bị xoá'), []);
    await stored(me);
    const registry = spaceDb(me, me.spaces[1]!);
    await registry.remove((await registry.get(gone)) as PouchDB.Core.RemoveDocument);
    coldStart(me);
    expect(await firstDocuments(me)).to.equal(null);
    expect((await listDocuments(me)).map((r) => r.id)).to.deep.equal([kept]);

    await stored(me); // the deletion changed the list: stored again
    const later = await registerIncoming(me, registration('Đến sau'), []);
    coldStart(me);
    expect(await firstDocuments(me)).to.equal(null);
    expect((await listDocuments(me)).map((r) => r.id).sort()).to.deep.equal([kept, later].sort());
  });

  it('is not used when missing, for another set of roles, or once another kind was written in a space (then stored again)', async () => {
    await registerIncoming(me, registration('Một'), []);
    await listDocuments(me);
    coldStart(me);
    expect(await firstDocuments(me)).to.equal(null); // not stored yet (quiet time)

    await stored(me);
    coldStart(me);
    expect(await firstDocuments(me)).to.have.length(1);
    const other = { ...me, roles: [...me.roles, 'leader'] };
    expect(await firstDocuments(other)).to.equal(null);

    // A record of another kind moves the space's sequence: no document changed, but the page is stored again.
    await spaceDb(me, me.spaces[1]!).put({ _id: 'notice:x', type: 'notice' });
    coldStart(me);
    expect(await firstDocuments(me)).to.equal(null);
    await stored(me);
    coldStart(me);
    expect(await firstDocuments(me)).to.have.length(1);
  });

  it('asks the sync bookkeeping whether rows are confirmed, as the index does (it changes without the databases)', async () => {
    const id = await registerIncoming(me, registration('Một'), []);
    await stored(me);
    coldStart(me);
    expect((await firstDocuments(me))!.map((r) => [r.id, r.pending])).to.deep.equal([[id, true]]); // never synced
    // The server confirmed everything: the push checkpoint moves past it.
    const registry = spaceDb(me, me.spaces[1]!);
    const seq = (await registry.info()).update_seq;
    await updateSyncMeta(registry, (m) => {
      m.pushedSeq = seq;
    });
    coldStart(me);
    expect((await firstDocuments(me))!.map((r) => [r.id, r.pending])).to.deep.equal([[id, false]]);
    expect((await listDocuments(me)).map((r) => [r.id, r.pending])).to.deep.equal([[id, false]]);
  });
});
