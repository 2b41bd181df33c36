import type { BaseDoc } from './doc.ts';
import { type DocumentKind, DOCUMENT_KINDS } from './documents/types.ts';

/**
 * Document types (loại văn bản) and their abbreviations are fixed by Decree 30/2020 (`DOCUMENT_KINDS`): a ward
 * may not invent `QĐ` for something else. What differs between offices is which types they use: a ward issues
 * quyết định, công văn, kế hoạch, báo cáo…, but never a nghị quyết (the council does), while it receives every
 * type. An administrator chooses, per type, whether the registration form (incoming) and the draft form
 * (outgoing) offer it; documents of a type that is no longer offered keep it.
 *
 * Settings live in the org space as `documentType:<kind>`, written by the server only; without one a type is
 * offered in both forms.
 */
export interface DocumentTypeDoc extends BaseDoc {
  type: 'documentType';
  kind: DocumentKind;
  incoming: boolean;
  outgoing: boolean;
}

export const documentTypeDocId = (kind: DocumentKind): string => `documentType:${kind}`;

export const DOCUMENT_KIND_KEYS = Object.keys(DOCUMENT_KINDS) as DocumentKind[];

export const isDocumentKind = (v: unknown): v is DocumentKind => typeof v === 'string' && Object.hasOwn(DOCUMENT_KINDS, v);

/** A type as administrators see it. */
export interface DocumentTypeStatus {
  kind: DocumentKind;
  /** Vietnamese name as in the Decree. */
  name: string;
  /** Abbreviation used in number/symbols (empty for công văn). */
  abbreviation: string;
  incoming: boolean;
  outgoing: boolean;
}

export function documentTypeStatuses(docs: readonly Pick<DocumentTypeDoc, 'kind' | 'incoming' | 'outgoing'>[]): DocumentTypeStatus[] {
  const byKind = new Map(docs.map((d) => [d.kind, d]));
  return DOCUMENT_KIND_KEYS.map((kind) => {
    const d = byKind.get(kind);
    return {
      kind,
      name: DOCUMENT_KINDS[kind].vi,
      abbreviation: DOCUMENT_KINDS[kind].abbr,
      incoming: d?.incoming ?? true,
      outgoing: d?.outgoing ?? true,
    };
  });
}

/**
 * The kinds a form offers, in the Decree's order. `current` (the kind of the document being edited, or the
 * form's default) is always kept so that nothing already chosen disappears from under the user.
 */
export function offeredKinds(
  docs: readonly Pick<DocumentTypeDoc, 'kind' | 'incoming' | 'outgoing'>[],
  direction: 'incoming' | 'outgoing',
  current?: DocumentKind,
): DocumentKind[] {
  const offered = documentTypeStatuses(docs)
    .filter((s) => s[direction] || s.kind === current)
    .map((s) => s.kind);
  return offered.length > 0 ? offered : DOCUMENT_KIND_KEYS;
}
