import { createHash } from 'node:crypto';
import { filesDbNameOf } from '../../../src/model/files.ts';
import { newId, typeOfId } from '../../../src/model/ids.ts';
import { REGISTRY_SPACE, type SpaceRef, dbNameOf, securityOf } from '../../../src/model/spaces.ts';
import { type Reply, type RequestOptions, login, request } from './http.ts';

/**
 * The role × space × operation matrix of issue 2, as tables. Spaces are columns:
 * org, unit A (vp), unit B (kt), the actor's own personal space, someone else's personal space.
 */
export const ACTORS = ['anonymous', 'staffA', 'staffB', 'headA', 'leader', 'clerk', 'appAdmin', 'serverAdmin'] as const;
export type Actor = (typeof ACTORS)[number];
export const SPACES = ['org', 'unitA', 'unitB', 'ownPersonal', 'otherPersonal'] as const;
export type SpaceCol = (typeof SPACES)[number];

/** Demo accounts playing each actor. */
export const ACCOUNT_OF: Record<Exclude<Actor, 'anonymous' | 'serverAdmin'>, string> = {
  staffA: 'an.nguyen',
  staffB: 'linh.dinh',
  headA: 'hoa.do',
  leader: 'lan.nguyen',
  clerk: 'mai.hoang',
  appAdmin: 'tri.nguyen',
};
export const UNIT_A = 'vp';
export const UNIT_B = 'kt';
/** "Someone else" for the other-personal column (nobody in ACTORS). */
export const OTHER_PERSON = 'quang.dang';

type Row = readonly [number, number, number, number, number];
const all = (s: number): Row => [s, s, s, s, s];

export const READ: Record<Actor, Row> = {
  anonymous: all(401),
  staffA: [200, 200, 403, 200, 403],
  staffB: [200, 403, 200, 200, 403],
  headA: [200, 200, 403, 200, 403],
  leader: [200, 200, 200, 200, 403],
  clerk: [200, 200, 200, 200, 403],
  appAdmin: [200, 200, 403, 200, 403],
  serverAdmin: all(200),
};

/** Write a valid document: a notice in org/unit spaces, a read marker in personal spaces. */
export const WRITE: Record<Actor, Row> = {
  anonymous: all(401),
  staffA: [403, 201, 403, 201, 403],
  staffB: [403, 403, 201, 201, 403],
  headA: [201, 201, 403, 201, 403],
  leader: [201, 201, 201, 201, 403],
  clerk: [201, 201, 201, 201, 403],
  appAdmin: [201, 201, 403, 201, 403],
  serverAdmin: all(201),
};

const adminOnly = (ok: number): Record<Actor, Row> => ({
  anonymous: all(401),
  staffA: all(403),
  staffB: all(403),
  headA: all(403),
  leader: all(403),
  clerk: all(403),
  appAdmin: all(403),
  serverAdmin: all(ok),
});
export const DESIGN_WRITE = adminOnly(201);
export const SECURITY_WRITE = adminOnly(200);

export const SERVER_OPS = ['createDb', 'deleteDb', 'allDbs', 'usersRead', 'usersWrite'] as const;
export type ServerOp = (typeof SERVER_OPS)[number];
const serverRow = (ok: number): Record<Actor, number> => ({
  anonymous: 401,
  staffA: 403,
  staffB: 403,
  headA: 403,
  leader: 403,
  clerk: 403,
  appAdmin: 403,
  serverAdmin: ok,
});
export const SERVER_EXPECTED: Record<ServerOp, Record<Actor, number>> = {
  createDb: serverRow(201),
  deleteDb: serverRow(200),
  allDbs: serverRow(200),
  usersRead: serverRow(200),
  usersWrite: serverRow(201),
};

export interface MatrixContext {
  url: string;
  admin: { name: string; password: string };
  auth: Record<Actor, Pick<RequestOptions, 'cookie' | 'basic'>>;
}

