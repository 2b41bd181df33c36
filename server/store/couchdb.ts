import PouchDB from 'pouchdb';
import type { RequestHandler } from 'express';
import { createProxyMiddleware, fixRequestBody } from 'http-proxy-middleware';
import type { UserCtx } from '../../src/model/roles.ts';
import type { Credentials, SecurityObject, Store, StoreKind } from './types.ts';

export interface HttpStoreOptions {
  /** Base URL of the CouchDB API (credentials in the URL are moved to `admin`). */
  url: string;
  admin: { name: string; password: string };
  kind?: StoreKind;
}

/** Splits `http://user:pass@host/` into a clean base URL and credentials. */
export function splitCouchUrl(raw: string): { url: string; name?: string; password?: string } {
  const u = new URL(raw);
  const name = u.username ? decodeURIComponent(u.username) : undefined;
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.username = '';
  u.password = '';
  return { url: u.toString().replace(/\/+$/, ''), name, password };
}

/**
 * A CouchDB reached over HTTP: an external CouchDB 3 (COUCHDB_URL), or our own running server's
 * `/db` when the admin CLI runs next to it. `/db` requests are streamed to it by the proxy.
 */
export function createHttpStore(opts: HttpStoreOptions): Store {
  const base = opts.url.replace(/\/+$/, '');
  const authHeader = 'Basic ' + Buffer.from(`${opts.admin.name}:${opts.admin.password}`).toString('base64');
  const dbs = new Map<string, PouchDB.Database>();
  let proxy: RequestHandler | undefined;

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: authHeader }) {
    const res = await fetch(`${base}/${path}`, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = { error: 'bad_response', reason: text.slice(0, 200) };
    }
    return { status: res.status, json };
  }

  function fail(what: string, r: { status: number; json: unknown }): never {
    const err = new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.json)}`) as Error & { status: number };
    err.status = r.status;
    throw err;
  }

  return {
    kind: opts.kind ?? 'couchdb',
    adminName: opts.admin.name,
    async db(name) {
      let db = dbs.get(name);
      if (!db) {
        // Node's own fetch, not PouchDB's: PouchDB's keeps a cookie jar for the whole process (cookies are not
        // per port), so a session cookie some other client in this process got from 127.0.0.1 rode along
        // with the admin's Basic auth and CouchDB answered as that user (401 on admin-only databases).
        db = new PouchDB(`${base}/${encodeURIComponent(name)}`, {
          auth: { username: opts.admin.name, password: opts.admin.password },
          fetch: (url: string | Request, init?: RequestInit) => globalThis.fetch(url, init),
        } as PouchDB.Configuration.RemoteDatabaseConfiguration);
        // The first info() creates the database when missing (admin, skip_setup off).
        await db.info();
        dbs.set(name, db);
      }
      return db;
    },
    async exists(name) {
      const r = await call('GET', encodeURIComponent(name));
      if (r.status === 200) return true;
      if (r.status === 404) return false;
      return fail(`GET ${name}`, r);
    },
    async getSecurity(name) {
      const r = await call('GET', `${encodeURIComponent(name)}/_security`);
      if (r.status !== 200) fail(`GET ${name}/_security`, r);
      return r.json as SecurityObject;
    },
    async putSecurity(name, security) {
      const r = await call('PUT', `${encodeURIComponent(name)}/_security`, security);
      if (r.status >= 300) fail(`PUT ${name}/_security`, r);
    },
    async session(cred: Credentials): Promise<UserCtx | null> {
      const headers: Record<string, string> = {};
      if (cred.authorization) headers.authorization = cred.authorization;
      if (cred.authSession) headers.cookie = `AuthSession=${cred.authSession}`;
      const r = await call('GET', '_session', undefined, headers);
      if (r.status !== 200) return null;
      const ctx = (r.json as { userCtx?: { name: string | null; roles: string[] } }).userCtx;
      return ctx && ctx.name ? { name: ctx.name, roles: ctx.roles } : null;
    },
    get handler(): RequestHandler {
      proxy ??= createProxyMiddleware({
        target: base,
        changeOrigin: true,
        xfwd: false,
        on: { proxyReq: fixRequestBody },
      }) as unknown as RequestHandler;
      return proxy;
    },
    async close() {
      await Promise.all([...dbs.values()].map((db) => db.close().catch(() => undefined)));
      dbs.clear();
    },
  };
}
