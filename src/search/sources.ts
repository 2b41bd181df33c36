/**
 * Where search items come from: one source per kind over the data layer's own incremental indexes and feeds
 * (documents and tasks: `SpaceIndex` over every space; notices; people of the directory). Each keeps the item it
 * made for a row object and makes a new one only when the data layer rebuilt the row, so an unchanged row costs
 * a map lookup and the indexer sends only what changed.
 *
 * Schedule entries and messages (conversations and discussions on items) have their sources too; a new kind adds
 * one here, with its kind in `types.ts` and a group label in the search box's catalog; nothing else changes.
 */
import type { MeResponse } from '../model/api.ts';
import { listDocuments, subscribeDocuments } from '../data/documents.ts';
import { type Directory, loadDirectory, subscribeDirectory } from '../data/directory.ts';
import { listNotices, subscribeNotices } from '../data/notices.ts';
import { listConversations, subscribeMessages } from '../data/messages.ts';
import { loadSchedule, subscribeSchedule } from '../data/schedule.ts';
import { listTasks, subscribeTasks } from '../data/tasks.ts';
import { formatDay } from '../i18n/i18n.ts';
import { wardDayOfWhen } from '../model/schedule/interval.ts';
import { documentItem, eventItem, messageItem, noticeItem, personItem, taskItem } from './items.ts';
import type { SearchItem, SearchKind } from './types.ts';

export interface SearchSource {
  kind: SearchKind;
  /** Every item of this kind on the device now. */
  load(me: MeResponse): Promise<SearchItem[]>;
  /** Calls `onChange` when items of this kind may have changed (local writes, replication). */
  subscribe(me: MeResponse, onChange: () => void): () => void;
}

/**
 * Items by the object they were made from: the data layer replaces a row (or a task's `state`) when its records
 * change and keeps it otherwise. Names and units come from the directory, so a new directory forgets them all.
 */
class Memo {
  private memo = new WeakMap<object, SearchItem>();
  private dir: Directory | null = null;
  item<R extends object>(key: R, dir: Directory, make: () => SearchItem): SearchItem {
    if (dir !== this.dir) {
      this.dir = dir;
      this.memo = new WeakMap();
    }
    let item = this.memo.get(key);
    if (!item) this.memo.set(key, (item = make()));
    return item;
  }
}

/** The directory, read again only when it changed. */
function directoryOf(): { get(me: MeResponse): Promise<Directory>; stale(): void } {
  let dir: Promise<Directory> | null = null;
  return {
    get: (me) => {
      if (!dir) {
        const p = loadDirectory(me);
        dir = p;
        p.catch(() => {
          if (dir === p) dir = null;
        });
      }
      return dir;
    },
    stale: () => {
      dir = null;
    },
  };
}

const both =
  (a: () => void, b: () => void): (() => void) =>
  () => {
    a();
    b();
  };

export function defaultSources(): SearchSource[] {
  const dir = directoryOf();
  const subscribeDir = (me: MeResponse, onChange: () => void) =>
    subscribeDirectory(me, () => {
      dir.stale();
      onChange();
    });
  const memo = { document: new Memo(), task: new Memo(), person: new Memo(), event: new Memo() };
  return [
    {
      kind: 'document',
      load: async (me) => {
        const [rows, d] = await Promise.all([listDocuments(me), dir.get(me)]);
        const unit = (id: string) => d.unitById.get(id)?.name ?? id;
        return rows.map((r) => memo.document.item(r, d, () => documentItem(r, unit)));
      },
      subscribe: (me, onChange) => both(subscribeDocuments(me, onChange), subscribeDir(me, onChange)),
    },
    {
      kind: 'task',
      load: async (me) => {
        const [rows, d] = await Promise.all([listTasks(me), dir.get(me)]);
        const name = (n: string) => d.personByName.get(n)?.displayName ?? n;
        // listTasks makes new row objects on each call; their `state` changes only with the task's records.
        return rows.map((r) => memo.task.item(r.state, d, () => taskItem(r, name)));
      },
      subscribe: (me, onChange) => both(subscribeTasks(me, onChange), subscribeDir(me, onChange)),
    },
    {
      kind: 'notice',
      // Notices are read again on each change (a few hundred): the indexer sends only those that differ.
      load: async (me) => (await listNotices(me)).map((n) => noticeItem(n)),
      subscribe: subscribeNotices,
    },
    {
      kind: 'person',
      load: async (me) => {
        const d = await dir.get(me);
        return d.people.map((p) => memo.person.item(p, d, () => personItem(p, p.unitId ? d.unitById.get(p.unitId) : undefined)));
      },
      subscribe: subscribeDir,
    },
    {
      kind: 'event',
      load: async (me) => {
        const [schedule, d] = await Promise.all([loadSchedule(me), dir.get(me)]);
        const room = (id: string) => d.rooms.find((r) => r.roomId === id)?.name ?? id;
        return schedule.rows
          .filter((r) => !r.state.cancelled)
          .map((r) =>
            memo.event.item(r.state, d, () => {
              const loc = r.state.location;
              const where = loc ? ('roomId' in loc ? room(loc.roomId) : loc.text) : '';
              return eventItem(r, where, formatDay(wardDayOfWhen(r.state.when)));
            }),
          );
      },
      subscribe: (me, onChange) => both(subscribeSchedule(me, onChange), subscribeDir(me, onChange)),
    },
    {
      kind: 'message',
      // Conversations are read again on each change (cached per space by update sequence in the data layer).
      load: async (me) => {
        const d = await dir.get(me);
        const name = (n: string) => d.personByName.get(n)?.displayName ?? n;
        const conversations = await listConversations(me, name);
        return conversations.flatMap((c) =>
          c.messages
            .filter((m) => !m.removed)
            .map((m) =>
              messageItem(
                { id: m.id, text: m.text, authorName: m.message.authorName, createdAt: m.message.createdAt },
                c.title,
                `/messages/${encodeURIComponent(c.space.id)}`,
              ),
            ),
        );
      },
      subscribe: (me, onChange) => subscribeMessages(me, onChange),
    },
  ];
}
