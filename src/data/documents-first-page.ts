/**
 * The records behind the first rows of each documents view, kept on the device so that a cold start paints the
 * inbox before the index has read every document (issue 7: 10,000 documents took ~1 s to read and derive before
 * anything showed). Written after the index has caught up; used only while it is exactly what the index would
 * read: same person and roles, same ward day (statuses move with the calendar), same spaces, and every space
 * database still at the update sequence its records were read at. Anything else and the caller waits for the index
 * as before. Whether a row is confirmed by the server is not stored: the caller asks the sync bookkeeping, which
 * changes without any update sequence moving. Kept as a `_local/` document of the personal space: never
 * replicated, per account, erased with that space, and writing it moves no update sequence.
 */
import type { OfficialDocument, OfficialDocumentEvent } from '../model/documents/types.ts';
import type { Space } from '../model/spaces.ts';
import { localDbReady } from './db.ts';
import type { Gathered, ReadPosition } from './space-index.ts';

export const FIRST_PAGE_ID = '_local/docket-documents-first-page';
/** Raise when what a stored row means changes, so an older snapshot is never taken for a current one. */
const VERSION = 2;

/** A row's records as the index gathered them, with the spaces holding it by database name. */
export interface StoredRecords {
  id: string;
  copies: OfficialDocument[];
  heldIn: string[];
  events: OfficialDocumentEvent[];
}

export interface FirstPage {
  /** Person and roles (`perUser`'s key), ward day. */
  key: string;
  day: string;
  positions: ReadPosition[];
  rows: StoredRecords[];
}

interface FirstPageDoc extends FirstPage {
  _id: typeof FIRST_PAGE_ID;
  _rev?: string;
  version: number;
}

export const storedRecords = (id: string, g: Gathered<OfficialDocument, OfficialDocumentEvent>): StoredRecords => ({
  id,
  copies: g.copies,
  heldIn: g.heldIn.map((s) => s.db),
  events: g.events,
});

/** The stored first page when it still describes the databases exactly, else null. Never throws. */
export async function loadFirstPage(
  home: PouchDB.Database,
  dbOf: (space: Space) => PouchDB.Database,
  spaces: readonly Space[],
  key: string,
  day: string,
): Promise<FirstPage | null> {
  try {
    await localDbReady(home);
    const doc = (await home.get(FIRST_PAGE_ID)) as unknown as FirstPageDoc;
    if (doc.version !== VERSION || doc.key !== key || doc.day !== day) return null;
    if (doc.positions.length !== spaces.length) return null;
    const checks = await Promise.all(
      spaces.map(async (space) => {
        const at = doc.positions.find((p) => p.db === space.db);
        if (!at) return false;
        const db = dbOf(space);
        await localDbReady(db);
        return (await db.info()).update_seq === at.seq;
      }),
    );
    return checks.every(Boolean) ? { key: doc.key, day: doc.day, positions: doc.positions, rows: doc.rows } : null;
  } catch {
    return null; // missing (404) or unreadable: the index is the answer
  }
}

const writes = new WeakMap<PouchDB.Database, Promise<void>>();

/** Replaces the stored first page (one write at a time per database; a failure only costs the next cold start). */
export function saveFirstPage(home: PouchDB.Database, page: FirstPage): Promise<void> {
  const next = (writes.get(home) ?? Promise.resolve()).then(async () => {
    try {
      const prev = await home.get(FIRST_PAGE_ID).catch(() => null);
      const doc: FirstPageDoc = { ...page, _id: FIRST_PAGE_ID, version: VERSION, ...(prev ? { _rev: prev._rev } : {}) };
      await home.put(doc as unknown as PouchDB.Core.PutDocument<object>);
    } catch (err) {
      console.warn('Could not keep the first page of documents', err);
    }
  });
  writes.set(home, next);
  return next;
}
