import { foldWithMap } from './normalize.ts';
import type { Ranges } from './types.ts';

const WORD = /[a-z0-9]+/g;

/**
 * Where `text` (as written, with its diacritics) shows the searched words: each of its words whose folded form
 * starts with a searched word is highlighted over the matched beginning ("quyet" marks "Quyết" in "Quyết định").
 * `searched` are folded words (the query's, and a typo's neighbours, which mark the whole word they match).
 */
export function highlight(text: string, searched: readonly string[]): Ranges {
  if (!text || !searched.length) return [];
  const { folded, from } = foldWithMap(text);
  const out: Ranges = [];
  for (const m of folded.matchAll(WORD)) {
    const word = m[0];
    let len = 0;
    for (const s of searched) if (s.length > len && word.startsWith(s)) len = s.length;
    if (!len) continue;
    const start = m.index;
    out.push([from[start]!, from[start + len]!]);
  }
  return out;
}
