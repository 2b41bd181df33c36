import { type HttpError, badRequest } from '../errors.ts';
import type { Route } from './rules.ts';

/**
 * The shape of request bodies the store would choke on. express-pouchdb and PouchDB assume well-formed JSON
 * (a `name` that is a string, `docs` that is an array of objects, …); given anything else they answered 500 or,
 * for `_bulk_get`, looped on unhandled rejections. CouchDB answers 400 to these; so do we, before the store.
 * Found by test/server/fuzz.test.ts.
 */
export function checkShape(method: string, route: Route, body: unknown): HttpError | null {
  if (method !== 'POST' && method !== 'PUT') return null;
  if (route.kind === 'session') return method === 'POST' ? checkSession(body) : null;
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkSession(body: unknown): HttpError | null {
  if (body === undefined) return null;
  if (!isObject(body)) return badRequest('Sign in with {"name": …, "password": …}.');
  for (const field of ['name', 'password'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'string') return badRequest(`${field} must be a string.`);
  }
  return null;
}
