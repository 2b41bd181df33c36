import type { SecurityObject, Store } from './types.ts';

/** Only the server admin reads or writes such a database (also when CouchDB is reached directly). */
export const ADMIN_ONLY_SECURITY: SecurityObject = {
  admins: { names: [], roles: ['_admin'] },
  members: { names: [], roles: ['_admin'] },
};

const isConflict = (err: unknown): boolean => (err as { status?: number }).status === 409;

/**
 * Opens (creating when missing) a server-only database and makes sure its `_security` admits the
 * server admin only. Idempotent; several servers may race here: a 409 is fine when another one set it.
 */
export async function openAdminOnlyDb(store: Store, name: string): Promise<PouchDB.Database> {
  const db = await store.db(name);
  const isSecured = async () =>
    JSON.stringify(((await store.getSecurity(name)) as Partial<SecurityObject>).members?.roles ?? []) ===
    JSON.stringify(ADMIN_ONLY_SECURITY.members.roles);
  if (!(await isSecured())) {
    await store.putSecurity(name, ADMIN_ONLY_SECURITY).catch(async (err: unknown) => {
      if (!isConflict(err) || !(await isSecured())) throw err;
    });
  }
  return db;
}
