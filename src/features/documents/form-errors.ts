import { t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import './messages-forms.ts';

// How a failed save is read is shared by every form (ui/forms/form-errors.ts); re-exported for the forms that import it from here.
export { errorsUnder, fieldErrorsOf, isStorageFull, saveFailure } from '../../ui/forms/form-errors.ts';

/**
 * Text of a field error from the document models (`validate*` in model/documents/validation.ts). Documents
 * accept more file types than notices, so `error.fileType` gets the documents' wording here; every other
 * code is the catalog's own message.
 */
export function errorText(e: FieldError): string {
  if (e.code === 'error.fileType') return t('forms.error.fileType');
  return t(e.code, e.params);
}
