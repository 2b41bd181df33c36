import { expect } from '@open-wc/testing';
import { spaceDb } from '../../src/data/db.ts';
import { queuedUploads } from '../../src/data/files.ts';
import {
  createTask,
  filesOfTask,
  getTaskFile,
  getTaskRow,
  listTasks,
  recordTaskEvent,
  reminderDays,
  setReminderDays,
  subscribeTasks,
  tasksOfDocument,
  ValidationError,
} from '../../src/data/tasks.ts';
import type { MeResponse } from '../../src/model/api.ts';
import { DEFAULT_REMINDER_DAYS } from '../../src/model/tasks/due.ts';
import type { Task, TaskEvent } from '../../src/model/tasks/types.ts';
import type { TaskInput } from '../../src/model/tasks/validation.ts';
import { wardDay } from '../../src/model/time.ts';
import { destroyMe, testMe } from './data-helpers.ts';

const inDays = (n: number): string => wardDay(new Date(Date.now() + n * 86400_000));

const input = (me: MeResponse, over: Partial<TaskInput> = {}): TaskInput => ({
  title: 'Rà soát hộ nghèo quý IV',
  description: 'Lập danh sách, đối chiếu với tổ dân phố.',
  lead: me.name,
  coordinators: [],
  followers: [],
  unitId: 'vp',
  startOn: wardDay(),
  deadline: inDays(10),
  priority: 'normal',
  checklist: ['Lập danh sách', 'Đối chiếu'],
  links: [],
  ...over,
});

const photo = () => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], 'anh.jpg', { type: 'image/jpeg' });

