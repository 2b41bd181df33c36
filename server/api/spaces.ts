import type { UnitDoc } from '../../src/model/directory.ts';
import { type Space, type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { listUnits } from '../services/directory.ts';
import { accountEvents } from '../services/events.ts';
import type { Store } from '../store/types.ts';

export const ORG_TITLE = 'Toàn phường';
export const PERSONAL_TITLE = 'Cá nhân';
export const REGISTRY_TITLE = 'Văn thư – Sổ văn bản';

/** Units by id, cached briefly and dropped when the directory changes. */
export class UnitCache {
  private value: Promise<Map<string, UnitDoc>> | null = null;
  private expires = 0;
  constructor(
    private readonly store: Store,
    private readonly ttlMs = 10_000,
  ) {
    accountEvents.on('changed', () => this.clear());
  }
  get(): Promise<Map<string, UnitDoc>> {
    if (!this.value || Date.now() > this.expires) {
      this.expires = Date.now() + this.ttlMs;
      this.value = listUnits(this.store).then((units) => new Map(units.map((u) => [u.unitId, u])));
      this.value.catch(() => this.clear());
    }
    return this.value;
  }
  clear(): void {
    this.value = null;
  }
}

export function describeSpace(ref: SpaceRef, units: ReadonlyMap<string, UnitDoc>): Space {
  const title =
    ref.kind === 'org'
      ? ORG_TITLE
      : ref.kind === 'registry'
        ? REGISTRY_TITLE
        : ref.kind === 'personal'
          ? PERSONAL_TITLE
          : (units.get(ref.id)?.name ?? ref.id);
  return { kind: ref.kind, id: ref.id, title, db: dbNameOf(ref) };
}
