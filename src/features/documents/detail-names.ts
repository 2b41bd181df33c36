import { type Directory, displayNameOf, unitNameOf } from '../../data/directory.ts';
import { directionOf, getLocale, t } from '../../i18n/i18n.ts';
import { type Assignee, SYSTEM_ACTOR } from '../../model/documents/types.ts';

/**
 * Names in the detail view: units and people from the directory on this device (the raw id when the directory
 * has not arrived yet), and server steps as "System".
 */
export const assigneeName = (dir: Directory, a: Assignee): string =>
  a.kind === 'unit' ? unitNameOf(dir, a.unitId) : displayNameOf(dir, a.name);

/** Who took a step: the name written with it (so history reads as it was), "System" for server workers. */
export const actorLabel = (s: { by: string; name: string }): string => (s.by === SYSTEM_ACTOR ? t('docdetail.system') : s.name || s.by);

/**
 * `t` with each value isolated (FSI … PDI) in right-to-left text, so a Vietnamese name or a date next to Arabic
 * words keeps its own order ("Trần Văn Hùng، 25/11/2026" instead of the pieces swapping places).
 */
export function ti(key: string, params: Record<string, string | number>): string {
  if (directionOf(getLocale()) !== 'rtl') return t(key, params);
  const iso: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) iso[k] = typeof v === 'string' ? `\u2068${v}\u2069` : v;
  return t(key, iso);
}