/** An event as another person's device would write it (replicated into this device's copy). */
function othersEvent(taskId: string, by: string, over: Partial<TaskEvent>): TaskEvent {
  return {
    _id: `taskEvent:01J${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    type: 'taskEvent',
    schema: 1,
    createdAt: new Date().toISOString(),
    createdBy: by,
    taskId,
    kind: 'comment',
    actorName: by,
    actorRoles: ['staff', 'unit:vp'],
    ...over,
  };
}

const put = (me: MeResponse, spaceIndex: number, doc: object) =>
  spaceDb(me, me.spaces[spaceIndex]!).put(doc as unknown as PouchDB.Core.PutDocument<object>);

describe('data/tasks', () => {
  let me: MeResponse;
  beforeEach(() => {
    me = testMe(['leader'], ['vp']); // spaces: org, unit vp, personal
  });
  afterEach(async () => {
    await destroyMe(me);
  });

  it('creates a unit task in its unit space with its files; it is pending until the server confirms it', async () => {
    const id = await createTask(me, input(me, { coordinators: ['an.nguyen'], followers: ['hoa.do'] }), [photo()]);
    const stored = (await spaceDb(me, me.spaces[1]!).get(id)) as unknown as Task;
    expect(stored.type).to.equal('task');
    expect(stored.assigner).to.equal(me.name);
    expect(stored.actorRoles).to.deep.equal(me.roles);
    expect(stored.checklist.map((c) => c.text)).to.deep.equal(['Lập danh sách', 'Đối chiếu']);
    expect(new Set(stored.checklist.map((c) => c.id)).size).to.equal(2);
    expect(stored.files!.map((f) => f.name)).to.deep.equal(['anh.jpg']);
    expect(await queuedUploads(me, me.spaces[1]!)).to.deep.equal([stored.files![0]!.fileId]);

    const row = (await getTaskRow(me, id))!;
    expect(row.heldIn.map((s) => s.kind)).to.deep.equal(['unit']);
    expect(row.pending).to.equal(true);
    expect([...row.roles].sort()).to.deep.equal(['assignedByMe', 'lead']);
    expect(row.state.status).to.equal('notStarted');
    expect(row.flags.overdue).to.equal(false);
    const [ref] = filesOfTask(row);
    expect(ref!.ownerId).to.equal(id);
    expect((await getTaskFile(me, row, ref!))!.size).to.equal(4);
  });

  it('keeps a personal task in the personal space', async () => {
    const id = await createTask(me, input(me, { unitId: undefined }), []);
    const row = (await getTaskRow(me, id))!;
    expect(row.heldIn.map((s) => s.kind)).to.deep.equal(['personal']);
    expect(await spaceDb(me, me.spaces[2]!).get(id)).to.have.property('title', 'Rà soát hộ nghèo quý IV');
  });

  it('refuses bad input with field errors and saves nothing', async () => {
    try {
      await createTask(me, input(me, { title: '  ', lead: '' }), []);
      expect.fail('should refuse');
    } catch (err) {
      expect(err).to.be.instanceOf(ValidationError);
      expect((err as ValidationError).errors.map((e) => e.field)).to.include.members(['title', 'lead']);
    }
    expect(await listTasks(me)).to.have.length(0);
  });

  it('lets staff assign only themselves (the rules run before anything is written)', async () => {
    const staff = testMe(['staff'], ['vp']);
    try {
      await createTask(staff, input(staff, { lead: 'an.nguyen' }), []);
      expect.fail('should refuse');
    } catch (err) {
      expect((err as ValidationError).errors[0]!.field).to.equal('form');
      expect((err as ValidationError).errors[0]!.code).to.match(/^task\.rule\./);
    }
    expect(await listTasks(staff)).to.have.length(0);
    const own = await createTask(staff, input(staff), []);
    expect((await getTaskRow(staff, own))!.roles.has('lead')).to.equal(true);
    await destroyMe(staff);
  });

  it('merges the copies of a task held in two spaces, with the events of both', async () => {
    const id = await createTask(me, input(me, { lead: 'an.nguyen', coordinators: ['dung.ngo'] }), []);
    await listTasks(me); // built before the copy arrives: the update must be incremental
    const task = await spaceDb(me, me.spaces[1]!).get(id);
    await put(me, 2, { ...task, _rev: undefined }); // the mirror's copy in another space
    await put(me, 1, othersEvent(id, 'an.nguyen', { kind: 'progress', percent: 50, note: 'Đã lập danh sách' }));
    await put(me, 2, othersEvent(id, 'dung.ngo', { kind: 'progress', percent: 30, note: 'Đã đối chiếu 3 tổ' }));
    const rows = await listTasks(me);
    expect(rows).to.have.length(1);
    const row = rows[0]!;
    expect(row.heldIn.map((s) => s.kind).sort()).to.deep.equal(['personal', 'unit']);
    expect(row.state.events.map((e) => e.createdBy).sort()).to.deep.equal(['an.nguyen', 'dung.ngo']);
    expect(row.state.percent).to.equal(50); // the lead's report sets the task's progress
    expect(row.state.parts.get('dung.ngo')?.percent).to.equal(30);
    expect(row.state.status).to.equal('inProgress');
  });

  it('records an allowed event in the home space and refuses one the rules forbid', async () => {
    const id = await createTask(me, input(me, { lead: 'an.nguyen' }), []);
    const eventId = await recordTaskEvent(me, id, { kind: 'comment', note: 'Chú ý số liệu tháng 10.' });
    expect(await spaceDb(me, me.spaces[1]!).get(eventId)).to.include({ kind: 'comment', taskId: id, createdBy: me.name });
    try {
      await recordTaskEvent(me, id, { kind: 'progress', percent: 20 }); // the assigner is no assignee
      expect.fail('should refuse');
    } catch (err) {
      expect((err as ValidationError).errors[0]!.code).to.match(/^task\.rule\./);
    }
    const row = (await getTaskRow(me, id))!;
    expect(row.state.events.map((e) => e.kind)).to.deep.equal(['comment']);
  });

  it('stores files on a progress report', async () => {
    const id = await createTask(me, input(me), []);
    const eventId = await recordTaskEvent(me, id, { kind: 'progress', percent: 40, note: 'Ảnh hiện trường' }, [photo()]);
    const row = (await getTaskRow(me, id))!;
    expect(row.state.percent).to.equal(40);
    const files = filesOfTask(row);
    expect(files.map((f) => [f.ownerId, f.name])).to.deep.equal([[eventId, 'anh.jpg']]);
    // A report may be only a photo.
    const photoOnly = await recordTaskEvent(me, id, { kind: 'progress' }, [photo()]);
    expect(filesOfTask((await getTaskRow(me, id))!).map((f) => f.ownerId)).to.deep.equal([eventId, photoOnly]);
  });

  it('lists subtasks under their parent, and tasks linked to a document', async () => {
    const docId = 'officialDocument:01JDOC';
    const parent = await createTask(me, input(me, { links: [{ kind: 'document', id: docId, label: 'Kế hoạch số 45/KH-UBND' }] }), []);
    const child = await createTask(me, input(me, { title: 'Đối chiếu tổ 1', parentId: parent, deadline: inDays(5) }), []);
    const row = (await getTaskRow(me, parent))!;
    expect(row.childIds).to.deep.equal([child]);
    expect((await getTaskRow(me, child))!.task.parentId).to.equal(parent);
    expect((await tasksOfDocument(me, docId)).map((r) => r.id)).to.deep.equal([parent]);
  });

  it('flags an overdue task and moves it to the overdue group', async () => {
    const id = await createTask(me, input(me, { startOn: undefined, deadline: inDays(3) }), []);
    const later = new Date(Date.now() + 6 * 86400_000);
    const row = (await listTasks(me, later)).find((r) => r.id === id)!;
    expect(row.flags.overdue).to.equal(true);
    expect(row.group).to.equal('overdue');
    const now = (await listTasks(me)).find((r) => r.id === id)!;
    expect(now.flags.overdue).to.equal(false);
  });

  it('keeps the reminder lead time per account, default DEFAULT_REMINDER_DAYS, and tells subscribers', async () => {
    const other = testMe(['staff'], ['vp']);
    expect(reminderDays(me)).to.equal(DEFAULT_REMINDER_DAYS);
    let calls = 0;
    const stop = subscribeTasks(me, () => calls++);
    setReminderDays(me, 5);
    stop();
    expect(reminderDays(me)).to.equal(5);
    expect(reminderDays(other)).to.equal(DEFAULT_REMINDER_DAYS);
    expect(calls).to.be.greaterThan(0);
    localStorage.removeItem(`docket-task-reminder-days:${me.name}`);
  });

  it('tells subscribers when a task changes', async () => {
    let calls = 0;
    const stop = subscribeTasks(me, () => calls++);
    await createTask(me, input(me), []);
    for (let i = 0; i < 50 && calls === 0; i++) await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(calls).to.be.greaterThan(0);
  });
});
