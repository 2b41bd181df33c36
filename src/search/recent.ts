/**
 * Recent and saved searches, per account on this device, in localStorage. Not in the personal space: these are
 * not records of the office, `validate_doc_update` accepts only the office's document types, and they must work
 * offline at once without a sync; localStorage survives reloads and offline starts, and is keyed by account so
 * two people sharing a PC do not see each other's.
 */

const RECENT_MAX = 8;
const SAVED_MAX = 20;
const recentKey = (account: string): string => `docket-search-recent:${account}`;
const savedKey = (account: string): string => `docket-search-saved:${account}`;

function read(key: string): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

function write(key: string, list: string[]): void {
  try {
    localStorage.setItem(key, JSON.stringify(list));
  } catch {
    // Private mode or storage full: the list lasts for this page only.
  }
}

const clean = (q: string): string => q.trim().replace(/\s+/g, ' ').slice(0, 200);

export const recentSearches = (account: string): string[] => read(recentKey(account));
export const savedSearches = (account: string): string[] => read(savedKey(account));

/** Remembers a search that led somewhere (newest first, no repeats). */
export function rememberSearch(account: string, query: string): void {
  const q = clean(query);
  if (!q) return;
  write(recentKey(account), [q, ...recentSearches(account).filter((r) => r !== q)].slice(0, RECENT_MAX));
}

export function clearRecentSearches(account: string): void {
  write(recentKey(account), []);
}

export function saveSearch(account: string, query: string): void {
  const q = clean(query);
  if (!q) return;
  write(savedKey(account), [q, ...savedSearches(account).filter((r) => r !== q)].slice(0, SAVED_MAX));
}

export function unsaveSearch(account: string, query: string): void {
  write(
    savedKey(account),
    savedSearches(account).filter((r) => r !== clean(query)),
  );
}

export const isSaved = (account: string, query: string): boolean => savedSearches(account).includes(clean(query));
