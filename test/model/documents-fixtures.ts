/** Shared fixtures for the official-document model tests: people, documents and event builders. */
import type { UserCtx } from '../../src/model/roles.ts';
import type {
  Assignee,
  IncomingDocument,
  OfficialDocumentEvent,
  OfficialDocumentEventKind,
  OutgoingDocument,
} from '../../src/model/documents/types.ts';

export const people = {
  clerk: { name: 'mai.hoang', roles: ['clerk', 'unit:vp'] },
  leader: { name: 'lan.nguyen', roles: ['leader'] },
  leader2: { name: 'binh.tran', roles: ['leader'] },
  headVp: { name: 'hoa.do', roles: ['staff', 'unit:vp', 'head:vp'] },
  headKt: { name: 'khanh.le', roles: ['staff', 'unit:kt', 'head:kt'] },
  staffVp: { name: 'an.nguyen', roles: ['staff', 'unit:vp'] },
  staffKt: { name: 'tuan.pham', roles: ['staff', 'unit:kt'] },
  server: { name: 'system', roles: ['_admin'] },
  disabled: { name: 'cu.vo', roles: ['unit:vp'] },
} satisfies Record<string, UserCtx>;
export type PersonKey = keyof typeof people;
export const PERSON_KEYS = Object.keys(people) as PersonKey[];

export const VP: Assignee = { kind: 'unit', unitId: 'vp' };
export const KT: Assignee = { kind: 'unit', unitId: 'kt' };
export const AN: Assignee = { kind: 'person', name: people.staffVp.name };
export const TUAN: Assignee = { kind: 'person', name: people.staffKt.name };

export const incomingDoc = (over: Partial<IncomingDocument> = {}): IncomingDocument => ({
  _id: 'officialDocument:01JINCOMING0000000000000000',
  type: 'officialDocument',
  schema: 1,
  createdAt: '2026-11-20T01:00:00.000Z',
  createdBy: people.clerk.name,
  direction: 'incoming',
  kind: 'quyetDinh',
  summary: 'Về việc tổ chức Ngày hội Đại đoàn kết toàn dân tộc',
  urgency: 'normal',
  confidentiality: 'normal',
  issuingBody: 'UBND Quận 1',
  numberSymbol: '15/QĐ-UBND',
  issuedOn: '2026-11-18',
  arrivedOn: '2026-11-20',
  receivedVia: 'paper',
  ...over,
});

export const outgoingDoc = (over: Partial<OutgoingDocument> = {}): OutgoingDocument => ({
  _id: 'officialDocument:01JOUTGOING0000000000000000',
  type: 'officialDocument',
  schema: 1,
  createdAt: '2026-11-20T01:00:00.000Z',
  createdBy: people.staffVp.name,
  direction: 'outgoing',
  kind: 'congVan',
  summary: 'V/v báo cáo kết quả thực hiện',
  urgency: 'normal',
  confidentiality: 'normal',
  unitId: 'vp',
  signer: people.leader.name,
  internalRecipients: [KT],
  externalRecipients: ['UBND Quận 1'],
  files: [
    {
      fileId: 'file:01JFILEV1',
      name: 'du-thao.docx',
      contentType: 'application/msword',
      size: 1000,
      sha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
    },
  ],
  ...over,
});

let clock = Date.parse('2026-11-20T02:00:00.000Z');
let seq = 0;

/** An event by `who` (a fixture person), one minute after the previous one. */
export function ev(
  doc: { _id: string },
  kind: OfficialDocumentEventKind,
  who: PersonKey,
  extra: Partial<OfficialDocumentEvent> = {},
): OfficialDocumentEvent {
  clock += 60_000;
  seq++;
  const person = people[who];
  const event: OfficialDocumentEvent = {
    _id: `officialDocumentEvent:01JEVENT${String(seq).padStart(18, '0')}`,
    type: 'officialDocumentEvent',
    schema: 1,
    createdAt: new Date(clock).toISOString(),
    createdBy: person.name,
    documentId: doc._id,
    kind,
    actorName: person.name,
    ...extra,
  };
  if (who !== 'server') event.actorRoles = [...person.roles];
  return event;
}
