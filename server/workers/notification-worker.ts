import { SYSTEM_ACTOR } from '../../src/model/documents/types.ts';
import type { OfficialDocumentEvent } from '../../src/model/documents/types.ts';
import { deriveState } from '../../src/model/documents/workflow.ts';
import type { Message } from '../../src/model/messages.ts';
import {
  NOTIFICATION_PREFS_ID,
  type NotificationDoc,
  type NotificationPrefs,
  type NotificationSubject,
  makeNotification,
} from '../../src/model/notifications.ts';
import type { CalendarEvent } from '../../src/model/schedule/types.ts';
import { isActive } from '../../src/model/roles.ts';
import { REGISTRY_SPACE, type SpaceRef, canReadSpace, dbNameOf } from '../../src/model/spaces.ts';
import { deriveTaskState } from '../../src/model/tasks/state.ts';
import type { Task, TaskEvent } from '../../src/model/tasks/types.ts';
import type { Logger } from '../logger.ts';
import { ConversationService } from '../services/conversations.ts';
import { getOrNull, listUserRecords } from '../services/directory.ts';
import type { MemberDirectory } from '../services/members.ts';
import type { Store } from '../store/types.ts';
import { eventsOf, getDocument, putOnce } from './documents.ts';
import type { Worker, WorkerChange } from './host.ts';
import {
  type Intent,
  type People,
  documentIntents,
  documentSubject,
  taskCreatedIntents,
  taskEventIntents,
  taskSubject,
} from './notification-rules.ts';
import { isScheduleDoc, orgScheduleHost, scheduleNotifier } from './notification-schedule.ts';
import { type DeadlineSweepOptions, deadlineSweep } from './notification-sweep.ts';
import { getTask, taskEventsOf } from './tasks.ts';

export interface NotificationWorkerOptions extends DeadlineSweepOptions {
  /**
   * Events older than this many days notify no one: on its first start over an existing ward the worker reads
   * every space from the beginning, and months of history must not arrive as new notifications.
   */
  maxAgeDays?: number;
}

export interface NotificationContext {
  store: Store;
  log: Logger;
  members: MemberDirectory;
  /** The conversation registry (who is a member now); default one over `store`. */
  conversations?: ConversationService;
}

export interface NotificationWorker extends Worker {
  /** Due soon / overdue for every open task with a deadline; returns how many notifications were written. */
  sweep(): Promise<number>;
  /** True when the org space's feed (schedules, `./notification-schedule.ts`) has handled everything it was given. */
  readonly orgIdle: boolean;
}

/**
 * Writes one notification to its recipient's personal space, unless the recipient is the actor, cannot read
 * the subject (a confidential document's summary must not reach someone it was not delivered to) or muted
 * the kind. Ids are deterministic (`notificationId`): a second write of the same one is a 409 and is skipped.
 */
export class NotificationWriter {
  private readonly conversations: ConversationService;

  constructor(private readonly ctx: NotificationContext) {
    this.conversations = ctx.conversations ?? new ConversationService(ctx.store, ctx.members);
  }

  /** How many notifications were written (0 when all existed or none was due). */
  async deliver(intent: Intent, where: SpaceRef | null, now: string): Promise<number> {
    let written = 0;
    for (const to of new Set(intent.to)) {
      if (!to || to === intent.actor || to === SYSTEM_ACTOR) continue;
      const n = makeNotification({ ...intent, to, now, actor: intent.actor === SYSTEM_ACTOR ? undefined : intent.actor });
      if (await this.writeOne(n, where)) written++;
    }
    return written;
  }

  private async writeOne(n: NotificationDoc, where: SpaceRef | null): Promise<boolean> {
    const personal: SpaceRef = { kind: 'personal', id: n.to };
    const { store } = this.ctx;
    if (!(await store.exists(dbNameOf(personal)))) return false;
    const db = await store.db(dbNameOf(personal));
    if (await getOrNull(db, n._id)) return false;
    if (!(await this.mayRead(n.to, n.subject.id, where))) return false;
    const prefs = await getOrNull<NotificationPrefs>(db, NOTIFICATION_PREFS_ID);
    if (prefs && Array.isArray(prefs.muted) && prefs.muted.includes(n.kind)) return false;
    return putOnce(store, personal, n);
  }

  /**
   * True when a space the account may read (per `_security`, mirrored by `canReadSpace`) holds the subject now:
   * the space the change came from, the account's personal space, its units, the registry. When none does yet,
   * the copy the delivery or mirror worker makes later comes through that space's feed and is handled again.
   */
  async mayRead(name: string, subjectId: string, where: SpaceRef | null): Promise<boolean> {
    const roles = (await this.ctx.members.snapshot()).rolesOf(name);
    if (!roles) return false;
    const user = { name, roles };
    if (!isActive(user)) return false;
    // A conversation (the subject is the conversation itself): its members now, as the registry says; nobody else.
    if (where?.kind === 'conversation') return subjectId === where.id && !!(await this.conversations.membersOf(where.id))?.includes(name);
    const candidates: SpaceRef[] = [
      ...(where ? [where] : []),
      { kind: 'personal', id: name },
      ...roles.filter((r) => r.startsWith('unit:')).map((r): SpaceRef => ({ kind: 'unit', id: r.slice(5) })),
      REGISTRY_SPACE,
    ];
    const seen = new Set<string>();
    for (const space of candidates) {
      const db = dbNameOf(space);
      if (seen.has(db)) continue;
      seen.add(db);
      if (!canReadSpace(user, space) || !(await this.ctx.store.exists(db))) continue;
      const doc = await getOrNull<{ _deleted?: boolean }>(await this.ctx.store.db(db), subjectId);
      if (doc && !doc._deleted) return true;
    }
    return false;
  }
}

