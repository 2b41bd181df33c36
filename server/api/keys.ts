import express, { Router, type NextFunction, type Request, type Response } from 'express';
import {
  APPROVAL_ALGORITHM,
  DEVICE_KEY_SCHEMA,
  type DeviceKeyDoc,
  deviceKeyDocId,
  jwkThumbprint,
  parsePublicJwk,
} from '../../src/model/device-key.ts';
import { isActive } from '../../src/model/roles.ts';
import { badRequest, forbidden, unauthorized } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import { credentialsOf } from '../gateway/session.ts';
import { ORG_DB, getOrNull } from '../services/directory.ts';
import type { Store } from '../store/types.ts';

/** Answer of `POST /api/keys`. */
export interface RegisterKeyResponse {
  ok: true;
  keyId: string;
  /** False when the key was already registered (a repeated registration writes nothing). */
  created: boolean;
}

/**
 * `POST /api/keys` `{ jwk, name? }`: registers the public key of a device's approval-record key pair to the
 * signed-in account, as `deviceKey:<name>:<thumbprint>` in the org space (users cannot write there; every
 * device reads it to verify approval records). Only for oneself: a `name` other than the session's is 403.
 * The key must be a public EC P-256 JWK whose point WebCrypto accepts (400 otherwise). Idempotent.
 */
export function keysRouter(store: Store, sessions: SessionResolver): Router {
  const router = Router();
  router.post('/keys', express.json({ limit: '4kb' }), (req: Request, res: Response, next: NextFunction) => {
    register(store, sessions, req)
      .then(({ status, body }) => res.status(status).json(body))
      .catch(next);
  });
  return router;
}

async function register(store: Store, sessions: SessionResolver, req: Request): Promise<{ status: number; body: RegisterKeyResponse }> {
  const user = await sessions.resolve(credentialsOf(req.headers));
  if (!user) throw unauthorized();
  if (user.roles.includes('_admin')) throw forbidden('The server administrator has no app account.');
  if (!isActive(user)) throw forbidden('This account is disabled.');
  const body = (req.body ?? {}) as { jwk?: unknown; name?: unknown };
  if (body.name !== undefined && body.name !== user.name) throw forbidden('A key can only be registered to your own account.');
  const jwk = parsePublicJwk(body.jwk);
  if (!jwk) throw badRequest('jwk must be a public EC P-256 key (kty, crv, x, y; no private part).');
  try {
    // Checks that the point is on the curve, not only that the strings look right.
    await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  } catch {
    throw badRequest('jwk is not a valid P-256 public key.');
  }
  const keyId = await jwkThumbprint(jwk);
  const db = await store.db(ORG_DB);
  const id = deviceKeyDocId(user.name, keyId);
  if (await getOrNull<DeviceKeyDoc>(db, id)) return { status: 200, body: { ok: true, keyId, created: false } };
  const doc: DeviceKeyDoc = {
    _id: id,
    type: 'deviceKey',
    schema: DEVICE_KEY_SCHEMA,
    createdAt: new Date().toISOString(),
    createdBy: user.name,
    name: user.name,
    keyId,
    algorithm: APPROVAL_ALGORITHM,
    jwk,
  };
  try {
    await db.put(doc);
  } catch (err) {
    // Two registrations at once: the other one wrote the same key.
    if ((err as { status?: number }).status === 409) return { status: 200, body: { ok: true, keyId, created: false } };
    throw err;
  }
  return { status: 201, body: { ok: true, keyId, created: true } };
}
