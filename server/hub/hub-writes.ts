import type { HubGrant } from '../../src/model/hub.ts';
import { spaceOfFilesDbName } from '../../src/model/files.ts';
import type { UserCtx } from '../../src/model/roles.ts';
import { canReadSpace, spaceOfDbName } from '../../src/model/spaces.ts';
import { validateDocUpdate, validateFileUpdate } from '../../src/model/validate-doc.ts';
import type { Store } from '../store/types.ts';

/**
 * Writes a hub replicates up (docs/decisions/0006 "What the upstream checks"). The hub writes with its own account,
 * so the store's `validate_doc_update` would judge every document as the hub's: instead each document is checked
 * here, in this process, as its author would be (`createdBy`, or the author of the revision it replaces): the author
 * must be one of the hub's accounts, active, a reader of the space, and the document must pass the space's rules.
 * Accepted documents are then stored with their revisions (`new_edits: false`) by the server admin. Rules that need
 * the space's state (who leads a task, who organises a meeting) were checked by the hub's own gateway when the person
 * wrote there; the upstream trusts a hub for those, within its granted spaces and in its members' names only.
 */

type Doc = Record<string, unknown> & { _id?: string; _rev?: string; _deleted?: boolean };

export interface HubWriteResult {
  /** The response of `_bulk_docs` with `new_edits: false`: an entry only for each refused document. */
  errors: Array<{ id: string; rev?: string; error: 'forbidden'; reason: string }>;
  written: number;
}

const reasonOf = (err: unknown): string =>
  err && typeof err === 'object' && 'forbidden' in err ? String((err as { forbidden: unknown }).forbidden) : 'Refused.';

export async function writeFromHub(store: Store, grant: HubGrant, db: string, docs: unknown[]): Promise<HubWriteResult> {
  const fileSpace = spaceOfFilesDbName(db);
  const space = spaceOfDbName(db) ?? fileSpace;
  const errors: HubWriteResult['errors'] = [];
  if (!space) return { errors: [], written: 0 };
  const accounts = new Map(grant.accounts.map((a) => [a.name, { name: a.name, roles: a.roles } satisfies UserCtx]));
  const handle = await store.db(db);
  const accepted: Doc[] = [];
  // The revisions each document would replace, in one read.
  const ids = docs
    .map((raw) => (raw && typeof raw === 'object' && typeof (raw as Doc)._id === 'string' ? (raw as Doc)._id! : ''))
    .filter(Boolean);
  const current = new Map<string, Doc>();
  if (ids.length)
    for (const row of (await handle.allDocs({ keys: [...new Set(ids)], include_docs: true })).rows)
      if ('doc' in row && row.doc) current.set(row.id, row.doc as unknown as Doc);
  for (const raw of docs) {
    const doc = (raw && typeof raw === 'object' ? raw : {}) as Doc;
    const id = typeof doc._id === 'string' ? doc._id : '';
    const rev = typeof doc._rev === 'string' ? doc._rev : undefined;
    const refuse = (reason: string) => errors.push({ id, ...(rev ? { rev } : {}), error: 'forbidden', reason });
    if (!id || !rev) {
      refuse('Each document needs _id and _rev (replication writes only).');
      continue;
    }
    if (id.startsWith('_design/') || id.startsWith('_local/')) {
      refuse('A hub never writes design or local documents upstream.');
      continue;
    }
    const old = current.get(id) ?? null;
    if (doc._deleted === true && !old) {
      accepted.push(doc); // the tombstone of something the upstream does not hold (or holds deleted): nothing to check
      continue;
    }
    const authorName = typeof doc.createdBy === 'string' ? doc.createdBy : typeof old?.createdBy === 'string' ? old.createdBy : '';
    const author = accounts.get(authorName);
    if (!author) {
      refuse(`Written in the name of "${authorName || '?'}", who does not work at this hub.`);
      continue;
    }
    if (!canReadSpace(author, space)) {
      refuse(`${author.name} may not write in ${db}.`);
      continue;
    }
    try {
      (fileSpace ? validateFileUpdate : validateDocUpdate)(doc, old, author, {}, space);
      accepted.push(doc);
    } catch (err) {
      refuse(reasonOf(err));
    }
  }
  if (accepted.length) {
    const res = (await handle.bulkDocs(accepted as PouchDB.Core.PutDocument<object>[], { new_edits: false })) as Array<{
      error?: string;
      id?: string;
      reason?: string;
    }>;
    for (const r of res) if (r && r.error) errors.push({ id: r.id ?? '', error: 'forbidden', reason: r.reason ?? r.error });
  }
  return { errors, written: accepted.length };
}