export async function matrixContext(url: string, admin: { name: string; password: string }, password: string): Promise<MatrixContext> {
  const auth = { anonymous: {}, serverAdmin: { basic: admin } } as Record<Actor, Pick<RequestOptions, 'cookie' | 'basic'>>;
  for (const [actor, name] of Object.entries(ACCOUNT_OF)) auth[actor as Actor] = { cookie: await login(url, name, password) };
  return { url, admin, auth };
}

export function accountOf(actor: Actor): string {
  return actor === 'anonymous' || actor === 'serverAdmin' ? ACCOUNT_OF.staffA : ACCOUNT_OF[actor];
}

export function spaceOf(actor: Actor, col: SpaceCol): SpaceRef {
  switch (col) {
    case 'org':
      return { kind: 'org', id: 'org' };
    case 'unitA':
      return { kind: 'unit', id: UNIT_A };
    case 'unitB':
      return { kind: 'unit', id: UNIT_B };
    case 'ownPersonal':
      return { kind: 'personal', id: accountOf(actor) };
    case 'otherPersonal':
      return { kind: 'personal', id: OTHER_PERSON };
  }
}

/** A document the actor may legitimately write into the space (the rules decide whether they may). */
export function validDocFor(actor: Actor, space: SpaceRef): Record<string, unknown> {
  const createdBy = actor === 'serverAdmin' ? 'admin' : accountOf(actor);
  const base = { schema: 1, createdAt: new Date().toISOString(), createdBy };
  if (space.kind === 'personal') {
    const noticeId = newId('notice');
    return { _id: `noticeRead:${noticeId.slice(7)}`, type: 'noticeRead', noticeId, readAt: new Date().toISOString(), ...base };
  }
  return {
    _id: newId('notice'),
    type: 'notice',
    title: `Thông báo thử (${actor})`,
    body: 'Nội dung',
    pinned: false,
    authorName: createdBy,
    ...base,
  };
}

const adminGet = (ctx: MatrixContext, path: string): Promise<Reply> => request(`${ctx.url}/db/${path}`, { basic: ctx.admin });

export type Op = 'read' | 'write' | 'design' | 'security';

export interface CellResult {
  status: number;
  /** What the store holds afterwards, checked as server admin: true when the effect happened. */
  stored: boolean | null;
}

/** Runs one cell and reports the status and whether the effect is stored. */
export async function runCell(ctx: MatrixContext, actor: Actor, col: SpaceCol, op: Op): Promise<CellResult> {
  const space = spaceOf(actor, col);
  const db = dbNameOf(space);
  const auth = ctx.auth[actor];
  switch (op) {
    case 'read': {
      const r = await request(`${ctx.url}/db/${db}/_all_docs?limit=5`, auth);
      return { status: r.status, stored: null };
    }
    case 'write': {
      const doc = validDocFor(actor, space);
      const id = encodeURIComponent(String(doc._id));
      const r = await request(`${ctx.url}/db/${db}/${id}`, { ...auth, method: 'PUT', body: doc });
      const check = await adminGet(ctx, `${db}/${id}`);
      if (check.status === 200 && typeOfId(check.json._id) !== doc.type) throw new Error('stored the wrong document');
      return { status: r.status, stored: check.status === 200 };
    }
    case 'design': {
      const id = `_design/x${Math.random().toString(36).slice(2, 8)}`;
      const r = await request(`${ctx.url}/db/${db}/${id}`, { ...auth, method: 'PUT', body: { views: {} } });
      const check = await adminGet(ctx, `${db}/${id}`);
      return { status: r.status, stored: check.status === 200 };
    }
    case 'security': {
      const wanted = securityOf(space);
      const forged = { admins: wanted.admins, members: { names: [...wanted.members.names, 'intruder'], roles: wanted.members.roles } };
      const r = await request(`${ctx.url}/db/${db}/_security`, { ...auth, method: 'PUT', body: forged });
      const check = await adminGet(ctx, `${db}/_security`);
      const stored = (check.json?.members?.names ?? []).includes('intruder');
      if (stored) await request(`${ctx.url}/db/${db}/_security`, { basic: ctx.admin, method: 'PUT', body: wanted });
      return { status: r.status, stored };
    }
  }
}

