/**
 * Vietnamese-aware text folding for search (issue 6): marks removed, `đ`/`Đ` → `d`, lower case, and text cut
 * into words at anything that is not a letter or a digit, so "15/QĐ-UBND" is the words `15 qd ubnd` and
 * "Quyết định" is `quyet dinh`. Pure: shared by the worker, the tests and the benchmark's naive baseline.
 */

const MARKS = /[\u0300-\u036f]/g;
const NOT_WORD = /[^a-z0-9]+/;

/** Lower case, no diacritics, `đ` → `d`; the length may differ from the input (see `foldWithMap`). */
export function fold(s: string): string {
  return s.normalize('NFD').replace(MARKS, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** The words of a text, folded: "Số 15/QĐ-UBND" → ['so', '15', 'qd', 'ubnd']. */
export function words(s: string): string[] {
  return fold(s).split(NOT_WORD).filter(Boolean);
}

/** A number/symbol with its punctuation and spaces gone, for exact comparison: "15/QĐ-UBND" → "15qdubnd". */
export function compact(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, '');
}

/**
 * The folded text with, for each of its characters, the index of the original character it came from, so a
 * match found in folded text can be highlighted in the text as written (`Ế` folds to one `e`, `ﬁ` to two letters).
 */
export function foldWithMap(s: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of s) {
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) from.push(i);
    folded += f;
    i += ch.length;
  }
  from.push(i);
  return { folded, from };
}

/**
 * Abbreviations of document types in number/symbols (Decree 30/2020, GLOSSARY.md), folded: a document numbered
 * `15/QĐ-UBND` is also found by "quyet dinh 15" even when its summary does not say "Quyết định".
 */
export const TYPE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  nq: 'nghi quyet',
  qd: 'quyet dinh',
  ct: 'chi thi',
  qc: 'quy che',
  qyd: 'quy dinh',
  tb: 'thong bao',
  hd: 'huong dan',
  ctr: 'chuong trinh',
  kh: 'ke hoach',
  pa: 'phuong an',
  da: 'de an',
  bc: 'bao cao',
  bb: 'bien ban',
  ttr: 'to trinh',
  cd: 'cong dien',
  gm: 'giay moi',
  ggt: 'giay gioi thieu',
  guq: 'giay uy quyen',
};

/** The type words a number/symbol stands for: "15/QĐ-UBND" → "quyet dinh"; a công văn (`120/UBND-VP`) has none. */
export function typeWordsOfSymbol(symbol: string): string {
  const parts = words(symbol);
  // The type comes right after the number: `15/QĐ-UBND`, or before the body in party style `125-KH/TU`.
  const abbr = parts.find((p) => !/^\d+$/.test(p));
  return (abbr && TYPE_ABBREVIATIONS[abbr]) ?? '';
}
