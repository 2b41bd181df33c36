/**
 * The search worker: holds the index (`engine.ts`) off the UI thread, applies the items the indexer sends as
 * they change, answers searches (only the newest one waiting: older ones are superseded by the next keystroke),
 * and keeps a snapshot of the items in IndexedDB so that after a cold start the first search is answered from
 * it while the data layer is still reading the spaces (see `restore`). The snapshot leaves out private items (confidential
 * documents), which must not stay on a device after sign-out.
 */
import { SearchEngine } from './engine.ts';
import { closeSnapshots, eraseSnapshot, loadSnapshot, saveSnapshot } from './snapshot.ts';
import type { FromWorker, SearchItem, ToWorker } from './types.ts';

/** Quiet time before the snapshot is written again (replication writes in bursts). */
const SAVE_DELAY_MS = 3_000;

const scope = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const engine = new SearchEngine();
let account: string | null = null;
let queue: Promise<void> = Promise.resolve();
let latestSearch = 0;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let changed = false;

/**
 * While a stored snapshot is being indexed (in slices, newest first, so that the first keystrokes after a cold
 * start are answered at once from the newest items): what the indexer sent meanwhile is newer than the snapshot,
 * so those ids, and whole kinds it has sent completely, are not taken from the snapshot.
 */
let restoring: { fresh: Set<string>; complete: Set<string> } | null = null;
/** Items indexed between two looks at the message queue while restoring (~30 ms of work). */
const RESTORE_SLICE = 2_000;
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function restore(items: SearchItem[], t0: number): Promise<void> {
  const r = (restoring = { fresh: new Set<string>(), complete: new Set<string>() });
  items.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  for (let i = 0; i < items.length; i += RESTORE_SLICE) {
    engine.put(items.slice(i, i + RESTORE_SLICE).filter((it) => !r.fresh.has(it.id) && !r.complete.has(it.kind)));
    post({ type: 'indexed', size: engine.size });
    await nextTask(); // searches and the indexer's messages go first
  }
  restoring = null;
  post({ type: 'ready', size: engine.size, fromSnapshot: true, ms: performance.now() - t0 });
}

const post = (m: FromWorker): void => scope.postMessage(m);

function changedNow(): void {
  changed = true;
  if (saveTimer) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void save(), SAVE_DELAY_MS);
}

async function save(): Promise<void> {
  saveTimer = undefined;
  if (restoring) return changedNow(); // not a half-restored index
  if (!account || !changed) return;
  changed = false;
  await saveSnapshot(
    account,
    engine.items().filter((i) => !i.private),
  ).catch(() => undefined); // storage full: the index still works, the next cold start rebuilds
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'open': {
      if (account === msg.account) return;
      const t0 = performance.now();
      account = msg.account;
      const items = await loadSnapshot(msg.account).catch(() => null);
      if (items?.length) void restore(items, t0);
      else post({ type: 'ready', size: engine.size, fromSnapshot: false, ms: performance.now() - t0 });
      return;
    }
    case 'put':
      for (const it of msg.items) restoring?.fresh.add(it.id);
      engine.put(msg.items);
      break;
    case 'remove':
      for (const id of msg.ids) restoring?.fresh.add(id);
      engine.remove(msg.ids);
      break;
    case 'keepKind':
      restoring?.complete.add(msg.kind);
      engine.keepKind(msg.kind, msg.ids);
      break;
    case 'search':
      if (msg.id !== latestSearch) return; // a newer keystroke is waiting
      post({ type: 'answer', id: msg.id, answer: engine.search(msg.query, msg.options) });
      return;
    case 'flush':
      if (saveTimer) clearTimeout(saveTimer);
      await save();
      post({ type: 'flushed' });
      return;
    case 'erase':
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = undefined;
      changed = false;
      await eraseSnapshot(msg.account).catch(() => undefined);
      closeSnapshots();
      post({ type: 'flushed' });
      return;
  }
  post({ type: 'indexed', size: engine.size });
  changedNow();
}

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'search') latestSearch = msg.id;
  queue = queue.then(() => handle(msg)).catch((err: unknown) => post({ type: 'error', message: String(err) }));
};
