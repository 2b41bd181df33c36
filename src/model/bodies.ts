import type { BaseDoc } from './doc.ts';

/**
 * External bodies (cơ quan, tổ chức) that send documents to the ward or receive its documents: a
 * directory in the org space, written only by the server (demo seed, admin). The registration form
 * offers them as issuing bodies; the draft form as external recipients.
 */
export interface ExternalBody extends BaseDoc {
  type: 'body';
  /** Full name as written on documents, e.g. "Sở Nội vụ thành phố Hà Nội". */
  name: string;
  /** Abbreviation used in number/symbols, e.g. "SNV". */
  abbreviation: string;
}

/** `body:<slug>`: a natural key, so seeding is idempotent. */
export const bodyDocId = (slug: string): string => `body:${slug}`;
