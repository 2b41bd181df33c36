/**
 * Temporary local copies of model helpers that are being written in `src/model/documents/`
 * (event ids, number/symbol formatting). Replace the imports with the model's once it is committed.
 */
import {
  type Assignee,
  type Confidentiality,
  DOCUMENT_KINDS,
  type DocumentKind,
  type RegistryBook,
  assigneeKey,
  isConfidential,
} from '../../src/model/documents/types.ts';

export const SYSTEM_ACTOR = 'system';

const ulidOf = (documentId: string): string => documentId.slice(documentId.indexOf(':') + 1);

export const numberedEventId = (documentId: string): string => `officialDocumentEvent:${ulidOf(documentId)}.numbered`;
export const deliveredEventId = (documentId: string, assignee: Assignee): string =>
  `officialDocumentEvent:${ulidOf(documentId)}.delivered.${assigneeKey(assignee)}`;

export function padNumber(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatNumberSymbol(p: { number: number; kind: DocumentKind; issuer: string; unit?: string }): string {
  const nn = padNumber(p.number);
  return p.kind === 'congVan' ? `${nn}/${p.issuer}-${p.unit ?? ''}` : `${nn}/${DOCUMENT_KINDS[p.kind].abbr}-${p.issuer}`;
}

export function bookFor(direction: 'incoming' | 'outgoing', confidentiality: Confidentiality): RegistryBook {
  const secret = isConfidential(confidentiality);
  if (direction === 'incoming') return secret ? 'incomingConfidential' : 'incoming';
  return secret ? 'outgoingConfidential' : 'outgoing';
}

/** The ward day (UTC+7, no daylight saving) of an ISO instant. */
export const wardDayOfInstant = (iso: string): string => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);
export const numberingYear = (dayOrInstant: string): number =>
  Number((/^\d{4}-\d{2}-\d{2}$/.test(dayOrInstant) ? dayOrInstant : wardDayOfInstant(dayOrInstant)).slice(0, 4));
