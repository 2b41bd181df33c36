import type { FieldError } from '../model/doc.ts';

/** Input refused before anything was written; `errors` name the fields and message keys. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly errors: FieldError[]) {
    super(`Invalid input: ${errors.map((e) => `${e.field} ${e.code}`).join(', ')}`);
  }
}
