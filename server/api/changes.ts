import { EventEmitter } from 'node:events';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { isActive } from '../../src/model/roles.ts';
import { canReadSpace, dbNameOf, spaceOfDbName } from '../../src/model/spaces.ts';
import { HttpError, badRequest, forbidden, unauthorized } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import { credentialsOf } from '../gateway/session.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/types.ts';
import { type ConversationService, conversationEvents } from '../services/conversations.ts';

/**
 * `POST /api/changes`: one long poll that tells a device which of its spaces changed.
 *
 * Why: a browser allows 6 connections per host over HTTP/1.1. A clerk or a leader syncs 8 spaces; one live
 * PouchDB pull per space holds one long-poll each, so all 6 connections were taken for good and the pushes
 * (and file uploads) queued forever behind them (seen in the issue-3 end-to-end test). Devices now hold this
 * one request; when it names a space, that space runs a one-shot pull (`src/sync/change-notifier.ts`).
 *
 * Body `{ "dbs": { "<space db>": "<update seq last answered>" | null } }`. The answer comes at once when a
 * database's sequence differs from the one given (null: unknown), else when one changes, else after
 * `WAIT_MS` (then `changed` is empty): `{ "seqs": { db: seq }, "changed": [db, …], "conversations": [id, …] }`;
 * `conversations` are the conversation spaces the account belongs to now (a device that syncs others, or misses
 * one, reads `/api/me` again), and joining or leaving one answers a waiting request at once. Only spaces the
 * account may read are accepted (403 otherwise, like the gateway). The server follows each database once,
 * however many devices wait on it (`ChangeHub`).
 */
export const WAIT_MS = 25_000;
const MAX_DBS = 100;

/** The current update sequence of each followed database, with one feed per database. */
export class ChangeHub {
  private readonly seqs = new Map<string, Promise<string>>();
  private readonly feeds = new Map<string, PouchDB.Core.Changes<object>>();
  private readonly events = new EventEmitter();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly log?: Logger,
  ) {
    this.events.setMaxListeners(0);
  }

  /** The database's sequence now (starts following it on first use). */
  seq(db: string): Promise<string> {
    let p = this.seqs.get(db);
    if (!p) {
      p = this.follow(db);
      this.seqs.set(db, p);
      p.catch(() => this.seqs.delete(db));
    }
    return p;
  }

  /** Calls `cb(db)` on the next change of any of `dbs`; returns the unsubscribe function. */
  onChange(dbs: readonly string[], cb: (db: string) => void): () => void {
    const wanted = new Set(dbs);
    const listener = (db: string) => {
      if (wanted.has(db)) cb(db);
    };
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  close(): void {
    this.closed = true;
    for (const feed of this.feeds.values()) feed.cancel();
    this.feeds.clear();
  }

  private async follow(db: string): Promise<string> {
    const handle = await this.store.db(db);
    const info = await handle.info();
    const start = String(info.update_seq);
    if (this.closed) return start;
    const feed = handle.changes({ live: true, since: 'now', heartbeat: 10_000 } as PouchDB.Core.ChangesOptions);
    this.feeds.set(db, feed);
    feed.on('change', (c) => {
      this.seqs.set(db, Promise.resolve(String(c.seq)));
      this.events.emit('change', db);
    });
    feed.on('error', (err) => {
      // Follow again on the next question (e.g. CouchDB restarted); devices re-ask within WAIT_MS.
      this.log?.warn({ err, db }, 'change hub: feed stopped');
      this.feeds.delete(db);
      this.seqs.delete(db);
    });
    return start;
  }
}

/** `conversations`: the members of conversation spaces (docs/decisions/0005); without it nobody follows one. */
export function changesRouter(hub: ChangeHub, sessions: SessionResolver, conversations?: ConversationService): Router {
  const router = Router();
  router.post('/changes', express.json({ limit: '16kb' }), (req: Request, res: Response, next: NextFunction) => {
    void answer(req, res).catch(next);
  });

  async function answer(req: Request, res: Response): Promise<void> {
    const user = await sessions.resolve(credentialsOf(req.headers));
    if (!user) throw unauthorized();
    if (!isActive(user)) throw forbidden('This account is disabled.');
    const given = (req.body as { dbs?: unknown } | undefined)?.dbs;
    if (typeof given !== 'object' || given === null || Array.isArray(given)) throw badRequest('dbs must map database names to sequences.');
    const entries = Object.entries(given as Record<string, unknown>);
    if (entries.length === 0 || entries.length > MAX_DBS) throw badRequest(`dbs must name 1–${MAX_DBS} databases.`);
    for (const [db, seq] of entries) {
      const space = spaceOfDbName(db);
      const members = space?.kind === 'conversation' ? ((await conversations?.membersOf(space.id)) ?? undefined) : undefined;
      if (!space || !canReadSpace(user, space, members)) throw forbidden(`You are not a member of ${db}.`);
      if (seq !== null && typeof seq !== 'string') throw badRequest('Each sequence is a string or null.');
    }
    const dbs = entries.map(([db]) => db);
    const current = async () => Object.fromEntries(await Promise.all(dbs.map(async (db) => [db, await hub.seq(db)] as const)));
    const differs = (seqs: Record<string, string>) => entries.filter(([db, seq]) => seqs[db] !== seq).map(([db]) => db);

    // Listen before reading the sequences, so a change in between is not missed.
    const changed = new Set<string>();
    let wake: (() => void) | undefined;
    const stopChanges = hub.onChange(dbs, (db) => {
      changed.add(db);
      wake?.();
    });
    // A conversation this person joined (or left) while waiting: the answer comes at once, so that the device
    // reads /api/me again and starts (or stops) syncing it; `conversations` always lists the current ones.
    const watched = new Set(dbs);
    let spacesChanged = false;
    const onConversation = (id: string, members: readonly string[]): void => {
      if (members.includes(user.name) !== watched.has(dbNameOf({ kind: 'conversation', id }))) {
        spacesChanged = true;
        wake?.();
      }
    };
    conversationEvents.on('changed', onConversation);
    const stop = (): void => {
      stopChanges();
      conversationEvents.off('changed', onConversation);
    };
    try {
      let seqs = await current().catch((err: unknown) => {
        throw new HttpError(404, 'not_found', `A database is missing: ${(err as Error).message}`);
      });
      for (const db of differs(seqs)) changed.add(db);
      if (changed.size === 0 && !spacesChanged) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, WAIT_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
          res.on('close', wake);
        });
        if (res.writableEnded || res.destroyed) return;
        seqs = await current();
      }
      const mine = conversations ? (await conversations.listFor(user.name)).map((r) => r.id).sort() : [];
      res.setHeader('Cache-Control', 'no-store');
      res.json({ seqs, changed: [...changed], conversations: mine });
    } finally {
      stop();
    }
  }

  return router;
}
