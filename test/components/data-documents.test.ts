import { expect } from '@open-wc/testing';
import { spaceDb } from '../../src/data/db.ts';
import {
  createDraft,
  filesOf,
  findLikelyDuplicates,
  getDocumentFile,
  getDocument,
  listDocuments,
  personalSpaceHoldsConfidential,
  personalSpacePending,
  recordStep,
  registerIncoming,
  spaceForStep,
  subscribeDocuments,
  ValidationError,
} from '../../src/data/documents.ts';
import type { MeResponse } from '../../src/model/api.ts';
import { queuedUploads, sha256Base64 } from '../../src/data/files.ts';
import type { IncomingDocument, OfficialDocumentEvent } from '../../src/model/documents/types.ts';
import type { RegistrationInput } from '../../src/model/documents/validation.ts';
import { wardDay } from '../../src/model/time.ts';
import { deriveState } from '../../src/model/documents/workflow.ts';
import { destroyMe, testMe } from './data-helpers.ts';

/** A clerk who is also a leader and heads VP, so one account can walk a document through its life. */
function officeMe(roles: string[] = ['clerk', 'leader', 'head:vp']): MeResponse {
  const me = testMe(roles, ['vp']);
  me.spaces.splice(1, 0, { kind: 'registry', id: 'registry', title: 'Sổ văn bản', db: 'docket-registry' });
  return me;
}

const registration = (over: Partial<RegistrationInput> = {}): RegistrationInput => ({
  issuingBody: 'Sở Nội vụ thành phố Hà Nội',
  numberSymbol: '15/QĐ-SNV',
  issuedOn: wardDay(),
  kind: 'quyetDinh',
  summary: 'Về việc kiện toàn Ban Chỉ đạo chuyển đổi số phường',
  urgency: 'urgent',
  confidentiality: 'normal',
  arrivedOn: wardDay(),
  receivedVia: 'paper',
  attachments: [],
  ...over,
});

const pdf = () => new File(['%PDF-1.4\n%%EOF\n'], 'quyet-dinh.pdf', { type: 'application/pdf' });

