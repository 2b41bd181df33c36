import type { Directory } from '../../src/data/directory.ts';
import { localDbReady, spaceDb } from '../../src/data/db.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { ExternalBody } from '../../src/model/bodies.ts';
import type { PersonDoc, UnitDoc } from '../../src/model/directory.ts';
import { testMe } from './data-helpers.ts';

/** A small ward directory for the document forms: two units, a chair, a vice-chair, staff and two bodies. */
const base = { schema: 1, createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'system' };
export const UNITS: UnitDoc[] = [
  { ...base, _id: 'unit:vp', type: 'unit', unitId: 'vp', name: 'Văn phòng HĐND – UBND', shortName: 'VP', order: 1 },
  { ...base, _id: 'unit:vhxh', type: 'unit', unitId: 'vhxh', name: 'Phòng Văn hóa – Xã hội', shortName: 'VHXH', order: 2 },
];
const person = (name: string, displayName: string, title: string, role: PersonDoc['role'], unitId?: string, isHead = false): PersonDoc => ({
  ...base,
  _id: `person:${name}`,
  type: 'person',
  name,
  displayName,
  title,
  role,
  ...(unitId ? { unitId } : {}),
  isHead,
  disabled: false,
});
export const PEOPLE: PersonDoc[] = [
  person('hung.tran', 'Trần Văn Hùng', 'Chủ tịch UBND phường', 'leader'),
  person('lan.nguyen', 'Nguyễn Thị Lan', 'Phó Chủ tịch UBND phường', 'leader'),
  person('hoa.do', 'Đỗ Thị Hoa', 'Chánh Văn phòng', 'staff', 'vp', true),
  person('an.nguyen', 'Nguyễn Văn An', 'Chuyên viên', 'staff', 'vp'),
  person('binh.le', 'Lê Thị Bình', 'Chuyên viên', 'staff', 'vhxh'),
  { ...person('old.staff', 'Cán bộ Cũ', 'Chuyên viên', 'staff', 'vp'), disabled: true },
];
export const BODIES: ExternalBody[] = [
  { ...base, _id: 'body:snv', type: 'body', name: 'Sở Nội vụ thành phố Hà Nội', abbreviation: 'SNV' },
  { ...base, _id: 'body:ubnd-q', type: 'body', name: 'UBND quận Ba Đình', abbreviation: 'UBND' },
];

export function directoryOf(): Directory {
  return {
    units: UNITS,
    people: PEOPLE,
    bodies: BODIES,
    rooms: [],
    documentTypes: [],
    registryBooks: [],
    unitById: new Map(UNITS.map((u) => [u.unitId, u])),
    personByName: new Map(PEOPLE.map((p) => [p.name, p])),
  };
}

/** A fake account with the registry space too (clerks and leaders replicate it). */
export function formsMe(roles: string[], units: string[] = ['vp']): MeResponse {
  const me = testMe(roles, units);
  me.spaces.splice(1, 0, { kind: 'registry', id: 'registry', title: 'Sổ văn bản', db: 'docket-registry' });
  return me;
}

/** Writes the directory into the account's local org space, as replication from the server would. */
export async function seedDirectory(me: MeResponse): Promise<void> {
  const db = spaceDb(
    me,
    me.spaces.find((s) => s.kind === 'org')!,
  );
  await localDbReady(db);
  await db.bulkDocs([...UNITS, ...PEOPLE, ...BODIES] as unknown as PouchDB.Core.PutDocument<object>[]);
}
