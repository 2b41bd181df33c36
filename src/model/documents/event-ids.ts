/**
 * Deterministic ids of the events server workers write (decision 0001): re-processing after a crash, or two
 * app servers doing the same work, produce the same `_id`, so the second write is a harmless 409.
 * User events use `newId('officialDocumentEvent')` like every other document.
 */
import { type Assignee, assigneeKey } from './types.ts';

const ulidOf = (documentId: string): string => documentId.slice(documentId.indexOf(':') + 1);

/** `officialDocumentEvent:<doc ULID>.numbered`: one number per document, ever. */
export const numberedEventId = (documentId: string): string => `officialDocumentEvent:${ulidOf(documentId)}.numbered`;

/**
 * `officialDocumentEvent:<doc ULID>.delivered.<unit:vp | person:an.nguyen>`: one delivery per assignee. Pass the
 * node's `assignmentKey` when it is a forwarded one (`unit:vp>person:an.nguyen`), so a person named both by
 * the leader and by a unit head gets a delivery for each node.
 */
export const deliveredEventId = (documentId: string, assignee: Assignee, assignmentKey?: string): string =>
  `officialDocumentEvent:${ulidOf(documentId)}.delivered.${assignmentKey ?? assigneeKey(assignee)}`;
