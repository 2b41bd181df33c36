import { HttpError, badRequest } from '../errors.ts';
import type { Route } from './rules.ts';

/**
 * The shape of request bodies the store would choke on. express-pouchdb and PouchDB assume well-formed JSON
 * (a `name` that is a string, `docs` that is an array of objects, …); given anything else they answered 500 or,
 * for `_bulk_get`, looped on unhandled rejections. CouchDB answers 400 to these; so do we, before the store.
 * Found by test/server/fuzz.test.ts.
 */
export function checkShape(method: string, route: Route, body: unknown): HttpError | null {
  if (method !== 'POST' && method !== 'PUT') return null;
  if (route.kind === 'session') return method === 'POST' ? checkSession(body) : null;
  if (route.kind !== 'db') return null;
  if (route.part === 'bulk_get') return checkBulkGet(body);
  if (route.part === 'bulk_docs') return checkBulkDocs(body);
  if (route.part === 'revs_diff') return checkRevsDiff(body);
  if (route.part === 'changes' && isObject(body) && body.doc_ids !== undefined && !isStringArray(body.doc_ids))
    return badRequest('doc_ids must be a list of ids.');
  if (route.part === 'all_docs' && isObject(body) && body.keys !== undefined && !Array.isArray(body.keys))
    return badRequest('keys must be a list.');
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkSession(body: unknown): HttpError | null {
  if (body === undefined) return null;
  if (!isObject(body)) return badRequest('Sign in with {"name": …, "password": …}.');
  for (const field of ['name', 'password'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'string') return badRequest(`${field} must be a string.`);
  }
  return null;
}

const isStringArray = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * `{"docs": [{"id": …, "rev"?: …, "atts_since"?: […]}]}`. A non-object entry (`{"docs":[-1.5]}`) made PouchDB's
 * bulkGet throw inside its batch loop: thousands of unhandled rejections a second, RSS past 2 GB and the
 * server stopped answering (one request by any member).
 */
function checkBulkGet(body: unknown): HttpError | null {
  if (!isObject(body) || !Array.isArray(body.docs)) return badRequest('_bulk_get takes {"docs": [{"id": …}, …]}.');
  // An empty list never got an answer from PouchDB's bulkGet: the request (and its socket) hung forever.
  if (body.docs.length === 0) return badRequest('_bulk_get needs at least one document.');
  for (const d of body.docs) {
    if (!isObject(d) || typeof d.id !== 'string') return badRequest('Each entry of docs names a document id.');
    if (d.rev !== undefined && typeof d.rev !== 'string') return badRequest('rev must be a string.');
    if (d.atts_since !== undefined && !isStringArray(d.atts_since)) return badRequest('atts_since must be a list of revisions.');
  }
  return null;
}

/** `{"docs": [{…}, …], "new_edits"?: bool}`: `docs` as a string or holding non-objects answered 500 (`args.docs.map is not a function`). */
function checkBulkDocs(body: unknown): HttpError | null {
  if (!isObject(body) || !Array.isArray(body.docs)) return badRequest('_bulk_docs takes {"docs": [ … ]}.');
  if (!body.docs.every(isObject)) return badRequest('Each document must be a JSON object.');
  if (body.new_edits !== undefined && typeof body.new_edits !== 'boolean') return badRequest('new_edits must be true or false.');
  return null;
}

/**
 * Query parameters of a member's request to a space, before the store sees them (express-pouchdb JSON-parses each
 * one and hands it to PouchDB as an option).
 */
export function checkQuery(method: string, route: Route, query: Record<string, unknown>, ifMatch: string | undefined): HttpError | null {
  if (route.kind !== 'db') return null;
  // DELETE of a document or attachment without a revision answered 500 (PouchDB's remove() with no rev);
  // CouchDB answers 409.
  if (
    method === 'DELETE' &&
    (route.part === 'doc' || route.part === 'attachment' || route.part === 'local') &&
    query.rev === undefined &&
    !ifMatch
  )
    return new HttpError(409, 'conflict', 'Document update conflict: give the revision to delete (?rev=).');
  for (const [key, value] of Object.entries(query)) {
    // `a[]=1`, `a[b]=1` and repeated keys arrive as arrays and objects.
    if (typeof value !== 'string') return badRequest(`The query parameter ${key} is given more than once or nested.`);
    const problem = QUERY_RULES[key]?.(value);
    if (problem) return badRequest(`${key} ${problem}.`);
  }
  return null;
}

const REV = /^\d+-[0-9a-zA-Z]+$/;
const jsonOf = (v: string): { ok: boolean; value?: unknown } => {
  try {
    return { ok: true, value: JSON.parse(v) as unknown };
  } catch {
    return { ok: false };
  }
};
const bool = (v: string) => (v === 'true' || v === 'false' ? null : 'must be true or false');
const count = (v: string) => (/^\d{1,12}$/.test(v) ? null : 'must be a whole number');
const json = (v: string) => (jsonOf(v).ok ? null : 'must be JSON');
const revList = (v: string) =>
  isStringArray(jsonOf(v).value) && (jsonOf(v).value as string[]).every((r) => REV.test(r)) ? null : 'must be a JSON list of revisions';

/**
 * Parameters whose value PouchDB uses without checking: a bad one answered 500 (`open_revs=x`,
 * `doc_ids=1e309`: "not iterable") or reached code that throws. Others pass as they are.
 */
const QUERY_RULES: Record<string, (v: string) => string | null> = {
  rev: (v) => (REV.test(v) ? null : 'must be a revision'),
  open_revs: (v) => (v === 'all' ? null : revList(v)),
  atts_since: revList,
  doc_ids: (v) => (isStringArray(jsonOf(v).value) ? null : 'must be a JSON list of ids'),
  keys: (v) => (Array.isArray(jsonOf(v).value) ? null : 'must be a JSON list'),
  key: json,
  startkey: json,
  endkey: json,
  start_key: json,
  end_key: json,
  style: (v) => (v === 'main_only' || v === 'all_docs' ? null : 'must be main_only or all_docs'),
  feed: (v) => (['normal', 'longpoll', 'continuous', 'eventsource'].includes(v) ? null : 'is not a feed type'),
  limit: count,
  skip: count,
  timeout: count,
  seq_interval: count,
  ...Object.fromEntries(
    [
      'revs',
      'revs_info',
      'latest',
      'attachments',
      'att_encoding_info',
      'conflicts',
      'deleted_conflicts',
      'local_seq',
      'meta',
      'include_docs',
      'descending',
      'inclusive_end',
      'update_seq',
      'binary',
      'new_edits',
      'return_docs',
    ].map((k) => [k, bool]),
  ),
};

/**
 * `{"<id>": ["<rev>", …], …}`. A value that is not a list (`{"notice:x": "_admin"}`) threw inside PouchDB's
 * revsDiff callback: an uncaught exception, and the request never got an answer; deep nesting overflowed the stack.
 */
function checkRevsDiff(body: unknown): HttpError | null {
  if (!isObject(body)) return badRequest('_revs_diff takes {"<id>": ["<rev>", …]}.');
  for (const revs of Object.values(body)) if (!isStringArray(revs)) return badRequest('Each id maps to a list of revisions.');
  return null;
}
