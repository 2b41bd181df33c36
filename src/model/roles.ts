/**
 * Account roles, stored as CouchDB `_users` roles. A person has one base role and,
 * when they belong to a unit, `unit:<unitId>`; the head of a unit also has `head:<unitId>`.
 */
export const BASE_ROLES = ['admin', 'leader', 'clerk', 'staff'] as const;
export type BaseRole = (typeof BASE_ROLES)[number];

/** Unit ids are short lowercase slugs, safe inside database names and roles. */
export const UNIT_ID_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
/** Account names: lowercase, start with a letter; `.`, `_` and `-` allowed. */
export const USER_NAME_PATTERN = /^[a-z][a-z0-9._-]{1,39}$/;

export interface UserCtx {
  name: string;
  roles: string[];
}

/**
 * Marks an account whose password was set by an administrator (a one-time password): until its owner
 * chooses a new one, the gateway lets it reach nothing but `/api/me` and `/api/password`.
 */
export const MUST_CHANGE_PASSWORD_ROLE = 'docket:must-change-password';

export const mustChangePassword = (user: UserCtx): boolean => user.roles.includes(MUST_CHANGE_PASSWORD_ROLE);

export const unitRole = (unitId: string): string => `unit:${unitId}`;
export const headRole = (unitId: string): string => `head:${unitId}`;

export function isBaseRole(role: string): role is BaseRole {
  return (BASE_ROLES as readonly string[]).includes(role);
}

/** Unit ids the account is a member of (from `unit:<id>` roles). */
export function unitsOf(user: UserCtx): string[] {
  return user.roles.filter((r) => r.startsWith('unit:')).map((r) => r.slice(5));
}

/** Unit ids the account heads (from `head:<id>` roles). */
export function headedUnitsOf(user: UserCtx): string[] {
  return user.roles.filter((r) => r.startsWith('head:')).map((r) => r.slice(5));
}

export const hasRole = (user: UserCtx, role: string): boolean => user.roles.includes(role);

/** True when the account may use the app at all (a disabled account has no base role). */
export const isActive = (user: UserCtx): boolean => user.roles.some(isBaseRole);
