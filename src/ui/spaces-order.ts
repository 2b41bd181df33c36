import { compareVi } from '../model/collate.ts';
import type { Space } from '../model/spaces.ts';

const KIND_ORDER: Record<Space['kind'], number> = { org: 0, registry: 1, unit: 2, personal: 3, conversation: 4 };

/** The ward first, then units by name (Vietnamese collation), then the personal space. */
export function spacesInOrder<T extends Pick<Space, 'kind' | 'title'>>(spaces: readonly T[]): T[] {
  return [...spaces].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareVi(a.title, b.title));
}
