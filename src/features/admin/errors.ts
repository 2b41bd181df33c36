import { t } from '../../i18n/i18n.ts';
import { AdminApiError } from '../../data/admin.ts';

/** What to tell the administrator when the server could not do something. */
export function adminErrorMessage(err: unknown): string {
  if (err instanceof AdminApiError) {
    if (err.status === 0) return t('admin.offline');
    if (err.status === 401 || err.status === 403) return t('admin.forbidden');
    return t('admin.refused', { reason: err.reason });
  }
  return t('admin.refused', { reason: String(err) });
}
