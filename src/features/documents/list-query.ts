/**
 * The documents list's view, filters and sort: read from and written to the URL (so a view or a filter is a
 * link that survives a reload), and applied in memory to the rows of `listDocuments`. Pure; no Lit, no i18n.
 */
import type { DocumentRow } from '../../data/documents.ts';
import { type DocumentViewName, DOCUMENT_VIEWS, myAssignments } from '../../model/documents/inbox.ts';
import { bookFor, foldVietnamese } from '../../model/documents/numbering.ts';
import { currentLead } from '../../model/documents/workflow.ts';
import {
  type AssigneeStatus,
  type Confidentiality,
  type DocumentKind,
  type RegistryBook,
  type Urgency,
  CONFIDENTIALITIES,
  DOCUMENT_KINDS,
  URGENCIES,
} from '../../model/documents/types.ts';
import type { OutgoingPhase } from '../../model/documents/workflow.ts';
import type { UserCtx } from '../../model/roles.ts';
import { words } from '../../search/normalize.ts';

/** Statuses of incoming documents (the person's part, else overall), in the order a filter lists them. */
export const INCOMING_STATUSES: readonly AssigneeStatus[] = [
  'awaitingDirection',
  'inProgress',
  'dueSoon',
  'overdue',
  'doneOnTime',
  'doneLate',
  'returned',
  'forInformation',
  'withdrawn',
];
export const OUTGOING_PHASES: readonly OutgoingPhase[] = [
  'draft',
  'submitted',
  'changesRequested',
  'withLeader',
  'approved',
  'numbered',
  'issued',
  'recalled',
  'replaced',
];
export const REGISTRY_BOOKS: readonly RegistryBook[] = ['incoming', 'outgoing', 'incomingConfidential', 'outgoingConfidential'];
export const SORTS = ['newest', 'oldest', 'deadline', 'urgency'] as const;
export type DocumentSort = (typeof SORTS)[number];

export interface DocumentFilters {
  kind?: DocumentKind;
  urgency?: Urgency;
  confidentiality?: Confidentiality;
  /** An incoming status (`overdue`) or an outgoing phase (`withLeader`): the two sets do not overlap. */
  status?: AssigneeStatus | OutgoingPhase;
  /** Issuing body, free text (diacritics-insensitive). */
  body?: string;
  /** `row.day` from / to, inclusive. */
  from?: string;
  to?: string;
  /** Assignee unit (incoming) or drafting unit (outgoing). */
  unit?: string;
  book?: RegistryBook;
  /** Free text over number/symbol, summary and issuing body. */
  q?: string;
}

export interface ListQuery {
  /** Unset: the person's first view. */
  view?: DocumentViewName;
  filters: DocumentFilters;
  sort: DocumentSort;
}

