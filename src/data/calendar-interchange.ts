/**
 * Calendar interchange on this device (issue 5): a calendar view as an `.ics` file, an `.ics` file into a personal
 * or unit calendar, and the private subscription link that phone and desktop calendar apps follow. Parsing and
 * writing iCalendar is `model/schedule/ical.ts` (ical.js); the link is the server's (`/api/calendar/token`).
 */
import type { MeResponse } from '../model/api.ts';
import { newId } from '../model/ids.ts';
import { type ImportedEvent, type ImportedEventInput, eventsToIcs, importedToEventInput } from '../model/schedule/ical.ts';
import { CALENDAR_EVENT_SCHEMA, type CalendarEvent, type CalendarEventState } from '../model/schedule/types.ts';
import type { Space } from '../model/spaces.ts';
import type { Directory } from './directory.ts';
import type { EventRow } from './schedule.ts';
import { putRecords } from './space-index.ts';

/** The entries as an iCalendar file (names of people and rooms from the directory). */
export function icsOf(states: readonly CalendarEventState[], dir: Directory, calName: string): Blob {
  const text = eventsToIcs(states, {
    calName,
    rooms: new Map(dir.rooms.map((r) => [r.roomId, r.name])),
    names: new Map(dir.people.map((p) => [p.name, p.displayName])),
  });
  return new Blob([text], { type: 'text/calendar;charset=utf-8' });
}

/** An imported event that is already in the calendar (same title and time): offered, but not checked by default. */
export function isAlreadyThere(ev: ImportedEvent, rows: readonly EventRow[]): boolean {
  const key = JSON.stringify(ev.when);
  return rows.some((r) => r.state.title === ev.title.trim() && JSON.stringify(r.state.when) === key);
}

/** Spaces an import may go to: the personal space and the unit spaces of the person's own units. */
export const importSpaces = (me: MeResponse): Space[] =>
  me.spaces.filter((s) => s.kind === 'personal' || (s.kind === 'unit' && me.units.includes(s.id)));

/**
 * Writes the chosen imported events into `space` as new entries, in batches of 200, telling `onProgress` how many
 * are written. Works offline. Throws `StorageFullError` (what was written before stays).
 */
export async function importEvents(
  me: MeResponse,
  space: Space,
  events: readonly ImportedEvent[],
  opts: { untitled: string; onProgress?: (done: number) => void },
): Promise<number> {
  const now = Date.now();
  const docs: CalendarEvent[] = events.map((ev, i) => {
    const fields: ImportedEventInput = importedToEventInput(ev, {
      visibility: space.kind === 'unit' ? 'unit' : 'personal',
      ...(space.kind === 'unit' ? { unitId: space.id } : {}),
      untitled: opts.untitled,
    });
    return {
      ...fields,
      _id: newId('calendarEvent', now + i),
      type: 'calendarEvent',
      schema: CALENDAR_EVENT_SCHEMA,
      createdAt: new Date(now).toISOString(),
      createdBy: me.name,
      actorName: me.displayName,
      actorRoles: [...me.roles],
    };
  });
  let done = 0;
  for (let i = 0; i < docs.length; i += 200) {
    const batch = docs.slice(i, i + 200);
    await putRecords(me, space, batch);
    done += batch.length;
    opts.onProgress?.(done);
  }
  return done;
}

// ————————————————————————————————————————————— the subscription link

export interface SubscriptionInfo {
  createdAt: string;
  lastUsedAt?: string;
}

export class SubscriptionError extends Error {
  constructor(
    readonly reason: 'offline' | 'server',
    message: string,
  ) {
    super(message);
    this.name = 'SubscriptionError';
  }
}

async function call(method: string): Promise<Response> {
  try {
    return await fetch('/api/calendar/token', { method, credentials: 'same-origin' });
  } catch (err) {
    throw new SubscriptionError('offline', err instanceof Error ? err.message : String(err));
  }
}

/** The current link's dates, or null when there is none. The link itself is shown only when made. */
export async function subscriptionInfo(): Promise<SubscriptionInfo | null> {
  const res = await call('GET');
  if (res.status === 404) return null;
  if (!res.ok) throw new SubscriptionError('server', `GET /api/calendar/token → ${res.status}`);
  return (await res.json()) as SubscriptionInfo;
}

/** Makes a new link (the previous one stops working at once). */
export async function createSubscription(): Promise<{ url: string; webcal?: string; createdAt: string }> {
  const res = await call('POST');
  if (!res.ok) throw new SubscriptionError('server', `POST /api/calendar/token → ${res.status}`);
  return (await res.json()) as { url: string; webcal?: string; createdAt: string };
}

/** Revokes the link: calendar apps following it get nothing more. */
export async function revokeSubscription(): Promise<void> {
  const res = await call('DELETE');
  if (!res.ok && res.status !== 404) throw new SubscriptionError('server', `DELETE /api/calendar/token → ${res.status}`);
}
