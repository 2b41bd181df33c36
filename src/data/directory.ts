/**
 * The ward's directory on this device: units and people, external issuing bodies, meeting rooms, registry
 * book names and which document types the forms offer, from the org space, written only by the server.
 * Used by forms (pick a unit, a person, a leader, a type) and to show names.
 */
import type { MeResponse } from '../model/api.ts';
import type { ExternalBody } from '../model/bodies.ts';
import { compareVi } from '../model/collate.ts';
import type { PersonDoc, UnitDoc } from '../model/directory.ts';
import type { DocumentTypeDoc } from '../model/document-types.ts';
import type { RegistryBook } from '../model/documents/types.ts';
import type { RegistryBookDoc } from '../model/registry-books.ts';
import type { RoomDoc } from '../model/rooms.ts';
import type { Space } from '../model/spaces.ts';
import { docsByPrefix, isSpaceDbErased, localDbReady, spaceDb, subscribeLocalChanges } from './db.ts';

export interface Directory {
  units: UnitDoc[];
  /** Active people first sorted by name; disabled accounts are kept for names in history. */
  people: PersonDoc[];
  bodies: ExternalBody[];
  rooms: RoomDoc[];
  /** Settings of document types (no entry: offered in both forms). */
  documentTypes: DocumentTypeDoc[];
  registryBooks: RegistryBookDoc[];
  unitById: Map<string, UnitDoc>;
  personByName: Map<string, PersonDoc>;
}

const orgSpace = (me: MeResponse): Space | undefined => me.spaces.find((s) => s.kind === 'org');

export async function loadDirectory(me: MeResponse): Promise<Directory> {
  const org = orgSpace(me);
  if (!org || isSpaceDbErased(me, org)) return emptyDirectory();
  const db = spaceDb(me, org);
  await localDbReady(db);
  const [units, people, bodies, rooms, documentTypes, registryBooks] = await Promise.all([
    docsByPrefix<UnitDoc>(db, 'unit:'),
    docsByPrefix<PersonDoc>(db, 'person:'),
    docsByPrefix<ExternalBody>(db, 'body:'),
    docsByPrefix<RoomDoc>(db, 'room:'),
    docsByPrefix<DocumentTypeDoc>(db, 'documentType:'),
    docsByPrefix<RegistryBookDoc>(db, 'registryBook:'),
  ]);
  units.sort((a, b) => a.order - b.order || compareVi(a.name, b.name));
  people.sort((a, b) => compareVi(a.displayName, b.displayName));
  bodies.sort((a, b) => compareVi(a.name, b.name));
  rooms.sort((a, b) => compareVi(a.name, b.name));
  return {
    units,
    people,
    bodies,
    rooms,
    documentTypes,
    registryBooks,
    unitById: new Map(units.map((u) => [u.unitId, u])),
    personByName: new Map(people.map((p) => [p.name, p])),
  };
}

export function emptyDirectory(): Directory {
  return { units: [], people: [], bodies: [], rooms: [], documentTypes: [], registryBooks: [], unitById: new Map(), personByName: new Map() };
}

/** Members of a unit (active accounts), for forwarding and pickers. */
export const membersOf = (dir: Directory, unitId: string): PersonDoc[] => dir.people.filter((p) => p.unitId === unitId && !p.disabled);
export const leadersOf = (dir: Directory): PersonDoc[] => dir.people.filter((p) => p.role === 'leader' && !p.disabled);
export const displayNameOf = (dir: Directory, name: string): string => dir.personByName.get(name)?.displayName ?? name;
export const unitNameOf = (dir: Directory, unitId: string): string => dir.unitById.get(unitId)?.name ?? unitId;

/** The name an administrator gave a registry book of `year`, or '' for the default name. */
export const registryBookNameOf = (dir: Directory, book: RegistryBook, year: number): string =>
  dir.registryBooks.find((b) => b.book === book && b.year === year)?.name ?? '';

/** Prefixes of the org space's documents that make up the directory. */
const DIRECTORY_PREFIXES = ['unit:', 'person:', 'body:', 'room:', 'documentType:', 'registryBook:'];

export function subscribeDirectory(me: MeResponse, onChange: () => void): () => void {
  const org = orgSpace(me);
  if (!org || isSpaceDbErased(me, org)) return () => undefined;
  const db = spaceDb(me, org);
  return subscribeLocalChanges(db, (change) => {
    if (DIRECTORY_PREFIXES.some((p) => change.id.startsWith(p))) onChange();
  });
}
