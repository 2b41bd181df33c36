/**
 * Typo tolerance at the level of words: the words of the index's vocabulary within a small edit distance of a
 * typed word (optimal string alignment: a swap of two neighbours counts one, so "dihn" finds "dinh"). Run only
 * when the exact word filter finds (almost) nothing, over the vocabulary (a few thousand distinct folded words
 * for a ward's year of documents), never over the items.
 */

/** Edits allowed for a typed word: none for short words (too many neighbours), 1 from 4 letters, 2 from 8. */
export const maxEditsFor = (word: string): number => (word.length < 4 || /^\d+$/.test(word) ? 0 : word.length < 8 ? 1 : 2);

// Three rows of the distance table, reused: this runs for thousands of words per search.
const ROWS = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/** Whether `a` and `b` are within `max` edits (insert, delete, substitute, swap neighbours); early exit per row. */
export function withinEdits(a: string, b: string, max: number): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return false;
  if (a === b) return true;
  if (lb >= 63) return false; // not a word
  let [prev2, prev, cur] = ROWS as unknown as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[lb]! <= max;
}

/**
 * Vocabulary words a typed word may have meant: within its allowed edits, or starting with it after one edit
 * (the person is still typing "quyte" of "quyết"). Numbers are never guessed: a wrong number is another document.
 */
export function nearWords(word: string, vocabulary: readonly string[], limit = 12): string[] {
  const max = maxEditsFor(word);
  if (!max) return [];
  const out: string[] = [];
  for (const v of vocabulary) {
    if (v === word || v.charCodeAt(0) < 97) continue; // digits sort first: no numbers
    if (
      v.length >= word.length - max &&
      (withinEdits(word, v, max) || (v.length > word.length && withinEdits(word, v.slice(0, word.length), max)))
    ) {
      out.push(v);
      if (out.length >= limit) break;
    }
  }
  return out;
}
