/**
 * This device's approval-record key (issue 3): one ECDSA P-256 key pair per account per device, made with
 * WebCrypto. The private key is created with `extractable: false` and stored as the CryptoKey object itself in
 * IndexedDB (structured clone keeps it usable and still non-extractable), so no script can read its bytes. The
 * public key is registered to the account through `POST /api/keys`; offline the registration waits (the
 * `registered` flag is the queue) and is retried when the browser comes back online or on the next approval.
 *
 * WebCrypto exists only in secure contexts (HTTPS or localhost): over plain HTTP on the office network there is
 * no key and approvals are saved without a record (`deviceKeysAvailable()` says so beforehand).
 */
import type { MeResponse } from '../model/api.ts';
import { type EcPublicJwk, base64, jwkThumbprint, parsePublicJwk } from '../model/device-key.ts';

interface StoredKey {
  /** The account name (the object store's key). */
  name: string;
  keyId: string;
  publicJwk: EcPublicJwk;
  privateKey: CryptoKey;
  registered: boolean;
}

export interface DeviceKey {
  keyId: string;
  publicJwk: EcPublicJwk;
  registered: boolean;
}

const DB_NAME = 'docket-device-keys';
const STORE = 'keys';

export const deviceKeysAvailable = (): boolean =>
  typeof crypto !== 'undefined' && !!crypto.subtle && typeof indexedDB !== 'undefined' && globalThis.isSecureContext !== false;

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'name' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  });
}

async function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = run(t.objectStore(STORE));
      t.oncomplete = () => resolve(req.result);
      t.onerror = () => reject(t.error ?? req.error ?? new Error('IndexedDB transaction failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

const readStored = (name: string): Promise<StoredKey | undefined> => tx('readonly', (s) => s.get(name) as IDBRequest<StoredKey | undefined>);
const writeStored = (key: StoredKey): Promise<IDBValidKey> => tx('readwrite', (s) => s.put(key));

const publicOf = (k: StoredKey): DeviceKey => ({ keyId: k.keyId, publicJwk: k.publicJwk, registered: k.registered });

/** Making a key once even when two approvals ask at the same moment. */
const creating = new Map<string, Promise<StoredKey>>();

async function storedKeyFor(name: string): Promise<StoredKey> {
  const existing = await readStored(name);
  if (existing) return existing;
  let p = creating.get(name);
  if (!p) {
    p = (async () => {
      const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
      const publicJwk = parsePublicJwk(await crypto.subtle.exportKey('jwk', pair.publicKey))!;
      const key: StoredKey = { name, keyId: await jwkThumbprint(publicJwk), publicJwk, privateKey: pair.privateKey, registered: false };
      await writeStored(key);
      return key;
    })().finally(() => creating.delete(name));
    creating.set(name, p);
  }
  return p;
}

/** This device's key for the account, made on first use. */
export async function deviceKeyFor(me: Pick<MeResponse, 'name'>): Promise<DeviceKey> {
  return publicOf(await storedKeyFor(me.name));
}

/** This device's key for the account if it already has one (no key is made). */
export async function existingDeviceKey(me: Pick<MeResponse, 'name'>): Promise<DeviceKey | null> {
  if (!deviceKeysAvailable()) return null;
  const k = await readStored(me.name);
  return k ? publicOf(k) : null;
}

/** Signs `data` with the device's private key (ECDSA P-256, SHA-256); base64 of the IEEE P1363 signature. */
export async function signWithDeviceKey(me: Pick<MeResponse, 'name'>, data: Uint8Array): Promise<{ keyId: string; signature: string }> {
  const k = await storedKeyFor(me.name);
  const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, k.privateKey, data as BufferSource);
  return { keyId: k.keyId, signature: base64(sig) };
}

/** How the registration is sent; tests replace it. */
export type RegisterFn = (jwk: EcPublicJwk, name: string) => Promise<boolean>;

const postKey: RegisterFn = async (jwk, name) => {
  const res = await fetch('/api/keys', {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ jwk, name }),
  });
  return res.ok;
};

let register: RegisterFn = postKey;
export function setKeyRegistrar(fn: RegisterFn | null): void {
  register = fn ?? postKey;
}

const waitingForOnline = new Set<string>();

/**
 * Registers the device's public key to the account unless already done. Offline or on failure the key stays
 * unregistered and the registration is tried again when the browser goes online (and on the next call).
 * Never throws: the approval it follows is already saved.
 */
export async function registerDeviceKey(me: Pick<MeResponse, 'name'>): Promise<boolean> {
  const k = await readStored(me.name).catch(() => undefined);
  if (!k) return false;
  if (k.registered) return true;
  let ok = false;
  try {
    ok = typeof navigator !== 'undefined' && navigator.onLine === false ? false : await register(k.publicJwk, me.name);
  } catch {
    ok = false;
  }
  if (ok) {
    await writeStored({ ...k, registered: true });
    return true;
  }
  if (typeof window !== 'undefined' && !waitingForOnline.has(me.name)) {
    waitingForOnline.add(me.name);
    window.addEventListener(
      'online',
      () => {
        waitingForOnline.delete(me.name);
        void registerDeviceKey(me);
      },
      { once: true },
    );
  }
  return false;
}

/** Forgets the account's key on this device (tests; a later approval makes a new one). */
export async function forgetDeviceKey(me: Pick<MeResponse, 'name'>): Promise<void> {
  await tx('readwrite', (s) => s.delete(me.name));
}
