/**
 * The approval record (issue 3): when the signer approves an outgoing draft, this device signs a digest of what
 * was approved with its own key (`data/device-keys.ts`), and anyone can later check that the document still
 * matches. It is a TAMPER-EVIDENCE RECORD, NOT the legal digital signature made with a certified token (chứng
 * thư số / USB token): the key is only as trustworthy as the device and the account it belongs to.
 *
 * What the digest covers (`approvalDigest`): SHA-256 (base64) over the UTF-8 of a canonical JSON (keys sorted,
 * no whitespace) of
 *   - `id`, `kind`, `summary`, `urgency`, `confidentiality`, `unitId` (drafting unit), `signer`, `pageCount`
 *     (null when absent) of the document;
 *   - `recipients`: `{ internal: ["unit:vp", "person:an.nguyen", …] (as stored, in order), external: [...] }`;
 *   - `version`: the version approved (1 = the document's own files, n ≥ 2 = the `newVersion` event's files);
 *   - `attachments`: `[{ name, digest }]` of that version's files sorted by name: `sha256-<base64>` from the
 *     files' metadata (`files: FileMeta[]`, model/files.ts; the drafting device hashed the bytes itself, and every
 *     download is checked against it, docs/decisions/0002).
 * Not covered: the number/symbol and issue date (given after approval), the timeline, comments, other versions.
 * The signature is ECDSA P-256 with SHA-256 over the 32 digest bytes (IEEE P1363 form, base64).
 */
import type { MeResponse } from '../../model/api.ts';
import { APPROVAL_ALGORITHM, type DeviceKeyDoc, type EcPublicJwk, base64, deviceKeyDocId, fromBase64 } from '../../model/device-key.ts';
import type { ApprovalRecord, OfficialDocumentEvent, OutgoingDocument } from '../../model/documents/types.ts';
import type { FileMeta } from '../../model/files.ts';
import { assigneeKey } from '../../model/documents/types.ts';
import { localDbReady, spaceDb } from '../../data/db.ts';
import type { DocumentRow } from '../../data/documents.ts';
import { deviceKeysAvailable, existingDeviceKey, signWithDeviceKey } from '../../data/device-keys.ts';

export type ApprovalVerification = 'valid' | 'invalid' | 'unknownKey' | 'unavailable';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** JSON with object keys sorted at every level and no whitespace. */
export function canonicalJson(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k]!)}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

type Carrier = { files?: FileMeta[] };

/** `{ name, digest }` of a document's or step's files: the SHA-256 of each (FileMeta). */
function digestsOf(carrier: Carrier | undefined): { name: string; digest: string | null }[] {
  return (carrier?.files ?? []).map((f) => ({ name: f.name, digest: `sha256-${f.sha256}` }));
}

/** The files of `version` of an outgoing document: 1 = the document's own, n ≥ 2 = that `newVersion` step's. */
function filesOfVersion(row: DocumentRow, version: number): { name: string; digest: string | null }[] {
  if (version <= 1) return digestsOf(row.doc as Carrier);
  if (row.state.direction !== 'outgoing') return [];
  const v = row.state.versions.find((x) => x.version === version);
  return digestsOf(v ? (row.events.find((e) => e._id === v.eventId) as Carrier | undefined) : undefined);
}

/** The canonical text the digest is taken of (exported for tests and for anyone checking by hand). */
export function approvalPayload(row: DocumentRow, version?: number): string {
  const doc = row.doc as OutgoingDocument;
  const v = version ?? (row.state.direction === 'outgoing' ? (row.state.approved?.version ?? row.state.version) : 1);
  return canonicalJson({
    id: doc._id,
    kind: doc.kind,
    summary: doc.summary,
    urgency: doc.urgency,
    confidentiality: doc.confidentiality,
    unitId: doc.unitId ?? null,
    signer: doc.signer ?? null,
    pageCount: doc.pageCount ?? null,
    recipients: {
      internal: (doc.internalRecipients ?? []).map(assigneeKey),
      external: doc.externalRecipients ?? [],
    },
    version: v,
    attachments: filesOfVersion(row, v).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  });
}

/** Base64 SHA-256 of `approvalPayload(row, version)`: the version approved, or (before approval) the current one. */
export async function approvalDigest(row: DocumentRow, version?: number): Promise<string> {
  return base64(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(approvalPayload(row, version))));
}

/**
 * Makes the record for approving `row` now (its current version) with this device's key, or null when this
 * browser cannot (no WebCrypto outside a secure context): the approval is then saved without a record.
 */
export async function makeApprovalRecord(me: Pick<MeResponse, 'name'>, row: DocumentRow): Promise<ApprovalRecord | null> {
  if (!deviceKeysAvailable() || row.state.direction !== 'outgoing') return null;
  const digest = await approvalDigest(row, row.state.version);
  const { keyId, signature } = await signWithDeviceKey(me, fromBase64(digest));
  return { algorithm: APPROVAL_ALGORITHM, keyId, digest, signature };
}

/** The public key `keyId` of `name`: from the org space, or this device's own key while its registration waits. */
async function publicKeyOf(me: MeResponse, name: string, keyId: string): Promise<EcPublicJwk | null> {
  const org = me.spaces.find((s) => s.kind === 'org');
  if (org) {
    const db = spaceDb(me, org);
    await localDbReady(db);
    try {
      const doc = (await db.get(deviceKeyDocId(name, keyId))) as unknown as DeviceKeyDoc;
      return doc.jwk;
    } catch {
      // not (yet) replicated here
    }
  }
  if (name === me.name) {
    const own = await existingDeviceKey(me);
    if (own && own.keyId === keyId) return own.publicJwk;
  }
  return null;
}

/**
 * Whether the record on `event` (an `approved` step) still matches `row` as it is now: the digest is taken again
 * from the document and the approved version's files, the signer's public key is looked up, and the signature is
 * checked. `unavailable`: no record on the step, or this browser has no WebCrypto (not a secure connection).
 */
export async function verifyApproval(row: DocumentRow, event: OfficialDocumentEvent, me: MeResponse): Promise<ApprovalVerification> {
  const record = event.approval;
  if (!record || event.kind !== 'approved') return 'unavailable';
  if (typeof crypto === 'undefined' || !crypto.subtle) return 'unavailable';
  if (record.algorithm !== APPROVAL_ALGORITHM) return 'invalid';
  const approved = row.state.direction === 'outgoing' ? row.state.approved : undefined;
  const version = approved && approved.eventId === event._id ? approved.version : undefined;
  const digest = await approvalDigest(row, version);
  // A document that no longer matches is invalid whoever signed it; a matching one needs the signer's key.
  if (digest !== record.digest) return 'invalid';
  const jwk = await publicKeyOf(me, event.createdBy, record.keyId);
  if (!jwk) return 'unknownKey';
  try {
    const key = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    const ok = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      fromBase64(record.signature) as BufferSource,
      fromBase64(digest) as BufferSource,
    );
    return ok ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}
