/**
 * How schedule values read in the views: an entry's time, place and people with the directory's names, and a
 * changed field's previous value. Shared by the week table, the agenda and the entry's page.
 */
import { formatDay, t } from '../../i18n/i18n.ts';
import { type Directory, displayNameOf, unitNameOf } from '../../data/directory.ts';
import { intervalOf, wardDayOf, wardTimeOf } from '../../model/schedule/interval.ts';
import type { CalendarEventState, EventEditField, EventLocation, EventWhen } from '../../model/schedule/types.ts';

export const roomNameOf = (dir: Directory, roomId: string): string => dir.rooms.find((r) => r.roomId === roomId)?.name ?? roomId;

export function locationText(dir: Directory, location: EventLocation | undefined): string {
  if (!location) return '';
  return 'roomId' in location ? roomNameOf(dir, location.roomId) : location.text;
}

/** "Thứ Hai 07/12/2026, sáng" or "07/12/2026 08:00–09:30". */
export function whenText(when: EventWhen): string {
  if ('slot' in when) return `${formatDay(when.day)}, ${t(`schedule.slot.${when.slot}`)}`;
  const i = intervalOf(when);
  const startDay = wardDayOf(i.start);
  const endDay = wardDayOf(i.end - 1);
  const range = `${wardTimeOf(i.start)}–${wardTimeOf(i.end)}`;
  return startDay === endDay
    ? `${formatDay(startDay)} ${range}`
    : `${formatDay(startDay)} ${wardTimeOf(i.start)} – ${formatDay(endDay)} ${wardTimeOf(i.end)}`;
}

/** Chair, people and units invited, in that order, by their names. */
export function participantsText(dir: Directory, s: Pick<CalendarEventState, 'participants' | 'participantUnits'>): string {
  return [...s.participantUnits.map((u) => unitNameOf(dir, u)), ...s.participants.map((p) => displayNameOf(dir, p))].join(', ');
}

/** A field's value as the change mark shows it ("before: …"). */
export function fieldValueText(dir: Directory, field: EventEditField, value: unknown): string {
  if (value === undefined || value === null || value === '') return t('schedule.mark.empty');
  switch (field) {
    case 'when':
      return whenText(value as EventWhen);
    case 'location':
      return locationText(dir, value as EventLocation);
    case 'chair':
      return displayNameOf(dir, value as string);
    case 'preparingUnit':
      return unitNameOf(dir, value as string);
    case 'participants':
      return (value as string[]).map((p) => displayNameOf(dir, p)).join(', ') || t('schedule.mark.empty');
    case 'participantUnits':
      return (value as string[]).map((u) => unitNameOf(dir, u)).join(', ') || t('schedule.mark.empty');
    case 'visibility':
      return t(`schedule.visibility.${value as string}`);
    case 'priority':
      return t(`schedule.priority.${value as string}`);
    case 'links':
    case 'files':
      return String((value as unknown[]).length);
    default:
      return String(value);
  }
}
