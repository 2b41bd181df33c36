import { type UserCtx, hasRole, isActive, unitsOf, unitRole, BASE_ROLES } from './roles.ts';

/**
 * Spaces are the unit of sharing: one CouchDB database each (see DESIGN.md).
 * Database names are derived here and nowhere else; clients learn them from `/api/me`.
 */
export type SpaceKind = 'org' | 'registry' | 'unit' | 'personal';

export interface SpaceRef {
  kind: SpaceKind;
  /** `org`, `registry`, the unit id, or the account name. */
  id: string;
}

export interface Space extends SpaceRef {
  title: string;
  db: string;
}

export const DB_PREFIX = 'docket-';

/** The registry space (văn thư – sổ văn bản): clerks and leaders only (docs/decisions/0001). */
export const REGISTRY_SPACE: SpaceRef = { kind: 'registry', id: 'registry' };

/** Hex of the UTF-8 name, like CouchDB's per-user databases: any account name maps to a valid db name. */
export function hexName(name: string): string {
  return Array.from(new TextEncoder().encode(name), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function dbNameOf(space: SpaceRef): string {
  switch (space.kind) {
    case 'org':
      return `${DB_PREFIX}org`;
    case 'registry':
      return `${DB_PREFIX}registry`;
    case 'unit':
      return `${DB_PREFIX}unit-${space.id}`;
    case 'personal':
      return `${DB_PREFIX}user-${hexName(space.id)}`;
  }
}

/** Parses a database name back into its space, or null for anything that is not a space. */
export function spaceOfDbName(db: string): SpaceRef | null {
  if (db === `${DB_PREFIX}org`) return { kind: 'org', id: 'org' };
  if (db === `${DB_PREFIX}registry`) return { kind: 'registry', id: 'registry' };
  const unit = /^docket-unit-([a-z][a-z0-9-]{0,39})$/.exec(db);
  if (unit) return { kind: 'unit', id: unit[1]! };
  const user = /^docket-user-((?:[0-9a-f]{2})+)$/.exec(db);
  if (user) {
    const bytes = user[1]!.match(/../g)!.map((h) => parseInt(h, 16));
    return { kind: 'personal', id: new TextDecoder().decode(new Uint8Array(bytes)) };
  }
  return null;
}

/** The CouchDB `_security` object of a space: who may read (and, subject to validation, write) it. */
export function securityOf(space: SpaceRef): {
  admins: { names: string[]; roles: string[] };
  members: { names: string[]; roles: string[] };
} {
  const admins = { names: [], roles: ['_admin'] };
  switch (space.kind) {
    case 'org':
      return { admins, members: { names: [], roles: [...BASE_ROLES] } };
    case 'registry':
      return { admins, members: { names: [], roles: ['clerk', 'leader'] } };
    case 'unit':
      return { admins, members: { names: [], roles: [unitRole(space.id), 'leader', 'clerk'] } };
    case 'personal':
      return { admins, members: { names: [space.id], roles: [] } };
  }
}

/**
 * Whether the account may read the space. Mirrors `securityOf` so the gateway can decide without
 * a round trip; a test keeps the two in step.
 */
export function canReadSpace(user: UserCtx, space: SpaceRef): boolean {
  if (!isActive(user)) return false;
  switch (space.kind) {
    case 'org':
      return true;
    case 'registry':
      return hasRole(user, 'clerk') || hasRole(user, 'leader');
    case 'unit':
      return hasRole(user, unitRole(space.id)) || hasRole(user, 'leader') || hasRole(user, 'clerk');
    case 'personal':
      return user.name === space.id;
  }
}

/**
 * The spaces an account replicates, given the ward's units (id → title).
 * Order: org, registry (clerks and leaders), units, personal.
 */
export function spacesOf(user: UserCtx, units: ReadonlyMap<string, string>): SpaceRef[] {
  if (!isActive(user)) return [];
  const registrar = hasRole(user, 'leader') || hasRole(user, 'clerk');
  const unitIds = registrar ? [...units.keys()] : unitsOf(user).filter((u) => units.has(u));
  return [
    { kind: 'org', id: 'org' },
    ...(registrar ? [REGISTRY_SPACE] : []),
    ...unitIds.map((id): SpaceRef => ({ kind: 'unit', id })),
    { kind: 'personal', id: user.name },
  ];
}
