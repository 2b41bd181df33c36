/**
 * How each kind of row becomes a search item: which texts are shown, which are numbers/symbols, which are only
 * searched. Pure (rows in, items out), so the relevance tests build items exactly as the app does. Display
 * texts are the data as written (Vietnamese); the UI marks them `lang="vi"`.
 */
import type { PersonDoc, UnitDoc } from '../model/directory.ts';
import { DOCUMENT_KINDS, isConfidential, type OfficialDocument } from '../model/documents/types.ts';
import type { Notice } from '../model/notice.ts';
import type { CalendarEventState } from '../model/schedule/types.ts';
import type { TaskState } from '../model/tasks/types.ts';
import type { SearchItem } from './types.ts';

const joinMeta = (parts: Array<string | undefined>): string => parts.filter((p): p is string => !!p && !!p.trim()).join(' · ');

/** What a document item needs of a `DocumentRow` (data/documents.ts). */
export interface DocumentSource {
  id: string;
  doc: OfficialDocument;
  /** Arrival number (incoming) or number/symbol (outgoing) once numbered. */
  numberText?: string;
  day: string;
}

export function documentItem(row: DocumentSource, unitName: (unitId: string) => string = (u) => u): SearchItem {
  const doc = row.doc;
  const kind = DOCUMENT_KINDS[doc.kind]?.vi ?? '';
  const symbols: string[] = [];
  let meta: string;
  if (doc.direction === 'incoming') {
    if (doc.numberSymbol) symbols.push(doc.numberSymbol);
    // An internal copy carries its source's number/symbol as numberText; a registered one its arrival number.
    const arrival = row.numberText && row.numberText !== doc.numberSymbol ? row.numberText : undefined;
    if (arrival) symbols.push(arrival);
    meta = joinMeta([kind, doc.numberSymbol, doc.issuingBody, arrival ? `Số đến ${arrival}` : undefined]);
  } else {
    if (row.numberText) symbols.push(row.numberText);
    meta = joinMeta([kind, row.numberText, unitName(doc.unitId)]);
  }
  const body = doc.direction === 'incoming' ? joinMeta([doc.signer]) : joinMeta([doc.signer, ...doc.externalRecipients]);
  return {
    id: row.id,
    kind: 'document',
    path: `/documents/${encodeURIComponent(row.id)}`,
    title: doc.summary,
    meta,
    symbols,
    body,
    date: row.day,
    ...(isConfidential(doc.confidentiality) ? { private: true } : {}),
  };
}

/** What a task item needs of a `TaskRow` (data/tasks.ts). */
export interface TaskSource {
  id: string;
  state: Pick<TaskState, 'title' | 'description' | 'links' | 'lead' | 'deadline' | 'lastActivityAt'>;
}

export function taskItem(row: TaskSource, displayName: (name: string) => string = (n) => n): SearchItem {
  const st = row.state;
  return {
    id: row.id,
    kind: 'task',
    path: `/tasks/${encodeURIComponent(row.id)}`,
    title: st.title,
    meta: joinMeta([displayName(st.lead), st.deadline]),
    symbols: [],
    body: joinMeta([st.description, ...st.links.map((l) => l.label)]),
    date: st.lastActivityAt,
  };
}

export function noticeItem(n: Pick<Notice, '_id' | 'title' | 'body' | 'authorName' | 'createdAt'>): SearchItem {
  return {
    id: n._id,
    kind: 'notice',
    path: `/notices/${encodeURIComponent(n._id)}`,
    title: n.title,
    meta: n.authorName,
    symbols: [],
    body: n.body,
    date: n.createdAt,
  };
}

/** A person opens the tasks they are on (there is no person page yet). */
export function personItem(p: PersonDoc, unit?: Pick<UnitDoc, 'name' | 'shortName'>): SearchItem {
  return {
    id: p._id,
    kind: 'person',
    path: `/tasks?${new URLSearchParams({ view: 'all', person: p.name }).toString()}`,
    title: p.displayName,
    meta: joinMeta([p.title, unit?.name]),
    symbols: [],
    body: joinMeta([p.name, unit?.shortName]),
    date: p.disabled ? '' : '9999', // active people before disabled accounts
  };
}

/** What an event item needs of an `EventRow` (data/schedule.ts). */
export interface EventSource {
  id: string;
  state: Pick<CalendarEventState, 'title' | 'content' | 'notes' | 'when' | 'cancelled' | 'lastModified'> & { event: { createdAt: string } };
}

/** A schedule entry: its title, when (ward day), where; its content and notes only searched. */
export function eventItem(row: EventSource, where: string, whenText: string): SearchItem {
  const st = row.state;
  return {
    id: row.id,
    kind: 'event',
    path: `/schedule/events/${encodeURIComponent(row.id)}`,
    title: st.title,
    meta: joinMeta([whenText, where]),
    symbols: [],
    body: joinMeta([st.content, st.notes]),
    date: 'slot' in st.when ? st.when.day : st.when.start,
  };
}

/**
 * A message: its text, who wrote it and where (a conversation's title, or the item discussed). Never stored in
 * the snapshot: conversations are private to their members and leave the device with them.
 */
export function messageItem(
  m: { id: string; text: string; authorName: string; createdAt: string },
  where: string,
  path: string,
): SearchItem {
  return {
    id: m.id,
    kind: 'message',
    path,
    title: m.text.length > 140 ? `${m.text.slice(0, 139)}…` : m.text,
    meta: joinMeta([m.authorName, where]),
    symbols: [],
    body: m.text,
    date: m.createdAt,
    private: true,
  };
}
