import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { SpaceRef } from '../../src/model/spaces.ts';

export const DESIGN_DOC_ID = '_design/docket';
/**
 * Bump when the design document changes shape (the bundle hash covers rule changes). Setup compares version,
 * hash, rules and views on every start, so existing spaces get the new one then. 2: task views (issue 4). 3: schedule
 * views (issue 5). 4: the thread view (copies of a document's discussion, docs/decisions/0005).
 */
export const DESIGN_VERSION = 4;

const entry = fileURLToPath(new URL('../../src/model/validate-doc.ts', import.meta.url));
let bundle: string | undefined;

/** `src/model/validate-doc.ts` and its imports as one ES2019 script defining `docketValidate`. */
export function validationBundle(): string {
  if (bundle === undefined) {
    const out = buildSync({
      stdin: {
        contents: `export { validateDocUpdate, validateFileUpdate } from ${JSON.stringify(entry)};`,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      globalName: 'docketValidate',
      target: 'es2019',
      platform: 'neutral',
      write: false,
      minify: true,
      legalComments: 'none',
    });
    bundle = out.outputFiles[0]!.text;
  }
  return bundle;
}

/**
 * Views the server workers query as admin (clients never run design functions: the gateway refuses
 * them). ES5 map functions, for CouchDB's JavaScript engine too.
 */
export const DESIGN_VIEWS = {
  /** Events of an official document, by `documentId`. */
  eventsByDocument: {
    map: "function (doc) { if (doc.type === 'officialDocumentEvent' && typeof doc.documentId === 'string') emit(doc.documentId, null); }",
  },
  /** Events of a task, by `taskId` (the gateway derives a task's stored state; the task workers). */
  eventsByTask: {
    map: "function (doc) { if (doc.type === 'taskEvent' && typeof doc.taskId === 'string') emit(doc.taskId, null); }",
  },
  /** Steps of a calendar event, by `calendarEventId` (the gateway derives an event's stored state, docs/decisions/0004). */
  eventsByCalendarEvent: {
    map: "function (doc) { if (doc.type === 'calendarEventEvent' && typeof doc.calendarEventId === 'string') emit(doc.calendarEventId, null); }",
  },
  /** Publication steps of the weekly leadership schedule, by ISO `week` (org space). */
  scheduleWeekSteps: {
    map: "function (doc) { if (doc.type === 'scheduleWeekEvent' && typeof doc.week === 'string') emit(doc.week, null); }",
  },
  /**
   * Threads (docs/decisions/0005): a message by the item it is on (`parentId`), a message's edits and removals by the
   * message (`messageId`). The thread mirror copies a document's discussion to every space holding the document.
   */
  threadByParent: {
    map: "function (doc) { if (doc.type === 'message' && typeof doc.parentId === 'string') emit(doc.parentId, null); else if (doc.type === 'messageEvent' && typeof doc.messageId === 'string') emit(doc.messageId, null); }",
  },
  /** First tasks of recurring series (the recurrence worker's sweep). */
  taskSeries: {
    map: "function (doc) { if (doc.type === 'task' && doc.recurrence && !doc.seriesId) emit(doc._id, null); }",
  },
} as const;

export interface DesignDoc {
  _id: string;
  _rev?: string;
  version: number;
  hash: string;
  validate_doc_update: string;
  views?: Record<string, { map: string }>;
}

/** The `_design/docket` document of one space: `validate_doc_update` with the space baked in. */
export function designDocFor(space: SpaceRef): DesignDoc {
  const source = `function (newDoc, oldDoc, userCtx, secObj) {\n${validationBundle()}\ndocketValidate.validateDocUpdate(newDoc, oldDoc, userCtx, secObj, ${JSON.stringify({ kind: space.kind, id: space.id })});\n}`;
  const hash = createHash('sha256').update(source).update(JSON.stringify(DESIGN_VIEWS)).digest('hex').slice(0, 16);
  return { _id: DESIGN_DOC_ID, version: DESIGN_VERSION, hash, validate_doc_update: source, views: DESIGN_VIEWS };
}

/** The `_design/docket` document of a space's files database (`src/model/files.ts`): files only, written once. */
export function filesDesignDocFor(space: SpaceRef): DesignDoc {
  const source = `function (newDoc, oldDoc, userCtx, secObj) {\n${validationBundle()}\ndocketValidate.validateFileUpdate(newDoc, oldDoc, userCtx, secObj, ${JSON.stringify({ kind: space.kind, id: space.id })});\n}`;
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  return { _id: DESIGN_DOC_ID, version: DESIGN_VERSION, hash, validate_doc_update: source };
}
