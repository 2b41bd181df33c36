import { isHubAccount } from '../../src/model/hub.ts';
import { randomBytes } from 'node:crypto';
import { compareVi } from '../../src/model/collate.ts';
import type { PersonDoc, UnitDoc } from '../../src/model/directory.ts';
import { personDocId, unitDocId } from '../../src/model/directory.ts';
import { describePasswordProblem, passwordProblem } from '../../src/model/password-policy.ts';
import {
  type BaseRole,
  MUST_CHANGE_PASSWORD_ROLE,
  UNIT_ID_PATTERN,
  USER_NAME_PATTERN,
  headRole,
  isActive,
  isBaseRole,
  unitRole,
} from '../../src/model/roles.ts';
import type { Store } from '../store/types.ts';
import { ensureSpace } from '../setup/spaces.ts';
import {
  ORG_DB,
  USER_PREFIX,
  getOrNull,
  getPerson,
  getUserRecord,
  listPeople,
  listUnits,
  listUserRecords,
  type UserRecord,
} from './directory.ts';
import { notifyAccountsChanged } from './events.ts';

export type AccountErrorCode = 'invalid' | 'not_found' | 'exists';

/** A refusal the caller can explain: bad input, something missing, or already there. */
export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const SYSTEM = 'system';
const now = (): string => new Date().toISOString();

export const generatePassword = (): string => randomBytes(12).toString('base64url');

/** Refuses a password the policy does not accept (src/model/password-policy.ts). */
export function checkPassword(password: string, name: string): void {
  const problem = passwordProblem(password, name);
  if (problem) throw new AccountError('invalid', describePasswordProblem(problem));
}

export interface PasswordOptions {
  /** The password is one-time: its owner must choose a new one at first sign-in (set by an administrator). */
  oneTime?: boolean;
  /** Apply the password policy (default). The demo ward's shared password skips it. */
  policy?: boolean;
}

export interface CreateUnitInput {
  unitId: string;
  name: string;
  shortName?: string;
  order?: number;
}

export async function createUnit(store: Store, input: CreateUnitInput): Promise<UnitDoc> {
  if (!UNIT_ID_PATTERN.test(input.unitId))
    throw new AccountError('invalid', `Unit id "${input.unitId}" must be lowercase letters, digits or "-", starting with a letter.`);
  const name = input.name.trim();
  if (!name || name.length > 200) throw new AccountError('invalid', 'Unit name must be 1–200 characters.');
  const org = await store.db(ORG_DB);
  if (await getOrNull(org, unitDocId(input.unitId))) throw new AccountError('exists', `Unit "${input.unitId}" already exists.`);
  const order = input.order ?? (await listUnits(store)).reduce((max, u) => Math.max(max, u.order), 0) + 1;
  const doc: UnitDoc = {
    _id: unitDocId(input.unitId),
    type: 'unit',
    schema: 1,
    createdAt: now(),
    createdBy: SYSTEM,
    unitId: input.unitId,
    name,
    shortName: (input.shortName ?? input.unitId.toUpperCase()).trim(),
    order,
  };
  await org.put(doc);
  await ensureSpace(store, { kind: 'unit', id: input.unitId });
  notifyAccountsChanged();
  return doc;
}

export interface UpdateUnitInput {
  name?: string;
  shortName?: string;
  order?: number;
}

/**
 * Renames or reorders a unit. Its id (the space's name, the `unit:` roles) never changes: every document
 * and account refers to it. The change reaches every device through the org space.
 */
export async function updateUnit(store: Store, unitId: string, input: UpdateUnitInput): Promise<UnitDoc> {
  const org = await store.db(ORG_DB);
  const unit = await getOrNull<UnitDoc>(org, unitDocId(unitId));
  if (!unit) throw new AccountError('not_found', `Unit "${unitId}" does not exist.`);
  const name = input.name?.trim() ?? unit.name;
  if (!name || name.length > 200) throw new AccountError('invalid', 'Unit name must be 1–200 characters.');
  const shortName = input.shortName?.trim() ?? unit.shortName;
  if (!shortName || shortName.length > 20) throw new AccountError('invalid', 'Short name must be 1–20 characters.');
  const order = input.order ?? unit.order;
  if (!Number.isInteger(order) || order < 0 || order > 10000)
    throw new AccountError('invalid', 'Order must be a whole number from 0 to 10000.');
  const next: UnitDoc & { _rev: string } = { ...unit, name, shortName, order };
  await org.put(next);
  notifyAccountsChanged();
  return next;
}

export interface CreateUserInput {
  name: string;
  role: BaseRole;
  unitId?: string;
  head?: boolean;
  displayName: string;
  title?: string;
  password: string;
}

