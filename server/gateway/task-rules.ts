import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type RuleResult, type TaskActor, type TaskEventInput, canApplyTaskEvent, canCreateTask } from '../../src/model/tasks/rules.ts';
import { deriveTaskState } from '../../src/model/tasks/state.ts';
import type { Task, TaskEvent, TaskState } from '../../src/model/tasks/types.ts';
import type { UserCtx } from '../../src/model/roles.ts';
import { spaceOfDbName } from '../../src/model/spaces.ts';
import { REFUSAL_FIELD } from '../../src/model/validate-doc.ts';
import { HttpError, sendError } from '../errors.ts';
import { type Members, MemberDirectory } from '../services/members.ts';
import type { Store } from '../store/types.ts';
import { type WrittenDoc, databases, isObject, writtenDocs } from './written-docs.ts';
import { isServerAdmin } from './rules.ts';

/**
 * The relation rules of tasks (docs/decisions/0003 "Who may do what"), checked before a write reaches the store.
 * `validate_doc_update` sees one document, so it cannot know the assigner of *this* task or its current lead:
 * here each `task`/`taskEvent` of a PUT, POST or `_bulk_docs` to a space is checked with `canCreateTask` /
 * `canApplyTaskEvent` against the task as stored in that space plus the earlier documents of the same batch. A
 * refused document stays in the batch, marked `docketRefused: <reason>`; `validate_doc_update` refuses any
 * document carrying that field, so the store answers its own per-document 403 `forbidden` (the same for one PUT,
 * a batch and a replication, on either store).
 */

type Doc = WrittenDoc;

const EVENTS_VIEW = 'docket/eventsByTask';

const isTaskDoc = (d: unknown): d is Doc => isObject(d) && (d.type === 'task' || d.type === 'taskEvent') && d._deleted !== true;

/** The actor as the rules see them: the roles the document claims, as far as the session has them. */
function actorOf(doc: Doc, user: UserCtx): TaskActor {
  const claimed = Array.isArray(doc.actorRoles) ? doc.actorRoles.filter((r): r is string => typeof r === 'string') : user.roles;
  return { name: user.name, roles: claimed.filter((r) => user.roles.includes(r)) };
}

export interface TaskRulesOptions {
  store: Store;
  members?: MemberDirectory;
}

/** Express middleware; runs after the body parser. */
export function taskRules(opts: TaskRulesOptions): RequestHandler {
  const { store } = opts;
  const members = opts.members ?? new MemberDirectory(store);
  const dbOf = databases(store);

  return (req: Request, res: Response, next: NextFunction) => {
    const route = req.docketRoute;
    const user = req.docketUser ?? null;
    if (!route || route.kind !== 'db' || !user || isServerAdmin(user) || !spaceOfDbName(route.db)) return next();
    // A multipart PUT carries its document in a part this gateway does not read (and may name any _id): refused.
    if (
      (route.part === 'doc' || route.part === 'info') &&
      (req.method === 'PUT' || req.method === 'POST') &&
      /^multipart\//i.test(req.headers['content-type'] ?? '')
    ) {
      return sendError(res, new HttpError(415, 'bad_content_type', 'Documents are written as JSON.'));
    }
    const docs = writtenDocs(req)?.filter(isTaskDoc);
    if (!docs || docs.length === 0) return next();
    store
      .exists(route.db)
      .then(async (exists) => {
        if (!exists) return;
        await markRefusals(await dbOf(route.db), docs, user, await members.snapshot());
      })
      .then(() => next(), next);
  };
}

/**
 * Marks each document the rules refuse. Documents already stored (same id) are left to the store: an
 * unchanged revision is a no-op there, a changed one is refused by `validate_doc_update` (tasks and their
 * events never change).
 */
export async function markRefusals(db: PouchDB.Database, docs: Doc[], user: UserCtx, members: Members): Promise<number> {
  const ids = docs.map((d) => d._id).filter((id): id is string => typeof id === 'string');
  const stored = new Set<string>();
  if (ids.length) {
    const res = await db.allDocs({ keys: ids });
    for (const row of res.rows) if ('value' in row && row.value && !row.value.deleted) stored.add(row.id);
  }
  const batchTasks = new Map<string, Task>();
  const batchEvents = new Map<string, TaskEvent[]>();
  const storedStates = new Map<string, Promise<{ task: Task; events: TaskEvent[] } | null>>();
  const load = (taskId: string) => {
    let p = storedStates.get(taskId);
    if (!p) {
      p = loadTask(db, taskId);
      storedStates.set(taskId, p);
    }
    return p;
  };
  const stateOf = async (taskId: string): Promise<TaskState | null> => {
    const base = await load(taskId);
    const task = base?.task ?? batchTasks.get(taskId);
    if (!task) return null;
    return deriveTaskState(task, [...(base?.events ?? []), ...(batchEvents.get(taskId) ?? [])]);
  };

  let refused = 0;
  for (const doc of docs) {
    const id = typeof doc._id === 'string' ? doc._id : '';
    if (!id || stored.has(id) || doc[REFUSAL_FIELD] !== undefined) continue;
    const actor = actorOf(doc, user);
    let result: RuleResult;
    if (doc.type === 'task') {
      const task = doc as unknown as Task;
      const parent = typeof task.parentId === 'string' ? await stateOf(task.parentId) : undefined;
      result = canCreateTask(task, actor, { unitsOf: (name) => members.unitsOf(name), parent });
      if (result.ok) batchTasks.set(id, task);
    } else {
      const event = doc as unknown as TaskEvent;
      const state = typeof event.taskId === 'string' ? await stateOf(event.taskId) : null;
      result = state
        ? canApplyTaskEvent(state, event as TaskEventInput, actor)
        : { ok: false, code: 'taskMissing', message: 'The task is not in this space.' };
      if (result.ok) batchEvents.set(event.taskId, [...(batchEvents.get(event.taskId) ?? []), event]);
    }
    if (!result.ok) {
      doc[REFUSAL_FIELD] = result.message;
      refused++;
    }
  }
  return refused;
}

/** The task as stored in this space with its stored events (null: not here). */
async function loadTask(db: PouchDB.Database, taskId: string): Promise<{ task: Task; events: TaskEvent[] } | null> {
  const task = (await db.get(taskId).catch((err: { status?: number }) => {
    if (err.status === 404) return null;
    throw err;
  })) as (Task & { _deleted?: boolean }) | null;
  if (!task || task._deleted || task.type !== 'task') return null;
  const res = await db.query(EVENTS_VIEW, { key: taskId, include_docs: true });
  const events = res.rows.map((r) => r.doc as unknown as TaskEvent).filter((e) => e && e.type === 'taskEvent' && e.taskId === taskId);
  return { task, events };
}
