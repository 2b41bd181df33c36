import type { Store } from '../store/types.ts';

export interface Migration {
  /** Never reuse or rename an id: the org space's `_local/docket-migrations` records which ran. */
  id: string;
  run(store: Store): Promise<void>;
}

/** Ordered data migrations; each runs once per store, after the spaces exist. */
export const MIGRATIONS: Migration[] = [
  {
    id: '0001-initial',
    // Schema version 1 of every document type is the first one: nothing to upgrade yet.
    run: async () => undefined,
  },
];
