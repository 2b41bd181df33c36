import { type ExternalBody, bodyDocId } from '../../src/model/bodies.ts';
import { compareVi } from '../../src/model/collate.ts';
import { BODY_SLUG_PATTERN, ROOM_ID_PATTERN, type RoomDoc, roomDocId } from '../../src/model/rooms.ts';
import type { Store } from '../store/types.ts';
import { AccountError } from './accounts.ts';
import { ORG_DB, getOrNull } from './directory.ts';

/**
 * The org space's directory entries other than units and people: external bodies (issuing bodies with
 * their abbreviations) and meeting rooms. Written here by the server for an administrator; every device
 * gets them with the org space.
 */
const now = (): string => new Date().toISOString();

async function range<T>(store: Store, prefix: string): Promise<T[]> {
  const res = await (await store.db(ORG_DB)).allDocs<T & object>({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
  return res.rows.flatMap((r) => (r.doc ? [r.doc as T] : []));
}

export async function listBodies(store: Store): Promise<ExternalBody[]> {
  return (await range<ExternalBody>(store, 'body:')).sort((a, b) => compareVi(a.name, b.name));
}

export async function listRooms(store: Store): Promise<RoomDoc[]> {
  return (await range<RoomDoc>(store, 'room:')).sort((a, b) => compareVi(a.name, b.name));
}

export interface BodyInput {
  slug: string;
  name: string;
  abbreviation: string;
}

/** Creates (`create`) or changes an external body. */
export async function saveBody(store: Store, input: BodyInput, mode: 'create' | 'update', actor: string): Promise<ExternalBody> {
  const slug = input.slug.trim().toLowerCase();
  if (!BODY_SLUG_PATTERN.test(slug)) throw new AccountError('invalid', 'The id must be lowercase letters, digits or "-".');
  const name = input.name.trim();
  if (!name || name.length > 300) throw new AccountError('invalid', 'The name must be 1–300 characters.');
  const abbreviation = input.abbreviation.trim();
  if (abbreviation.length > 30 || /\s/.test(abbreviation))
    throw new AccountError('invalid', 'The abbreviation must be at most 30 characters without spaces.');
  const org = await store.db(ORG_DB);
  const existing = await getOrNull<ExternalBody>(org, bodyDocId(slug));
  if (mode === 'create' && existing) throw new AccountError('exists', `Body "${slug}" already exists.`);
  if (mode === 'update' && !existing) throw new AccountError('not_found', `Body "${slug}" does not exist.`);
  const doc: ExternalBody = {
    ...(existing ?? { _id: bodyDocId(slug), type: 'body', schema: 1, createdAt: now(), createdBy: actor }),
    name,
    abbreviation,
  };
  await org.put(doc);
  return doc;
}

export interface RoomInput {
  roomId: string;
  name: string;
  capacity: number;
  equipment: string[];
  location: string;
}

/** Creates (`create`) or changes a meeting room. */
export async function saveRoom(store: Store, input: RoomInput, mode: 'create' | 'update', actor: string): Promise<RoomDoc> {
  const roomId = input.roomId.trim().toLowerCase();
  if (!ROOM_ID_PATTERN.test(roomId))
    throw new AccountError('invalid', 'The room id must be lowercase letters, digits or "-", starting with a letter.');
  const name = input.name.trim();
  if (!name || name.length > 200) throw new AccountError('invalid', 'The room name must be 1–200 characters.');
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 10_000)
    throw new AccountError('invalid', 'The capacity must be a whole number of seats from 1 to 10,000.');
  const equipment = input.equipment.map((e) => e.trim()).filter(Boolean);
  if (equipment.length > 30 || equipment.some((e) => e.length > 100))
    throw new AccountError('invalid', 'At most 30 equipment items of 100 characters.');
  const location = input.location.trim();
  if (location.length > 200) throw new AccountError('invalid', 'The location must be at most 200 characters.');
  const org = await store.db(ORG_DB);
  const existing = await getOrNull<RoomDoc>(org, roomDocId(roomId));
  if (mode === 'create' && existing) throw new AccountError('exists', `Room "${roomId}" already exists.`);
  if (mode === 'update' && !existing) throw new AccountError('not_found', `Room "${roomId}" does not exist.`);
  const doc: RoomDoc = {
    ...(existing ?? { _id: roomDocId(roomId), type: 'room', schema: 1, createdAt: now(), createdBy: actor, roomId }),
    name,
    capacity: input.capacity,
    equipment,
    location,
  };
  await org.put(doc);
  return doc;
}
