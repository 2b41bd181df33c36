import { filesDbNameOf } from '../../src/model/files.ts';
import { REGISTRY_SPACE, type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { ORG_DB, listUnits, listUserRecords } from '../services/directory.ts';
import { NUMBERING_DB } from '../services/numbering.ts';
import { AUDIT_DB } from '../services/audit.ts';
import { CONVERSATIONS_DB, listConversationIds } from '../services/conversations.ts';
import type { Store } from '../store/types.ts';

/**
 * The databases a backup holds, in file order: `_users` (accounts), the org space, the admin-only numbering
 * database and audit log, then every other space (registry, units from the org directory, one personal space per account)
 * each followed by its files database, then the conversation registry and every conversation space. The same set setup maintains (server/setup/run.ts), read through the
 * Store interface so it works for the embedded store and COUCHDB_URL alike. Missing databases are left out.
 */
export async function databasesToBackup(store: Store): Promise<string[]> {
  const spaces: SpaceRef[] = [REGISTRY_SPACE];
  for (const unit of await listUnits(store)) spaces.push({ kind: 'unit', id: unit.unitId });
  for (const user of await listUserRecords(store)) spaces.push({ kind: 'personal', id: user.name });
  // Conversations (docs/decisions/0005): the registry, then each conversation's space (they have no files database).
  const conversations = (await listConversationIds(store)).map((id) => dbNameOf({ kind: 'conversation', id }));
  const names = [
    '_users',
    ORG_DB,
    NUMBERING_DB,
    AUDIT_DB,
    ...spaces.flatMap((s) => [dbNameOf(s), filesDbNameOf(s)]),
    CONVERSATIONS_DB,
    ...conversations,
  ];
  const unique = [...new Set(names)];
  const present = await Promise.all(unique.map((n) => store.exists(n)));
  return unique.filter((_, i) => present[i]);
}
