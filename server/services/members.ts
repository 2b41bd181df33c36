import { isActive } from '../../src/model/roles.ts';
import type { Store } from '../store/types.ts';
import { listUserRecords } from './directory.ts';
import { accountEvents } from './events.ts';

/** Accounts' roles at one moment (from `_users`): what the task rules and the task mirror ask about people. */
export interface Members {
  /** The account's roles, or null when there is no such account. */
  rolesOf(name: string): string[] | null;
  /** Unit ids the account belongs to (`unit:<id>` roles); [] when unknown. */
  unitsOf(name: string): string[];
  /** False for unknown and disabled accounts. */
  isActive(name: string): boolean;
}

// One listener for the process (not one per directory: tests start many servers in one process).
let generation = 0;
accountEvents.on('changed', () => generation++);

/**
 * A cached view of every account's roles. Dropped when accounts change in this process (`accountEvents`) and
 * after `ttlMs` anyway (another server may have changed them).
 */
export class MemberDirectory {
  private cached: { at: number; generation: number; members: Promise<Members> } | undefined;

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 60_000,
  ) {}

  snapshot(): Promise<Members> {
    const now = Date.now();
    const c = this.cached;
    if (c && c.generation === generation && now - c.at < this.ttlMs) return c.members;
    const members = this.load();
    this.cached = { at: now, generation, members };
    members.catch(() => {
      if (this.cached?.members === members) this.cached = undefined;
    });
    return members;
  }

  private async load(): Promise<Members> {
    const roles = new Map<string, string[]>();
    for (const u of await listUserRecords(this.store)) roles.set(u.name, u.roles ?? []);
    return {
      rolesOf: (name) => roles.get(name) ?? null,
      unitsOf: (name) => (roles.get(name) ?? []).filter((r) => r.startsWith('unit:')).map((r) => r.slice(5)),
      isActive: (name) => {
        const r = roles.get(name);
        return !!r && isActive({ name, roles: r });
      },
    };
  }
}
