import { expect } from '@open-wc/testing';
import { spaceDb } from '../../src/data/db.ts';
import { existingDeviceKey, forgetDeviceKey, registerDeviceKey, setKeyRegistrar } from '../../src/data/device-keys.ts';
import { type DocumentRow, createDraft, getDocument, recordStep } from '../../src/data/documents.ts';
import { approvalDigest, approvalPayload, makeApprovalRecord, verifyApproval } from '../../src/features/documents/approval.ts';
import type { MeResponse } from '../../src/model/api.ts';
import { type DeviceKeyDoc, deviceKeyDocId } from '../../src/model/device-key.ts';
import type { OfficialDocumentEvent } from '../../src/model/documents/types.ts';
import { account, copySpace, draft, pdf } from './actions-fixtures.ts';
import { destroyMe } from './data-helpers.ts';

/** A leader with their own draft in the leader's hands (forwarded by the head): ready to approve. */
async function withLeader(leader: MeResponse, head: MeResponse): Promise<string> {
  const id = await createDraft(head, draft(leader.name), [pdf('%PDF-1.4 v1\n%%EOF\n')]);
  await recordStep(head, id, { kind: 'forwardedToLeader' });
  await copySpace(head, 'unit', leader, 'unit', 'vp');
  return id;
}

async function approve(leader: MeResponse, id: string): Promise<{ row: DocumentRow; event: OfficialDocumentEvent }> {
  const before = (await getDocument(leader, id))!;
  const approval = (await makeApprovalRecord(leader, before))!;
  await recordStep(leader, id, { kind: 'approved', approval });
  const row = (await getDocument(leader, id))!;
  return { row, event: row.events.find((e) => e.kind === 'approved')! };
}

describe('approval record', () => {
  let leader: MeResponse;
  let head: MeResponse;
  let registered: { name: string; jwk: unknown }[];

  beforeEach(() => {
    leader = account(['leader'], ['vp'], 'Trần Văn Hùng');
    head = account(['staff', 'head:vp'], ['vp'], 'Đỗ Thị Hoa');
    registered = [];
    setKeyRegistrar(async (jwk, name) => {
      registered.push({ name, jwk });
      return true;
    });
  });
  afterEach(async () => {
    setKeyRegistrar(null);
    await forgetDeviceKey(leader);
    await destroyMe(leader);
    await destroyMe(head);
  });

  it('covers the metadata and the approved version’s attachment digests, canonically', async () => {
    const id = await withLeader(leader, head);
    const row = (await getDocument(leader, id))!;
    const payload = JSON.parse(approvalPayload(row)) as Record<string, unknown>;
    expect(Object.keys(payload)).to.deep.equal(
      ['attachments', 'confidentiality', 'id', 'kind', 'pageCount', 'recipients', 'signer', 'summary', 'unitId', 'urgency', 'version'],
      'keys sorted',
    );
    expect(payload.id).to.equal(id);
    expect(payload.recipients).to.deep.equal({ external: ['UBND quận Ba Đình'], internal: ['unit:kt'] });
    const atts = payload.attachments as { name: string; digest: string }[];
    expect(atts.map((a) => a.name)).to.deep.equal(['du-thao.pdf']);
    // The SHA-256 the drafting device computed (FileMeta), never CouchDB's MD5.
    expect(atts[0]!.digest).to.equal(`sha256-${row.doc.files![0]!.sha256}`);
    expect(await approvalDigest(row)).to.match(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('approve → verifies valid; a changed summary or a different attachment digest → invalid', async () => {
    const id = await withLeader(leader, head);
    const { row, event } = await approve(leader, id);
    expect(event.approval!.keyId).to.equal((await existingDeviceKey(leader))!.keyId);
    expect(await verifyApproval(row, event, leader)).to.equal('valid');

    const editedSummary: DocumentRow = { ...row, doc: { ...row.doc, summary: `${row.doc.summary} (sửa)` } };
    expect(await verifyApproval(editedSummary, event, leader)).to.equal('invalid');

    const otherFile: DocumentRow = {
      ...row,
      doc: { ...row.doc, files: row.doc.files!.map((f) => ({ ...f, sha256: 'AAAA' + f.sha256.slice(4) })) },
    };
    expect(await verifyApproval(otherFile, event, leader)).to.equal('invalid');

    const forgedSignature = {
      ...event,
      approval: { ...event.approval!, signature: event.approval!.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) },
    };
    expect(await verifyApproval(row, forgedSignature, leader)).to.equal('invalid');
    expect(await verifyApproval(row, { ...event, approval: undefined }, leader)).to.equal('unavailable');
  });

  it('another device knows the key only once it is in the org space (unknownKey → valid)', async () => {
    const id = await withLeader(leader, head);
    const { row, event } = await approve(leader, id);
    expect(await verifyApproval(row, event, head)).to.equal('unknownKey');
    const key = (await existingDeviceKey(leader))!;
    const doc: DeviceKeyDoc = {
      _id: deviceKeyDocId(leader.name, key.keyId),
      type: 'deviceKey',
      schema: 1,
      createdAt: new Date().toISOString(),
      createdBy: leader.name,
      name: leader.name,
      keyId: key.keyId,
      algorithm: 'ECDSA-P256-SHA256',
      jwk: key.publicJwk,
    };
    await spaceDb(head, head.spaces[0]!).put(doc);
    expect(await verifyApproval(row, event, head)).to.equal('valid');
  });

  it('keeps the key private and registers its public half, retrying after a failure (offline)', async () => {
    let online = false;
    setKeyRegistrar(async (jwk, name) => {
      registered.push({ name, jwk });
      return online;
    });
    const id = await withLeader(leader, head);
    await approve(leader, id);
    expect(await registerDeviceKey(leader)).to.equal(false);
    expect((await existingDeviceKey(leader))!.registered).to.equal(false);
    online = true;
    expect(await registerDeviceKey(leader)).to.equal(true);
    expect((await existingDeviceKey(leader))!.registered).to.equal(true);
    expect(await registerDeviceKey(leader)).to.equal(true);
    expect(registered).to.have.length(2, 'not sent again once registered');
    const jwk = registered[0]!.jwk as Record<string, unknown>;
    expect(registered[0]!.name).to.equal(leader.name);
    expect(Object.keys(jwk).sort()).to.deep.equal(['crv', 'kty', 'x', 'y']);
  });
});
