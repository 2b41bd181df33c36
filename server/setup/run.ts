import { isActive } from '../../src/model/roles.ts';
import { isHubAccount } from '../../src/model/hub.ts';
import { REGISTRY_SPACE } from '../../src/model/spaces.ts';
import type { Logger } from '../logger.ts';
import { ORG_DB, getOrNull, listUnits, listUserRecords } from '../services/directory.ts';
import { NumberingService } from '../services/numbering.ts';
import type { Store } from '../store/types.ts';
import { MIGRATIONS } from './migrations.ts';
import { ConversationService } from '../services/conversations.ts';
import { ensureSpace } from './spaces.ts';

export const MIGRATIONS_DOC_ID = '_local/docket-migrations';

export interface SetupResult {
  spaces: number;
  changed: number;
  migrated: string[];
}

/**
 * Runs on every start, against either store, and is idempotent: the org and registry spaces, one
 * space per unit and per account, each with its `_security` and `_design/docket`; the admin-only
 * numbering database; the conversation registry and each conversation's space; then pending migrations.
 */
export async function runSetup(store: Store, log?: Logger): Promise<SetupResult> {
  const started = Date.now();
  await store.db('_users');
  let spaces = 0;
  let changed = 0;
  const count = (r: { changed: boolean }) => {
    spaces++;
    if (r.changed) changed++;
  };
  count(await ensureSpace(store, { kind: 'org', id: 'org' }));
  count(await ensureSpace(store, REGISTRY_SPACE));
  for (const unit of await listUnits(store)) count(await ensureSpace(store, { kind: 'unit', id: unit.unitId }));
  for (const user of await listUserRecords(store)) {
    if (isHubAccount(user)) continue; // a hub's account has no space of its own
    count(await ensureSpace(store, { kind: 'personal', id: user.name }, { disabled: !isActive({ name: user.name, roles: user.roles }) }));
  }
  await new NumberingService(store).ensureDb();
  // Conversation spaces (docs/decisions/0005): the registry, then each space as it says (design document upgrades,
  // `_security` and meta document repaired after a crash between the registry write and theirs).
  const conversations = new ConversationService(store);
  for (const record of await conversations.all()) count(await conversations.syncSpace(record));
  const migrated = await runMigrations(store, log);
  log?.info({ spaces, changed, migrated, ms: Date.now() - started }, 'setup done');
  return { spaces, changed, migrated };
}

interface MigrationsDoc {
  _id: string;
  _rev?: string;
  applied: { id: string; at: string }[];
}

async function runMigrations(store: Store, log?: Logger): Promise<string[]> {
  const org = await store.db(ORG_DB);
  const record: MigrationsDoc = (await getOrNull<MigrationsDoc>(org, MIGRATIONS_DOC_ID)) ?? { _id: MIGRATIONS_DOC_ID, applied: [] };
  const done = new Set(record.applied.map((a) => a.id));
  const ran: string[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.id)) continue;
    log?.info({ migration: m.id }, 'running migration');
    await m.run(store);
    record.applied.push({ id: m.id, at: new Date().toISOString() });
    const res = await org.put(record);
    record._rev = res.rev;
    ran.push(m.id);
  }
  return ran;
}
