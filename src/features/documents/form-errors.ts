import { t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import './messages-forms.ts';

/**
 * Text of a field error from the document models (`validate*` in model/documents/validation.ts). Documents
 * accept more file types than notices, so `error.fileType` gets the documents' wording here; every other
 * code is the catalog's own message.
 */
export function errorText(e: FieldError): string {
  if (e.code === 'error.fileType') return t('forms.error.fileType');
  return t(e.code, e.params);
}

/** Field errors of the data layer's `ValidationError`, recognised by shape (no class identity needed). */
export function fieldErrorsOf(err: unknown): FieldError[] | null {
  const errors = (err as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as FieldError[]) : null;
}

export const isStorageFull = (err: unknown): boolean => (err as { name?: unknown } | null)?.name === 'StorageFullError';

/**
 * What a form shows when saving failed: the data layer's field errors, or one message for the whole form
 * (`storageFullKey` when the device is full; anything unexpected is logged as `what` and shown as unknown).
 */
export function saveFailure(err: unknown, storageFullKey: string, what: string): { fields: FieldError[] } | { message: string } {
  const fields = fieldErrorsOf(err);
  if (fields) return { fields };
  if (isStorageFull(err)) return { message: t(storageFullKey) };
  console.error(`${what} failed`, err);
  return { message: t('error.unknown') };
}

/** Errors about `field` itself or one of its items (`attachments`, `attachments.2`, `assignments.0.role`). */
export const errorsUnder = (errors: readonly FieldError[], field: string): FieldError[] =>
  errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`));
