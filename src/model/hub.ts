import { type SpaceRef, REGISTRY_SPACE } from './spaces.ts';
import { UNIT_ID_PATTERN } from './roles.ts';

/**
 * Field hubs (docs/decisions/0006): a Docket server that serves a team's devices on a local network and
 * replicates the spaces its upstream granted it, both ways, whenever a connection exists.
 */

/** The role of a hub's account on its upstream. Not a base role: the account cannot use `/db` or the app. */
export const HUB_ROLE = 'docket:hub';

/** Hub accounts are named `hub-<slug>`, so they never collide with a person's account. */
export const HUB_ACCOUNT_PATTERN = /^hub-[a-z0-9][a-z0-9-]{0,35}$/;

/** Whether an account is a hub's (its `_users` document, or a session's user). */
export const isHubAccount = (user: { roles?: string[] }): boolean => (user.roles ?? []).includes(HUB_ROLE);

export const hubAccountName = (slug: string): string => (slug.startsWith('hub-') ? slug : `hub-${slug}`);

/**
 * The spaces a hub may be granted, as written on the command line: `org`, `registry`, `unit:<id>`. Personal
 * spaces come with the units (each member's own space); conversations are not replicated to hubs.
 */
export type HubSpaceSpec = string;

/** Parses one grant (`org`, `registry`, `unit:kt`); null when it is none of those. */
export function parseHubSpace(spec: string): SpaceRef | null {
  const s = spec.trim();
  if (s === 'org') return { kind: 'org', id: 'org' };
  if (s === 'registry') return REGISTRY_SPACE;
  const unit = /^unit:(.+)$/.exec(s);
  if (unit && UNIT_ID_PATTERN.test(unit[1]!)) return { kind: 'unit', id: unit[1]! };
  return null;
}

export const hubSpaceSpec = (space: SpaceRef): HubSpaceSpec => (space.kind === 'unit' ? `unit:${space.id}` : space.kind);

/** What the upstream keeps on a hub's `_users` document. */
export interface HubGrantRecord {
  spaces: HubSpaceSpec[];
  createdAt: string;
  createdBy: string;
}

/** One account the hub may let sign in: the upstream's `_users` document with its password hash. */
export interface HubAccount {
  _id: string;
  name: string;
  type: 'user';
  roles: string[];
  password_scheme?: string;
  iterations?: number;
  derived_key?: string;
  salt?: string;
  pbkdf2_prf?: string;
}

/** `GET /hub/api/grant` on the upstream: what a hub replicates and who signs in there. */
export interface HubGrant {
  hub: string;
  /** The granted spaces and the personal spaces of the accounts below. */
  spaces: SpaceRef[];
  /** Database names: each space and its files database. */
  dbs: string[];
  accounts: HubAccount[];
  /** The upstream's issuing body (number/symbols, registers), shown the same at the hub. */
  issuer?: { code: string; name: string };
}

export type HubLinkState = 'connecting' | 'syncing' | 'upToDate' | 'offline' | 'error';

/** Worst first: a link, or a space with its files database, shows the worse of two states. */
const LINK_SEVERITY: readonly HubLinkState[] = ['error', 'offline', 'connecting', 'syncing', 'upToDate'];

export const worseLinkState = (a: HubLinkState, b: HubLinkState): HubLinkState =>
  LINK_SEVERITY.indexOf(a) <= LINK_SEVERITY.indexOf(b) ? a : b;

/** One replicated database as the hub's status page shows it. */
export interface HubDbStatus {
  db: string;
  space: SpaceRef;
  /** The unit's name or the person's display name, from the directory at the hub (absent for org and registry). */
  name?: string;
  files: boolean;
  state: HubLinkState;
  /** Last time both directions were caught up (ISO). */
  lastSyncAt?: string;
  /** Changes made at the hub not yet confirmed by the upstream (null: not known yet). */
  pendingUp: number | null;
  /** Changes on the upstream not yet at the hub (null: unknown while cut off). */
  pendingDown: number | null;
  /** Documents here with conflicting revisions (the app's rules pick the shown one; both stay reachable). */
  conflicts: number;
  /** Documents the upstream refused (newest first, at most 50). */
  rejected: Array<{ id: string; reason: string; at: string }>;
  error?: string;
}

/** `GET /api/hub/status` at a hub. */
export interface HubStatus {
  hub: string;
  /** The upstream's origin (never its credentials). */
  upstream: string;
  connected: boolean;
  /** Last time the grant (spaces and accounts) was read from the upstream. */
  lastContactAt?: string;
  error?: string;
  accounts: number;
  /** Databases in the last grant read (`dbs` holds those replicating already: fewer while the hub starts). */
  granted: number;
  /** Incoming documents registered here that wait for their arrival number from the upstream. */
  awaitingNumbers: number;
  dbs: HubDbStatus[];
  /**
   * Databases no longer granted that held changes made here the upstream never got: kept at the hub, readable by its
   * server admin only, so nothing is lost (`unsent`: how many; null when it could not be counted).
   */
  retained: Array<{ db: string; unsent: number | null }>;
}
