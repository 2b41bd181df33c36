import { type SpaceRef, dbNameOf, securityOf } from '../../src/model/spaces.ts';
import type { SecurityObject, Store } from '../store/types.ts';
import { filesDbNameOf } from '../../src/model/files.ts';
import { designDocFor, filesDesignDocFor, type DesignDoc } from './design-doc.ts';

export interface EnsureSpaceOptions {
  /** A disabled account's personal space keeps no members. */
  disabled?: boolean;
  /** A conversation space's members (its readers, by name: `securityOf`). */
  members?: readonly string[];
}

/** The `_security` a space must have (a disabled account loses its own personal space too). */
export function wantedSecurity(space: SpaceRef, opts: EnsureSpaceOptions = {}): SecurityObject {
  const sec = securityOf(space, opts.members);
  if (space.kind === 'personal' && opts.disabled) sec.members.names = [];
  return sec;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Creates the space's database when missing, sets its `_security` and installs its design
 * document; likewise its files database (`src/model/files.ts`), with the same `_security`: every space has one, the
 * org space (files of ward-wide events and their threads) and each conversation (files of its messages, its members
 * by name) included. Called again whenever a conversation's members change (`ConversationService.syncSpace`), so the
 * files database follows the space. Idempotent: nothing is written when everything is already as wanted.
 */
export async function ensureSpace(store: Store, space: SpaceRef, opts: EnsureSpaceOptions = {}): Promise<{ db: string; changed: boolean }> {
  const sec = wantedSecurity(space, opts);
  const name = dbNameOf(space);
  let changed = await ensureDb(store, name, sec, designDocFor(space));
  changed = (await ensureDb(store, filesDbNameOf(space), sec, filesDesignDocFor(space))) || changed;
  return { db: name, changed };
}

async function ensureDb(store: Store, name: string, sec: SecurityObject, wanted: DesignDoc): Promise<boolean> {
  const db = await store.db(name);
  let changed = false;
  const current = await store.getSecurity(name);
  if (!sameJson(normaliseSecurity(current), sec)) {
    await store.putSecurity(name, sec);
    changed = true;
  }
  const existing = (await db.get<DesignDoc>(wanted._id).catch((err: { status?: number }) => {
    if (err.status === 404) return null;
    throw err;
  })) as (DesignDoc & { _rev: string }) | null;
  if (
    !existing ||
    existing.hash !== wanted.hash ||
    existing.version !== wanted.version ||
    existing.validate_doc_update !== wanted.validate_doc_update ||
    !sameJson(existing.views, wanted.views)
  ) {
    await db.put(existing ? { ...wanted, _rev: existing._rev } : wanted);
    changed = true;
  }
  return changed;
}

function normaliseSecurity(sec: Partial<SecurityObject> | Record<string, never>): SecurityObject {
  const s = sec as Partial<SecurityObject>;
  return {
    admins: { names: s.admins?.names ?? [], roles: s.admins?.roles ?? [] },
    members: { names: s.members?.names ?? [], roles: s.members?.roles ?? [] },
  };
}
