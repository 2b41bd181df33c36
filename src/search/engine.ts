/**
 * The search index (issue 6): an inverted index of folded words kept up to date item by item, answering a query
 * as the AND of its words, each matched as a word or a word's beginning, ranked by where the words were found
 * (number/symbol, then title, then the rest), with exact number/symbol matches first and newer items before older.
 * When that finds (almost) nothing, typed words are widened to vocabulary words a typo away (`fuzzy.ts`) and
 * fuse.js orders the few candidates by overall similarity. Pure: runs in the search worker, in Node tests and in
 * the benchmark. STACK-NOTES.md explains why fuse.js alone is not the index: too slow and misses at 50,000 items.
 */
import Fuse from 'fuse.js';
import { nearWords } from './fuzzy.ts';
import { highlight } from './highlight.ts';
import { compact, fold, typeWordsOfSymbol, words } from './normalize.ts';
import {
  SEARCH_KINDS,
  type SearchAnswer,
  type SearchGroup,
  type SearchHit,
  type SearchItem,
  type SearchKind,
  type SearchOptions,
} from './types.ts';

const enum Field {
  Symbol = 0,
  Title = 1,
  Meta = 2,
  Body = 3,
}
/** Weight of a word found whole in each field; a word's beginning counts 60 %, a typo's neighbour 40 %. */
const WEIGHT = [10, 4, 2.5, 1.5];
const PREFIX = 0.6;
const NEAR = 0.4;
const EXACT_SYMBOL = 100;
const SYMBOL_PREFIX = 20;
/** Fewer hits than this and typo tolerance is tried. */
const FUZZY_BELOW = 3;
/** fuse.js orders at most this many typo candidates. */
const FUSE_MAX = 300;
const MAX_WORDS = 12;
/** The query's words one after another in the title or the shown line: "văn thư" the position, not "thu thập". */
const PHRASE = 5;
/**
 * Words people add that documents often do not carry ("số 15", "về việc", "ngày"): when the words together find
 * (almost) nothing, they are left out before typos are guessed.
 */
const FILLER = new Set(['so', 'v', 'vv', 've', 'viec', 'cua', 'ngay', 'van', 'ban']);
/** A number/symbol inside a longer query: `15/QĐ-UBND` in "quyết định số 15/QĐ-UBND". */
const SYMBOL_IN_QUERY = /\d+[/-][\p{L}\d]+(?:[/-][\p{L}\d]+)*/gu;

interface Slot {
  item: SearchItem;
  symbols: string[];
  /** Folded words of the title, then of the shown line, for phrase matches. */
  text: string;
  /** Index in SEARCH_KINDS. */
  kind: number;
  /** Days since 1970 of `item.date` (capped): the tie-break of equal scores, newer first. */
  day: number;
}

const dayOf = (date: string): number => {
  const t = Date.parse(date.length === 4 ? `${date}-01-01` : date.slice(0, 10));
  return Number.isFinite(t) ? Math.max(0, Math.min(999_999, Math.floor(t / 86_400_000))) : 0;
};

export class SearchEngine {
  private slots: Array<Slot | null> = [];
  private readonly slotOf = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  /** Compact number/symbol → slots, for exact matches. */
  private readonly symbolSlots = new Map<string, number[]>();
  private sorted: string[] = [];
  private fresh: string[] = [];
  private dead = 0;
  private mark = new Int32Array(0);
  private best = new Float32Array(0);
  private total = new Float32Array(0);
  private generation = 0;

  get size(): number {
    return this.slotOf.size;
  }