/** Server-level operations; `stored` tells whether the effect happened. */
export async function runServerOp(ctx: MatrixContext, actor: Actor, op: ServerOp): Promise<CellResult> {
  const auth = ctx.auth[actor];
  const tag = `${actor.toLowerCase()}-${Math.random().toString(36).slice(2, 7)}`;
  switch (op) {
    case 'createDb': {
      const db = `docket-unit-new-${tag}`;
      const r = await request(`${ctx.url}/db/${db}`, { ...auth, method: 'PUT' });
      const check = await adminGet(ctx, db);
      if (check.status === 200) await request(`${ctx.url}/db/${db}`, { basic: ctx.admin, method: 'DELETE' });
      return { status: r.status, stored: check.status === 200 };
    }
    case 'deleteDb': {
      const db = `docket-unit-del-${tag}`;
      const created = await request(`${ctx.url}/db/${db}`, { basic: ctx.admin, method: 'PUT' });
      if (created.status !== 201) throw new Error(`could not create ${db}: ${created.status}`);
      const r = await request(`${ctx.url}/db/${db}`, { ...auth, method: 'DELETE' });
      const check = await adminGet(ctx, db);
      if (check.status === 200) await request(`${ctx.url}/db/${db}`, { basic: ctx.admin, method: 'DELETE' });
      return { status: r.status, stored: check.status === 404 };
    }
    case 'allDbs': {
      const r = await request(`${ctx.url}/db/_all_dbs`, auth);
      return { status: r.status, stored: null };
    }
    case 'usersRead': {
      const r = await request(`${ctx.url}/db/_users/_all_docs`, auth);
      return { status: r.status, stored: null };
    }
    case 'usersWrite': {
      const name = `zz-${tag}`;
      const id = `org.couchdb.user:${name}`;
      const r = await request(`${ctx.url}/db/_users/${encodeURIComponent(id)}`, {
        ...auth,
        method: 'PUT',
        body: { _id: id, name, type: 'user', roles: ['leader'], password: 'pw123456' },
      });
      const check = await adminGet(ctx, `_users/${encodeURIComponent(id)}`);
      return { status: r.status, stored: check.status === 200 };
    }
  }
}

// ————————————————————————————————————————————— issue 7: the cells issue 2's matrix left out
//
// The issue asks for every role × every space kind × every /db and /api route. Added here: the registry space and
// the files databases (of the registry, both units, both personal spaces and the org space) as columns; `_changes`, `_bulk_get`,
// attachment downloads and `/api/changes` as operations over every column; `_config`, `_node/…/_config`,
// `_replicate`, `/api/me` and `/api/keys` as server-level operations.

export const MORE_SPACES = [
  'registry',
  'filesRegistry',
  'filesUnitA',
  'filesUnitB',
  'filesOwnPersonal',
  'filesOtherPersonal',
  'filesOrg',
] as const;
export type MoreCol = (typeof MORE_SPACES)[number];
export const ALL_SPACES = [...SPACES, ...MORE_SPACES] as const;
export type AnyCol = (typeof ALL_SPACES)[number];

type Row12 = readonly [number, number, number, number, number, number, number, number, number, number, number, number];
const all12 = (s: number): Row12 => [s, s, s, s, s, s, s, s, s, s, s, s];

/** The database of a column, for this actor. */
export function dbOfCol(actor: Actor, col: AnyCol): string {
  switch (col) {
    case 'registry':
      return dbNameOf(REGISTRY_SPACE);
    case 'filesRegistry':
      return filesDbNameOf(REGISTRY_SPACE);
    case 'filesUnitA':
      return filesDbNameOf({ kind: 'unit', id: UNIT_A });
    case 'filesUnitB':
      return filesDbNameOf({ kind: 'unit', id: UNIT_B });
    case 'filesOwnPersonal':
      return filesDbNameOf({ kind: 'personal', id: accountOf(actor) });
    case 'filesOtherPersonal':
      return filesDbNameOf({ kind: 'personal', id: OTHER_PERSON });
    case 'filesOrg':
      return filesDbNameOf({ kind: 'org', id: 'org' });
    default:
      return dbNameOf(spaceOf(actor, col));
  }
}

