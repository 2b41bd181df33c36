import { filesDbNameOf } from '../../src/model/files.ts';
import { REGISTRY_SPACE, type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { ORG_DB, listUnits, listUserRecords } from '../services/directory.ts';
import { NUMBERING_DB } from '../services/numbering.ts';
import { AUDIT_DB } from '../services/audit.ts';
import { CONVERSATIONS_DB, listConversationIds } from '../services/conversations.ts';
import type { Store } from '../store/types.ts';

const ORG_SPACE: SpaceRef = { kind: 'org', id: 'org' };

/**
 * The databases a backup holds, in file order: `_users` (accounts), the org space and its files database, the
 * admin-only numbering database and audit log, then every other space (registry, units from the org directory, one
 * personal space per account) each followed by its files database, then the conversation registry and every
 * conversation space, each followed by its files database. The same set setup maintains (server/setup/run.ts), read
 * through the Store interface so it works for the embedded store and COUCHDB_URL alike. Missing databases are left out
 * (a ward backed up before it had the org's and conversations' files databases restores without them: setup creates
 * them on the next start).
 */
export async function databasesToBackup(store: Store): Promise<string[]> {
  const spaces: SpaceRef[] = [REGISTRY_SPACE];
  for (const unit of await listUnits(store)) spaces.push({ kind: 'unit', id: unit.unitId });
  for (const user of await listUserRecords(store)) spaces.push({ kind: 'personal', id: user.name });
  // Conversations (docs/decisions/0005): the registry, then each conversation's space and its files database.
  const conversations = (await listConversationIds(store)).map((id): SpaceRef => ({ kind: 'conversation', id }));
  const withFiles = (s: SpaceRef): string[] => [dbNameOf(s), filesDbNameOf(s)];
  const names = [
    '_users',
    ORG_DB,
    filesDbNameOf(ORG_SPACE),
    NUMBERING_DB,
    AUDIT_DB,
    ...spaces.flatMap(withFiles),
    CONVERSATIONS_DB,
    ...conversations.flatMap(withFiles),
  ];
  const unique = [...new Set(names)];
  const present = await Promise.all(unique.map((n) => store.exists(n)));
  return unique.filter((_, i) => present[i]);
}
