import type { RequestHandler } from 'express';
import type { UserCtx } from '../../src/model/roles.ts';

export interface SecurityObject {
  admins: { names: string[]; roles: string[] };
  members: { names: string[]; roles: string[] };
}

/** What identifies the caller of a request: the session cookie value and/or the Authorization header. */
export interface Credentials {
  authSession?: string;
  authorization?: string;
}

export type StoreKind = 'embedded' | 'couchdb';

/**
 * The CouchDB behind `/db`, seen with server-admin rights. The same setup, demo seeding,
 * accounts service and CLI code run against both implementations.
 */
export interface Store {
  readonly kind: StoreKind;
  /** The server admin's account name. */
  readonly adminName: string;
  /** An admin handle on a database, created when missing. */
  db(name: string): Promise<PouchDB.Database>;
  exists(name: string): Promise<boolean>;
  getSecurity(name: string): Promise<SecurityObject | Record<string, never>>;
  putSecurity(name: string, security: SecurityObject): Promise<void>;
  /** The user behind a request (null when anonymous or the credentials are invalid). */
  session(credentials: Credentials): Promise<UserCtx | null>;
  /** Serves the CouchDB HTTP API; mounted at `/db` behind the gateway. */
  readonly handler: RequestHandler;
  close(): Promise<void>;
}
