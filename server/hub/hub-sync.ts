import PouchDB from 'pouchdb';
import {
  type HubAccount,
  type HubDbStatus,
  type HubGrant,
  type HubLinkState,
  type HubStatus,
  worseLinkState,
} from '../../src/model/hub.ts';
import { spaceOfFilesDbName } from '../../src/model/files.ts';
import { isBaseRole } from '../../src/model/roles.ts';
import { type SpaceRef, spaceOfDbName } from '../../src/model/spaces.ts';
import type { HubConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import { ORG_DB, USER_PREFIX, listPeople, listUnits, listUserRecords } from '../services/directory.ts';
import { notifyAccountsChanged } from '../services/events.ts';
import { ensureSpace } from '../setup/spaces.ts';
import { ADMIN_ONLY_SECURITY } from '../store/admin-only-db.ts';
import type { Store } from '../store/types.ts';
import { countAwaitingNumbers } from './awaiting-numbers.ts';
import { isHubAccount } from '../../src/model/hub.ts';

/**
 * The hub's side (docs/decisions/0006): asks the upstream for its grant every `refreshMs` (and at start), brings the
 * granted accounts into the local `_users` (so that people sign in here with their usual password, and a person
 * disabled or moved away upstream stops working here), sets up the granted spaces, and keeps one live, retrying,
 * two-way replication per database with the upstream's `/hub/db`. Design documents never cross: each side installs
 * its own. What it sees is kept for the status page.
 */

interface LinkMeta {
  _id: typeof LINK_META_ID;
  _rev?: string;
  /** The push replication's checkpoint: local changes up to it have reached the upstream. */
  pushedThrough?: number | string;
  /** The pull replication's checkpoint: upstream changes up to it are here. */
  pulledThrough?: number | string;
  lastSyncAt?: string;
}

const LINK_META_ID = '_local/docket-hub-link';
const MAX_REJECTED = 50;
const PENDING_CAP = 10_000;

interface Link {
  db: string;
  space: SpaceRef;
  files: boolean;
  local: PouchDB.Database;
  remote: PouchDB.Database;
  cancel(): void;
  directions: { push: HubLinkState; pull: HubLinkState };
  /** Runs of `verify` per direction: only the latest one may set the state. */
  verifying: { push: number; pull: number };
  meta: LinkMeta;
  rejected: HubDbStatus['rejected'];
  error?: string;
  conflicts?: { at: number; count: number };
}

const notDesign = (doc: { _id: string }): boolean => !doc._id.startsWith('_design/');

const messageOf = (err: unknown): string =>
  err instanceof Error
    ? err.message
    : String((err as { message?: unknown; reason?: unknown })?.reason ?? (err as { message?: unknown })?.message ?? err);

/** The link's state: the worse of its two directions. */
const stateOf = (link: Link): HubLinkState => worseLinkState(link.directions.push, link.directions.pull);

export class HubSync {
  private readonly links = new Map<string, Link>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private refreshing: Promise<void> | undefined;
  private connected = false;
  private lastContactAt: string | undefined;
  private error: string | undefined;
  private accounts = 0;
  /** Databases no longer granted that held changes the upstream never got: kept, admin-only (db → unsent count, null: unknown). */
  private readonly retained = new Map<string, number | null>();
  private granted = 0;
  private readonly auth: string;

  constructor(
    private readonly store: Store,
    private readonly config: HubConfig,
    private readonly log: Logger,
    private readonly hooks: { onIssuer?: (issuer: { code: string; name: string }) => void } = {},
  ) {
    this.auth = `Basic ${Buffer.from(`${config.name}:${config.password}`).toString('base64')}`;
  }

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      void this.refresh().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.config.refreshMs);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.refreshing?.catch(() => undefined);
    for (const link of this.links.values()) link.cancel();
    this.links.clear();
  }

  /** Reads the grant and applies it; a failure (cut off, refused) leaves everything running as it was. */
  refresh(): Promise<void> {
    this.refreshing ??= this.refreshOnce().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refreshOnce(): Promise<void> {
    let grant: HubGrant;
    try {
      const res = await fetch(`${this.config.upstreamUrl}/hub/api/grant`, {
        headers: { authorization: this.auth, accept: 'application/json' },
        signal: AbortSignal.timeout(15_000),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { reason?: string };
        throw new Error(`the upstream answered ${res.status}: ${body.reason ?? res.statusText}`);
      }
      grant = (await res.json()) as HubGrant;
    } catch (err) {
      this.connected = false;
      this.error =
        err instanceof Error ? (err.cause instanceof Error ? `${err.message} (${err.cause.message})` : err.message) : String(err);
      this.log.warn({ err: this.error }, 'hub: upstream unreachable');
      return;
    }
    if (this.stopped) return;
    this.connected = true;
    this.error = undefined;
    this.lastContactAt = new Date().toISOString();
    try {
      await this.apply(grant);
    } catch (err) {
      this.error = `the grant could not be applied: ${messageOf(err)}`;
      this.log.error({ err }, 'hub: applying the grant failed');
    }
  }

  private async apply(grant: HubGrant): Promise<void> {
    this.granted = grant.dbs.length;
    if (grant.issuer) this.hooks.onIssuer?.(grant.issuer);
    await this.applyAccounts(grant.accounts);
    for (const space of grant.spaces) await ensureSpace(this.store, space);
    for (const link of this.links.values())
      for (const direction of ['push', 'pull'] as const) if (link.directions[direction] === 'offline') void this.verify(link, direction);
    const wanted = new Set(grant.dbs);
    for (const db of grant.dbs) if (!this.links.has(db)) await this.openLink(db);
    for (const [db, link] of this.links) {
      if (wanted.has(db)) continue;
      // No longer granted (a person moved out of the unit, a grant narrowed): its data leaves the hub. Changes made
      // here that never reached the upstream cannot be sent any more (it refuses them now): rather than lose them,
      // the copy is kept, readable by the server admin only, and listed on the status page.
      link.cancel();
      this.links.delete(db);
      const unsent = await this.pending(link, 'push').catch(() => null);
      if (unsent === 0) {
        await link.local.destroy().catch((err: unknown) => this.log.error({ err, db }, 'hub: could not remove an ungranted database'));
        this.log.info({ db }, 'hub: database no longer granted, removed');
      } else {
        await this.store.putSecurity(db, ADMIN_ONLY_SECURITY);
        this.retained.set(db, unsent);
        this.log.warn(
          { db, unsent },
          'hub: database no longer granted, kept for the administrator (changes that never reached the upstream)',
        );
      }
    }
  }

  /** The granted accounts, with their password hashes; everyone else loses access here (roles cleared). */
  private async applyAccounts(accounts: HubAccount[]): Promise<void> {
    const users = await this.store.db('_users');
    const local = new Map((await listUserRecords(this.store)).map((u) => [u.name, u]));
    let changed = false;
    for (const a of accounts) {
      const cur = local.get(a.name) as (Record<string, unknown> & { _rev?: string }) | undefined;
      const same =
        cur &&
        JSON.stringify(cur.roles) === JSON.stringify(a.roles) &&
        cur.derived_key === a.derived_key &&
        cur.salt === a.salt &&
        cur.iterations === a.iterations;
      if (same) continue;
      await users.put({ ...a, _id: USER_PREFIX + a.name, ...(cur?._rev ? { _rev: cur._rev } : {}) });
      changed = true;
    }
    const granted = new Set(accounts.map((a) => a.name));
    for (const [name, u] of local) {
      if (granted.has(name) || isHubAccount(u) || !u.roles.some(isBaseRole)) continue;
      await users.put({ ...u, roles: [] });
      changed = true;
    }
    this.accounts = accounts.length;
    if (changed) notifyAccountsChanged();
  }

  private async openLink(db: string): Promise<void> {
    const fileSpace = spaceOfFilesDbName(db);
    const space = spaceOfDbName(db) ?? fileSpace;
    if (!space) return;
    const local = await this.store.db(db);
    const meta: LinkMeta = (await local.get<LinkMeta>(LINK_META_ID).catch(() => null)) ?? { _id: LINK_META_ID };
    const remote = new PouchDB(`${this.config.upstreamUrl}/hub/db/${encodeURIComponent(db)}`, {
      skip_setup: true,
      fetch: (url: string | Request, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set('Authorization', this.auth);
        return PouchDB.fetch(url, { ...init, headers });
      },
    } as PouchDB.Configuration.RemoteDatabaseConfiguration);
    const options = {
      live: true,
      retry: true,
      batch_size: 200,
      filter: notDesign,
      // Reconnect soon after the link returns, without hammering a dead one.
      back_off_function: (delay: number) => (delay ? Math.min(delay * 2, 10_000) : 1000),
    } as PouchDB.Replication.ReplicateOptions;
    // Two replications rather than one `sync`: each direction reports its own state (a `sync` says "paused" only
    // after both were active once).
    const push = PouchDB.replicate(local, remote, options);
    const pull = PouchDB.replicate(remote, local, options);
    const link: Link = {
      db,
      space,
      files: !!fileSpace,
      local,
      remote,
      cancel: () => {
        push.cancel();
        pull.cancel();
      },
      directions: { push: 'connecting', pull: 'connecting' },
      verifying: { push: 0, pull: 0 },
      meta,
      rejected: [],
    };
    this.links.set(db, link);
    const watch = (direction: 'push' | 'pull', rep: PouchDB.Replication.Replication<object>) => {
      rep.on('active', () => {
        link.directions[direction] = 'syncing';
        link.error = undefined;
      });
      rep.on('change', () => {
        link.directions[direction] = 'syncing';
        link.conflicts = undefined;
        // The directory came down (units, people): what /api/me and sessions derive from it is stale.
        if (direction === 'pull' && db === ORG_DB) notifyAccountsChanged();
      });
      (rep as unknown as NodeJS.EventEmitter).on('checkpoint', (c: { checkpoint?: number | string }) => {
        if (c.checkpoint === undefined) return;
        if (direction === 'push') link.meta.pushedThrough = c.checkpoint;
        else link.meta.pulledThrough = c.checkpoint;
      });
      rep.on('paused', (err?: unknown) => {
        if (err) {
          link.directions[direction] = 'offline';
          link.error = messageOf(err);
          return;
        }
        // PouchDB also says "paused" before its first request: up to date only once nothing is left to move.
        void this.verify(link, direction);
      });
      rep.on('denied', (err: unknown) => {
        const e = err as { id?: string; reason?: string; message?: string };
        link.rejected.unshift({ id: e.id ?? '?', reason: e.reason ?? e.message ?? 'Refused.', at: new Date().toISOString() });
        link.rejected.length = Math.min(link.rejected.length, MAX_REJECTED);
        this.log.warn({ db, direction, id: e.id, reason: e.reason }, 'hub: a document was refused');
      });
      rep.on('error', (err: unknown) => {
        link.directions[direction] = 'error';
        link.error = messageOf(err);
        this.log.error({ db, direction, err: link.error }, 'hub: replication stopped');
      });
    };
    watch('push', push);
    watch('pull', pull);
  }

  /**
   * Whether one direction has nothing left to move (asking the upstream for the pull side). Also run after a
   * successful contact for directions that were cut off: a replication waiting on an idle database says nothing
   * when the link returns, so it would look cut off until its next change.
   */
  private async verify(link: Link, direction: 'push' | 'pull'): Promise<void> {
    const run = (link.verifying[direction] += 1);
    const n = await this.pending(link, direction).catch(() => null);
    if (run !== link.verifying[direction] || link.directions[direction] === 'error' || n === null) return;
    if (n > 0) {
      if (link.directions[direction] !== 'offline') link.directions[direction] = 'syncing';
      return;
    }
    link.directions[direction] = 'upToDate';
    if (stateOf(link) === 'upToDate') {
      link.error = undefined;
      await this.recordCaughtUp(link);
    }
  }

  /** Both directions caught up: what is stored here up to now has reached the upstream. */
  private async recordCaughtUp(link: Link): Promise<void> {
    try {
      link.meta.lastSyncAt = new Date().toISOString();
      const res = await link.local.put(link.meta);
      link.meta._rev = res.rev;
    } catch (err) {
      // A concurrent write of the same meta: the next catch-up records it.
      this.log.debug({ err, db: link.db }, 'hub: could not record the catch-up');
    }
  }

  /**
   * Changes not yet moved in one direction: local changes after the push checkpoint, or (only reachable while
   * connected) upstream changes after the pull checkpoint; design documents do not count (they never cross).
   * At most PENDING_CAP are counted.
   */
  private async pending(link: Link, direction: 'push' | 'pull'): Promise<number> {
    const source = direction === 'push' ? link.local : link.remote;
    const since = (direction === 'push' ? link.meta.pushedThrough : link.meta.pulledThrough) ?? 0;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), 5000)));
    try {
      const res = await Promise.race([source.changes({ since, limit: PENDING_CAP }), timeout]);
      return res.results.filter((r) => !r.id.startsWith('_design/')).length;
    } finally {
      clearTimeout(timer);
    }
  }

  private async conflictsOf(link: Link): Promise<number> {
    if (link.conflicts && Date.now() - link.conflicts.at < 10_000) return link.conflicts.count;
    const res = await link.local.allDocs({ include_docs: true, conflicts: true });
    const count = res.rows.filter((r) => (r.doc as { _conflicts?: string[] } | undefined)?._conflicts?.length).length;
    link.conflicts = { at: Date.now(), count };
    return count;
  }

  async status(): Promise<HubStatus> {
    const [units, people] = await Promise.all([listUnits(this.store), listPeople(this.store)]).catch(() => [[], []] as const);
    const names = new Map<string, string>([
      ...units.map((u) => [`unit:${u.unitId}`, u.name] as const),
      ...people.map((p) => [`personal:${p.name}`, p.displayName] as const),
    ]);
    // In parallel: a link whose upstream does not answer waits for its timeout without holding up the others.
    const dbs = await Promise.all(
      [...this.links.values()].map(async (link): Promise<HubDbStatus> => {
        const name = names.get(`${link.space.kind}:${link.space.id}`);
        const [pendingUp, pendingDown, conflicts] = await Promise.all([
          this.pending(link, 'push').catch(() => null),
          // What the upstream holds is known only while it answers.
          link.directions.pull === 'offline' ? null : this.pending(link, 'pull').catch(() => null),
          this.conflictsOf(link).catch(() => 0),
        ]);
        return {
          db: link.db,
          space: link.space,
          ...(name ? { name } : {}),
          files: link.files,
          state: stateOf(link),
          ...(link.meta.lastSyncAt ? { lastSyncAt: link.meta.lastSyncAt } : {}),
          pendingUp,
          pendingDown,
          conflicts,
          rejected: [...link.rejected],
          ...(link.error ? { error: link.error } : {}),
        };
      }),
    );
    const spaceDbs = [...this.links.values()].filter((l) => !l.files).map((l) => l.local);
    return {
      hub: this.config.name,
      upstream: new URL(this.config.upstreamUrl).origin,
      connected: this.connected && [...this.links.values()].every((l) => stateOf(l) !== 'offline' && stateOf(l) !== 'error'),
      ...(this.lastContactAt ? { lastContactAt: this.lastContactAt } : {}),
      ...(this.error ? { error: this.error } : {}),
      accounts: this.accounts,
      granted: this.granted,
      awaitingNumbers: await countAwaitingNumbers(spaceDbs).catch(() => 0),
      retained: [...this.retained].map(([db, unsent]) => ({ db, unsent })),
      dbs,
    };
  }

  /** The database names this hub replicates now (tests, status). */
  get databases(): string[] {
    return [...this.links.keys()];
  }
}
