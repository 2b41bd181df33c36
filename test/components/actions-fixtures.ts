/** Accounts, a directory and "sync" between local databases for the document-actions and approval tests. */
import { spaceDb } from '../../src/data/db.ts';
import type { Directory } from '../../src/data/directory.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { PersonDoc, UnitDoc } from '../../src/model/directory.ts';
import type { OfficialDocumentEvent } from '../../src/model/documents/types.ts';
import type { DraftInput, RegistrationInput } from '../../src/model/documents/validation.ts';
import { wardDay } from '../../src/model/time.ts';
import { testMe } from './data-helpers.ts';

export const REGISTRY = { kind: 'registry' as const, id: 'registry', title: 'Sổ văn bản', db: 'docket-registry' };

/** A test account; leaders and clerks also hold the registry. */
export function account(roles: string[], units: string[], displayName: string): MeResponse {
  const me = testMe(roles, units);
  me.displayName = displayName;
  if (roles.includes('leader') || roles.includes('clerk')) me.spaces.splice(1, 0, REGISTRY);
  return me;
}

export const spaceOf = (me: MeResponse, kind: string, id?: string) =>
  me.spaces.find((s) => s.kind === kind && (id === undefined || s.id === id))!;

/** Copies everything of `from`'s space into `to`'s space (what the server's replication and delivery do). */
export async function copySpace(
  from: MeResponse,
  fromKind: string,
  to: MeResponse,
  toKind: string,
  id?: string,
  toId?: string,
): Promise<void> {
  await spaceDb(from, spaceOf(from, fromKind, id)).replicate.to(spaceDb(to, spaceOf(to, toKind, toId ?? id)));
}

const unit = (unitId: string, name: string, order: number): UnitDoc => ({
  _id: `unit:${unitId}`,
  type: 'unit',
  schema: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'system',
  unitId,
  name,
  shortName: unitId.toUpperCase(),
  order,
});

const person = (me: MeResponse, unitId: string | undefined, role: PersonDoc['role'], isHead = false): PersonDoc => ({
  _id: `person:${me.name}`,
  type: 'person',
  schema: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'system',
  name: me.name,
  displayName: me.displayName,
  title: role,
  role,
  ...(unitId ? { unitId } : {}),
  isHead,
  disabled: false,
});

/** The ward's directory as the tests know it: units vp and kt, people with their units. */
export function directoryOf(people: { me: MeResponse; unitId?: string; role: PersonDoc['role']; head?: boolean }[]): Directory {
  const units = [unit('vp', 'Văn phòng HĐND – UBND', 1), unit('kt', 'Phòng Kinh tế', 2)];
  const ps = people.map((p) => person(p.me, p.unitId, p.role, p.head));
  return {
    units,
    people: ps,
    bodies: [],
    rooms: [],
    documentTypes: [],
    registryBooks: [],
    unitById: new Map(units.map((u) => [u.unitId, u])),
    personByName: new Map(ps.map((p) => [p.name, p])),
  };
}

export const addDays = (day: string, n: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

export const registration = (over: Partial<RegistrationInput> = {}): RegistrationInput => ({
  issuingBody: 'Sở Nội vụ thành phố Hà Nội',
  numberSymbol: '15/QĐ-SNV',
  issuedOn: wardDay(),
  kind: 'quyetDinh',
  summary: 'Về việc kiện toàn Ban Chỉ đạo chuyển đổi số phường',
  urgency: 'urgent',
  confidentiality: 'normal',
  arrivedOn: wardDay(),
  receivedVia: 'paper',
  deadline: addDays(wardDay(), 10),
  attachments: [],
  ...over,
});

export const draft = (signer: string, over: Partial<DraftInput> = {}): DraftInput => ({
  kind: 'congVan',
  summary: 'Về việc báo cáo kết quả chuyển đổi số quý I',
  unitId: 'vp',
  signer,
  urgency: 'normal',
  confidentiality: 'normal',
  internalRecipients: [{ kind: 'unit', unitId: 'kt' }],
  externalRecipients: ['UBND quận Ba Đình'],
  attachments: [],
  ...over,
});

export const pdf = (body = '%PDF-1.4\n%%EOF\n', name = 'du-thao.pdf') => new File([body], name, { type: 'application/pdf' });

/** The `numbered` step the server writes (as `system`). */
export function numberedEvent(documentId: string, outgoing: boolean): OfficialDocumentEvent {
  const ulid = documentId.slice('officialDocument:'.length);
  return {
    _id: `officialDocumentEvent:${ulid}.numbered`,
    type: 'officialDocumentEvent',
    schema: 1,
    createdAt: new Date().toISOString(),
    createdBy: 'system',
    actorName: 'Hệ thống',
    documentId,
    kind: 'numbered',
    book: outgoing ? 'outgoing' : 'incoming',
    year: Number(wardDay().slice(0, 4)),
    number: 7,
    ...(outgoing ? { numberSymbol: '07/UBND-VP', issuedOn: wardDay() } : {}),
  };
}
