/**
 * Limits on official documents and their files, shared by the forms (`validation.ts`) and the server's
 * `validate_doc_update` (`../validate-doc.ts`). Kept free of imports so the server bundle stays small.
 */
export const DOCUMENT_LIMITS = {
  summaryMax: 2000,
  issuingBodyMax: 300,
  numberSymbolMax: 100,
  signerMax: 200,
  actorNameMax: 200,
  noteMax: 10_000,
  pageCountMax: 10_000,
  recipientsMax: 200,
  externalRecipientMax: 300,
  assignmentsMax: 100,
} as const;

/** Files attached to documents and events: 25 MB each; PDF, images (also from phone cameras), Office, ODF. */
export const ATTACHMENT_LIMITS: {
  maxBytes: number;
  maxFiles: number;
  nameMax: number;
  /** Allowed MIME types → their file extensions. */
  types: Readonly<Record<string, readonly string[]>>;
} = {
  maxBytes: 25 * 1024 * 1024,
  maxFiles: 20,
  nameMax: 255,
  types: {
    'application/pdf': ['pdf'],
    'image/jpeg': ['jpg', 'jpeg'],
    'image/png': ['png'],
    'image/webp': ['webp'],
    'image/heic': ['heic'],
    'image/heif': ['heif'],
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
    'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
    'application/msword': ['doc'],
    'application/vnd.ms-excel': ['xls'],
    'application/vnd.oasis.opendocument.text': ['odt'],
    'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
    'application/vnd.oasis.opendocument.presentation': ['odp'],
  },
};
