/**
 * The stored snapshot of the search items, one IndexedDB record per account (worker side). Plain IndexedDB,
 * not PouchDB: it is a cache of what the spaces hold, never synced, replaced whole.
 */
import type { SearchItem } from './types.ts';

const DB = 'docket-search';
const STORE = 'snapshots';
/** Bumped when items change shape: an older snapshot is ignored (and rebuilt from the spaces). */
const VERSION = 1;

let opened: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
  });
  opened.catch(() => (opened = null));
  return opened;
}

export function closeSnapshots(): void {
  void opened?.then((db) => db.close()).catch(() => undefined);
  opened = null;
}

function request<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = run(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req.result as T);
        tx.onerror = () => reject(tx.error ?? new Error('snapshot transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('snapshot transaction aborted'));
      }),
  );
}

interface Stored {
  version: number;
  savedAt: string;
  items: SearchItem[];
}

export async function loadSnapshot(account: string): Promise<SearchItem[] | null> {
  const stored = await request<Stored | undefined>('readonly', (s) => s.get(account));
  return stored && stored.version === VERSION ? stored.items : null;
}

export async function saveSnapshot(account: string, items: SearchItem[]): Promise<void> {
  const value: Stored = { version: VERSION, savedAt: new Date().toISOString(), items };
  await request('readwrite', (s) => s.put(value, account));
}

/**
 * Deletes the account's snapshot; when no other account of this device has one, deletes the database itself, so
 * that a device whose accounts all signed out with "erase" keeps no Docket database at all.
 */
export async function eraseSnapshot(account: string): Promise<void> {
  await request('readwrite', (s) => s.delete(account));
  const left = await request<number>('readonly', (s) => s.count());
  if (left > 0) return;
  closeSnapshots();
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(DB);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}
