import { type UserCtx, hasRole, isActive, unitsOf, unitRole, BASE_ROLES } from './roles.ts';

/**
 * Spaces are the unit of sharing: one CouchDB database each (see DESIGN.md).
 * Database names are derived here and nowhere else; clients learn them from `/api/me`.
 */
export type SpaceKind = 'org' | 'registry' | 'unit' | 'personal' | 'conversation';

export interface SpaceRef {
  kind: SpaceKind;
  /**
   * `org`, `registry`, the unit id, the account name, or the conversation id: a lowercase ULID (a group), or
   * `dm-<24 hex>` (a direct conversation: `directConversationId`).
   */
  id: string;
}

/** What `/api/me` says about a conversation space (docs/decisions/0005). */
export interface ConversationInfo {
  kind: 'direct' | 'group';
  /** Groups only. */
  title?: string;
  createdBy: string;
  createdAt: string;
}

export interface Space extends SpaceRef {
  title: string;
  db: string;
  /** Conversation spaces: the member accounts. */
  members?: string[];
  /** Conversation spaces. */
  conversation?: ConversationInfo;
}

export const DB_PREFIX = 'docket-';

/** The registry space (văn thư – sổ văn bản): clerks and leaders only (docs/decisions/0001). */
export const REGISTRY_SPACE: SpaceRef = { kind: 'registry', id: 'registry' };

/** A group conversation's id: a lowercase ULID. */
export const GROUP_CONVERSATION_ID = /^[0-9a-hjkmnp-tv-z]{26}$/;
/** A direct conversation's id: `dm-` and the first 24 hex characters of SHA-256 of the two names, sorted, joined by `\n`. */
export const DIRECT_CONVERSATION_ID = /^dm-[0-9a-f]{24}$/;

export const isConversationId = (id: string): boolean => GROUP_CONVERSATION_ID.test(id) || DIRECT_CONVERSATION_ID.test(id);

/** The text hashed for the direct conversation of two accounts (order does not matter). */
export const directConversationKey = (a: string, b: string): string => [a, b].sort().join('\n');

/** The id of the direct conversation of two accounts (Web Crypto: browsers and Node alike). */
export async function directConversationId(a: string, b: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(directConversationKey(a, b)));
  const hex = Array.from(new Uint8Array(digest), (x) => x.toString(16).padStart(2, '0')).join('');
  return `dm-${hex.slice(0, 24)}`;
}

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
    case 'conversation':
      return `${DB_PREFIX}conv-${space.id}`;
  }
}

/** Parses a database name back into its space, or null for anything that is not a space. */
export function spaceOfDbName(db: string): SpaceRef | null {
  if (db === `${DB_PREFIX}org`) return { kind: 'org', id: 'org' };
  if (db === `${DB_PREFIX}registry`) return { kind: 'registry', id: 'registry' };
  const unit = /^docket-unit-([a-z][a-z0-9-]{0,39})$/.exec(db);
  if (unit) return { kind: 'unit', id: unit[1]! };
  const conv = /^docket-conv-(dm-[0-9a-f]{24}|[0-9a-hjkmnp-tv-z]{26})$/.exec(db);
  if (conv) return { kind: 'conversation', id: conv[1]! };
  const user = /^docket-user-((?:[0-9a-f]{2})+)$/.exec(db);
  if (user) {
    const bytes = user[1]!.match(/../g)!.map((h) => parseInt(h, 16));
    return { kind: 'personal', id: new TextDecoder().decode(new Uint8Array(bytes)) };
  }
  return null;
}

/**
 * The CouchDB `_security` object of a space: who may read (and, subject to validation, write) it. A conversation's
 * readers are its members by name, nobody by role (not leaders, not the app administrator): `members` gives them.
 */
export function securityOf(
  space: SpaceRef,
  members: readonly string[] = [],
): {
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
    case 'conversation':
      return { admins, members: { names: [...new Set(members)].sort(), roles: [] } };
  }
}

/**
 * Whether the account may read the space. Mirrors `securityOf` so the gateway can decide without
 * a round trip; a test keeps the two in step. A conversation's members are not in the account's roles: the
 * caller passes them (the server's conversation registry); without them nobody reads a conversation.
 */
export function canReadSpace(user: UserCtx, space: SpaceRef, members?: readonly string[]): boolean {
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
    case 'conversation':
      return !!members && members.includes(user.name);
  }
}

/**
 * The spaces an account replicates, given the ward's units (id → title).
 * Order: org, registry (clerks and leaders), units, personal. Conversations come from the server's registry
 * (`/api/me` lists them after these).
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
