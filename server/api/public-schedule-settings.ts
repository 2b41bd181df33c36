import express, { Router, type Request } from 'express';
import type { WardSettings } from '../../src/model/api.ts';
import { badRequest, notFound, sendError } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import { type AuditLog, auditFrom } from '../services/audit.ts';
import { getOrNull } from '../services/directory.ts';
import { openAdminOnlyDb } from '../store/admin-only-db.ts';
import type { Store } from '../store/types.ts';
import { answerJson, auditContextOf, requireAdmin } from './admin-guard.ts';

/**
 * The ward's settings that the administrator changes in the app (today one: `publicSchedule`, issue 5's public page
 * of the leadership schedule). They live in the admin-only database `docket-settings`, document `ward`, so no account
 * can change them through `/db`; every server reads them at each request (no cache to go stale behind a second app
 * server). A missing document or field is the default: everything off.
 */
export const SETTINGS_DB = 'docket-settings';
const WARD_DOC_ID = 'ward';

export const DEFAULT_WARD_SETTINGS: Readonly<WardSettings> = { publicSchedule: false };

interface WardSettingsDoc extends Partial<WardSettings> {
  _id: string;
  _rev?: string;
  type: 'wardSettings';
  updatedAt: string;
  updatedBy: string;
}

const isConflict = (err: unknown): boolean => (err as { status?: number }).status === 409;

export class WardSettingsStore {
  private dbPromise: Promise<PouchDB.Database> | undefined;
  constructor(private readonly store: Store) {}

  private db(): Promise<PouchDB.Database> {
    this.dbPromise ??= openAdminOnlyDb(this.store, SETTINGS_DB);
    this.dbPromise.catch(() => (this.dbPromise = undefined));
    return this.dbPromise;
  }

  async get(): Promise<WardSettings> {
    const doc = await getOrNull<WardSettingsDoc>(await this.db(), WARD_DOC_ID);
    return { publicSchedule: doc?.publicSchedule === true };
  }

  /** Applies `changes`; returns the settings before and after. */
  async update(changes: Partial<WardSettings>, actor: string, now = new Date()): Promise<{ before: WardSettings; after: WardSettings }> {
    const db = await this.db();
    for (let attempt = 0; ; attempt++) {
      const doc = await getOrNull<WardSettingsDoc>(db, WARD_DOC_ID);
      const before: WardSettings = { publicSchedule: doc?.publicSchedule === true };
      const after: WardSettings = { ...before, ...changes };
      try {
        await db.put<Omit<WardSettingsDoc, '_id' | '_rev'>>({
          _id: WARD_DOC_ID,
          ...(doc ? { _rev: doc._rev } : {}),
          type: 'wardSettings',
          ...after,
          updatedAt: now.toISOString(),
          updatedBy: actor,
        });
        return { before, after };
      } catch (err) {
        if (!isConflict(err) || attempt >= 4) throw err;
      }
    }
  }
}

const json = express.json({ limit: '4kb' });
const KEYS = Object.keys(DEFAULT_WARD_SETTINGS) as (keyof WardSettings)[];

/** What the audit log says about a change. */
function summaryOf(before: WardSettings, after: WardSettings): string {
  const changes = KEYS.filter((k) => before[k] !== after[k]).map((k) =>
    k === 'publicSchedule' ? `public schedule page (/public/schedule) ${after[k] ? 'turned on' : 'turned off'}` : k,
  );
  return `Ward settings: ${changes.join('; ') || 'nothing changed'}`;
}

/**
 * `/api/admin/settings` (admin role only; 401 anonymous, 403 anyone else):
 * - `GET` → `WardSettings`;
 * - `PUT { publicSchedule: boolean }` → the settings after the change, audited (`settingsChanged`). Unknown fields or a
 *   value that is not a boolean → 400.
 */
export function wardSettingsRouter(store: Store, sessions: SessionResolver, audit: AuditLog): Router {
  const router = Router();
  const settings = new WardSettingsStore(store);
  router.use(requireAdmin(sessions));
  router.get(
    '/',
    answerJson(() => settings.get()),
  );
  router.put(
    '/',
    json,
    answerJson(async (req: Request) => {
      const b: unknown = req.body;
      if (typeof b !== 'object' || b === null || Array.isArray(b)) throw badRequest('The body must be a JSON object.');
      const changes: Partial<WardSettings> = {};
      for (const [k, v] of Object.entries(b)) {
        if (!(KEYS as string[]).includes(k)) throw badRequest(`Unknown setting "${k}".`);
        if (typeof v !== 'boolean') throw badRequest(`${k} must be true or false.`);
        changes[k as keyof WardSettings] = v;
      }
      const { before, after } = await settings.update(changes, req.docketCaller!.name);
      await audit.record(auditFrom(auditContextOf(req), 'settingsChanged', 'ward', summaryOf(before, after)));
      return after;
    }),
  );
  router.use((_req, res) => sendError(res, notFound('Unknown settings endpoint.')));
  return router;
}
