import { NOTICE_SCHEMA, type Notice } from '../../src/model/notice.ts';
import { newId } from '../../src/model/ids.ts';
import { type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { wardDay } from '../../src/model/time.ts';
import type { Logger } from '../logger.ts';
import { createUnit, createUser } from '../services/accounts.ts';
import { listUnits, listUserRecords } from '../services/directory.ts';
import type { Store } from '../store/types.ts';
import { type DemoDocumentCount, seedDemoBodies, seedDemoDocuments } from './documents.ts';
import { seedDemoRooms, seedDemoSchedule } from './schedule.ts';
import { seedDemoTasks } from './tasks.ts';
import { DEMO_ACCOUNTS, DEMO_NOTICES, DEMO_UNITS } from './ward.ts';

export interface SeedDemoOptions {
  /** Also seed a year of official documents and of tasks made from them and from the units' work (`DEMO_DOCUMENTS`); default false. */
  documents?: boolean;
  /** Abbreviation of the ward in outgoing number/symbols (`ISSUER_CODE`); default `UBND`. */
  issuerCode?: string;
  /** How many documents (default: 400 incoming, 100 outgoing). */
  count?: DemoDocumentCount;
  /** The ward day the documents run up to (default: today). */
  today?: string;
}

/** True when the store holds no units and no accounts yet. */
export async function isEmptyStore(store: Store): Promise<boolean> {
  const [units, users] = await Promise.all([listUnits(store), listUserRecords(store)]);
  return units.length === 0 && users.length === 0;
}

/**
 * Seeds the demo ward into an empty store (units, accounts, notices, the directory of external bodies, and with
 * `documents` a year of official documents for the workers to deliver); does nothing (returns false) otherwise.
 */
export async function seedDemoWard(store: Store, password: string, log?: Logger, opts: SeedDemoOptions = {}): Promise<boolean> {
  if (!(await isEmptyStore(store))) return false;
  const started = Date.now();
  for (const [i, unit] of DEMO_UNITS.entries()) await createUnit(store, { ...unit, order: i + 1 });
  for (const a of DEMO_ACCOUNTS) {
    await createUser(
      store,
      {
        name: a.name,
        role: a.role,
        unitId: a.unitId,
        head: a.head,
        displayName: a.displayName,
        title: a.title,
        password,
      },
      { policy: false }, // one shared, printed demo password (DEMO_PASSWORD)
    );
  }
  const people = new Map(DEMO_ACCOUNTS.map((a) => [a.name, a]));
  let t = Date.now() - DEMO_NOTICES.length * 3600_000;
  for (const n of DEMO_NOTICES) {
    t += 3600_000;
    const space: SpaceRef = n.space === 'org' ? { kind: 'org', id: 'org' } : { kind: 'unit', id: n.space };
    const notice: Notice = {
      _id: newId('notice', t),
      type: 'notice',
      schema: NOTICE_SCHEMA,
      createdAt: new Date(t).toISOString(),
      createdBy: n.author,
      title: n.title,
      body: n.body,
      pinned: n.pinned,
      authorName: people.get(n.author)?.displayName ?? n.author,
      ...(n.expiresInDays ? { expiresOn: wardDay(new Date(Date.now() + n.expiresInDays * 86400_000)) } : {}),
    };
    await (await store.db(dbNameOf(space))).put(notice as unknown as PouchDB.Core.PutDocument<object>);
  }
  const bodies = await seedDemoBodies(store);
  await seedDemoRooms(store, opts.today);
  log?.info(
    { units: DEMO_UNITS.length, accounts: DEMO_ACCOUNTS.length, notices: DEMO_NOTICES.length, bodies, ms: Date.now() - started },
    'demo ward seeded',
  );
  if (opts.documents) {
    await seedDemoDocuments(store, {
      issuerCode: opts.issuerCode ?? 'UBND',
      ...(opts.count ? { count: opts.count } : {}),
      ...(opts.today ? { today: opts.today } : {}),
      ...(log ? { log } : {}),
    });
    await seedDemoTasks(store, {
      ...(opts.count ? { count: opts.count } : {}),
      ...(opts.today ? { today: opts.today } : {}),
      ...(log ? { log } : {}),
    });
    await seedDemoSchedule(store, { ...(opts.today ? { today: opts.today } : {}), ...(log ? { log } : {}) });
  }
  return true;
}
