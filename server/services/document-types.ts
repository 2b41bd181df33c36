import { type DocumentTypeDoc, type DocumentTypeStatus, documentTypeDocId, documentTypeStatuses } from '../../src/model/document-types.ts';
import type { DocumentKind } from '../../src/model/documents/types.ts';
import type { Store } from '../store/types.ts';
import { ORG_DB, getOrNull } from './directory.ts';

/** Which document types the forms offer (`documentType:` in the org space), for administrators. */
export async function listDocumentTypes(store: Store): Promise<DocumentTypeStatus[]> {
  const res = await (
    await store.db(ORG_DB)
  ).allDocs<DocumentTypeDoc>({ startkey: 'documentType:', endkey: 'documentType:\ufff0', include_docs: true });
  return documentTypeStatuses(res.rows.flatMap((r) => (r.doc ? [r.doc] : [])));
}

export async function saveDocumentType(
  store: Store,
  kind: DocumentKind,
  offered: { incoming: boolean; outgoing: boolean },
  actor: string,
): Promise<DocumentTypeStatus> {
  const org = await store.db(ORG_DB);
  const id = documentTypeDocId(kind);
  const existing = await getOrNull<DocumentTypeDoc>(org, id);
  const doc: DocumentTypeDoc = {
    ...(existing ?? { _id: id, type: 'documentType', schema: 1, createdAt: new Date().toISOString(), createdBy: actor, kind }),
    incoming: offered.incoming,
    outgoing: offered.outgoing,
  };
  await org.put(doc);
  return documentTypeStatuses([doc]).find((s) => s.kind === kind)!;
}
