/**
 * The options the search popup offers, in keyboard order: with a query, the hits of each group and a "see all
 * in the list" link for documents and tasks (the list's own filters then combine with the text); without one,
 * saved then recent searches. Pure, so the order the arrows walk is the order shown.
 */
import type { SearchAnswer, SearchGroup, SearchHit, SearchKind } from '../../search/types.ts';

export type SearchOption =
  | { type: 'hit'; id: string; hit: SearchHit; group: SearchKind }
  | { type: 'more'; id: string; kind: 'document' | 'task'; total: number; path: string }
  | { type: 'query'; id: string; query: string; list: 'saved' | 'recent' };

export interface OptionGroup {
  key: string;
  label: { kind: SearchKind } | { list: 'saved' | 'recent' };
  options: SearchOption[];
}

const listPath = (kind: 'document' | 'task', query: string): string =>
  kind === 'document'
    ? `/documents?${new URLSearchParams({ view: 'all', q: query }).toString()}`
    : `/tasks?${new URLSearchParams({ view: 'all', q: query }).toString()}`;

function groupOptions(g: SearchGroup, query: string): SearchOption[] {
  const out: SearchOption[] = g.hits.map((hit, i) => ({ type: 'hit', id: `opt-${g.kind}-${i}`, hit, group: g.kind }));
  if ((g.kind === 'document' || g.kind === 'task') && g.total > g.hits.length)
    out.push({ type: 'more', id: `opt-${g.kind}-more`, kind: g.kind, total: g.total, path: listPath(g.kind, query) });
  return out;
}

export function optionGroups(query: string, answer: SearchAnswer | null, saved: string[], recent: string[]): OptionGroup[] {
  if (query.trim()) {
    if (!answer) return [];
    return answer.groups.map((g) => ({ key: g.kind, label: { kind: g.kind }, options: groupOptions(g, query.trim()) }));
  }
  const queries = (list: 'saved' | 'recent', qs: string[]): OptionGroup[] =>
    qs.length
      ? [{ key: list, label: { list }, options: qs.map((q, i) => ({ type: 'query', id: `opt-${list}-${i}`, query: q, list })) }]
      : [];
  return [
    ...queries('saved', saved),
    ...queries(
      'recent',
      recent.filter((r) => !saved.includes(r)),
    ),
  ];
}

export const flatOptions = (groups: OptionGroup[]): SearchOption[] => groups.flatMap((g) => g.options);
