import { type UserCtx, isActive } from '../../src/model/roles.ts';
import { spaceOfFilesDbName } from '../../src/model/files.ts';
import { canReadSpace, spaceOfDbName } from '../../src/model/spaces.ts';
import { type HttpError, badRequest, forbidden, methodNotAllowed, notFound, unauthorized } from '../errors.ts';

/** What a `/db` request addresses, decoded from its path. */
export type Route =
  | { kind: 'root' }
  | { kind: 'session' }
  | { kind: 'uuids' }
  | { kind: 'server'; name: string; known: boolean }
  | { kind: 'db'; db: string; part: DbPart; docId?: string; attachment?: string; special?: string };

export type DbPart =
  | 'info'
  | 'changes'
  | 'all_docs'
  | 'bulk_get'
  | 'revs_diff'
  | 'bulk_docs'
  | 'ensure_full_commit'
  | 'local'
  | 'design'
  | 'design_function'
  | 'doc'
  | 'attachment'
  | 'admin_only'
  | 'unknown';

/** Server-level endpoints that only the server admin may use. */
const ADMIN_SERVER = new Set([
  '_all_dbs',
  '_config',
  '_node',
  '_utils',
  '_replicate',
  '_active_tasks',
  '_db_updates',
  '_stats',
  '_log',
  '_membership',
  '_cluster_setup',
  '_restart',
  '_up',
  '_scheduler',
  '_reshard',
  '_dbs_info',
  '_users',
  '_replicator',
  '_global_changes',
  '_metadata',
]);
/** Database-level endpoints that only the server admin may use. */
const ADMIN_DB = new Set([
  '_security',
  '_purge',
  '_compact',
  '_view_cleanup',
  '_temp_view',
  '_find',
  '_index',
  '_explain',
  '_design_docs',
  '_partition',
  '_revs_limit',
  '_missing_revs',
  '_shards',
  '_sync_shards',
]);

const DB_PARTS: Record<string, DbPart> = {
  _changes: 'changes',
  _all_docs: 'all_docs',
  _bulk_get: 'bulk_get',
  _revs_diff: 'revs_diff',
  _bulk_docs: 'bulk_docs',
  _ensure_full_commit: 'ensure_full_commit',
};

/** Parses the path below `/db` (e.g. `/docket-org/notice%3A01/scan.pdf`). Throws 400 on bad encoding. */
export function routeOf(path: string): Route {
  const raw = path.split('/').slice(1);
  const trailingSlash = raw.length > 1 && raw[raw.length - 1] === '';
  if (trailingSlash) raw.pop();
  let segs: string[];
  try {
    segs = raw.map((s) => decodeURIComponent(s));
  } catch {
    throw badRequest('Bad URL encoding.');
  }
  const first = segs[0] ?? '';
  if (first === '') return { kind: 'root' };
  if (first === '_session' && segs.length === 1) return { kind: 'session' };
  if (first === '_uuids' && segs.length === 1) return { kind: 'uuids' };
  if (first.startsWith('_') && first !== '_users' && first !== '_replicator' && first !== '_global_changes') {
    return { kind: 'server', name: first, known: ADMIN_SERVER.has(first) };
  }
  const db = first;
  if (segs.length === 1) return { kind: 'db', db, part: 'info' };
  // `/<db>/` is the database (PouchDB asks for its info so); `/<db>/<id>/` is, for express-pouchdb, an
  // attachment with an empty name (a 500 there), not the document this parser would have seen.
  if (trailingSlash) return { kind: 'db', db, part: 'unknown', special: `${segs.slice(1).join('/')}/` };
  // A document id may arrive with its slash encoded (`_design%2Ffoo`, `_local%2Fx`).
  let rest = segs.slice(1);
  if ((rest[0]!.startsWith('_design/') || rest[0]!.startsWith('_local/')) && rest[0]!.indexOf('/') > 0) {
    const [prefix, ...name] = rest[0]!.split('/');
    rest = [prefix!, name.join('/'), ...rest.slice(1)];
  }
  const second = rest[0]!;
  if (second === '_local') {
    return rest.length === 2 && rest[1]
      ? { kind: 'db', db, part: 'local', docId: `_local/${rest[1]}` }
      : { kind: 'db', db, part: 'unknown', special: second };
  }
  if (second === '_design') {
    if (!rest[1]) return { kind: 'db', db, part: 'unknown', special: second };
    const docId = `_design/${rest[1]}`;
    return rest.length === 2 ? { kind: 'db', db, part: 'design', docId } : { kind: 'db', db, part: 'design_function', docId };
  }
  if (second.startsWith('_')) {
    const part = DB_PARTS[second];
    if (part && rest.length === 1) return { kind: 'db', db, part };
    return { kind: 'db', db, part: ADMIN_DB.has(second) ? 'admin_only' : 'unknown', special: second };
  }
  if (rest.length === 1) return { kind: 'db', db, part: 'doc', docId: second };
  return { kind: 'db', db, part: 'attachment', docId: second, attachment: rest.slice(1).join('/') };
}

/** Methods allowed for members, per part of a database. */
const MEMBER_METHODS: Partial<Record<DbPart, readonly string[]>> = {
  info: ['GET', 'HEAD', 'POST'],
  changes: ['GET', 'HEAD', 'POST'],
  all_docs: ['GET', 'HEAD', 'POST'],
  bulk_get: ['POST'],
  revs_diff: ['POST'],
  bulk_docs: ['POST'],
  ensure_full_commit: ['POST'],
  local: ['GET', 'HEAD', 'PUT', 'DELETE'],
  design: ['GET', 'HEAD'],
  doc: ['GET', 'HEAD', 'PUT', 'DELETE'],
  attachment: ['GET', 'HEAD', 'PUT', 'DELETE'],
};