function rolesFor(role: BaseRole, unitId: string | undefined, head: boolean, oneTime = false): string[] {
  const roles: string[] = [role];
  if (unitId) roles.push(unitRole(unitId));
  if (unitId && head) roles.push(headRole(unitId));
  if (oneTime) roles.push(MUST_CHANGE_PASSWORD_ROLE);
  return roles;
}

async function requireUnit(store: Store, unitId: string): Promise<UnitDoc> {
  const unit = await getOrNull<UnitDoc>(await store.db(ORG_DB), unitDocId(unitId));
  if (!unit) throw new AccountError('not_found', `Unit "${unitId}" does not exist.`);
  return unit;
}

/** Writes the `_users` account, the `person:` directory entry and the personal space. */
export async function createUser(store: Store, input: CreateUserInput, opts: PasswordOptions = {}): Promise<PersonDoc> {
  if (!USER_NAME_PATTERN.test(input.name)) {
    throw new AccountError(
      'invalid',
      `Account name "${input.name}" must be 2–40 lowercase letters, digits, ".", "_" or "-", starting with a letter.`,
    );
  }
  if (!isBaseRole(input.role)) throw new AccountError('invalid', `Role must be one of admin, leader, clerk, staff.`);
  if (input.head && !input.unitId) throw new AccountError('invalid', 'A unit head needs a unit.');
  if ((input.role === 'staff' || input.role === 'clerk') && !input.unitId)
    throw new AccountError('invalid', `A ${input.role} account needs a unit.`);
  const displayName = input.displayName.trim();
  if (!displayName || displayName.length > 100) throw new AccountError('invalid', 'Display name must be 1–100 characters.');
  if (opts.policy === false) {
    if (input.password.length < 6) throw new AccountError('invalid', 'Password must be at least 6 characters.');
  } else checkPassword(input.password, input.name);
  if (input.unitId) await requireUnit(store, input.unitId);
  if (await getUserRecord(store, input.name)) throw new AccountError('exists', `Account "${input.name}" already exists.`);

  const users = await store.db('_users');
  await users.put({
    _id: USER_PREFIX + input.name,
    name: input.name,
    type: 'user',
    roles: rolesFor(input.role, input.unitId, !!input.head, !!opts.oneTime),
    password: input.password,
  });
  const person: PersonDoc = {
    _id: personDocId(input.name),
    type: 'person',
    schema: 1,
    createdAt: now(),
    createdBy: SYSTEM,
    name: input.name,
    displayName,
    title: (input.title ?? '').trim(),
    role: input.role,
    ...(input.unitId ? { unitId: input.unitId } : {}),
    isHead: !!input.head,
    disabled: false,
  };
  const org = await store.db(ORG_DB);
  const existing = await getOrNull<PersonDoc>(org, person._id);
  await org.put(existing ? { ...person, _rev: existing._rev } : person);
  await ensureSpace(store, { kind: 'personal', id: input.name });
  notifyAccountsChanged();
  return person;
}

async function requireUser(store: Store, name: string): Promise<UserRecord & { _rev: string }> {
  const user = await getUserRecord(store, name);
  if (!user) throw new AccountError('not_found', `Account "${name}" does not exist.`);
  return user as UserRecord & { _rev: string };
}

/**
 * Sets a new password (CouchDB gives the account a new salt, so every existing session ends). With
 * `oneTime`, its owner must choose another at the next sign-in.
 */
export async function resetPassword(store: Store, name: string, password: string, opts: PasswordOptions = {}): Promise<void> {
  checkPassword(password, name);
  const user = await requireUser(store, name);
  const roles = user.roles.filter((r) => r !== MUST_CHANGE_PASSWORD_ROLE);
  if (opts.oneTime && isActive(user)) roles.push(MUST_CHANGE_PASSWORD_ROLE);
  await (await store.db('_users')).put({ ...user, roles, password });
  notifyAccountsChanged();
}

/** The owner changes their own password (checked against the current one by the caller); a one-time password ends. */
export async function changeOwnPassword(store: Store, name: string, password: string): Promise<void> {
  await resetPassword(store, name, password);
}

async function updatePerson(store: Store, name: string, change: Partial<PersonDoc>): Promise<void> {
  const org = await store.db(ORG_DB);
  const person = await getPerson(store, name);
  if (person) await org.put({ ...person, ...change });
}

/**
 * Disables an account at once: its roles are cleared (no org or unit space), its own personal
 * space loses it as a member, and the directory marks it disabled. Sessions stop working on the
 * next request (the gateway refuses accounts without a base role).
 */
