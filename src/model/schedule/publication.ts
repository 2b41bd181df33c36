/**
 * Publication of the weekly leadership schedule (lịch công tác tuần của lãnh đạo), one ISO week at a time.
 *
 * There is no week document to edit: each step is an append-only `scheduleWeekEvent` and the state is their fold in
 * (createdAt, _id) order, so two offline devices never conflict.
 *
 *   draft ──submit (office)──▶ submitted ──publish (leader)──▶ published
 *     ▲                           │                              │  ▲
 *     └──────return (leader)──────┘        submit (office) ◀─────┘  └─ publish again (leader): republication
 *
 * - The office (members of unit `vp`, clerks and staff alike) drafts next week's entries and submits the draft.
 * - A leader publishes (from a draft too: a leader who drafted it alone need not submit it to themself), returns a
 *   submitted draft with a reason, or publishes again after changes. A return after the first publication brings
 *   the week back to `published`: what was published stays published, the changes simply wait.
 * - Once published, a week stays visible to everyone whatever happens next, and every edit of its entries carries a
 *   change mark (`./state.ts`, `publishedAt` = the first publication).
 * - Lock time: Friday 16:00 ward time of the week before. An entry for the week created at or after it by someone who
 *   is not a leader needs a leader's approval (`approved` step) before it counts as settled.
 */
import type { UserCtx } from '../roles.ts';
import { daysOfIsoWeek, isoWeekOf, wardDayOfWhen, wardInstant } from './interval.ts';
import { compareEventEvents, type EventContext, isLeader, isOffice } from './state.ts';
import type { CalendarEvent, CalendarEventState, ScheduleWeekEvent, ScheduleWeekEventKind, ScheduleWeekState } from './types.ts';

/** Days before the week's Monday, and the ward time, of the lock: Friday 16:00. */
export const WEEK_LOCK = { daysBefore: 3, time: '16:00' } as const;

export const WEEK_RULE_CODES = ['notOffice', 'notLeader', 'wrongState', 'reasonRequired'] as const;
export type WeekRuleCode = (typeof WEEK_RULE_CODES)[number];

/** ISO-8601 UTC lock time of a week: `2026-W50` → Friday 2026-12-04 16:00 ward time = `2026-12-04T09:00:00.000Z`. */
export function lockTimeOf(week: string): string {
  const monday = daysOfIsoWeek(week)[0]!;
  const friday = new Date(Date.parse(`${monday}T00:00:00Z`) - WEEK_LOCK.daysBefore * 86_400_000).toISOString().slice(0, 10);
  return new Date(wardInstant(friday, WEEK_LOCK.time)).toISOString();
}

export function initialWeekState(week: string): ScheduleWeekState {
  return { week, status: 'draft', publications: 0, lockAt: lockTimeOf(week), events: [], ignored: [] };
}

/** Why `kind` by `actor` cannot apply to `s` now, or null when it can. */
export function weekRefusal(
  s: ScheduleWeekState,
  kind: ScheduleWeekEventKind,
  actor: Pick<UserCtx, 'roles'>,
  note?: string,
): WeekRuleCode | null {
  switch (kind) {
    case 'submitted':
      if (!isOffice(actor)) return 'notOffice';
      return s.status === 'submitted' ? 'wrongState' : null;
    case 'returned':
      if (!isLeader(actor)) return 'notLeader';
      if (s.status !== 'submitted') return 'wrongState';
      return note?.trim() ? null : 'reasonRequired';
    case 'published':
      return isLeader(actor) ? null : 'notLeader';
  }
}

/** The actions `user` may take on the week now (for the buttons the view offers). */
export function availableWeekActions(s: ScheduleWeekState, user: Pick<UserCtx, 'roles'>): ScheduleWeekEventKind[] {
  // `returned` needs a reason, which the form asks for: offer it whenever the rest allows.
  return (['submitted', 'returned', 'published'] as const).filter(
    (k) => weekRefusal(s, k, user, k === 'returned' ? '…' : undefined) === null,
  );
}

function apply(s: ScheduleWeekState, e: ScheduleWeekEvent): void {
  switch (e.kind) {
    case 'submitted':
      s.status = 'submitted';
      return;
    case 'returned':
      s.status = s.publishedAt ? 'published' : 'draft';
      s.returnedReason = e.note!.trim();
      return;
    case 'published':
      s.status = 'published';
      s.publishedAt ??= e.createdAt;
      s.lastPublishedAt = e.createdAt;
      s.publications += 1;
      return;
  }
}

/** The week with `steps` applied (steps of other weeks skipped, duplicates counted once). */
export function deriveWeekState(week: string, steps: readonly ScheduleWeekEvent[]): ScheduleWeekState {
  const seen = new Set<string>();
  const mine = steps.filter((e) => e.week === week && !seen.has(e._id) && seen.add(e._id)).sort(compareEventEvents);
  const s = initialWeekState(week);
  for (const e of mine) {
    const code = weekRefusal(s, e.kind, { roles: e.actorRoles }, e.note);
    if (code) s.ignored.push({ eventId: e._id, reason: code });
    else apply(s, e);
  }
  s.events = mine;
  return s;
}

/** What `deriveEventState` needs of the week a leadership event belongs to. */
export const eventContextOf = (s: ScheduleWeekState): EventContext => ({
  ...(s.publishedAt ? { publishedAt: s.publishedAt } : {}),
  lockAt: s.lockAt,
});

/** The ISO week a leadership entry belongs to: the week of its ward day as created (later moves keep its week). */
export const weekOfEvent = (event: Pick<CalendarEvent, 'when'>): string => isoWeekOf(wardDayOfWhen(event.when));

/** Everyone sees a week once it has been published; before that only the office and leaders (the draft). */
export const isWeekVisibleTo = (s: ScheduleWeekState, user: Pick<UserCtx, 'roles'>): boolean =>
  s.publishedAt !== undefined || isOffice(user) || isLeader(user);

/**
 * Entries of the week changed, added or cancelled since the latest publication: what a republication would announce
 * (and who to notify). Sorted by id.
 */
export function changedSincePublication(s: ScheduleWeekState, entries: readonly CalendarEventState[]): CalendarEventState[] {
  const since = s.lastPublishedAt;
  if (!since) return [];
  return entries
    .filter((e) => e.event.leadership && weekOfEvent(e.event) === s.week && (e.event.createdAt > since || e.lastModified > since))
    .sort((a, b) => (a.event._id < b.event._id ? -1 : 1));
}
