/**
 * One long poll for all of a device's spaces (`POST /api/changes`, server/api/changes.ts) instead of one live
 * PouchDB pull per space: a browser has 6 connections per host over HTTP/1.1, and a clerk or a leader syncs
 * 8 spaces, so per-space long polls took every connection and pushes waited forever behind them. A space named
 * in the answer runs a one-shot pull (`SyncManager` in notifier mode). While offline it waits for `online`;
 * errors back off; on 401/403 every space pulls once, so each meets the refusal itself and reacts.
 */
import { backoffDelay } from './backoff.ts';

type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

export class ChangeNotifier {
  private readonly watchers = new Map<string, Set<() => void>>();
  private readonly seqs = new Map<string, string | null>();
  private running = false;
  private request?: AbortController;
  private attempt = 0;
  private wake?: () => void;
  private restartTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly url = '/api/changes',
    private readonly doFetch: Fetcher = (u, i) => fetch(u, i),
  ) {}

  /** Calls `onChange` whenever the server says `db` changed (at least once soon after watching). */
  private readonly conversationListeners = new Set<(ids: string[]) => void>();

  /** Calls `cb` with the conversations the server says this account belongs to, after each answer. */
  onConversations(cb: (ids: string[]) => void): () => void {
    this.conversationListeners.add(cb);
    return () => this.conversationListeners.delete(cb);
  }

  watch(db: string, onChange: () => void): () => void {
    let set = this.watchers.get(db);
    if (!set) {
      set = new Set();
      this.watchers.set(db, set);
      this.seqs.set(db, null);
      this.restartSoon(); // the pending request does not name this database yet
    }
    set.add(onChange);
    return () => {
      const s = this.watchers.get(db);
      s?.delete(onChange);
      if (s && s.size === 0) {
        this.watchers.delete(db);
        this.seqs.delete(db);
        this.restartSoon();
      }
    };
  }

  /** Spaces start together at sign-in: one request for all of them, not one aborted request per space. */
  private restartSoon(): void {
    if (this.restartTimer) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (!this.running) {
        if (this.watchers.size > 0) void this.loop();
      } else this.restart();
    }, 20);
  }

  /** Ask again now (back online, "sync now"). */
  restart(): void {
    this.attempt = 0;
    this.request?.abort();
    this.wake?.();
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.watchers.size > 0) {
        if (typeof navigator !== 'undefined' && navigator.onLine === false) {
          await this.pause(30_000);
          continue;
        }
        const ctrl = new AbortController();
        this.request = ctrl;
        const dbs = Object.fromEntries(this.seqs);
        try {
          const res = await this.doFetch(this.url, {
            method: 'POST',
            credentials: 'include',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ dbs }),
            signal: ctrl.signal,
          });
          if (!res.ok) throw Object.assign(new Error(`changes: ${res.status}`), { status: res.status });
          const body = (await res.json()) as { seqs: Record<string, string>; changed: string[]; conversations?: string[] };
          this.attempt = 0;
          if (body.conversations) for (const cb of [...this.conversationListeners]) cb(body.conversations);
          for (const [db, seq] of Object.entries(body.seqs)) if (this.seqs.has(db)) this.seqs.set(db, seq);
          for (const db of body.changed) for (const cb of [...(this.watchers.get(db) ?? [])]) cb();
        } catch (err) {
          if (ctrl.signal.aborted) continue; // restarted on purpose: ask again at once
          const status = (err as { status?: number }).status;
          // An expired session or a lost space: let every space pull once, so that each one meets the 401/403
          // itself and shows it ("sign in again", space removed) as a live pull would have.
          if (status === 401 || status === 403) for (const set of [...this.watchers.values()]) for (const cb of [...set]) cb();
          await this.pause(backoffDelay(this.attempt++));
        } finally {
          if (this.request === ctrl) this.request = undefined;
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** Waits `ms`, or until `restart`/`online`. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (typeof window !== 'undefined') window.removeEventListener('online', done);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      if (typeof window !== 'undefined') window.addEventListener('online', done);
      this.wake = done;
    });
  }
}

export const changeNotifier = new ChangeNotifier();
