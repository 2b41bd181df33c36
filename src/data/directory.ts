/**
 * The ward's directory on this device: units and people (and external issuing bodies) from the org space,
 * written only by the server. Used by forms (pick a unit, a person, a leader) and to show names.
 */
import type { MeResponse } from '../model/api.ts';
import type { ExternalBody } from '../model/bodies.ts';
import { compareVi } from '../model/collate.ts';
import type { PersonDoc, UnitDoc } from '../model/directory.ts';
import type { Space } from '../model/spaces.ts';
import { isSpaceDbErased, localDbReady, spaceDb, subscribeLocalChanges } from './db.ts';

export interface Directory {
  units: UnitDoc[];
  /** Active people first sorted by name; disabled accounts are kept for names in history. */
  people: PersonDoc[];
  bodies: ExternalBody[];
  unitById: Map<string, UnitDoc>;
  personByName: Map<string, PersonDoc>;
}

const orgSpace = (me: MeResponse): Space | undefined => me.spaces.find((s) => s.kind === 'org');

async function range<T>(db: PouchDB.Database, prefix: string): Promise<T[]> {
  const res = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
  return res.rows.flatMap((r) => (r.doc && !(r.doc as { _deleted?: boolean })._deleted ? [r.doc as unknown as T] : []));
}

export async function loadDirectory(me: MeResponse): Promise<Directory> {
  const org = orgSpace(me);
  if (!org || isSpaceDbErased(me, org)) return emptyDirectory();
  const db = spaceDb(me, org);
  await localDbReady(db);
  const [units, people, bodies] = await Promise.all([
    range<UnitDoc>(db, 'unit:'),
    range<PersonDoc>(db, 'person:'),
    range<ExternalBody>(db, 'body:'),
  ]);
  units.sort((a, b) => a.order - b.order || compareVi(a.name, b.name));
  people.sort((a, b) => compareVi(a.displayName, b.displayName));
  bodies.sort((a, b) => compareVi(a.name, b.name));
  return {
    units,
    people,
    bodies,
    unitById: new Map(units.map((u) => [u.unitId, u])),
    personByName: new Map(people.map((p) => [p.name, p])),
  };
}

export function emptyDirectory(): Directory {
  return { units: [], people: [], bodies: [], unitById: new Map(), personByName: new Map() };
}

/** Members of a unit (active accounts), for forwarding and pickers. */
export const membersOf = (dir: Directory, unitId: string): PersonDoc[] => dir.people.filter((p) => p.unitId === unitId && !p.disabled);
export const leadersOf = (dir: Directory): PersonDoc[] => dir.people.filter((p) => p.role === 'leader' && !p.disabled);
export const displayNameOf = (dir: Directory, name: string): string => dir.personByName.get(name)?.displayName ?? name;
export const unitNameOf = (dir: Directory, unitId: string): string => dir.unitById.get(unitId)?.name ?? unitId;

export function subscribeDirectory(me: MeResponse, onChange: () => void): () => void {
  const org = orgSpace(me);
  if (!org || isSpaceDbErased(me, org)) return () => undefined;
  const db = spaceDb(me, org);
  return subscribeLocalChanges(db, (change) => {
    if (change.id.startsWith('unit:') || change.id.startsWith('person:') || change.id.startsWith('body:')) onChange();
  });
}
