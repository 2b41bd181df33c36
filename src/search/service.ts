/**
 * One search worker and indexer for the signed-in account, made on first use (the search box asks for it once
 * the app is idle or the box gets focus, so a cold start paints its page first). A change of account makes a
 * new one; a change of roles or spaces re-reads every source (the first complete read replaces the snapshot's
 * items, so what the person lost access to leaves the index).
 */
import type { MeResponse } from '../model/api.ts';
import { SearchClient, type WorkerFactory } from './client.ts';
import { SearchIndexer } from './indexer.ts';
import { type SearchSource, defaultSources } from './sources.ts';

export interface SearchService {
  client: SearchClient;
  indexer: SearchIndexer;
}

let current: { account: string; key: string; service: SearchService } | null = null;

const keyOf = (me: MeResponse): string => JSON.stringify([me.name, me.roles, me.spaces.map((s) => s.db)]);

export function searchService(me: MeResponse, opts: { sources?: SearchSource[]; worker?: WorkerFactory } = {}): SearchService {
  const key = keyOf(me);
  if (current?.key === key) return current.service;
  let client: SearchClient;
  if (current?.account === me.name) {
    current.service.indexer.stop();
    client = current.service.client;
  } else {
    stopSearch();
    client = new SearchClient(opts.worker);
    client.open(me.name);
  }
  const indexer = new SearchIndexer(client, me, opts.sources ?? defaultSources());
  indexer.start();
  current = { account: me.name, key, service: { client, indexer } };
  return current.service;
}

export function stopSearch(): void {
  if (!current) return;
  current.service.indexer.stop();
  current.service.client.terminate();
  current = null;
}

/**
 * At sign-out: stops and deletes the account's stored snapshot. Names and summaries of documents should not
 * outlive a sign-out on a shared PC; the next sign-in builds the index from the local databases.
 */
export async function eraseSearch(account: string): Promise<void> {
  const client = current?.account === account ? current.service.client : new SearchClient();
  if (current?.account === account) current.service.indexer.stop();
  await client.erase(account);
  client.terminate();
  if (current?.account === account) current = null;
}
