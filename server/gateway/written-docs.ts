import type { Request } from 'express';
import type { Store } from '../store/types.ts';

/**
 * What the relation-rule middlewares (`task-rules.ts`, `schedule-rules.ts`, `message-rules.ts`) share: the
 * documents a request writes to a space, and the space databases they read stored documents from.
 */

export type WrittenDoc = Record<string, unknown> & { _id?: unknown; _rev?: unknown; type?: unknown; _deleted?: unknown };

export const isObject = (v: unknown): v is WrittenDoc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The documents a PUT, POST or `_bulk_docs` writes, or null when it writes none these rules check. */
export function writtenDocs(req: Request): WrittenDoc[] | null {
  const route = req.docketRoute;
  if (!route || route.kind !== 'db') return null;
  const body: unknown = req.body;
  if (req.method === 'POST' && route.part === 'bulk_docs') {
    const docs = isObject(body) ? body.docs : undefined;
    return Array.isArray(docs) ? (docs as WrittenDoc[]) : null;
  }
  if ((req.method === 'PUT' && route.part === 'doc') || (req.method === 'POST' && route.part === 'info')) {
    if (!isObject(body)) return null;
    // express-pouchdb takes the id from the URL when the body has none.
    if (route.part === 'doc' && body._id === undefined) body._id = route.docId;
    return [body];
  }
  return null;
}

/** One open handle per database name (a failed open is forgotten, so the next request tries again). */
export function databases(store: Store): (name: string) => Promise<PouchDB.Database> {
  const dbs = new Map<string, Promise<PouchDB.Database>>();
  return (name) => {
    let db = dbs.get(name);
    if (!db) {
      db = store.db(name);
      dbs.set(name, db);
      db.catch(() => dbs.delete(name));
    }
    return db;
  };
}
