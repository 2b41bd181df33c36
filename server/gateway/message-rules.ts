import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { UserCtx } from '../../src/model/roles.ts';
import { spaceOfDbName } from '../../src/model/spaces.ts';
import { REFUSAL_FIELD } from '../../src/model/validate-doc.ts';
import type { Store } from '../store/types.ts';
import { type WrittenDoc, databases, isObject, writtenDocs } from './written-docs.ts';
import { isServerAdmin } from './rules.ts';

/**
 * The relation rule of messages (docs/decisions/0005), checked before a write reaches the store, like the task rules
 * (`task-rules.ts`): only the author of a message edits or removes it. `validate_doc_update` sees the `messageEvent`
 * alone, so here each one of a PUT, POST or `_bulk_docs` to a space is checked against the message as stored in that
 * space, or written earlier in the same batch. A refused event stays in the batch marked `docketRefused: <reason>`,
 * and the store answers its own per-document 403 (one PUT, a batch, a replication alike).
 */

type Doc = WrittenDoc;

const isMessageDoc = (d: unknown): d is Doc => isObject(d) && (d.type === 'message' || d.type === 'messageEvent') && d._deleted !== true;

export interface MessageRulesOptions {
  store: Store;
}

/** Express middleware; runs after the body parser (and after `taskRules`, which refuses multipart writes). */
export function messageRules(opts: MessageRulesOptions): RequestHandler {
  const { store } = opts;
  const dbOf = databases(store);
  return (req: Request, _res: Response, next: NextFunction) => {
    const route = req.docketRoute;
    const user = req.docketUser ?? null;
    if (!route || route.kind !== 'db' || !user || isServerAdmin(user) || !spaceOfDbName(route.db)) return next();
    const docs = writtenDocs(req)?.filter(isMessageDoc);
    if (!docs || !docs.some((d) => d.type === 'messageEvent')) return next();
    store
      .exists(route.db)
      .then(async (exists) => {
        if (!exists) return;
        await markMessageRefusals(await dbOf(route.db), docs, user);
      })
      .then(() => next(), next);
  };
}

/** Marks each message event whose message is missing here or was written by someone else. */
export async function markMessageRefusals(db: PouchDB.Database, docs: Doc[], user: UserCtx): Promise<number> {
  const batchAuthors = new Map<string, unknown>();
  for (const d of docs) if (d.type === 'message' && typeof d._id === 'string') batchAuthors.set(d._id, d.createdBy);
  const events = docs.filter((d) => d.type === 'messageEvent');
  const keys = [
    ...new Set([
      ...events.map((d) => d.messageId).filter((id): id is string => typeof id === 'string'),
      ...events.map((d) => d._id).filter((id): id is string => typeof id === 'string'),
    ]),
  ];
  const stored = new Map<string, Doc>();
  if (keys.length) {
    const res = await db.allDocs({ keys, include_docs: true });
    for (const row of res.rows) {
      const doc = 'doc' in row ? (row.doc as Doc | null | undefined) : undefined;
      if (doc) stored.set(row.key, doc);
    }
  }
  let refused = 0;
  for (const doc of docs) {
    // An event already stored is left to the store (unchanged: a no-op; changed: refused, events never change).
    if (doc.type !== 'messageEvent' || doc[REFUSAL_FIELD] !== undefined || (typeof doc._id === 'string' && stored.has(doc._id))) continue;
    const messageId = typeof doc.messageId === 'string' ? doc.messageId : '';
    // A stored message wins over one of the same id in the batch (which the store would refuse as a change).
    const message = stored.get(messageId);
    const author = message ? (message.type === 'message' ? message.createdBy : undefined) : batchAuthors.get(messageId);
    let reason: string | null = null;
    if (author === undefined) reason = 'The message is not in this space.';
    else if (author !== user.name) reason = 'Only the author edits or removes a message.';
    if (reason) {
      doc[REFUSAL_FIELD] = reason;
      refused++;
    }
  }
  return refused;
}
