/**
 * What the search index holds and answers, shared by the worker, the main-thread client and the UI.
 * Plain data only: everything here crosses `postMessage` (structured clone).
 */

/**
 * Kinds of searchable things. Events (`calendarEvent`) and messages do not exist yet: when they do, they add a
 * source (`sources.ts`), a group label and a route; the index itself knows nothing of kinds.
 */
export type SearchKind = 'document' | 'task' | 'notice' | 'person' | 'event' | 'message';

/** Groups in the order the results show them when their best scores tie. */
export const SEARCH_KINDS: readonly SearchKind[] = ['document', 'task', 'notice', 'person', 'event', 'message'];

/** One searchable thing, as its source made it from the data layer. */
export interface SearchItem {
  /** The `_id` of what it opens (unique across kinds: ids carry their type). */
  id: string;
  kind: SearchKind;
  /** Where the result leads (an app path). */
  path: string;
  /** First line shown: a document's summary, a task's or notice's title, a person's name. */
  title: string;
  /** Second line shown: number/symbol, issuing body, unit, position title… */
  meta: string;
  /** Numbers and symbols, each matched as typed and compared whole: `15/QĐ-UBND`, an arrival number `05`. */
  symbols: string[];
  /** More text searched but not shown: a notice's body, a task's description, a person's account name. */
  body: string;
  /** ISO day or time: newer first among equally good matches. */
  date: string;
  /** Never written into the stored snapshot (confidential documents leave the device at sign-out). */
  private?: boolean;
}

/** Character ranges `[start, end)` in the shown text to highlight. */
export type Ranges = Array<[number, number]>;

export interface SearchHit {
  item: SearchItem;
  score: number;
  /** The query is this item's number/symbol exactly. */
  exact: boolean;
  title: Ranges;
  meta: Ranges;
}

export interface SearchGroup {
  kind: SearchKind;
  hits: SearchHit[];
  /** All matches of this kind (more than `hits` when capped). */
  total: number;
}

export interface SearchAnswer {
  query: string;
  groups: SearchGroup[];
  /** Typo tolerance was used (no exact word match was good enough). */
  fuzzy: boolean;
  /** Time spent in the worker, ms. */
  ms: number;
  /** Items in the index when it answered. */
  size: number;
}

export interface SearchOptions {
  /** Hits kept per group (default 5). */
  perKind?: number;
}

/** Messages to the worker. */
export type ToWorker =
  | { type: 'open'; account: string }
  | { type: 'put'; items: SearchItem[] }
  | { type: 'remove'; ids: string[] }
  /** After the complete set of one kind was put: items of that kind not named go (what a snapshot had, gone since). */
  | { type: 'keepKind'; kind: SearchKind; ids: string[] }
  | { type: 'search'; id: number; query: string; options?: SearchOptions }
  | { type: 'erase'; account: string }
  | { type: 'flush' };

/** Messages from the worker. */
export type FromWorker =
  | { type: 'answer'; id: number; answer: SearchAnswer }
  | { type: 'ready'; size: number; fromSnapshot: boolean; ms: number }
  | { type: 'indexed'; size: number }
  | { type: 'flushed' }
  | { type: 'error'; message: string };