export async function disableUser(store: Store, name: string): Promise<void> {
  const user = await requireUser(store, name);
  await (await store.db('_users')).put({ ...user, roles: [] });
  await ensureSpace(store, { kind: 'personal', id: name }, { disabled: true });
  await updatePerson(store, name, { disabled: true });
  notifyAccountsChanged();
}

/**
 * Enables a disabled account again with the role, unit and headship the directory kept for it. Its
 * old password works again; an administrator usually resets it too.
 */
export async function enableUser(store: Store, name: string): Promise<void> {
  const user = await requireUser(store, name);
  if (isActive(user)) return;
  const person = await getPerson(store, name);
  if (!person) throw new AccountError('not_found', `Account "${name}" has no directory entry to restore its role from.`);
  if (person.unitId) await requireUnit(store, person.unitId);
  await (await store.db('_users')).put({ ...user, roles: rolesFor(person.role, person.unitId, person.isHead) });
  await ensureSpace(store, { kind: 'personal', id: name });
  await updatePerson(store, name, { disabled: false });
  notifyAccountsChanged();
}

export interface UserChange {
  displayName?: string;
  title?: string;
  role?: BaseRole;
  head?: boolean;
}

/**
 * Changes an active account's display name, position title, role or headship of its unit (its unit is
 * changed with `moveUser`). Roles take effect at the account's next request.
 */
export async function updateUser(store: Store, name: string, change: UserChange): Promise<PersonDoc> {
  const user = await requireUser(store, name);
  if (!isActive(user)) throw new AccountError('invalid', `Account "${name}" is disabled.`);
  const person = await getPerson(store, name);
  if (!person) throw new AccountError('not_found', `Account "${name}" has no directory entry.`);
  const role = change.role ?? person.role;
  if (!isBaseRole(role)) throw new AccountError('invalid', 'Role must be one of admin, leader, clerk, staff.');
  const unitId = user.roles.find((r) => r.startsWith('unit:'))?.slice(5);
  if ((role === 'staff' || role === 'clerk') && !unitId) throw new AccountError('invalid', `A ${role} account needs a unit.`);
  const head = change.head ?? person.isHead;
  if (head && !unitId) throw new AccountError('invalid', 'A unit head needs a unit.');
  const displayName = (change.displayName ?? person.displayName).trim();
  if (!displayName || displayName.length > 100) throw new AccountError('invalid', 'Display name must be 1–100 characters.');
  const title = (change.title ?? person.title).trim();
  if (title.length > 200) throw new AccountError('invalid', 'Position title must be at most 200 characters.');
  const keep = user.roles.filter((r) => r === MUST_CHANGE_PASSWORD_ROLE);
  await (await store.db('_users')).put({ ...user, roles: [...rolesFor(role, unitId, head), ...keep] });
  const updated: PersonDoc = { ...person, displayName, title, role, isHead: head };
  await (await store.db(ORG_DB)).put(updated);
  notifyAccountsChanged();
  return updated;
}

/** Moves an account to another unit; a head of the old unit is no longer head anywhere. */
export async function moveUser(store: Store, name: string, unitId: string): Promise<void> {
  const user = await requireUser(store, name);
  await requireUnit(store, unitId);
  if (!isActive(user)) throw new AccountError('invalid', `Account "${name}" is disabled.`);
  const roles = user.roles.filter((r) => !r.startsWith('unit:') && !r.startsWith('head:')).concat(unitRole(unitId));
  await (await store.db('_users')).put({ ...user, roles });
  await updatePerson(store, name, { unitId, isHead: false });
  notifyAccountsChanged();
}

export interface UserSummary {
  name: string;
  displayName: string;
  title: string;
  role: string;
  unitId?: string;
  isHead: boolean;
  disabled: boolean;
  roles: string[];
}

export async function listUsers(store: Store): Promise<UserSummary[]> {
  const people = new Map((await listPeople(store)).map((p) => [p.name, p]));
  return (await listUserRecords(store))
    .filter((u) => !isHubAccount(u)) // hubs are listed by list-hubs
    .map((u): UserSummary => {
      const p = people.get(u.name);
      const role = u.roles.find(isBaseRole) ?? '-';
      const unitId = u.roles.find((r) => r.startsWith('unit:'))?.slice(5);
      return {
        name: u.name,
        displayName: p?.displayName ?? u.name,
        title: p?.title ?? '',
        role,
        ...(unitId ? { unitId } : {}),
        isHead: u.roles.some((r) => r.startsWith('head:')),
        disabled: !isActive(u),
        roles: u.roles,
      };
    })
    .sort((a, b) => compareVi(a.name, b.name));
}