/**
 * `_changes` filters that run no stored code. Custom filters and `_view` are refused (crash C);
 * `_selector` too, because express-pouchdb does not implement it (CouchDB does): both stores
 * must behave alike.
 */
export const SAFE_CHANGES_FILTERS = new Set(['_doc_ids']);

export const isServerAdmin = (user: UserCtx | null): boolean => !!user && user.roles.includes('_admin');

/**
 * Local documents the server keeps in a space for itself: its workers' checkpoints (`_local/worker-…`) and its own
 * records (`_local/docket-…`: migrations applied, a hub's link state). A member who moved a worker's checkpoint could
 * make it skip changes (documents never numbered); nobody but the server admin reads or writes them. Replication
 * checkpoints (`_local/<hash>`) stay open to the space's members.
 */
export const isServerLocalDoc = (docId: string | undefined): boolean =>
  !!docId && (docId.startsWith('_local/worker-') || docId.startsWith('_local/docket-'));

/** The conversation a database is the space (or the files database) of (docs/decisions/0005), or null. */
export function conversationOfDb(db: string): string | null {
  const space = spaceOfDbName(db) ?? spaceOfFilesDbName(db);
  return space?.kind === 'conversation' ? space.id : null;
}

/**
 * The allowlist. Returns null when the request may pass to the store, else the error to answer.
 * Deny by default: anything not named here is refused for everyone but the server admin.
 * `conversationMembers`: for a conversation space or its files database, its members as the registry says (null: no
 * such conversation).
 */
export function authorize(
  method: string,
  route: Route,
  user: UserCtx | null,
  query: Record<string, unknown>,
  conversationMembers?: readonly string[] | null,
): HttpError | null {
  if (route.kind === 'session') return ['GET', 'HEAD', 'POST', 'DELETE'].includes(method) ? null : methodNotAllowed('GET, POST, DELETE');
  if (isServerAdmin(user)) return null;
  if (!user) return unauthorized();
  if (!isActive(user)) return forbidden('This account is disabled.');
  switch (route.kind) {
    case 'root':
      return forbidden('Only the server administrator may do this.');
    case 'uuids':
      return method === 'GET' || method === 'HEAD' ? null : methodNotAllowed('GET');
    case 'server':
      return route.known ? forbidden(`Only the server administrator may use ${route.name}.`) : notFound(`Unknown endpoint ${route.name}.`);
    case 'db':
      return authorizeDb(method, route, user, query, conversationMembers ?? undefined);
  }
}

function authorizeDb(
  method: string,
  route: Extract<Route, { kind: 'db' }>,
  user: UserCtx,
  query: Record<string, unknown>,
  conversationMembers: readonly string[] | undefined,
): HttpError | null {
  // A space's files database has the space's readers (src/model/files.ts): a conversation's, its members.
  const space = spaceOfDbName(route.db) ?? spaceOfFilesDbName(route.db);
  if (!space) return forbidden(`You may not access ${route.db}.`);
  if (route.part === 'info' && (method === 'PUT' || method === 'DELETE')) {
    return forbidden(`Only the server administrator may ${method === 'PUT' ? 'create' : 'delete'} databases.`);
  }
  if (!canReadSpace(user, space, conversationMembers)) return forbidden(`You are not a member of ${route.db}.`);
  if (route.part === 'admin_only') return forbidden(`Only the server administrator may use ${route.special}.`);
  if (route.part === 'local' && isServerLocalDoc(route.docId)) return forbidden('This local document belongs to the server.');
  if (route.part === 'design_function') return forbidden('Design document functions are not available.');
  if (route.part === 'unknown') return notFound(`Unknown endpoint ${route.special ?? ''}.`);
  if (route.part === 'design' && method !== 'GET' && method !== 'HEAD')
    return forbidden('Only the server administrator may change design documents.');
  const allowed = MEMBER_METHODS[route.part] ?? [];
  if (!allowed.includes(method)) return methodNotAllowed(allowed.join(', '));
  if (route.part === 'changes') {
    const filter = query.filter;
    if (filter !== undefined && !(typeof filter === 'string' && SAFE_CHANGES_FILTERS.has(filter))) {
      return badRequest('Only the _doc_ids filter is supported.');
    }
    if (query.view !== undefined) return badRequest('The view parameter is not supported.');
    // express-pouchdb writes a heartbeat every `heartbeat` ms: a tiny value would burn the CPU.
    if (
      query.heartbeat !== undefined &&
      !(typeof query.heartbeat === 'string' && /^\d+$/.test(query.heartbeat) && Number(query.heartbeat) >= 1000)
    ) {
      return badRequest('heartbeat must be at least 1000 ms.');
    }
  }
  return null;
}

/** Whether a JSON body would write a design document (only the server admin may). */
export function writesDesignDoc(part: DbPart, body: unknown): boolean {
  const isDesign = (doc: unknown) =>
    typeof doc === 'object' &&
    doc !== null &&
    typeof (doc as { _id?: unknown })._id === 'string' &&
    (doc as { _id: string })._id.startsWith('_design/');
  if (part === 'bulk_docs') {
    const docs = (body as { docs?: unknown } | undefined)?.docs;
    return Array.isArray(docs) && docs.some(isDesign);
  }
  if (part === 'info' || part === 'doc') return isDesign(body);
  return false;
}