describe('data/documents', () => {
  let me: MeResponse;
  beforeEach(() => {
    me = officeMe();
  });
  afterEach(async () => {
    await destroyMe(me);
  });

  it('registers an incoming document in the registry with its registered step; it awaits its number', async () => {
    const id = await registerIncoming(me, registration(), [pdf()]);
    const registry = spaceDb(me, me.spaces[1]!);
    const stored = (await registry.get(id)) as unknown as IncomingDocument & { _attachments?: object };
    expect(stored.createdBy).to.equal(me.name);
    // Metadata only in the space; the bytes wait in the local files database for upload.
    expect(stored._attachments).to.equal(undefined);
    expect(stored.files!.map((f) => [f.name, f.contentType, f.size])).to.deep.equal([['quyet-dinh.pdf', 'application/pdf', 15]]);
    expect(stored.files![0]!.sha256).to.equal(await sha256Base64(pdf()));
    expect(await queuedUploads(me, me.spaces[1]!)).to.deep.equal([stored.files![0]!.fileId]);
    const row = (await getDocument(me, id))!;
    const [ref] = filesOf(row);
    expect(ref!.ownerId).to.equal(id);
    const blob = await getDocumentFile(me, row, ref!);
    expect(await blob!.text()).to.equal('%PDF-1.4\n%%EOF\n');
    expect(row.state.registered?.by).to.equal(me.name);
    expect(row.awaitingNumber).to.equal(true);
    expect(row.numberText).to.equal(undefined);
    expect(row.urgent).to.equal(true);
    expect([...row.views]).to.include.members(['toRegister', 'awaitingDirection', 'following', 'all']);
    expect(row.heldIn.map((s) => s.kind)).to.deep.equal(['registry']);
    expect(row.pending).to.equal(true); // never synced in this test
  });

  it('shows the number once the server recorded it', async () => {
    const id = await registerIncoming(me, registration(), []);
    const ulid = id.slice('officialDocument:'.length);
    const numbered: OfficialDocumentEvent = {
      _id: `officialDocumentEvent:${ulid}.numbered`,
      type: 'officialDocumentEvent',
      schema: 1,
      createdAt: new Date().toISOString(),
      createdBy: 'system',
      actorName: 'Hệ thống',
      documentId: id,
      kind: 'numbered',
      book: 'incoming',
      year: Number(wardDay().slice(0, 4)),
      number: 7,
    };
    await listDocuments(me); // index built before the change: the update must be incremental
    await spaceDb(me, me.spaces[1]!).put(numbered as unknown as PouchDB.Core.PutDocument<object>);
    const row = (await getDocument(me, id))!;
    expect(row.numberText).to.equal('07');
    expect(row.awaitingNumber).to.equal(false);
    expect(row.views.has('toRegister')).to.equal(false);
  });

  it('refuses bad input with field errors and saves nothing', async () => {
    try {
      await registerIncoming(me, registration({ summary: ' ', numberSymbol: '' }), []);
      expect.fail('should refuse');
    } catch (err) {
      expect(err).to.be.instanceOf(ValidationError);
      const fields = (err as ValidationError).errors.map((e) => e.field);
      expect(fields).to.include.members(['summary', 'numberSymbol']);
    }
    expect(await listDocuments(me)).to.have.length(0);
  });

  it('only a clerk registers', async () => {
    const leader = officeMe(['leader']);
    try {
      await registerIncoming(leader, registration(), []);
      expect.fail('should refuse');
    } catch (err) {
      expect((err as ValidationError).errors[0]!.code).to.equal('error.notAllowed');
    } finally {
      await destroyMe(leader);
    }
  });

  it('warns about a likely duplicate whatever the spacing, case and diacritics', async () => {
    await registerIncoming(me, registration(), []);
    const same = await findLikelyDuplicates(me, {
      issuingBody: 'so noi vu thanh pho ha noi',
      numberSymbol: '15/qđ-snv ',
      issuedOn: wardDay(),
    });
    expect(same).to.have.length(1);
    const other = await findLikelyDuplicates(me, {
      issuingBody: 'Sở Nội vụ thành phố Hà Nội',
      numberSymbol: '16/QĐ-SNV',
      issuedOn: wardDay(),
    });
    expect(other).to.have.length(0);
  });

  it('writes each step where the server accepts and relays it, and refuses steps out of turn', async () => {
    const id = await registerIncoming(me, registration(), []);
    const deadline = wardDay(new Date(Date.now() + 5 * 86400_000));
    const directed = await recordStep(me, id, {
      kind: 'directed',
      note: 'Giao Văn phòng chủ trì tham mưu.',
      assignments: [{ assignee: { kind: 'unit', unitId: 'vp' }, role: 'lead', deadline }],
    });
    expect(await spaceDb(me, me.spaces[1]!).get(directed._id)).to.have.property('kind', 'directed');
    expect(directed.actorRoles).to.deep.equal(me.roles);
    let row = (await getDocument(me, id))!;
    expect(row.state.phase).to.equal('inProgress');
    expect(row.views.has('assignedToMe')).to.equal(true); // as head of VP
    expect(row.status).to.equal('inProgress');

    // The unit head forwards in the unit space (the server has not copied it there yet: not held → refused).
    try {
      await recordStep(me, id, {
        kind: 'forwarded',
        assignee: { kind: 'unit', unitId: 'vp' },
        assignments: [{ assignee: { kind: 'person', name: 'an.nguyen' }, role: 'lead' }],
      });
      expect.fail('should refuse: no copy in the unit space yet');
    } catch (err) {
      expect((err as ValidationError).errors[0]!.code).to.equal('error.notAllowed');
    }
    // Once the copy is there (as the server delivers it), the step goes into the unit space.
    const unitDb = spaceDb(me, me.spaces[2]!);
    const registryDb = spaceDb(me, me.spaces[1]!);
    const doc = await registryDb.get(id);
    await unitDb.put({ ...doc, _rev: undefined } as unknown as PouchDB.Core.PutDocument<object>);
    row = (await getDocument(me, id))!;
    expect(spaceForStep(me, row, { kind: 'forwarded', assignee: { kind: 'unit', unitId: 'vp' } })?.kind).to.equal('unit');
    const fwd = await recordStep(me, id, {
      kind: 'forwarded',
      assignee: { kind: 'unit', unitId: 'vp' },
      note: 'Đ/c An dự thảo báo cáo.',
      assignments: [{ assignee: { kind: 'person', name: 'an.nguyen' }, role: 'lead' }],
    });
    expect(await unitDb.get(fwd._id)).to.have.property('kind', 'forwarded');

    // A step the workflow refuses never leaves the device.
    try {
      await recordStep(me, id, { kind: 'directed', assignments: [] });
      expect.fail('should refuse');
    } catch (err) {
      expect((err as ValidationError).errors[0]!.code).to.equal('workflow.badAssignments');
    }
  });

  it('writes a person’s step in the unit’s copy until their own copy has arrived (the server relays both home)', async () => {
    const an = testMe(['staff'], ['vp']);
    try {
      const id = await registerIncoming(me, registration(), []);
      const deadline = wardDay(new Date(Date.now() + 5 * 86400_000));
      await recordStep(me, id, { kind: 'directed', assignments: [{ assignee: { kind: 'unit', unitId: 'vp' }, role: 'lead', deadline }] });
      const row = (await getDocument(me, id))!;
      const forwarded = {
        ...row.events[0]!,
        _id: 'officialDocumentEvent:01JFWD000000000000000000000',
        kind: 'forwarded' as const,
        createdBy: me.name,
        createdAt: new Date().toISOString(),
        assignee: { kind: 'unit' as const, unitId: 'vp' },
        assignments: [{ assignee: { kind: 'person' as const, name: an.name }, role: 'lead' as const }],
      };
      const state = deriveState(row.doc, [...row.events, forwarded]);
      const unit = an.spaces.find((s) => s.kind === 'unit')!;
      const personal = an.spaces.find((s) => s.kind === 'personal')!;
      const step = { kind: 'progress' as const, assignee: { kind: 'person' as const, name: an.name }, percent: 10 };
      expect(spaceForStep(an, { doc: row.doc, state, heldIn: [unit] }, step)?.db).to.equal(unit.db);
      expect(spaceForStep(an, { doc: row.doc, state, heldIn: [unit, personal] }, step)?.db).to.equal(personal.db);
    } finally {
      await destroyMe(an);
    }
  });

  it('creates a draft in the drafting unit space and submits it there', async () => {
    const id = await createDraft(
      me,
      {
        kind: 'congVan',
        summary: 'V/v báo cáo kết quả chuyển đổi số năm 2026',
        unitId: 'vp',
        signer: 'hung.tran',
        urgency: 'normal',
        confidentiality: 'normal',
        internalRecipients: [{ kind: 'unit', unitId: 'kt' }],
        externalRecipients: ['Sở Khoa học và Công nghệ'],
        attachments: [],
      },
      [new File(['x'], 'du-thao.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })],
    );
    expect(await spaceDb(me, me.spaces[2]!).get(id)).to.have.property('direction', 'outgoing');
    let row = (await getDocument(me, id))!;
    expect(row.state.phase).to.equal('draft');
    expect(row.views.has('drafts')).to.equal(true);
    await recordStep(me, id, { kind: 'forwardedToLeader' }); // a head's own draft goes straight to the leader
    row = (await getDocument(me, id))!;
    expect(row.state.phase).to.equal('withLeader');
  });

  it('keeps a confidential registration in the clerk’s personal space only, and knows it is there (sign-out erases it)', async () => {
    expect(await personalSpaceHoldsConfidential(me)).to.equal(false);
    const id = await registerIncoming(me, registration({ confidentiality: 'confidential', routeTo: 'hung.tran' }), []);
    const row = (await getDocument(me, id))!;
    expect(row.heldIn.map((s) => s.kind)).to.deep.equal(['personal']);
    expect(row.confidential).to.equal(true);
    expect(await personalSpaceHoldsConfidential(me)).to.equal(true);
    expect(await personalSpacePending(me)).to.equal(2); // the document and its registered step, unsent
  });

  it('hashes files with SHA-256 (WebCrypto, or @noble/hashes where the page is not a secure context)', async () => {
    expect(await sha256Base64(new Blob(['abc']))).to.equal('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
    const subtle = Object.getOwnPropertyDescriptor(Crypto.prototype, 'subtle')!;
    Object.defineProperty(Crypto.prototype, 'subtle', { configurable: true, get: () => undefined });
    try {
      expect(await sha256Base64(new Blob(['abc']))).to.equal('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
    } finally {
      Object.defineProperty(Crypto.prototype, 'subtle', subtle);
    }
  });

  it('tells subscribers when documents change', async () => {
    await listDocuments(me);
    let calls = 0;
    const stop = subscribeDocuments(me, () => calls++);
    try {
      await new Promise((r) => setTimeout(r, 100));
      await registerIncoming(me, registration(), []);
      for (let i = 0; i < 50 && calls === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(calls).to.be.greaterThan(0);
    } finally {
      stop();
    }
  });
});
