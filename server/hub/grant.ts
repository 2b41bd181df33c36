import {
  HUB_ACCOUNT_PATTERN,
  HUB_ROLE,
  type HubAccount,
  type HubGrant,
  type HubGrantRecord,
  hubAccountName,
  hubSpaceSpec,
  isHubAccount,
  parseHubSpace,
} from '../../src/model/hub.ts';
import { filesDbNameOf } from '../../src/model/files.ts';
import { isActive, unitsOf } from '../../src/model/roles.ts';
import { type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { AccountError, generatePassword } from '../services/accounts.ts';
import { USER_PREFIX, type UserRecord, getUserRecord, listUnits, listUserRecords } from '../services/directory.ts';
import type { Store } from '../store/types.ts';

/**
 * The upstream's side of field hubs (docs/decisions/0006): a hub is an account with the role `docket:hub` and the
 * list of spaces it was granted. Its grant is computed on every request from the directory as it is now, so a
 * person moved out of a granted unit, or disabled, leaves the hub at its next sync.
 */

interface HubUserRecord extends UserRecord {
  docketHub?: HubGrantRecord;
}

/** Validates the spaces of a grant against the ward's units. */
async function parseGrant(store: Store, specs: readonly string[]): Promise<SpaceRef[]> {
  if (!specs.length) throw new AccountError('invalid', 'A hub needs at least one space (org, registry or unit:<id>).');
  const units = new Set((await listUnits(store)).map((u) => u.unitId));
  const spaces: SpaceRef[] = [];
  for (const spec of specs) {
    const space = parseHubSpace(spec);
    if (!space) throw new AccountError('invalid', `"${spec}" is not a space a hub can hold (org, registry or unit:<id>).`);
    if (space.kind === 'unit' && !units.has(space.id)) throw new AccountError('not_found', `Unit "${space.id}" does not exist.`);
    if (!spaces.some((s) => s.kind === space.kind && s.id === space.id)) spaces.push(space);
  }
  return spaces;
}

/** Creates a hub's account; returns its name and password (shown once: the hub's operator puts them in its config). */
export async function createHub(
  store: Store,
  slug: string,
  specs: readonly string[],
  createdBy: string,
): Promise<{ name: string; password: string; spaces: SpaceRef[] }> {
  const name = hubAccountName(slug);
  if (!HUB_ACCOUNT_PATTERN.test(name))
    throw new AccountError('invalid', `Hub name "${slug}" must be 1–36 lowercase letters, digits or "-" (the account is hub-<name>).`);
  const spaces = await parseGrant(store, specs);
  if (await getUserRecord(store, name)) throw new AccountError('exists', `Account "${name}" already exists.`);
  const password = generatePassword();
  const record: HubUserRecord = {
    _id: USER_PREFIX + name,
    name,
    type: 'user',
    roles: [HUB_ROLE],
    password,
    docketHub: { spaces: spaces.map(hubSpaceSpec), createdAt: new Date().toISOString(), createdBy },
  };
  await (await store.db('_users')).put(record);
  return { name, password, spaces };
}

/** Removes a hub's account: its next request is refused, and it keeps only what it already holds. */
export async function revokeHub(store: Store, slug: string): Promise<void> {
  const name = hubAccountName(slug);
  const user = await getUserRecord(store, name);
  if (!user || !isHubAccount(user)) throw new AccountError('not_found', `Hub "${name}" does not exist.`);
  await (await store.db('_users')).remove(user._id, user._rev!);
}

export async function listHubs(store: Store): Promise<Array<{ name: string; spaces: string[]; createdAt?: string }>> {
  return (await listUserRecords(store)).filter(isHubAccount).map((u) => {
    const g = (u as HubUserRecord).docketHub;
    return { name: u.name, spaces: g?.spaces ?? [], ...(g?.createdAt ? { createdAt: g.createdAt } : {}) };
  });
}

const HASH_FIELDS = ['password_scheme', 'iterations', 'derived_key', 'salt', 'pbkdf2_prf'] as const;

function accountOf(u: UserRecord): HubAccount {
  const out: HubAccount = { _id: u._id, name: u.name, type: 'user', roles: [...u.roles] };
  const rec = u as unknown as Record<string, unknown>;
  for (const k of HASH_FIELDS) if (rec[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = rec[k];
  return out;
}

/**
 * What the hub `name` replicates now: its granted spaces, the personal spaces of the active members of its granted
 * units, each with its files database, and those members' accounts with their password hashes (so that they sign
 * in at the hub with their usual password). Null when there is no such hub.
 */
export async function grantOf(store: Store, name: string): Promise<HubGrant | null> {
  const hub = (await getUserRecord(store, name)) as HubUserRecord | null;
  if (!hub || !isHubAccount(hub)) return null;
  const granted = (hub.docketHub?.spaces ?? []).map(parseHubSpace).filter((s): s is SpaceRef => !!s);
  const units = new Set(granted.filter((s) => s.kind === 'unit').map((s) => s.id));
  const members = (await listUserRecords(store)).filter(
    (u) =>
      !isHubAccount(u) &&
      isActive({ name: u.name, roles: u.roles }) &&
      unitsOf({ name: u.name, roles: u.roles }).some((id) => units.has(id)),
  );
  const spaces: SpaceRef[] = [...granted, ...members.map((u): SpaceRef => ({ kind: 'personal', id: u.name }))];
  return {
    hub: name,
    spaces,
    dbs: spaces.flatMap((s) => [dbNameOf(s), filesDbNameOf(s)]),
    accounts: members.map(accountOf),
  };
}