/**
 * Who may read each column (`_all_docs`, `_changes`, `_bulk_get`, attachments): a files database has its
 * space's readers. Columns: org, unitA, unitB, ownPersonal, otherPersonal, registry, filesRegistry, filesUnitA,
 * filesUnitB, filesOwnPersonal, filesOtherPersonal, filesOrg (every active account of the ward, like the org space).
 */
export const READ_ALL: Record<Actor, Row12> = {
  anonymous: all12(401),
  staffA: [200, 200, 403, 200, 403, 403, 403, 200, 403, 200, 403, 200],
  staffB: [200, 403, 200, 200, 403, 403, 403, 403, 200, 200, 403, 200],
  headA: [200, 200, 403, 200, 403, 403, 403, 200, 403, 200, 403, 200],
  leader: [200, 200, 200, 200, 403, 200, 200, 200, 200, 200, 403, 200],
  clerk: [200, 200, 200, 200, 403, 200, 200, 200, 200, 200, 403, 200],
  appAdmin: [200, 200, 403, 200, 403, 403, 403, 200, 403, 200, 403, 200],
  serverAdmin: all12(200),
};

/**
 * `POST /api/changes` naming the column's database: spaces only (a files database is not followed there: 403),
 * for the space's readers; the server admin has no app account there (403).
 */
export const API_CHANGES: Record<Actor, Row12> = {
  anonymous: all12(401),
  staffA: [200, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403],
  staffB: [200, 403, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403],
  headA: [200, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403],
  leader: [200, 200, 200, 200, 403, 200, 403, 403, 403, 403, 403, 403],
  clerk: [200, 200, 200, 200, 403, 200, 403, 403, 403, 403, 403, 403],
  appAdmin: [200, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403],
  serverAdmin: all12(403),
};

const adminOnly12 = (ok: number): Record<Actor, Row12> => ({
  anonymous: all12(401),
  staffA: all12(403),
  staffB: all12(403),
  headA: all12(403),
  leader: all12(403),
  clerk: all12(403),
  appAdmin: all12(403),
  serverAdmin: all12(ok),
});
export const DESIGN_WRITE_ALL = adminOnly12(201);
export const SECURITY_WRITE_ALL = adminOnly12(200);

export type MoreOp = 'read' | 'changes' | 'bulkGet' | 'attachment' | 'apiChanges' | 'design' | 'security';
export const MORE_OPS: Record<MoreOp, Record<Actor, Row12>> = {
  read: READ_ALL,
  changes: READ_ALL,
  bulkGet: READ_ALL,
  attachment: READ_ALL,
  apiChanges: API_CHANGES,
  design: DESIGN_WRITE_ALL,
  security: SECURITY_WRITE_ALL,
};

/** Spaces whose documents may carry no attachments (their files live in their files databases). */
export const NO_ATTACHMENTS: readonly AnyCol[] = ['registry', 'ownPersonal', 'otherPersonal'];

/** An attachment to download in each database (seeded by `seedAttachments`); spaces whose rules allow none have none. */
export type AttachmentSeeds = Map<string, { id: string; name: string }>;

const spaceOfCol = (actor: Actor, col: AnyCol): SpaceRef => {
  switch (col) {
    case 'registry':
    case 'filesRegistry':
      return REGISTRY_SPACE;
    case 'filesUnitA':
      return { kind: 'unit', id: UNIT_A };
    case 'filesUnitB':
      return { kind: 'unit', id: UNIT_B };
    case 'filesOwnPersonal':
      return { kind: 'personal', id: accountOf(actor) };
    case 'filesOtherPersonal':
      return { kind: 'personal', id: OTHER_PERSON };
    case 'filesOrg':
      return { kind: 'org', id: 'org' };
    default:
      return spaceOf(actor, col);
  }
};

/**
 * As the server admin: a notice with an attachment in the org and unit spaces, a file with its bytes in every files
 * database of the columns (created with its space's `_security` when the space has none yet). The registry and
 * personal spaces hold no attachments by rule (their files live in their files databases).
 */
