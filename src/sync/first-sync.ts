/**
 * A faster first download of a space (STACK-NOTES recipe, ~3× PouchDB's default replication):
 * page `_changes?include_docs=true` 2,000 rows at a time, fetch the next page while writing the
 * current one with `bulkDocs(new_edits: false)`, and ask `_bulk_get` only for rows that need
 * their history (several leaves, already on the device, or with attachments). Afterwards a normal
 * one-shot replication from `last_seq` writes the checkpoint, so the live sync continues from there.
 * Resumable: the caller stores `last_seq` after every page.
 */

interface ChangeRow {
  id: string;
  seq: string | number;
  changes: Array<{ rev: string }>;
  deleted?: boolean;
  doc?: { _id: string; _rev: string; _attachments?: unknown; _deleted?: boolean };
}

interface ChangesPage {
  results: ChangeRow[];
  last_seq: string | number;
}

type HttpDb = PouchDB.Database & { fetch(path: string, init?: RequestInit): Promise<Response> };

/** Only HTTP databases have `fetch`; a local "remote" (tests) uses normal replication. */
export function isHttpDb(db: PouchDB.Database): db is HttpDb {
  return typeof (db as Partial<HttpDb>).fetch === 'function';
}

async function getJson<T>(remote: HttpDb, path: string, init?: RequestInit): Promise<T> {
  const headers = new Headers({ Accept: 'application/json' });
  if (init?.body) headers.set('Content-Type', 'application/json');
  const res = await remote.fetch(path, { ...init, headers });
  const body = (await res.json().catch(() => ({}))) as T & { error?: string; reason?: string };
  if (!res.ok)
    throw Object.assign(new Error(body.reason ?? body.error ?? res.statusText), { name: body.error ?? 'http_error', status: res.status });
  return body;
}

export interface FastPullOptions {
  since?: string | number;
  pageSize?: number;
  /** Rows of the first page: smaller, so that writing starts sooner (default 500). */
  firstPageSize?: number;
  /** Called after each page is stored; persist `lastSeq` here to resume after an interruption. */
  onPage: (page: PageStored) => Promise<void>;
  /** Stop between pages (the manager was stopped or went offline). */
  cancelled: () => boolean;
}

export interface PageStored {
  rowsRead: number;
  lastSeq: string | number;
  docs: Array<{ _id: string; _rev: string }>;
  /**
   * Local update sequences just before and after this page's write, when the write alone moved it from
   * `before` to `after` (every revision written was new and nothing else wrote in between): then the changes
   * `before` < seq ≤ `after` are exactly this page's docs and need no scan. Absent when that is not certain.
   */
  localSeqs?: { before: number; after: number };
}

export interface FastPullResult {
  lastSeq: string | number;
  /** Ids that may hold conflicts (several leaves on the server, or written twice); all ids may when `fresh` is false. */
  suspects: Set<string>;
  /** The local database held no documents when the download started (so `suspects` is complete). */
  fresh: boolean;
}

const localSeq = async (local: PouchDB.Database): Promise<number | null> => {
  const seq = (await local.info()).update_seq;
  return typeof seq === 'number' ? seq : null;
};

/** No document but design documents (the local indexes) on the device. */
async function isEmpty(local: PouchDB.Database): Promise<boolean> {
  const res = await local.allDocs({ limit: 10 });
  return res.rows.length < 10 && res.rows.every((r) => r.id.startsWith('_design/'));
}

/**
 * Downloads everything from `since`; resolves with the last sequence stored, the ids that may hold conflicts and
 * whether the database started empty (or null if cancelled).
 */
export async function fastPull(local: PouchDB.Database, remote: HttpDb, options: FastPullOptions): Promise<FastPullResult | null> {
  const pageSize = options.pageSize ?? 2000;
  const fetchPage = (since: string | number, limit: number): Promise<ChangesPage> =>
    getJson<ChangesPage>(remote, `_changes?style=all_docs&include_docs=true&limit=${limit}&since=${encodeURIComponent(String(since))}`);
  let since = options.since ?? 0;
  // Empty at the start: which ids are on the device is known without asking it (only what this download wrote).
  const fresh = await isEmpty(local);
  const written = new Set<string>();
  const suspects = new Set<string>();
  let limit = Math.min(pageSize, options.firstPageSize ?? 500);
  let next = fetchPage(since, limit);
  for (;;) {
    const page = await next;
    if (options.cancelled()) return null;
    const full = page.results.length >= limit;
    if (full) {
      limit = pageSize;
      next = fetchPage(page.last_seq, limit); // pipelining: the next page downloads while this one is written
      next.catch(() => undefined); // awaited on the next turn; avoid an unhandled rejection if we stop first
    }
    const rows = page.results;
    const onDevice = new Set<string>();
    if (fresh) {
      for (const r of rows) if (written.has(r.id)) onDevice.add(r.id);
    } else if (rows.length) {
      const existing = await local.allDocs({ keys: rows.map((r) => r.id) });
      for (const row of existing.rows) if ('value' in row && row.value) onDevice.add(row.key);
    }
    const direct: Array<{ _id: string; _rev: string }> = [];
    const history: Array<{ id: string; rev: string }> = [];
    for (const r of rows) {
      written.add(r.id);
      if (r.changes.length > 1 || onDevice.has(r.id) || !r.doc || r.doc._attachments) {
        suspects.add(r.id);
        for (const c of r.changes) history.push({ id: r.id, rev: c.rev });
      } else direct.push(r.doc);
    }
    if (history.length) {
      const res = await getJson<{ results: Array<{ docs: Array<{ ok?: { _id: string; _rev: string } }> }> }>(
        remote,
        '_bulk_get?revs=true&attachments=true',
        {
          method: 'POST',
          body: JSON.stringify({ docs: history }),
        },
      );
      for (const r of res.results) for (const d of r.docs) if (d.ok) direct.push(d.ok);
    }
    let localSeqs: PageStored['localSeqs'];
    if (direct.length) {
      // Every revision is new when nothing of this page was on the device: the write moves the sequence by exactly its size.
      const certain = fresh && onDevice.size === 0;
      const before = certain ? await localSeq(local) : null;
      await local.bulkDocs(direct as PouchDB.Core.PutDocument<object>[], { new_edits: false });
      const after = before !== null ? await localSeq(local) : null;
      if (before !== null && after === before + direct.length) localSeqs = { before, after };
    }
    since = page.last_seq;
    await options.onPage({ rowsRead: page.results.length, lastSeq: since, docs: direct, ...(localSeqs ? { localSeqs } : {}) });
    if (!full) return { lastSeq: since, suspects, fresh };
    if (options.cancelled()) return null;
  }
}
