import type { BaseDoc } from './doc.ts';

/**
 * Public keys of the per-device keys that make approval records (issue 3, "approval record"). Each device an
 * account approves on makes its own ECDSA P-256 key pair; the private key never leaves the device, the public
 * key is registered through `POST /api/keys` and the server writes it into the org space, where every device
 * can read it to verify a record. `_id` is `deviceKey:<account name>:<keyId>`, keyId the RFC 7638 thumbprint,
 * so a registration repeated after a lost answer writes nothing new.
 *
 * This is a tamper-evidence record, not a legal digital signature (which needs a certified token).
 */
export interface EcPublicJwk {
  kty: 'EC';
  crv: 'P-256';
  /** Base64url of the 32-byte coordinates. */
  x: string;
  y: string;
}

export interface DeviceKeyDoc extends BaseDoc {
  type: 'deviceKey';
  /** The account the key belongs to (also `createdBy`). */
  name: string;
  keyId: string;
  algorithm: typeof APPROVAL_ALGORITHM;
  jwk: EcPublicJwk;
}

export const DEVICE_KEY_SCHEMA = 1;
export const APPROVAL_ALGORITHM = 'ECDSA-P256-SHA256';

export const deviceKeyDocId = (name: string, keyId: string): string => `deviceKey:${name}:${keyId}`;

const B64URL_32 = /^[A-Za-z0-9_-]{43}$/;

/**
 * The public JWK of an EC P-256 key with only the members that matter, or null when `v` is not one. A JWK that
 * carries a private part (`d`) is refused: it must never be sent anywhere.
 */
export function parsePublicJwk(v: unknown): EcPublicJwk | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const j = v as Record<string, unknown>;
  if (j.kty !== 'EC' || j.crv !== 'P-256' || 'd' in j) return null;
  if (typeof j.x !== 'string' || typeof j.y !== 'string' || !B64URL_32.test(j.x) || !B64URL_32.test(j.y)) return null;
  return { kty: 'EC', crv: 'P-256', x: j.x, y: j.y };
}

export function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (const b of u8) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64(bytes: ArrayBuffer | Uint8Array): string {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (const b of u8) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order, no whitespace, base64url.
 * Uses WebCrypto (browsers in a secure context, Node ≥ 20).
 */
export async function jwkThumbprint(jwk: EcPublicJwk): Promise<string> {
  const canonical = `{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}","y":"${jwk.y}"}`;
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical)));
}
