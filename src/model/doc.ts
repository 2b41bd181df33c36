import type { DocType } from './ids.ts';

/** Fields every stored document has (DESIGN.md "Data rules"). */
export interface BaseDoc {
  _id: string;
  _rev?: string;
  type: DocType;
  /** Schema version of this document type; migrations upgrade older ones. */
  schema: number;
  /** ISO-8601 UTC. */
  createdAt: string;
  /** Account name of the author; the server checks it equals the signed-in user. */
  createdBy: string;
}

export interface AttachmentStub {
  content_type: string;
  length?: number;
  digest?: string;
  stub?: boolean;
  data?: string | Blob;
}

/** A field-level validation problem: `field` names the input, `code` is a message-catalog key. */
export interface FieldError {
  field: string;
  code: string;
  /** Values for the message, e.g. `{ max: 200 }`. */
  params?: Record<string, string | number>;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
