import { formatDay, t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';

/*
 * How every form of the app (documents, tasks, notices) reads a failed save and matches errors to fields.
 * It sits in ui/ because the three features share it; the documents' wording of a few codes stays in
 * features/documents/form-errors.ts (`errorText`).
 */

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

/** Whether `e` is about `field` itself or one of its items (`attachments`, `attachments.2`, `assignments.0.role`). */
export const isUnder = (e: FieldError, field: string): boolean => e.field === field || e.field.startsWith(`${field}.`);

/** Errors about `field` itself or one of its items. */
export const errorsUnder = (errors: readonly FieldError[], field: string): FieldError[] => errors.filter((e) => isUnder(e, field));

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The error with the days in its parameters written the ward's way, for `text` to word it. */
export function withDays(e: FieldError, text: (e: FieldError) => string): string {
  if (!e.params) return text(e);
  const params = Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k, typeof v === 'string' && DAY.test(v) ? formatDay(v) : v]));
  return text({ ...e, params });
}

/**
 * The message at the top of a form: the errors no field of `fields` shows, worded by `message`; or, when every
 * error sits beside its field, `fixErrorsKey` ("fix the marked fields"); empty without errors.
 */
export function formErrorText(
  errors: readonly FieldError[],
  fields: readonly string[],
  message: (e: FieldError) => string,
  fixErrorsKey: string,
): string {
  const other = errors.filter((e) => !fields.some((f) => isUnder(e, f)));
  return other.length ? other.map((e) => message(e)).join(' ') : errors.length ? t(fixErrorsKey) : '';
}

/**
 * Focuses the control named `field` (or its first faulty item, for a picker with `focusFirstError`), or the
 * form's error banner (`.form-error`) when no field has one.
 */
export async function focusErrorField(root: ParentNode, field: string | undefined): Promise<void> {
  if (!field) {
    root.querySelector<HTMLElement>('.form-error')?.focus();
    return;
  }
  const el = root.querySelector(`[name="${field}"]`) as (HTMLElement & { focusFirstError?: () => Promise<void> }) | null;
  if (el?.focusFirstError) await el.focusFirstError();
  else el?.focus();
}
