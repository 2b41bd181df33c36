/**
 * A year of tasks for the demo ward (issue 4 "Demo data"): about 400 tasks over the past twelve months and the
 * coming three, in every state (done on time and late, overdue, awaiting review, returned, cancelled, extensions
 * asked, granted and refused), with progress reports, comments, checklists, subtasks, two weekly "Báo cáo tuần"
 * series and many tasks made from the demo's incoming documents (linked to them), so that the boards and the
 * statistics look real.
 *
 * `generateDemoTasks` is pure and deterministic (seeded PRNG, ids included): the same `today` and documents give
 * the same tasks. `seedDemoTasks` writes each task and its events at its **home** (the unit space, or the
 * creator's personal space for a personal task) as replicated writes; the task mirror worker copies them to the
 * spaces of the other units involved, and the recurrence worker creates the series' next occurrences, exactly as
 * in production. Nothing happens on or after `today` (exclusive), like the documents.
 *
 * Every event is one the rules allow at its place (`deriveTaskState` ignores none; the test checks it).
 */
import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';
import { addDays, daysBetween } from '../../src/model/documents/dates.ts';
import { DOCUMENT_KINDS, type IncomingDocument, type OfficialDocumentEvent } from '../../src/model/documents/types.ts';
import { headRole, unitRole } from '../../src/model/roles.ts';
import { type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { occurrenceDeadlines, occurrenceId } from '../../src/model/tasks/recurrence.ts';
import { TASK_SYSTEM_ACTOR } from '../../src/model/tasks/rules.ts';
import {
  TASK_EVENT_SCHEMA,
  TASK_SCHEMA,
  type Task,
  type TaskEvent,
  type TaskEventKind,
  type TaskLink,
  type TaskPriority,
} from '../../src/model/tasks/types.ts';
import { wardDay } from '../../src/model/time.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/types.ts';
import { type DemoDocumentCount, type DemoDocumentsPlan, generateDemoDocuments } from './documents.ts';
import { type DemoUnitId, LEADER_OF_UNIT, UNIT_STAFF } from './documents-data.ts';
import {
  ACCEPT_NOTES,
  CANCEL_NOTES,
  COMMENTS,
  EXTENSION_NOTES,
  LEAD_NOTES,
  PART_NOTES,
  PERSONAL_TASKS,
  REFUSE_NOTES,
  RETURN_NOTES,
  SELF_TASKS,
  SUBMIT_NOTES,
  TASK_TEMPLATES,
  type TaskTemplate,
  WEEKLY_SERIES,
} from './tasks-data.ts';
import { DEMO_ACCOUNTS } from './ward.ts';
import { Rng } from './rng.ts';

// ————————————————————————————————————————————— options and result

/** An incoming document a unit was directed to handle: what a task made from it links to. */
export interface LinkableDocument {
  id: string;
  /** `<kind> số <numberSymbol> – <summary>`. */
  label: string;
  kind: IncomingDocument['kind'];
  summary: string;
  unitId: DemoUnitId;
  /** Units named to coordinate. */
  coordUnits: DemoUnitId[];
  /** The leader who directed it, and when (ms). */
  directedBy: string;
  directedAt: number;
  deadline?: string;
}

export interface GenerateTasksOptions {
  /** The ward day the tasks run up to (exclusive): nothing happens on or after it. */
  today: string;
  /** Documents to make tasks from (`linkableDocuments` of the demo's documents plan). */
  documents: LinkableDocument[];
  /** PRNG seed (default: a constant). */
  seed?: number;
}

export interface DemoTaskWrite {
  space: SpaceRef;
  doc: Task | TaskEvent;
}

export interface DemoTasksStats {
  tasks: number;
  events: number;
  linked: number;
  subtasks: number;
  occurrences: number;
  personal: number;
}

export interface DemoTasksPlan {
  /** A task before its events, events in time order. */
  writes: DemoTaskWrite[];
  stats: DemoTasksStats;
}

// ————————————————————————————————————————————— time, randomness, people

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WARD_OFFSET = 7 * HOUR;
const DEFAULT_SEED = 0x7a5c4e11;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`) - WARD_OFFSET;
const dayOf = (ms: number): string => new Date(ms + WARD_OFFSET).toISOString().slice(0, 10);
const iso = (ms: number): string => new Date(ms).toISOString();
const isWeekend = (day: string): boolean => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
const workingOnOrAfter = (day: string): string => (isWeekend(day) ? workingOnOrAfter(addDays(day, 1)) : day);
const isoWeekday = (day: string): number => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

interface Person {
  name: string;
  displayName: string;
  roles: string[];
}

const PEOPLE = new Map<string, Person>(
  DEMO_ACCOUNTS.map((a) => {
    const roles: string[] = [a.role];
    if (a.unitId) roles.push(unitRole(a.unitId));
    if (a.unitId && a.head) roles.push(headRole(a.unitId));
    return [a.name, { name: a.name, displayName: a.displayName, roles }];
  }),
);
const person = (name: string): Person => {
  const p = PEOPLE.get(name);
  if (!p) throw new Error(`demo tasks: no demo account ${name}`);
  return p;
};
const HEAD_OF = Object.fromEntries(DEMO_ACCOUNTS.filter((a) => a.head && a.unitId).map((a) => [a.unitId!, a.name])) as Record<
  DemoUnitId,
  string
>;
const LEADERS = DEMO_ACCOUNTS.filter((a) => a.role === 'leader').map((a) => a.name);
const UNITS = Object.keys(UNIT_STAFF) as DemoUnitId[];

// ————————————————————————————————————————————— documents to make tasks from

const lowerFirst = (s: string): string => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
const upperFirst = (s: string): string => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/** The unit-directed, non-confidential incoming documents of the demo plan. */
export function linkableDocuments(plan: DemoDocumentsPlan): LinkableDocument[] {
  const docs = new Map<string, IncomingDocument>();
  const out: LinkableDocument[] = [];
  for (const w of plan.writes) {
    if (w.files) continue;
    const d = w.doc;
    if (d.type === 'officialDocument') {
      if (d.direction === 'incoming' && d.confidentiality === 'normal' && w.space.kind === 'registry' && d.numberSymbol) docs.set(d._id, d);
      continue;
    }
    const e = d as OfficialDocumentEvent;
    if (e.kind !== 'directed' || !docs.has(e.documentId) || out.some((o) => o.id === e.documentId)) continue;
    const lead = e.assignments?.find((a) => a.role === 'lead' && a.assignee.kind === 'unit');
    if (!lead || lead.assignee.kind !== 'unit') continue;
    const doc = docs.get(e.documentId)!;
    out.push({
      id: doc._id,
      label: `${DOCUMENT_KINDS[doc.kind].vi} số ${doc.numberSymbol} – ${doc.summary}`,
      kind: doc.kind,
      summary: doc.summary,
      unitId: lead.assignee.unitId as DemoUnitId,
      coordUnits: (e.assignments ?? [])
        .filter((a) => a.role === 'coordinating' && a.assignee.kind === 'unit')
        .map((a) => (a.assignee as { unitId: string }).unitId as DemoUnitId),
      directedBy: e.createdBy,
      directedAt: Date.parse(e.createdAt),
      ...(lead.deadline ? { deadline: lead.deadline } : {}),
    });
  }
  return out;
}

/** What the unit is asked to do, said as a task: "V/v báo cáo …" → "Báo cáo …", "Kế hoạch …" → "Triển khai kế hoạch …". */
function titleFrom(doc: LinkableDocument): string {
  const s = doc.summary.replace(/^V\/v\s+/, '');
  if (doc.kind === 'congVan') return /^chuyển đơn/i.test(s) ? `Xác minh, giải quyết đơn${s.replace(/^chuyển đơn/i, '')}` : upperFirst(s);
  if (doc.kind === 'giayMoi') return `Chuẩn bị nội dung tham dự theo ${lowerFirst(s)}`;
  if (doc.kind === 'baoCao') return `Nghiên cứu, tiếp thu ${lowerFirst(s)}`;
  return `${doc.kind === 'keHoach' ? 'Triển khai' : 'Thực hiện'} ${lowerFirst(s)}`;
}

// ————————————————————————————————————————————— the generator

/** A task being planned: who is on it, and the life it will have. */
interface Spec {
  id: string;
  unit?: DemoUnitId;
  assigner: string;
  lead: string;
  coordinators: string[];
  followers: string[];
  title: string;
  description?: string;
  checklist: string[];
  links: TaskLink[];
  priority: TaskPriority;
  created: number;
  deadline?: string;
  deadlineTime?: string;
  parentId?: string;
  recurrence?: Task['recurrence'];
  seriesId?: string;
  /** Who accepts (the assigner, or a leader). */
  reviewer: string;
  /** No cancellation, no reassignment: subtasks will be split from it. */
  steady?: boolean;
}

class Generator {
  private readonly rng: Rng;
  private readonly idRng: Rng;
  private readonly usedIds = new Set<string>();
  private readonly end: number;
  private readonly writes: (DemoTaskWrite & { ms: number })[] = [];
  readonly stats: DemoTasksStats = { tasks: 0, events: 0, linked: 0, subtasks: 0, occurrences: 0, personal: 0 };
  /** Tasks subtasks may be split from. */
  private readonly parents: { spec: Spec; finish: number }[] = [];

  constructor(
    private readonly today: string,
    seed: number,
  ) {
    this.rng = new Rng(seed);
    this.idRng = new Rng(seed ^ 0x5bd1e995);
    this.end = dayStart(today);
  }

  // ——— ids and times

  private idAt(type: 'task' | 'taskEvent', ms: number): string {
    for (;;) {
      let r = '';
      for (let i = 0; i < 16; i++) r += CROCKFORD[this.idRng.int(0, 31)];
      const id = `${type}:${encodeTime(ms, 10)}${r}`;
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  /** A time in office hours (7:50–17:00, no lunch) on `day`, or the next working day. */
  private onDay(day: string, from = 470, to = 1020): number {
    const d = workingOnOrAfter(day);
    let m = this.rng.int(from, to);
    if (m >= 690 && m < 810) m += 120;
    return dayStart(d) + Math.min(m, 1070) * MIN;
  }

  /** The office time nearest after `ms` (same day if still in hours). */
  private office(at: number): number {
    const ms = Math.floor(at / MIN) * MIN;
    const day = dayOf(ms);
    const minute = Math.floor((ms - dayStart(day)) / MIN);
    if (!isWeekend(day) && minute >= 470 && minute <= 1070) return ms;
    return minute < 470 && !isWeekend(day) ? dayStart(day) + 470 * MIN : this.onDay(addDays(day, 1), 470, 560);
  }

  private fill(text: string, ms: number): string {
    const day = dayOf(ms);
    const month = Number(day.slice(5, 7));
    const year = Number(day.slice(0, 4));
    return text
      .replaceAll('{tdp}', String(this.rng.int(1, 24)))
      .replaceAll('{thang}', `${month}/${year}`)
      .replaceAll('{quy}', ['I', 'II', 'III', 'IV'][Math.floor((month - 1) / 3)]!)
      .replaceAll('{namTruoc}', String(year - 1))
      .replaceAll('{namSau}', String(year + 1))
      .replaceAll('{nam}', String(year));
  }

  // ——— writing

  private put(space: SpaceRef, ms: number, doc: Task | TaskEvent): void {
    this.writes.push({ space, ms, doc });
  }

  private taskDoc(s: Spec): Task {
    const a = person(s.assigner);
    const system = !!s.seriesId;
    return {
      _id: s.id,
      type: 'task',
      schema: TASK_SCHEMA,
      createdAt: iso(s.created),
      createdBy: system ? TASK_SYSTEM_ACTOR : s.assigner,
      title: s.title,
      ...(s.description ? { description: s.description } : {}),
      assigner: s.assigner,
      assignerName: a.displayName,
      actorRoles: a.roles,
      lead: s.lead,
      coordinators: s.coordinators,
      followers: s.followers,
      ...(s.unit ? { unitId: s.unit } : {}),
      ...(s.deadline ? { deadline: s.deadline } : {}),
      ...(s.deadline && s.deadlineTime ? { deadlineTime: s.deadlineTime } : {}),
      priority: s.priority,
      checklist: s.checklist.map((text, i) => ({ id: `i${i + 1}`, text })),
      links: s.links,
      ...(s.parentId ? { parentId: s.parentId } : {}),
      ...(s.recurrence ? { recurrence: s.recurrence } : {}),
      ...(s.seriesId ? { seriesId: s.seriesId } : {}),
    };
  }

  /** Writes the task and those of its events that happened before today. */
  private emit(s: Spec, events: { ms: number; by: string; kind: TaskEventKind; more?: Partial<TaskEvent> }[]): void {
    const space: SpaceRef = s.unit ? { kind: 'unit', id: s.unit } : { kind: 'personal', id: s.assigner };
    this.put(space, s.created, this.taskDoc(s));
    this.stats.tasks += 1;
    let last = s.created;
    for (const e of events.sort((a, b) => a.ms - b.ms)) {
      // Strictly after the previous step, so the order is the one planned.
      const ms = Math.max(Math.floor(e.ms / MIN) * MIN, last + MIN);
      if (ms >= this.end) break;
      last = ms;
      const p = person(e.by);
      const doc: TaskEvent = {
        _id: this.idAt('taskEvent', ms),
        type: 'taskEvent',
        schema: TASK_EVENT_SCHEMA,
        createdAt: iso(ms),
        createdBy: e.by,
        taskId: s.id,
        kind: e.kind,
        actorName: p.displayName,
        actorRoles: p.roles,
        ...e.more,
      };
      this.put(space, ms, doc);
      this.stats.events += 1;
    }
  }

  // ——— the life of one task

  /**
   * Plans what happens to a task from its creation: progress reports (lead and coordinators), checklist ticks,
   * comments, maybe an extension or a change of deadline or lead, a return for rework, submission and acceptance,
   * or cancellation; or, when its work runs past today, the state it is in today. Returns when it was accepted
   * (Infinity when not).
   */
  private live(s: Spec): number {
    const r = this.rng;
    const ev: { ms: number; by: string; kind: TaskEventKind; more?: Partial<TaskEvent> }[] = [];
    const c = s.created;
    let deadline = s.deadline;
    const due = (): number =>
      deadline ? dayStart(deadline) + (s.deadlineTime ? Number(s.deadlineTime.slice(0, 2)) * HOUR : DAY - MIN) : c + 20 * DAY;
    const span = Math.max(due() - c, DAY);
    let lead = s.lead;
    const coordinators = s.coordinators;

    // Cancelled along the way.
    if (!s.steady && !s.seriesId && r.chance(0.045)) {
      const at = this.office(c + span * (0.2 + 0.5 * r.float()));
      if (at < this.end) {
        const before = at - r.int(60, 24 * 60) * MIN;
        if (before > c && r.chance(0.5))
          ev.push({
            ms: before,
            by: lead,
            kind: 'progress',
            more: { percent: 10, note: this.fill(r.pick(LEAD_NOTES), c) },
          });
        ev.push({ ms: at, by: s.assigner, kind: 'cancelled', more: { note: r.pick(CANCEL_NOTES) } });
        this.emit(s, ev);
        return Infinity;
      }
    }

    // When the lead finishes: well before the deadline, a little late, or not at all.
    const roll = r.float();
    let finish =
      roll < 0.74
        ? c + span * (0.45 + 0.5 * r.float())
        : roll < 0.93
          ? due() + span * (0.05 + 0.45 * r.float()) + r.int(1, 3) * DAY
          : Infinity;
    if (finish !== Infinity) finish = this.office(finish);
    const accept = finish === Infinity ? Infinity : this.office(finish + r.int(30, 60 * 30) * MIN);

    // A change of lead (before much work is done: well before the lead finishes and before the last days) or of deadline.
    const reassignAt = this.office(c + span * 0.15);
    let reassigned = false;
    if (!s.steady && s.unit && s.assigner !== lead && reassignAt < Math.min(finish - 2 * DAY, this.end - 5 * DAY) && r.chance(0.06)) {
      const others = UNIT_STAFF[s.unit].filter((n) => n !== lead && !coordinators.includes(n));
      if (others.length) {
        const next = r.pick(others);
        reassigned = true;
        ev.push({
          ms: reassignAt,
          by: s.assigner,
          kind: 'reassigned',
          more: { lead: next, note: 'Điều chỉnh phân công do thay đổi nhiệm vụ.' },
        });
        lead = next;
      }
    } else if (deadline && r.chance(0.05)) {
      const moved = addDays(deadline, r.int(3, 10));
      ev.push({
        ms: this.office(c + span * 0.3),
        by: s.assigner,
        kind: 'deadlineChanged',
        more: { deadline: moved, note: 'Điều chỉnh thời hạn theo chỉ đạo của lãnh đạo.' },
      });
      deadline = moved;
    }
    const leadSince = ev.length ? ev[0]!.ms : c;

    // Progress: the first report soon after assignment, then two or three more as the work goes on.
    const work = Math.min(finish, this.end) - c;
    const reports = s.seriesId ? 1 : r.int(1, 3);
    for (let k = 0; k < reports; k++) {
      const at = this.office(c + work * ((k + 0.3 + 0.4 * r.float()) / (reports + 0.5)));
      if (at <= leadSince) continue;
      const planned = finish === Infinity ? span * 1.5 : Math.max(finish - c, DAY);
      const percent = Math.min(90, Math.max(10, Math.round(((at - c) / planned) * 10) * 10));
      ev.push({ ms: at, by: lead, kind: 'progress', more: { percent, note: this.fill(r.pick(LEAD_NOTES), at) } });
    }
    for (const co of coordinators)
      if (r.chance(0.6))
        ev.push({ ms: this.office(c + work * (0.3 + 0.5 * r.float())), by: co, kind: 'progress', more: { note: r.pick(PART_NOTES) } });
    s.checklist.forEach((_, i) => {
      if (finish !== Infinity || r.chance(0.5))
        ev.push({
          ms: this.office(c + work * ((i + 1) / (s.checklist.length + 1))),
          by: lead,
          kind: 'checklistToggled',
          more: { itemId: `i${i + 1}`, done: true },
        });
    });
    if (r.chance(0.22))
      ev.push({ ms: this.office(c + work * 0.2 * r.float() + HOUR), by: s.reviewer, kind: 'comment', more: { note: r.pick(COMMENTS) } });
    if (coordinators.length && r.chance(0.15))
      ev.push({ ms: this.office(c + work * 0.5), by: coordinators[0]!, kind: 'comment', more: { note: r.pick(COMMENTS) } });

    // An extension asked before the deadline: granted, refused, or still waiting today.
    if (deadline && !s.seriesId && r.chance(0.2)) {
      const at = this.office(c + span * (0.55 + 0.3 * r.float()));
      const answer = this.office(at + r.int(2, 30) * HOUR);
      const asked = addDays(deadline, r.int(5, 14));
      if (at < Math.min(finish, this.end)) {
        ev.push({
          ms: at,
          by: r.chance(0.8) ? lead : (coordinators[0] ?? lead),
          kind: 'extensionRequested',
          more: { deadline: asked, note: r.pick(EXTENSION_NOTES) },
        });
        if (answer < Math.min(finish, this.end)) {
          const granted = r.chance(0.7);
          ev.push({
            ms: answer,
            by: s.reviewer,
            kind: 'extensionAnswered',
            more: { accepted: granted, deadline: asked, ...(granted ? {} : { note: r.pick(REFUSE_NOTES) }) },
          });
        }
      }
    }

    // After a change of lead, the new lead's steps come after it.
    for (const e of ev) if (e.by === lead && e.ms <= leadSince) e.ms = leadSince + r.int(30, 240) * MIN;

    if (accept < this.end) {
      // Sometimes sent back once before it is accepted.
      const first = this.office(finish - r.int(2, 3) * DAY);
      const back = this.office(first + r.int(2, 20) * HOUR);
      const redone = this.office(finish - r.int(1, 4) * HOUR);
      if (!s.seriesId && !reassigned && r.chance(0.12) && c < first && first < back && back < redone && redone < finish) {
        ev.push({ ms: first, by: lead, kind: 'submitted', more: { note: r.pick(SUBMIT_NOTES) } });
        ev.push({ ms: back, by: s.reviewer, kind: 'returned', more: { note: r.pick(RETURN_NOTES) } });
        ev.push({ ms: redone, by: lead, kind: 'progress', more: { percent: 100, note: 'Đã bổ sung, hoàn thiện theo ý kiến chỉ đạo.' } });
      } else ev.push({ ms: finish - MIN * r.int(10, 60), by: lead, kind: 'progress', more: { percent: 100 } });
      this.emit(s, [
        ...this.upTo(ev, finish),
        { ms: finish, by: lead, kind: 'submitted', more: { note: r.pick(SUBMIT_NOTES) } },
        { ms: accept, by: s.reviewer, kind: 'accepted', ...(r.chance(0.4) ? { more: { note: r.pick(ACCEPT_NOTES) } } : {}) },
      ]);
      return accept;
    }

    // Still open today: where does it stand?
    const age = this.end - c;
    const pick = r.float();
    const recent = (min: number, max: number): number => this.end - r.int(min, max) * MIN;
    if (age < 2 * DAY && pick < 0.6) {
      this.emit(s, []);
      return Infinity;
    }
    if (age > 4 * DAY && pick < 0.14) {
      // Submitted, waiting for the assigner.
      this.emit(s, [
        ...this.upTo(ev, this.end - 2 * DAY),
        { ms: recent(60, 2 * 24 * 60), by: lead, kind: 'submitted', more: { note: r.pick(SUBMIT_NOTES) } },
      ]);
    } else if (age > 6 * DAY && pick < 0.24) {
      // Sent back for rework, no new report since.
      const back = recent(60, 24 * 60);
      this.emit(s, [
        ...this.upTo(ev, this.end - 4 * DAY),
        { ms: back - r.int(2, 3) * DAY, by: lead, kind: 'submitted', more: { note: r.pick(SUBMIT_NOTES) } },
        { ms: back, by: s.reviewer, kind: 'returned', more: { note: r.pick(RETURN_NOTES) } },
      ]);
    } else if (deadline && age > 3 * DAY && pick < 0.32 && !ev.some((e) => e.kind === 'extensionRequested')) {
      // An extension asked for in the last days, not answered yet.
      this.emit(s, [
        ...this.upTo(ev, this.end - 2 * DAY),
        {
          ms: recent(60, 2 * 24 * 60),
          by: lead,
          kind: 'extensionRequested',
          more: { deadline: addDays(deadline > this.today ? deadline : this.today, r.int(5, 12)), note: r.pick(EXTENSION_NOTES) },
        },
      ]);
    } else if (pick < 0.42) {
      // Not started (maybe overdue): only comments, if anything.
      this.emit(
        s,
        ev.filter((e) => e.kind !== 'progress' && e.kind !== 'checklistToggled'),
      );
    } else this.emit(s, ev);
    return Infinity;
  }

  /** The planned events strictly before `ms`, without an answer to a request dropped at the cut. */
  private upTo<E extends { ms: number; kind: TaskEventKind }>(events: E[], ms: number): E[] {
    return events.filter((e) => e.ms < ms);
  }

  // ——— kinds of task

  private assigned(
    unit: DemoUnitId,
    created: number,
    title: string,
    t: Partial<TaskTemplate> & { days: [number, number] },
    links: TaskLink[],
    byLeader?: string,
  ): Spec {
    const r = this.rng;
    const leader = byLeader ?? (r.chance(0.3) ? (r.chance(0.8) ? LEADER_OF_UNIT[unit] : r.pick(LEADERS)) : undefined);
    const assigner = leader ?? HEAD_OF[unit];
    const staff = UNIT_STAFF[unit];
    const lead = leader && r.chance(0.15) ? HEAD_OF[unit] : r.pick(staff);
    const coordinators = r.sample(
      staff.filter((n) => n !== lead),
      r.chance(0.45) ? r.int(1, 2) : 0,
    );
    if (leader && r.chance(0.35)) {
      const other = r.pick(UNITS.filter((u) => u !== unit));
      coordinators.push(r.pick(UNIT_STAFF[other]));
    }
    const followers = leader
      ? lead !== HEAD_OF[unit] && r.chance(0.5)
        ? [HEAD_OF[unit]]
        : []
      : r.chance(0.3)
        ? [LEADER_OF_UNIT[unit]]
        : [];
    const days = r.int(t.days[0], t.days[1]);
    const noDeadline = r.chance(0.05);
    const deadline = noDeadline ? undefined : workingOnOrAfter(addDays(dayOf(created), days));
    return {
      id: this.idAt('task', created),
      unit,
      assigner,
      lead,
      coordinators,
      followers: followers.filter((f) => f !== lead && !coordinators.includes(f)),
      title,
      ...(t.description ? { description: t.description } : {}),
      checklist: t.checklist ?? (r.chance(0.08) ? ['Chuẩn bị', 'Thực hiện', 'Báo cáo kết quả'] : []),
      links,
      priority: t.priority ?? (r.chance(0.15) ? 'high' : r.chance(0.08) ? 'low' : 'normal'),
      created,
      ...(deadline ? { deadline } : {}),
      ...(deadline && r.chance(0.1) ? { deadlineTime: r.pick(['09:00', '16:00', '17:00']) } : {}),
      reviewer: r.chance(0.9) ? assigner : (leader ?? LEADER_OF_UNIT[unit]),
    };
  }

  /** A creation time in the past year, more of them recent (the boards show the recent ones). */
  private createdInYear(): number {
    const back = Math.floor(365 * Math.pow(this.rng.float(), 1.8)) + 1;
    return this.onDay(addDays(this.today, -back));
  }

  private inPast(ms: number): number {
    return ms < this.end ? ms : this.end - this.rng.int(2, 8) * HOUR;
  }

  /**
   * Tasks from the unit templates: over the past year, or (`upcoming`) assigned in the last weeks for work due over
   * the coming three months.
   */
  fromTemplates(n: number, upcoming = false): void {
    const weighted = TASK_TEMPLATES.flatMap((t) => Array<TaskTemplate>(t.weight ?? 1).fill(t));
    for (let i = 0; i < n; i++) {
      const base = this.rng.pick(weighted);
      const created = this.inPast(upcoming ? this.onDay(addDays(this.today, -this.rng.int(1, 40))) : this.createdInYear());
      const ahead = daysBetween(dayOf(created), this.today);
      const t: TaskTemplate = upcoming ? { ...base, days: [ahead + 3, ahead + 90] } : base;
      const links: TaskLink[] = this.rng.chance(0.06)
        ? [{ kind: 'meeting', label: this.fill('Giao ban lãnh đạo UBND phường tháng {thang}', created) }]
        : [];
      const s = this.assigned(t.unit, created, this.fill(t.title, created), t, links);
      // Some larger tasks with a team are split into subtasks: no cancellation or change of lead for them.
      const parent = s.coordinators.length > 0 && !!s.deadline && daysBetween(dayOf(s.created), s.deadline) >= 12 && this.rng.chance(0.6);
      if (parent) s.steady = true;
      const finish = this.live(s);
      if (parent) this.parents.push({ spec: s, finish });
    }
  }

  fromDocuments(docs: LinkableDocument[], n: number): void {
    for (const d of this.rng.sample(docs, n)) {
      const created = this.office(d.directedAt + this.rng.int(2, 48) * HOUR);
      if (created >= this.end) continue;
      const days = d.deadline ? Math.max(2, daysBetween(dayOf(created), d.deadline) - this.rng.int(0, 2)) : this.rng.int(7, 20);
      const s = this.assigned(
        d.unitId,
        created,
        titleFrom(d),
        { days: [days, days] },
        [{ kind: 'document', id: d.id, label: d.label }],
        this.rng.chance(0.25) ? d.directedBy : undefined,
      );
      if (d.coordUnits.length && this.rng.chance(0.7)) {
        const co = this.rng.pick(UNIT_STAFF[this.rng.pick(d.coordUnits)]);
        if (co !== s.lead && !s.coordinators.includes(co) && s.assigner !== HEAD_OF[d.unitId]) s.coordinators.push(co);
      }
      this.stats.linked += 1;
      this.live(s);
    }
  }

  /** Subtasks split by the parent's lead among the team, before the parent is done. */
  subtasks(parents: number): void {
    for (const { spec: p, finish } of this.rng.sample(this.parents, parents)) {
      const team = [p.lead, ...p.coordinators.filter((n) => p.unit && UNIT_STAFF[p.unit].includes(n))];
      for (const [k, lead] of team.slice(0, this.rng.int(2, 3)).entries()) {
        const created = this.office(p.created + (k + 1) * this.rng.int(3, 10) * HOUR);
        if (created >= Math.min(finish, this.end) - HOUR) continue;
        const deadline = addDays(p.deadline!, -this.rng.int(1, 3));
        if (deadline <= dayOf(created)) continue;
        const s: Spec = {
          id: this.idAt('task', created),
          unit: p.unit!,
          assigner: p.lead,
          lead,
          coordinators: [],
          followers: [],
          title: `${p.title} – phần việc ${k + 1}`,
          checklist: [],
          links: p.links,
          priority: p.priority,
          created,
          deadline,
          parentId: p.id,
          reviewer: p.lead,
          steady: true,
        };
        this.stats.subtasks += 1;
        this.live(s);
      }
    }
  }

  /** Staff's own unit tasks and everyone's personal to-dos. */
  ownTasks(self: number, personal: number): void {
    for (let i = 0; i < self + personal; i++) {
      const isPersonal = i >= self;
      const unit = this.rng.pick(UNITS);
      const name = isPersonal
        ? this.rng.pick([...PEOPLE.keys()].filter((n) => person(n).roles[0] !== 'admin'))
        : this.rng.pick(UNIT_STAFF[unit]);
      const created = this.inPast(this.createdInYear());
      const s: Spec = {
        id: this.idAt('task', created),
        ...(isPersonal ? {} : { unit }),
        assigner: name,
        lead: name,
        coordinators: [],
        followers: [],
        title: this.fill(this.rng.pick(isPersonal ? PERSONAL_TASKS : SELF_TASKS), created),
        checklist: [],
        links: [],
        priority: 'normal',
        created,
        ...(this.rng.chance(0.85) ? { deadline: workingOnOrAfter(addDays(dayOf(created), this.rng.int(2, 14))) } : {}),
        reviewer: name,
        steady: true,
      };
      if (isPersonal) this.stats.personal += 1;
      this.live(s);
    }
  }

  /** The weekly reports: a series due every Friday 16:00, its occurrences written as the recurrence worker would. */
  weekly(): void {
    for (const w of WEEKLY_SERIES) {
      const head = HEAD_OF[w.unit];
      const firstFriday = addDays(this.today, -(w.weeks * 7) + ((5 - isoWeekday(this.today) + 7) % 7) - 7);
      const created = this.onDay(addDays(firstFriday, -4), 480, 560);
      const series: Spec = {
        id: this.idAt('task', created),
        unit: w.unit,
        assigner: head,
        lead: w.lead,
        coordinators: [],
        followers: [LEADER_OF_UNIT[w.unit]],
        title: w.title,
        description: 'Báo cáo định kỳ hằng tuần, gửi trước 16 giờ thứ Sáu.',
        checklist: w.checklist,
        links: [],
        priority: 'normal',
        created,
        deadline: firstFriday,
        deadlineTime: '16:00',
        recurrence: { freq: 'weekly', interval: 1, weekday: 5 },
        reviewer: head,
        steady: true,
      };
      this.live(series);
      // The worker creates each occurrence 14 days ahead; those already due by today + 13 exist.
      for (const deadline of occurrenceDeadlines(series.recurrence!, firstFriday, firstFriday, addDays(this.today, 13))) {
        const at = Math.max(created + HOUR, dayStart(addDays(deadline, -14)) + 5 * MIN);
        const { recurrence: _rule, ...rest } = series;
        const occ: Spec = { ...rest, id: occurrenceId(series.id, deadline), created: at, deadline, seriesId: series.id };
        this.stats.occurrences += 1;
        // Worked on during its own week.
        this.liveWeek(occ);
      }
    }
  }

  /** One week's report: ticks and submission on Thursday/Friday (now and then on Monday, late), accepted after. */
  private liveWeek(s: Spec): void {
    const r = this.rng;
    const due = dayStart(s.deadline!) + 16 * HOUR;
    const ev: { ms: number; by: string; kind: TaskEventKind; more?: Partial<TaskEvent> }[] = [];
    const late = r.chance(0.12);
    const submit = late ? this.onDay(addDays(s.deadline!, 3), 480, 660) : due - r.int(20, 60 * 20) * MIN;
    s.checklist.forEach((_, i) =>
      ev.push({
        ms: submit - (s.checklist.length - i) * r.int(30, 300) * MIN,
        by: s.lead,
        kind: 'checklistToggled',
        more: { itemId: `i${i + 1}`, done: true },
      }),
    );
    let last = submit;
    if (r.chance(0.08)) {
      const back = submit + r.int(1, 3) * HOUR;
      last = back + r.int(1, 3) * HOUR;
      ev.push(
        { ms: submit, by: s.lead, kind: 'submitted' },
        { ms: back, by: s.reviewer, kind: 'returned', more: { note: r.pick(RETURN_NOTES) } },
        { ms: last, by: s.lead, kind: 'submitted', more: { note: 'Đã bổ sung số liệu.' } },
      );
    } else ev.push({ ms: submit, by: s.lead, kind: 'submitted' });
    const accept = this.onDay(addDays(dayOf(last), r.chance(0.5) ? 0 : 3), 900, 1050);
    ev.push({ ms: Math.max(accept, last + 30 * MIN), by: s.reviewer, kind: 'accepted' });
    this.emit(s, ev);
  }

  plan(): DemoTasksPlan {
    this.writes.sort((a, b) => a.ms - b.ms);
    return { writes: this.writes.map(({ ms: _ms, ...w }) => w), stats: this.stats };
  }
}

/** The demo's tasks up to `today` (pure: the same options give the same plan). */
export function generateDemoTasks(opts: GenerateTasksOptions): DemoTasksPlan {
  const g = new Generator(opts.today, opts.seed ?? DEFAULT_SEED);
  g.weekly();
  g.fromDocuments(opts.documents, Math.min(150, opts.documents.length));
  g.fromTemplates(120);
  g.fromTemplates(60, true);
  g.ownTasks(14, 18);
  g.subtasks(14);
  return g.plan();
}

// ————————————————————————————————————————————— writing it

export interface SeedTasksOptions {
  /** Default: the ward's today. */
  today?: string;
  /** The documents' counts, as given to `seedDemoDocuments` (the tasks link to those documents). */
  count?: DemoDocumentCount;
  log?: Logger;
}

/** `1-<md5>` of the content: the same revision on every run. */
function revOf(doc: object): string {
  return `1-${createHash('md5').update(JSON.stringify(doc)).digest('hex')}`;
}

/**
 * Seeds the demo tasks at their homes as replicated writes (deterministic ids and revisions: seeding twice adds
 * nothing). The task mirror worker copies them to the other units involved; the recurrence worker continues the
 * weekly series.
 */
export async function seedDemoTasks(store: Store, opts: SeedTasksOptions = {}): Promise<DemoTasksStats & { ms: number }> {
  const started = Date.now();
  const today = opts.today ?? wardDay();
  const documents = linkableDocuments(generateDemoDocuments({ today, ...(opts.count ? { count: opts.count } : {}) }));
  const plan = generateDemoTasks({ today, documents });
  const bySpace = new Map<string, object[]>();
  for (const w of plan.writes) {
    const db = dbNameOf(w.space);
    if (!bySpace.has(db)) bySpace.set(db, []);
    bySpace.get(db)!.push({ ...w.doc, _rev: revOf(w.doc) });
  }
  for (const [name, docs] of bySpace) {
    const db = await store.db(name);
    for (let i = 0; i < docs.length; i += 500) {
      await db.bulkDocs(docs.slice(i, i + 500) as PouchDB.Core.PutDocument<object>[], { new_edits: false });
    }
  }
  const ms = Date.now() - started;
  opts.log?.info({ ...plan.stats, ms }, 'demo tasks seeded');
  return { ...plan.stats, ms };
}
