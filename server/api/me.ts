import type { MeResponse, OrgSettings } from '../../src/model/api.ts';
import { type UserCtx, isActive, mustChangePassword, unitsOf } from '../../src/model/roles.ts';
import { spacesOf } from '../../src/model/spaces.ts';
import { getPerson } from '../services/directory.ts';
import type { Store } from '../store/types.ts';
import { forbidden, unauthorized } from '../errors.ts';
import type { ConversationService } from '../services/conversations.ts';
import { describeConversation } from './conversations.ts';
import { type UnitCache, describeSpace } from './spaces.ts';

/**
 * The signed-in account and the spaces its devices replicate (`GET /api/me`): org, registry, units, personal, then
 * the conversations the account is a member of (oldest first; docs/decisions/0005).
 */
export async function meOf(
  store: Store,
  units: UnitCache,
  user: UserCtx | null,
  settings: OrgSettings,
  conversations?: ConversationService,
): Promise<MeResponse> {
  if (!user) throw unauthorized();
  if (user.roles.includes('_admin')) throw forbidden('The server administrator has no app account.');
  if (!isActive(user)) throw forbidden('This account is disabled.');
  const [unitMap, person, records] = await Promise.all([
    units.get(),
    getPerson(store, user.name),
    conversations ? conversations.listFor(user.name) : Promise.resolve([]),
  ]);
  const conversationSpaces = await Promise.all(
    records
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((r) => describeConversation(store, r, user.name)),
  );
  const titles = new Map([...unitMap].map(([id, u]) => [id, u.name]));
  return {
    name: user.name,
    displayName: person?.displayName ?? user.name,
    roles: user.roles,
    units: unitsOf(user).filter((u) => unitMap.has(u)),
    spaces: [...spacesOf(user, titles).map((s) => describeSpace(s, unitMap)), ...conversationSpaces],
    settings,
    ...(mustChangePassword(user) ? { mustChangePassword: true } : {}),
  };
}