export async function seedAttachments(ctx: MatrixContext): Promise<AttachmentSeeds> {
  const seeds: AttachmentSeeds = new Map();
  const png = Buffer.from('89504e470d0a1a0a', 'hex');
  for (const actor of ACTORS) {
    for (const col of ALL_SPACES) {
      const db = dbOfCol(actor, col);
      if (seeds.has(db) || NO_ATTACHMENTS.includes(col)) continue;
      if (col.startsWith('files')) {
        if ((await adminGet(ctx, db)).status === 404) {
          await request(`${ctx.url}/db/${db}`, { basic: ctx.admin, method: 'PUT' });
          await request(`${ctx.url}/db/${db}/_security`, { basic: ctx.admin, method: 'PUT', body: securityOf(spaceOfCol(actor, col)) });
        }
        const id = newId('file');
        const doc = {
          _id: id,
          type: 'file',
          schema: 1,
          createdAt: new Date().toISOString(),
          createdBy: 'admin',
          ownerId: 'task:01MATRIX',
          name: 'matrix.png',
          contentType: 'image/png',
          size: png.length,
          sha256: createHash('sha256').update(new Uint8Array(png)).digest('base64'),
          _attachments: { data: { content_type: 'image/png', data: png.toString('base64') } },
        };
        const r = await request(`${ctx.url}/db/${db}/${encodeURIComponent(id)}`, { basic: ctx.admin, method: 'PUT', body: doc });
        if (r.status !== 201) throw new Error(`seed ${db}: ${r.status} ${r.text}`);
        seeds.set(db, { id, name: 'data' });
      } else {
        const doc: Record<string, unknown> = {
          ...validDocFor('serverAdmin', spaceOfCol(actor, col)),
          _attachments: { 'matrix.png': { content_type: 'image/png', data: png.toString('base64') } },
        };
        const r = await request(`${ctx.url}/db/${db}/${encodeURIComponent(String(doc._id))}`, {
          basic: ctx.admin,
          method: 'PUT',
          body: doc,
        });
        if (r.status !== 201) throw new Error(`seed ${db}: ${r.status} ${r.text}`);
        seeds.set(db, { id: String(doc._id), name: 'matrix.png' });
      }
    }
  }
  return seeds;
}

/** Runs one cell of the extended matrix. */
export async function runMoreCell(ctx: MatrixContext, seeds: AttachmentSeeds, actor: Actor, col: AnyCol, op: MoreOp): Promise<CellResult> {
  const db = dbOfCol(actor, col);
  const auth = ctx.auth[actor];
  switch (op) {
    case 'read':
      return { status: (await request(`${ctx.url}/db/${db}/_all_docs?limit=1`, auth)).status, stored: null };
    case 'changes':
      return { status: (await request(`${ctx.url}/db/${db}/_changes?limit=1&style=all_docs`, auth)).status, stored: null };
    case 'bulkGet': {
      const r = await request(`${ctx.url}/db/${db}/_bulk_get?revs=true`, {
        ...auth,
        method: 'POST',
        body: { docs: [{ id: '_design/docket' }] },
      });
      return { status: r.status, stored: null };
    }
    case 'attachment': {
      const seed = seeds.get(db);
      if (!seed) throw new Error(`no attachment seeded in ${db}`);
      const r = await request(`${ctx.url}/db/${db}/${encodeURIComponent(seed.id)}/${seed.name}`, auth);
      return { status: r.status, stored: null };
    }
    case 'apiChanges': {
      const r = await request(`${ctx.url}/api/changes`, { ...auth, method: 'POST', body: { dbs: { [db]: null } } });
      return { status: r.status, stored: null };
    }
    case 'design': {
      const id = `_design/x${Math.random().toString(36).slice(2, 8)}`;
      const r = await request(`${ctx.url}/db/${db}/${id}`, { ...auth, method: 'PUT', body: { views: {} } });
      const check = await adminGet(ctx, `${db}/${id}`);
      return { status: r.status, stored: check.status === 200 };
    }
    case 'security': {
      const before = await adminGet(ctx, `${db}/_security`);
      const wanted = before.json as { admins: { names: string[]; roles: string[] }; members: { names: string[]; roles: string[] } };
      const forged = {
        admins: wanted.admins,
        members: { names: [...(wanted.members?.names ?? []), 'intruder'], roles: wanted.members?.roles ?? [] },
      };
      const r = await request(`${ctx.url}/db/${db}/_security`, { ...auth, method: 'PUT', body: forged });
      const check = await adminGet(ctx, `${db}/_security`);
      const stored = (check.json?.members?.names ?? []).includes('intruder');
      if (stored) await request(`${ctx.url}/db/${db}/_security`, { basic: ctx.admin, method: 'PUT', body: wanted });
      return { status: r.status, stored };
    }
  }
}

