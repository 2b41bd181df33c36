import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/features/tasks/dk-task-detail.ts';
import '../../src/features/tasks/dk-document-tasks.ts';
import type { DkDocumentTasks } from '../../src/features/tasks/dk-document-tasks.ts';
import type { DkTaskDetail } from '../../src/features/tasks/dk-task-detail.ts';
import type { DkTaskActions } from '../../src/features/tasks/dk-task-actions.ts';
import type { DkTaskTimeline } from '../../src/features/tasks/dk-task-timeline.ts';
import { spaceDb } from '../../src/data/db.ts';
import { createTask, getTaskRow, recordTaskEvent } from '../../src/data/tasks.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import '../../src/i18n/messages.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { TaskEvent } from '../../src/model/tasks/types.ts';
import type { TaskInput } from '../../src/model/tasks/validation.ts';
import { wardDay } from '../../src/model/time.ts';
import { destroyMe, testMe } from './data-helpers.ts';
import { seedDirectory } from './forms-fixtures.ts';

const $ = <T extends Element>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T | null;
const inDays = (n: number): string => wardDay(new Date(Date.now() + n * 86400_000));

async function until(cond: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  if (!cond()) throw new Error(`Timed out waiting for ${what}`);
}

const input = (over: Partial<TaskInput> = {}): TaskInput => ({
  title: 'Tổng hợp báo cáo chuyển đổi số',
  lead: 'an.nguyen',
  coordinators: ['hoa.do'],
  followers: [],
  unitId: 'vp',
  deadline: inDays(7),
  priority: 'high',
  checklist: ['Thu thập số liệu'],
  links: [],
  ...over,
});

let seq = 0;
/** An event as another person's device writes it, arriving here by replication. */
function replicated(taskId: string, by: string, roles: string[], over: Partial<TaskEvent>): TaskEvent {
  return {
    _id: `taskEvent:01KZZZZZZZZZZZZZZZZZZZZZ${(seq++).toString().padStart(2, '0')}`,
    type: 'taskEvent',
    schema: 1,
    createdAt: new Date(Date.now() + seq).toISOString(),
    createdBy: by,
    taskId,
    kind: 'comment',
    actorName: by,
    actorRoles: roles,
    ...over,
  };
}

const actionsOf = (el: DkTaskDetail) => $<DkTaskActions>(el, 'dk-task-actions')!;
const offered = (el: DkTaskDetail) =>
  [...actionsOf(el).shadowRoot!.querySelectorAll<HTMLElement>('.buttons [data-kind]')].map((b) => b.dataset['kind']);

