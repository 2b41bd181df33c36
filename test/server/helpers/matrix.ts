import { newId, typeOfId } from '../../../src/model/ids.ts';
import { type SpaceRef, dbNameOf, securityOf } from '../../../src/model/spaces.ts';
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