export const MORE_SERVER_OPS = ['config', 'nodeConfigAdmin', 'replicate', 'apiMe', 'apiKeys'] as const;
export type MoreServerOp = (typeof MORE_SERVER_OPS)[number];
const users = (s: number) => ({ staffA: s, staffB: s, headA: s, leader: s, clerk: s, appAdmin: s });
/** express-pouchdb has `_replicate` excluded (STACK-NOTES): even the server admin gets 404 there. */
export const MORE_SERVER_EXPECTED: Record<MoreServerOp, Record<Actor, number>> = {
  config: { anonymous: 401, ...users(403), serverAdmin: 200 },
  // The gateway parses bodies strictly (objects and lists only): the JSON string CouchDB's config API takes is a
  // 400 even for the server admin, who uses the admin CLI instead. Nobody else gets past 401/403.
  nodeConfigAdmin: { anonymous: 401, ...users(403), serverAdmin: 400 },
  replicate: { anonymous: 401, ...users(403), serverAdmin: 404 },
  apiMe: { anonymous: 401, ...users(200), serverAdmin: 403 },
  apiKeys: { anonymous: 401, ...users(201), serverAdmin: 403 },
};

/** Server-level operations of the extension; `stored` tells whether the effect happened. */
export async function runMoreServerOp(ctx: MatrixContext, actor: Actor, op: MoreServerOp): Promise<CellResult> {
  const auth = ctx.auth[actor];
  const tag = `${actor.toLowerCase()}${Math.random().toString(36).slice(2, 7)}`;
  switch (op) {
    case 'config':
      return { status: (await request(`${ctx.url}/db/_config`, auth)).status, stored: null };
    case 'nodeConfigAdmin': {
      // The privilege escalation of STACK-NOTES: creating a server admin through _node/…/_config.
      const name = `zz${tag}`;
      const r = await request(`${ctx.url}/db/_node/node1@127.0.0.1/_config/admins/${name}`, {
        ...auth,
        method: 'PUT',
        body: 'pw-12345678',
      });
      const asNew = await request(`${ctx.url}/db/_all_dbs`, { basic: { name, password: 'pw-12345678' } });
      if (asNew.status === 200)
        await request(`${ctx.url}/db/_node/node1@127.0.0.1/_config/admins/${name}`, { basic: ctx.admin, method: 'DELETE' });
      return { status: r.status, stored: asNew.status === 200 };
    }
    case 'replicate': {
      const target = `docket-unit-rep${tag}`;
      const r = await request(`${ctx.url}/db/_replicate`, {
        ...auth,
        method: 'POST',
        body: { source: 'docket-org', target, create_target: true },
      });
      const check = await adminGet(ctx, target);
      if (check.status === 200) await request(`${ctx.url}/db/${target}`, { basic: ctx.admin, method: 'DELETE' });
      return { status: r.status, stored: check.status === 200 };
    }
    case 'apiMe':
      return { status: (await request(`${ctx.url}/api/me`, auth)).status, stored: null };
    case 'apiKeys': {
      const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
      const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
      const r = await request(`${ctx.url}/api/keys`, { ...auth, method: 'POST', body: { jwk: { kty, crv, x, y } } });
      return { status: r.status, stored: null };
    }
  }
}