  /** Adds or replaces items (by id). */
  put(items: readonly SearchItem[]): void {
    for (const item of items) {
      const old = this.slotOf.get(item.id);
      if (old !== undefined) {
        const prev = this.slots[old]!.item;
        if (sameItem(prev, item)) continue;
        this.kill(old);
      }
      this.insert(item);
    }
    this.maybeCompact();
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined) this.kill(slot);
    }
    this.maybeCompact();
  }

  /** Makes `items` the whole set of `kind`: the others of that kind go. */
  replaceKind(kind: SearchKind, items: readonly SearchItem[]): void {
    this.put(items);
    this.keepKind(
      kind,
      items.map((i) => i.id),
    );
  }

  /** Removes the items of `kind` not named in `ids`. */
  keepKind(kind: SearchKind, ids: readonly string[]): void {
    const keep = new Set(ids);
    const gone: string[] = [];
    for (const [id, slot] of this.slotOf) if (this.slots[slot]!.item.kind === kind && !keep.has(id)) gone.push(id);
    this.remove(gone);
  }

  /** Every item (for the stored snapshot). */
  items(): SearchItem[] {
    const out: SearchItem[] = [];
    for (const s of this.slots) if (s) out.push(s.item);
    return out;
  }

  get(id: string): SearchItem | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.slots[slot]!.item;
  }

  search(query: string, options: SearchOptions = {}): SearchAnswer {
    const t0 = performance.now();
    const perKind = options.perKind ?? 5;
    const qWords = [...new Set(words(query))].slice(0, MAX_WORDS);
    const empty: SearchAnswer = { query, groups: [], fuzzy: false, ms: 0, size: this.size };
    if (!qWords.length) return { ...empty, ms: performance.now() - t0 };
    this.mergeFresh();
    let hits = this.match(qWords, false);
    let fuzzy = false;
    let near: string[] = [];
    const content = qWords.filter((w) => !FILLER.has(w));
    if (hits.length < FUZZY_BELOW && content.length && content.length < qWords.length) {
      const fewer = this.match(content, false);
      if (fewer.length > hits.length) hits = fewer;
    }
    if (hits.length < FUZZY_BELOW) {
      near = qWords.flatMap((w) => (this.prefixRange(w).length ? [] : nearWords(w, this.sorted)));
      if (near.length) {
        const widened = this.match(qWords, true);
        if (widened.length > hits.length) {
          hits = widened;
          fuzzy = true;
        }
      }
    }
    const qCompact = compact(query);
    const exact = new Set(/\d/.test(qCompact) ? (this.symbolSlots.get(qCompact) ?? []) : []);
    // A symbol written inside the query finds its document even when the other words are not on it.
    const inQuery = new Set<number>();
    for (const m of query.matchAll(SYMBOL_IN_QUERY)) for (const x of this.symbolSlots.get(compact(m[0])) ?? []) inQuery.add(x);
    if (inQuery.size) {
      const have = new Set(hits);
      for (const x of inQuery) {
        if (have.has(x) || !this.slots[x]) continue;
        this.total[x] = 0; // not scored by the words
        hits.push(x);
      }
    }
    const phrase = qWords.length > 1 ? qWords.join(' ') : '';
    const anyExact = exact.size > 0 || inQuery.size > 0;
    const symbolLike = qCompact.length >= 2 && /\d/.test(qCompact);
    const scoreOf = (x: number): number => {
      let s = this.total[x]!;
      if (phrase && this.slots[x]!.text.includes(phrase)) s += PHRASE;
      if (anyExact && (exact.has(x) || inQuery.has(x))) s += EXACT_SYMBOL;
      else if (symbolLike && this.slots[x]!.symbols.some((c) => c.startsWith(qCompact))) s += SYMBOL_PREFIX;
      return s;
    };
    if (fuzzy && hits.length <= FUSE_MAX) hits = this.fuseOrder(query, hits);
    const groups = this.group(hits, scoreOf, perKind, exact, inQuery, [...qWords, ...near]);
    return { query, groups, fuzzy, ms: performance.now() - t0, size: this.size };
  }

  // ——————————————————————————————————————— matching

  /** Slots holding every word (scores in `total`); `withNear`: also typos' neighbours. */
  private match(qWords: readonly string[], withNear: boolean): number[] {
    this.ensureScratch();
    const base = ++this.generation * 16;
    const { mark, best, total } = this;
    let hits: number[] = [];
    for (let k = 0; k < qWords.length; k++) {
      const w = qWords[k]!;
      const next: number[] = [];
      // One letter is no word beginning worth listing half the index for: only the word itself.
      const tokens = w.length > 1 ? this.prefixRange(w) : this.postings.has(w) ? [w] : [];
      const nearFrom = tokens.length;
      if (withNear) for (const t of nearWords(w, this.sorted)) tokens.push(t);
      const want = base + k;
      for (let ti = 0; ti < tokens.length; ti++) {
        const token = tokens[ti]!;
        const factor = ti >= nearFrom ? NEAR : token === w ? 1 : PREFIX;
        const list = this.postings.get(token);
        if (!list) continue;
        for (let pi = 0; pi < list.length; pi++) {
          const p = list[pi]!;
          const x = p >> 2;
          const s = WEIGHT[p & 3]! * factor;
          const m = mark[x]!;
          if (k === 0 ? m < base : m === want) {
            mark[x] = want + 1;
            best[x] = s;
            next.push(x);
          } else if (m === want + 1 && s > best[x]!) best[x] = s;
        }
      }
      for (const x of next) total[x] = (k === 0 ? 0 : total[x]!) + best[x]!;
      hits = next;
      if (!hits.length) break;
    }
    return this.dead ? hits.filter((x) => this.slots[x] !== null) : hits;
  }

  /** Vocabulary words starting with `w` (binary search in the sorted vocabulary). */
  private prefixRange(w: string): string[] {
    const v = this.sorted;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v[mid]! < w) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < v.length && v[i]!.startsWith(w); i++) out.push(v[i]!);
    return out;
  }

  /** Typo candidates ordered by fuse.js over their folded text, its similarity weighing into the score. */
  private fuseOrder(query: string, hits: number[]): number[] {
    const docs = hits.map((x) => {
      const it = this.slots[x]!.item;
      return { x, symbols: fold(it.symbols.join(' ')), title: fold(it.title), meta: fold(it.meta), body: fold(it.body) };
    });
    const fuse = new Fuse(docs, {
      keys: [
        { name: 'symbols', weight: 3 },
        { name: 'title', weight: 2 },
        { name: 'meta', weight: 1 },
        { name: 'body', weight: 1 },
      ],
      ignoreLocation: true,
      includeScore: true,
      threshold: 0.6,
    });
    const q = fold(query).slice(0, 32); // bitap patterns are at most 32 characters
    for (const r of fuse.search(q)) this.total[r.item.x] = this.total[r.item.x]! * (1.5 - (r.score ?? 1));
    return hits;
  }

  private group(
    hits: number[],
    scoreOf: (x: number) => number,
    perKind: number,
    exact: Set<number>,
    inQuery: Set<number>,
    marked: string[],
  ): SearchGroup[] {
    // Per kind (by index, not a map: this runs for every hit), the best `perKind` kept by insertion, which is
    // cheaper than sorting tens of thousands of hits for a one-letter query.
    const tops: Array<{ xs: number[]; ss: number[]; total: number } | undefined> = [];
    for (const x of hits) {
      const slot = this.slots[x]!;
      const k = slot.kind;
      const g = (tops[k] ??= { xs: [], ss: [], total: 0 });
      g.total++;
      // One number to compare: the score, then the day (newer first); equal keys keep the first found.
      const key = scoreOf(x) * 1e7 + slot.day;
      const { xs, ss } = g;
      const n = xs.length;
      if (n === perKind && key <= ss[n - 1]!) continue;
      let i = n;
      while (i > 0 && key > ss[i - 1]!) i--;
      xs.splice(i, 0, x);
      ss.splice(i, 0, key);
      if (xs.length > perKind) {
        xs.pop();
        ss.pop();
      }
    }
    const groups: Array<SearchGroup & { best: number }> = [];
    tops.forEach((g, k) => {
      if (!g) return;
      groups.push({
        kind: SEARCH_KINDS[k]!,
        total: g.total,
        best: (g.ss[0] ?? 0) / 1e7,
        hits: g.xs.map((x, i): SearchHit => {
          const item = this.slots[x]!.item;
          return {
            item,
            score: (g.ss[i]! - this.slots[x]!.day) / 1e7,
            exact: exact.has(x) || inQuery.has(x),
            title: highlight(item.title, marked),
            meta: highlight(item.meta, marked),
          };
        }),
      });
    });
    // Best group first; equal: the order of SEARCH_KINDS (tops is indexed by it).
    groups.sort((a, b) => b.best - a.best);
    return groups.map(({ kind, total, hits: h }) => ({ kind, total, hits: h }));
  }

  // ——————————————————————————————————————— keeping the index

  private insert(item: SearchItem): void {
    const slot = this.slots.length;
    const symbols = item.symbols.map(compact).filter(Boolean);
    const titleWords = words(item.title);
    const metaWords = words(item.meta);
    this.slots.push({
      item,
      symbols,
      kind: SEARCH_KINDS.indexOf(item.kind),
      day: dayOf(item.date),
      text: `${titleWords.join(' ')} \u0001 ${metaWords.join(' ')}`,
    });
    this.slotOf.set(item.id, slot);
    const typeWords = item.symbols.map(typeWordsOfSymbol).join(' ');
    const fields: Array<[Field, string[]]> = [
      [Field.Symbol, item.symbols.length ? words(item.symbols.join(' ')) : []],
      [Field.Title, titleWords],
      [Field.Meta, metaWords],
      [Field.Body, item.body || typeWords ? words(`${item.body} ${typeWords}`) : []],
    ];
    // Repeated words are not removed: a second posting of the same item and field only meets the same max.
    for (const [field, ws] of fields) {
      for (const w of ws) {
        let list = this.postings.get(w);
        if (!list) {
          this.postings.set(w, (list = []));
          this.fresh.push(w);
        }
        list.push((slot << 2) | field);
      }
    }
    for (const c of symbols) {
      const list = this.symbolSlots.get(c);
      if (list) list.push(slot);
      else this.symbolSlots.set(c, [slot]);
    }
  }

  private kill(slot: number): void {
    const s = this.slots[slot];
    if (!s) return;
    this.slots[slot] = null;
    this.slotOf.delete(s.item.id);
    this.dead++;
  }

  /** Postings still name dead slots; once they are a quarter of the index it is built again without them. */
  private maybeCompact(): void {
    if (this.dead < 1000 || this.dead < this.slotOf.size / 4) return;
    const live = this.items();
    this.slots = [];
    this.slotOf.clear();
    this.postings.clear();
    this.symbolSlots.clear();
    this.sorted = [];
    this.fresh = [];
    this.dead = 0;
    for (const item of live) this.insert(item);
  }

  /** New vocabulary words join the sorted list at the next search (one sort of the few, one merge). */
  private mergeFresh(): void {
    if (!this.fresh.length) return;
    const add = this.fresh.sort();
    this.fresh = [];
    const old = this.sorted;
    const out: string[] = new Array(old.length + add.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < old.length && j < add.length) out[k++] = old[i]! < add[j]! ? old[i++]! : add[j++]!;
    while (i < old.length) out[k++] = old[i++]!;
    while (j < add.length) out[k++] = add[j++]!;
    this.sorted = out;
  }

  private ensureScratch(): void {
    const n = this.slots.length;
    if (this.mark.length >= n) return;
    const cap = Math.max(1024, n * 2);
    this.mark = new Int32Array(cap);
    this.best = new Float32Array(cap);
    this.total = new Float32Array(cap);
    this.generation = 0;
  }
}

const sameItem = (a: SearchItem, b: SearchItem): boolean =>
  a.title === b.title &&
  a.meta === b.meta &&
  a.body === b.body &&
  a.date === b.date &&
  a.path === b.path &&
  a.kind === b.kind &&
  !!a.private === !!b.private &&
  a.symbols.join('\u0001') === b.symbols.join('\u0001');