describe('<dk-task-detail>', function () {
  this.timeout(30000);
  let people: MeResponse[] = [];

  /** `name` with `roles`, the directory, and the same unit space (copies of the same task: one device per person). */
  async function account(name: string, roles: string[]): Promise<MeResponse> {
    const me = testMe(roles, ['vp']);
    me.name = name + Math.random().toString(36).slice(2, 6);
    me.spaces = me.spaces.map((s) => (s.kind === 'personal' ? { ...s, id: me.name, db: `docket-user-${me.name}` } : s));
    await seedDirectory(me);
    people.push(me);
    return me;
  }

  async function open(me: MeResponse, id: string): Promise<DkTaskDetail> {
    const el = await fixture<DkTaskDetail>(html`<dk-task-detail .me=${me} .taskId=${id}></dk-task-detail>`);
    await until(() => !!$(el, '#task-title'), 'the task');
    return el;
  }

  beforeEach(() => setLocale('vi'));
  afterEach(async () => {
    fixtureCleanup();
    for (const p of people) await destroyMe(p);
    people = [];
  });

  it('shows two reports from two people (lead and coordinator) with the lead’s percent as the task’s', async () => {
    const leader = await account('lan', ['leader']);
    const id = await createTask(leader, input());
    const db = spaceDb(leader, leader.spaces[1]!);
    await db.put(replicated(id, 'an.nguyen', ['staff', 'unit:vp'], { kind: 'progress', percent: 50, note: 'Đã thu 5/10 tổ' }) as never);
    await db.put(
      replicated(id, 'hoa.do', ['staff', 'unit:vp', 'head:vp'], { kind: 'progress', percent: 30, note: 'Phần tổng hợp' }) as never,
    );
    const el = await open(leader, id);
    await until(() => ($(el, 'dk-task-timeline')?.shadowRoot?.querySelectorAll('[data-kind="progress"]').length ?? 0) === 2, 'two reports');
    const tl = $<DkTaskTimeline>(el, 'dk-task-timeline')!;
    const reports = [...tl.shadowRoot!.querySelectorAll<HTMLElement>('[data-kind="progress"]')];
    expect(reports.map((r) => r.dataset['by'])).to.deep.equal(['an.nguyen', 'hoa.do']);
    expect(reports[0]!.textContent).to.contain('Đã thu 5/10 tổ');
    expect(reports[1]!.textContent).to.contain('Phần tổng hợp');
    expect($(el, '[data-progress]')!.getAttribute('data-progress')).to.equal('50');
    expect($(el, '[data-part="hoa.do"]')!.textContent).to.contain('30 %');
    expect($(el, '[data-status]')!.getAttribute('data-status')).to.equal('inProgress');
  });

  it('offers the steps the rules allow to each person', async () => {
    const leader = await account('lan', ['leader']);
    const id = await createTask(leader, input({ lead: 'an.nguyen' }));
    const el = await open(leader, id);
    await until(() => offered(el).length > 0, 'actions');
    // The assigner: manage, never report progress for the lead.
    expect(offered(el)).to.include.members(['deadlineChanged', 'reassigned', 'edited', 'cancelled']);
    expect(offered(el)).to.not.include.members(['progress', 'submitted', 'accepted']);
    fixtureCleanup();

    // The lead, on their own device with the same copy: report, ask for more time, submit; not cancel.
    const lead = await account('an', ['staff']);
    lead.name = 'an.nguyen';
    const task = await spaceDb(leader, leader.spaces[1]!).get(id);
    await spaceDb(lead, lead.spaces[1]!).put({ ...task, _rev: undefined } as never);
    const el2 = await open(lead, id);
    await until(() => offered(el2).length > 0, 'lead actions');
    expect(offered(el2)).to.include.members(['progress', 'submitted', 'extensionRequested', 'edited']);
    expect(offered(el2)).to.not.include.members(['cancelled', 'deadlineChanged', 'accepted', 'reassigned']);
    expect(actionsOf(el2).shadowRoot!.querySelector('[data-action="subtask"]')).to.not.equal(null);

    // The lead reports 60 % through the form; it shows at once.
    actionsOf(el2).shadowRoot!.querySelector<HTMLButtonElement>('[data-kind="progress"]')!.click();
    await actionsOf(el2).updateComplete;
    const form = actionsOf(el2).shadowRoot!.querySelector('dk-task-progress-form')!;
    await (form as unknown as { updateComplete: Promise<void> }).updateComplete;
    const number = form.shadowRoot!.querySelector<HTMLInputElement>('#percent')!;
    number.value = '60';
    number.dispatchEvent(new Event('input'));
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => $(el2, '[data-progress]')?.getAttribute('data-progress') === '60', 'the new percent');
    expect((await getTaskRow(lead, id))!.state.events.map((e) => e.kind)).to.deep.equal(['progress']);
  });

  it('shows a refused step inline and a step without effect as such, with its words', async () => {
    const leader = await account('lan', ['leader']);
    const id = await createTask(leader, input());
    // A return without a reason is refused by the rules, beside the note.
    await recordTaskEvent(leader, id, { kind: 'comment', note: 'Nhớ gửi kèm số liệu.' });
    const db = spaceDb(leader, leader.spaces[1]!);
    // Accepted while not awaiting review (an offline device did not know): kept, without effect.
    await db.put(replicated(id, 'hung.tran', ['leader'], { kind: 'accepted', note: 'Tốt' }) as never);
    const el = await open(leader, id);
    const tl = () => $<DkTaskTimeline>(el, 'dk-task-timeline')!;
    await until(() => !!tl().shadowRoot?.querySelector('[data-kind="accepted"]'), 'the acceptance');
    const accepted = tl().shadowRoot!.querySelector('[data-kind="accepted"]')!;
    expect(accepted.querySelector('[data-ignored]')!.textContent).to.contain('Không có hiệu lực');
    expect(accepted.textContent).to.contain('Việc chưa được báo cáo hoàn thành.');
    expect(accepted.textContent).to.contain('Tốt');
    expect(tl().shadowRoot!.querySelector('[data-kind="comment"]')!.textContent).to.contain('Nhớ gửi kèm số liệu.');

    actionsOf(el).shadowRoot!.querySelector<HTMLButtonElement>('[data-kind="cancelled"]')!.click();
    await actionsOf(el).updateComplete;
    const form = actionsOf(el).shadowRoot!.querySelector('dk-task-note-form')!;
    await (form as unknown as { updateComplete: Promise<void> }).updateComplete;
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => !!form.shadowRoot!.querySelector('#note-error'), 'the reason error');
    expect(form.shadowRoot!.querySelector('#note-error')!.textContent).to.contain('Hãy nhập nội dung.');
    expect(form.shadowRoot!.activeElement?.id).to.equal('note');
  });

  it('rolls up subtasks and shows the deadline history with the original', async () => {
    const leader = await account('lan', ['leader']);
    const parent = await createTask(leader, input({ lead: leader.name, coordinators: ['an.nguyen'] }));
    const a = await createTask(
      leader,
      input({ title: 'Tổ 1', lead: 'an.nguyen', coordinators: [], parentId: parent, deadline: inDays(5), checklist: [] }),
    );
    const b = await createTask(
      leader,
      input({ title: 'Tổ 2', lead: leader.name, coordinators: [], parentId: parent, deadline: inDays(5), checklist: [] }),
    );
    await recordTaskEvent(leader, b, { kind: 'progress', percent: 40 });
    const db = spaceDb(leader, leader.spaces[1]!);
    await db.put(replicated(a, 'an.nguyen', ['staff', 'unit:vp'], { kind: 'submitted' }) as never);
    await recordTaskEvent(leader, a, { kind: 'accepted' });
    await recordTaskEvent(leader, parent, { kind: 'deadlineChanged', deadline: inDays(9), note: 'Theo chỉ đạo mới' });
    const el = await open(leader, parent);
    await until(() => !!$(el, '[data-rollup]'), 'the roll-up');
    expect($(el, '[data-rollup]')!.textContent).to.contain('xong 1/2');
    expect($(el, '[data-rollup]')!.textContent).to.contain('70 %'); // (100 + 40) / 2
    expect([...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-child]')].map((c) => c.dataset['child'])).to.deep.equal([a, b]);
    expect($(el, '[data-action="add-subtask"]')).to.not.equal(null);
    const deadlines = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-field="deadline"] [data-deadline]')].map(
      (d) => d.dataset['deadline'],
    );
    expect(deadlines).to.deep.equal([inDays(7), inDays(9)]);
    const tl = $<DkTaskTimeline>(el, 'dk-task-timeline')!;
    const change = tl.shadowRoot!.querySelector('[data-kind="deadlineChanged"]')!;
    expect(change.querySelector('del')!.textContent).to.not.equal(change.querySelector('ins')!.textContent);
  });

  it('on a document: lists the tasks linked to it, and offers “Giao việc” to leaders only', async () => {
    const leader = await account('lan', ['leader']);
    const docId = 'officialDocument:01KDOCDOCDOCDOCDOCDOCDOCDO';
    const id = await createTask(
      leader,
      input({ links: [{ kind: 'document', id: docId, label: 'Kế hoạch số 45/KH-UBND – Chuyển đổi số' }] }),
    );
    await createTask(leader, input({ title: 'Việc khác' }));
    const el = await fixture<DkDocumentTasks>(html`<dk-document-tasks .me=${leader} .documentId=${docId}></dk-document-tasks>`);
    await until(() => !!el.shadowRoot!.querySelector('[data-task]'), 'the linked task');
    expect([...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-task]')].map((li) => li.dataset['task'])).to.deep.equal([id]);
    expect(el.shadowRoot!.querySelector('[data-action="assign"]')!.getAttribute('href')).to.equal(
      `/tasks/new?document=${encodeURIComponent(docId)}`,
    );
    fixtureCleanup();
    const staff = await account('an', ['staff']);
    const el2 = await fixture<DkDocumentTasks>(html`<dk-document-tasks .me=${staff} .documentId=${docId}></dk-document-tasks>`);
    await el2.updateComplete;
    expect(el2.shadowRoot!.querySelector('[data-action="assign"]')).to.equal(null);
  });
});