/** Heads, leaders and active accounts from `_users` (roles decide who may read what; the directory may lag). */
export async function loadPeople(store: Store): Promise<People> {
  const users = (await listUserRecords(store)).filter((u) => isActive({ name: u.name, roles: u.roles ?? [] }));
  const names = new Set(users.map((u) => u.name));
  return {
    headsOf: (unitId) => users.filter((u) => u.roles.includes(`head:${unitId}`)).map((u) => u.name),
    leaders: () => users.filter((u) => u.roles.includes('leader')).map((u) => u.name),
    known: (name) => names.has(name),
  };
}

/** What a mention notification shows of a message: its text, or for a message of files only their names. */
export function messageDetail(m: Pick<Message, 'text' | 'files'>): string | undefined {
  if (typeof m.text === 'string' && m.text.trim()) return m.text;
  const names = Array.isArray(m.files) ? m.files.map((f) => f?.name).filter((n): n is string => typeof n === 'string' && !!n) : [];
  return names.length ? names.join(', ') : undefined;
}

/**
 * Notifications (issue 6): follows every space that holds documents and tasks and turns their steps into
 * `notification` documents in the recipients' personal spaces (`./notification-rules.ts` decides who; the
 * writer filters). The same event arrives once per space holding a copy; the notification's id comes from the
 * original event id, so it is written once. Due soon and overdue come from a timer (`./notification-sweep.ts`);
 * schedules (invitations, changes, rooms) from `./notification-schedule.ts`, which follows the org space too.
 * Messages (issue 6) that mention people, in conversations and in threads on items, become `mentioned`
 * notifications (`onMessage`); nothing else about messages does.
 */
