import { numberedEventId } from '../../src/model/documents/event-ids.ts';

/**
 * Official documents at a hub that wait for the upstream to number them (a hub never allocates numbers,
 * docs/decisions/0006): incoming documents registered by a clerk (not copies of the ward's own) and outgoing ones
 * approved by their signer, without their `numbered` step yet. A count for the status page, read in one pass per
 * database; the numbering worker upstream applies the full workflow.
 */
export async function countAwaitingNumbers(dbs: PouchDB.Database[]): Promise<number> {
  let count = 0;
  for (const db of dbs) {
    const docs = await db.allDocs({ startkey: 'officialDocument', endkey: 'officialDocument\ufff0', include_docs: true });
    const byId = new Map(docs.rows.map((r) => [r.id, r.doc as { sourceDocumentId?: string } | undefined]));
    const candidates = new Set<string>();
    for (const r of docs.rows) {
      const d = r.doc as { type?: string; direction?: string; sourceDocumentId?: string; documentId?: string; kind?: string } | undefined;
      if (!d) continue;
      if (d.type === 'officialDocumentEvent' && (d.kind === 'registered' || d.kind === 'approved') && d.documentId)
        candidates.add(d.documentId);
    }
    for (const id of candidates) {
      const doc = byId.get(id);
      if (!doc || doc.sourceDocumentId) continue;
      if (!byId.has(numberedEventId(id))) count++;
    }
  }
  return count;
}
