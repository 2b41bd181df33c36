import type { FieldError } from '../../model/doc.ts';
import { saveFailure } from './form-errors.ts';

/*
 * The order every form of the app saves in (document and task pages, step forms), kept once here so the forms of
 * both features behave alike: show the errors of the input and focus the first; if there are none, write while
 * busy; a failure shows the data layer's field errors beside their fields, or one message at the top, and never
 * clears what was typed. Each form keeps its own state and passes how to show it.
 */

export interface SaveFormSteps {
  /** The errors of the current input. */
  errors: FieldError[];
  showErrors: (errors: FieldError[]) => void;
  focusFirstError: () => Promise<void>;
  /** The message at the top of the form, for a failure no field can show. */
  showMessage: (text: string) => void;
  setBusy: (busy: boolean) => void;
  /** Catalog key of the message when the device's storage is full. */
  storageFull: string;
  /** What the log says failed, e.g. `Saving a task`. */
  what: string;
  write: () => Promise<void>;
}

/** Runs the steps; resolves true once `write` resolved. */
export async function saveForm(steps: SaveFormSteps): Promise<boolean> {
  steps.showErrors(steps.errors);
  if (steps.errors.length) {
    await steps.focusFirstError();
    return false;
  }
  steps.setBusy(true);
  try {
    await steps.write();
    return true;
  } catch (err) {
    const failure = saveFailure(err, steps.storageFull, steps.what);
    if ('fields' in failure) {
      steps.showErrors(failure.fields);
      await steps.focusFirstError();
    } else steps.showMessage(failure.message);
    return false;
  } finally {
    steps.setBusy(false);
  }
}