export function notificationWorker(ctx: NotificationContext, opts: NotificationWorkerOptions = {}): NotificationWorker {
  const { store, log } = ctx;
  const now = opts.now ?? (() => new Date());
  const maxAgeMs = (opts.maxAgeDays ?? 30) * 86_400_000;
  const conversations = ctx.conversations ?? new ConversationService(store, ctx.members);
  const writer = new NotificationWriter({ ...ctx, conversations });
  const sweeper = deadlineSweep({ store, log, writer }, { ...opts, now });

  const isFresh = (at: unknown): boolean => typeof at === 'string' && now().getTime() - Date.parse(at) <= maxAgeMs;

  // Heads, leaders and accounts, read again at most every few seconds (a burst of changes asks once).
  let people: { at: number; value: Promise<People> } | undefined;
  const currentPeople = (): Promise<People> => {
    if (!people || Date.now() - people.at > 5_000) {
      const value = loadPeople(store);
      people = { at: Date.now(), value };
      value.catch(() => (people = undefined));
    }
    return people.value;
  };

  async function send(intents: Intent[], where: SpaceRef): Promise<void> {
    const at = now();
    const fresh = intents.filter((i) => isFresh(i.at));
    let written = 0;
    for (const intent of fresh) written += await writer.deliver(intent, where, at.toISOString());
    if (written) log.debug({ space: dbNameOf(where), written }, 'notifications written');
  }

  async function onDocument(space: SpaceRef, documentId: string, only: string | null): Promise<void> {
    const d = await getDocument(store, space, documentId);
    if (!d) return; // not here yet: the document's own arrival handles its events
    const events = await eventsOf(store, space, documentId);
    const chosen = events.filter((e) => (only ? e._id === only : true) && isFresh(e.createdAt));
    if (chosen.length === 0) return;
    const state = deriveState(d, events);
    const known = await currentPeople();
    await send(
      chosen.flatMap((e) => documentIntents(d, state, e, known)),
      space,
    );
  }

  async function onTask(space: SpaceRef, taskId: string, only: string | null): Promise<void> {
    const t = await getTask(store, space, taskId);
    if (!t) return;
    const events = await taskEventsOf(store, space, taskId);
    const chosen = events.filter((e) => (only ? e._id === only : true) && isFresh(e.createdAt));
    // An occurrence of a recurring series is not news: its people were told when the series was assigned.
    const created = only || t.seriesId || !isFresh(t.createdAt) ? [] : taskCreatedIntents(t);
    if (created.length === 0 && chosen.length === 0) return;
    const known = await currentPeople();
    await send([...created, ...chosen.flatMap((e) => taskEventIntents(t, events, e, known))], space);
  }

  /**
   * A message that mentions people (`mentions`, the accounts the author picked): each one is told, but never the
   * author, and only those who read what it is in (the writer checks): in a conversation its members now, the
   * conversation as the subject (a group's title, or the author's name for a direct one); in a thread, whoever
   * reads the item, which is the subject. A message that mentions no one tells no one: unread counts live in the app.
   */
  async function onMessage(space: SpaceRef, m: Message): Promise<void> {
    if (!Array.isArray(m.mentions) || m.mentions.length === 0 || typeof m.createdBy !== 'string') return;
    const subject = space.kind === 'conversation' ? await conversationSubject(space.id, m) : await threadSubject(space, m.parentId);
    if (!subject) return; // no such conversation, or the item is not here (a thread lives with its item)
    const known = await currentPeople();
    const detail = messageDetail(m);
    const intent: Intent = {
      kind: 'mentioned',
      to: m.mentions.filter((n) => typeof n === 'string' && known.known(n)),
      sourceId: m._id,
      at: m.createdAt,
      actor: m.createdBy,
      ...(typeof m.authorName === 'string' ? { actorName: m.authorName } : {}),
      subject,
      ...(detail ? { detail } : {}),
    };
    if (intent.to.length) await send([intent], space);
  }

  async function conversationSubject(id: string, m: Message): Promise<NotificationSubject | null> {
    const record = await conversations.get(id);
    if (!record) return null;
    const title = record.kind === 'group' && record.title ? record.title : m.authorName;
    return { type: 'thread', id, title: typeof title === 'string' ? title : '' };
  }

  /** The item a thread message is on, as the space holding the message has it (its current title for a task). */
  async function threadSubject(space: SpaceRef, parentId: unknown): Promise<NotificationSubject | null> {
    if (typeof parentId !== 'string') return null;
    if (parentId.startsWith('officialDocument:')) {
      const d = await getDocument(store, space, parentId);
      return d ? documentSubject(d) : null;
    }
    if (parentId.startsWith('task:')) {
      const t = await getTask(store, space, parentId);
      return t ? taskSubject(t, deriveTaskState(t, await taskEventsOf(store, space, parentId)).title) : null;
    }
    if (parentId.startsWith('calendarEvent:')) {
      const e = await getOrNull<CalendarEvent & { _deleted?: boolean }>(await store.db(dbNameOf(space)), parentId);
      return e && !e._deleted && e.type === 'calendarEvent' ? { type: 'calendarEvent', id: e._id, title: e.title } : null;
    }
    return null;
  }

  // Schedules (issue 5): unit spaces through this worker's feeds, the org space through a feed of its own.
  const schedule = scheduleNotifier({ store, log, people: currentPeople, send, isFresh, now });
  // The org space's feed: schedules, and threads on its entries (a ward-wide meeting, the leadership schedule).
  const orgHost = orgScheduleHost(store, log, {
    handle: async (space, doc) => {
      if (doc._deleted) return;
      if (doc.type === 'message') {
        if (isFresh(doc.createdAt)) await onMessage(space, doc as unknown as Message);
      } else await schedule.handle(space, doc);
    },
  });

  return {
    name: 'notifications',
    // Registry, units, personal spaces and conversations (mentions); the org space has a feed of its own.
    follows: (space) => space.kind === 'registry' || space.kind === 'unit' || space.kind === 'personal' || space.kind === 'conversation',
    async handle({ space, doc }: WorkerChange): Promise<void> {
      if (doc._deleted) return;
      if (isScheduleDoc(doc)) return schedule.handle(space, doc);
      // A task that changed may be due or late now: told at once, not at the next hourly sweep (whatever its age:
      // a deadline passing is news). Then the restored copy of a ward finds the same notifications already there.
      if (doc.type === 'task' || doc.type === 'taskEvent') {
        const t = await getTask(store, space, doc.type === 'task' ? doc._id : String(doc.taskId));
        if (t) await sweeper.checkTask(space, t);
      }
      // Old history (a first start over an existing ward) is not news: skipped before anything else is read.
      if (!isFresh(doc.createdAt)) return;
      if (doc.type === 'officialDocumentEvent') await onDocument(space, (doc as unknown as OfficialDocumentEvent).documentId, doc._id);
      else if (doc.type === 'officialDocument') await onDocument(space, doc._id, null);
      else if (doc.type === 'taskEvent') await onTask(space, (doc as unknown as TaskEvent).taskId, doc._id);
      else if (doc.type === 'task') await onTask(space, (doc as unknown as Task)._id, null);
      else if (doc.type === 'message') await onMessage(space, doc as unknown as Message);
    },
    start(): void {
      sweeper.start();
      void orgHost.start().catch((err: unknown) => log.warn({ err }, 'org schedule feed did not start'));
    },
    async stop(): Promise<void> {
      await Promise.all([sweeper.stop(), orgHost.stop()]);
    },
    sweep: () => sweeper.sweep(),
    get orgIdle() {
      return orgHost.idle;
    },
  };
}