const FILTER_KEYS = ['q', 'kind', 'urgency', 'confidentiality', 'status', 'body', 'from', 'to', 'unit', 'book'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;

/** Reads `?view=…&q=…&kind=…&sort=…`; unknown or malformed values are dropped, not trusted. */
export function parseListQuery(search: string): ListQuery {
  const p = new URLSearchParams(search);
  const filters: DocumentFilters = {};
  const kind = oneOf(Object.keys(DOCUMENT_KINDS) as DocumentKind[], p.get('kind'));
  if (kind) filters.kind = kind;
  const urgency = oneOf(URGENCIES, p.get('urgency'));
  if (urgency) filters.urgency = urgency;
  const confidentiality = oneOf(CONFIDENTIALITIES, p.get('confidentiality'));
  if (confidentiality) filters.confidentiality = confidentiality;
  const status = oneOf<AssigneeStatus | OutgoingPhase>([...INCOMING_STATUSES, ...OUTGOING_PHASES], p.get('status'));
  if (status) filters.status = status;
  const book = oneOf(REGISTRY_BOOKS, p.get('book'));
  if (book) filters.book = book;
  for (const key of ['from', 'to'] as const) {
    const v = p.get(key);
    if (v && DAY.test(v)) filters[key] = v;
  }
  for (const key of ['q', 'body', 'unit'] as const) {
    const v = p.get(key)?.trim();
    if (v) filters[key] = v.slice(0, 200);
  }
  const view = oneOf(DOCUMENT_VIEWS, p.get('view'));
  return { ...(view ? { view } : {}), filters, sort: oneOf(SORTS, p.get('sort')) ?? 'newest' };
}

/** The query string (without `?`) of a list query; defaults are left out so links stay short. */
export function listQueryString(q: ListQuery): string {
  const p = new URLSearchParams();
  if (q.view) p.set('view', q.view);
  for (const key of FILTER_KEYS) {
    const v = q.filters[key];
    if (v) p.set(key, v);
  }
  if (q.sort !== 'newest') p.set('sort', q.sort);
  return p.toString();
}

export const activeFilterCount = (f: DocumentFilters): number => FILTER_KEYS.filter((k) => k !== 'q' && f[k]).length;

const INCOMING_STATUS_SET = new Set<string>(INCOMING_STATUSES);

/** Folded text the free-text search looks in, cached per row (rows are rebuilt only when they change). */
const searchText = new WeakMap<DocumentRow, string>();
function textOf(row: DocumentRow): string {
  let s = searchText.get(row);
  if (s === undefined) {
    const doc = row.doc;
    // The type's name too: "quyet dinh 15" from the search box finds a decision whose summary does not say so.
    const parts = [row.numberText ?? '', doc.summary, DOCUMENT_KINDS[doc.kind]?.vi ?? ''];
    if (doc.direction === 'incoming') parts.push(doc.numberSymbol, doc.issuingBody);
    s = foldVietnamese(parts.join(' \u0001 '));
    searchText.set(row, s);
  }
  return s;
}

/** Units a row belongs to for the unit filter: assignee units (incoming; persons through `unitOfPerson`) or the drafting unit. */
function unitsOfRow(row: DocumentRow, unitOfPerson?: (name: string) => string | undefined): string[] {
  const state = row.state;
  if (state.direction === 'outgoing') return state.doc.direction === 'outgoing' ? [state.doc.unitId] : [];
  return state.assignments
    .filter((a) => a.state !== 'withdrawn')
    .map((a) => (a.assignee.kind === 'unit' ? a.assignee.unitId : unitOfPerson?.(a.assignee.name)))
    .filter((u): u is string => !!u);
}

/** A filter with its text fields folded once, for applying to many rows. */
export function rowFilter(f: DocumentFilters, unitOfPerson?: (name: string) => string | undefined): (row: DocumentRow) => boolean {
  // Every word of the text, anywhere (as the search box does): "qd 15" finds 15/QĐ-UBND.
  const qWords = f.q ? words(f.q) : [];
  const body = f.body ? foldVietnamese(f.body.trim()) : '';
  return (row) => {
    const doc = row.doc;
    if (f.kind && doc.kind !== f.kind) return false;
    if (f.urgency && doc.urgency !== f.urgency) return false;
    if (f.confidentiality && doc.confidentiality !== f.confidentiality) return false;
    if (f.from && row.day < f.from) return false;
    if (f.to && row.day > f.to) return false;
    if (f.book && bookFor(doc.direction, doc.confidentiality) !== f.book) return false;
    if (f.status) {
      if (INCOMING_STATUS_SET.has(f.status)) {
        if (doc.direction !== 'incoming' || row.status !== f.status) return false;
      } else if (row.state.direction !== 'outgoing' || row.state.phase !== f.status) return false;
    }
    if (body && (doc.direction !== 'incoming' || !foldVietnamese(doc.issuingBody).includes(body))) return false;
    if (f.unit && !unitsOfRow(row, unitOfPerson).includes(f.unit)) return false;
    if (qWords.length && !qWords.every((w) => textOf(row).includes(w))) return false;
    return true;
  };
}

/** The deadline this person works to: their own open assignment's, if any. */
export function myDeadline(row: DocumentRow, user: UserCtx): string | undefined {
  if (row.state.direction !== 'incoming') return undefined;
  return myAssignments(row.state, user).find((a) => a.state === 'open' && a.deadline)?.deadline;
}

/** For sorting by deadline: mine, else the lead's (open work only), else the document's own. */
function sortDeadline(row: DocumentRow, user: UserCtx): string | undefined {
  const state = row.state;
  if (state.direction !== 'incoming' || state.completed || state.recalled || state.replaced) return undefined;
  const lead = currentLead(state);
  return (
    myDeadline(row, user) ??
    (lead?.state === 'open' ? lead.deadline : undefined) ??
    (state.doc.direction === 'incoming' ? state.doc.deadline : undefined)
  );
}

const URGENCY_RANK: Record<Urgency, number> = { immediate: 0, veryUrgent: 1, urgent: 2, normal: 3 };

/** Newest first is the order of `listDocuments` (day, then id, descending). */
function newest(a: DocumentRow, b: DocumentRow): number {
  if (a.day !== b.day) return a.day < b.day ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function sortRows(rows: readonly DocumentRow[], sort: DocumentSort, user: UserCtx): DocumentRow[] {
  const list = [...rows];
  switch (sort) {
    case 'newest':
      return list.sort(newest);
    case 'oldest':
      return list.sort((a, b) => newest(b, a));
    case 'urgency':
      return list.sort((a, b) => URGENCY_RANK[a.doc.urgency] - URGENCY_RANK[b.doc.urgency] || newest(a, b));
    case 'deadline': {
      const keys = new Map(list.map((r) => [r, sortDeadline(r, user)]));
      return list.sort((a, b) => {
        const x = keys.get(a);
        const y = keys.get(b);
        if (x !== y) {
          if (!x) return 1;
          if (!y) return -1;
          return x < y ? -1 : 1;
        }
        return newest(a, b);
      });
    }
  }
}

/** How many rows each view holds. */
export function countViews(rows: readonly DocumentRow[]): Map<DocumentViewName, number> {
  const counts = new Map<DocumentViewName, number>(DOCUMENT_VIEWS.map((v) => [v, 0]));
  for (const row of rows) for (const v of row.views) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
