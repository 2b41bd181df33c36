import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/features/tasks/dk-task-form.ts';
import type { DkTaskForm } from '../../src/features/tasks/dk-task-form.ts';
import type { DkTaskPeoplePicker } from '../../src/features/tasks/dk-task-people-picker.ts';
import { registerIncoming } from '../../src/data/documents.ts';
import { createTask, getTaskRow } from '../../src/data/tasks.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import '../../src/i18n/messages.ts';
import type { MeResponse } from '../../src/model/api.ts';
import { wardDay } from '../../src/model/time.ts';
import { destroyMe } from './data-helpers.ts';
import { formsMe, seedDirectory } from './forms-fixtures.ts';

const START = location.pathname;
const $ = <T extends Element>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T | null;
const errorOf = (el: DkTaskForm, field: string) => $(el, `#${field}-error`)?.textContent?.trim() ?? null;
const inDays = (n: number): string => wardDay(new Date(Date.now() + n * 86400_000));

async function until(cond: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  if (!cond()) throw new Error(`Timed out waiting for ${what}`);
}

async function set(el: DkTaskForm, field: string, value: string): Promise<void> {
  const input = $<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(el, `[name="${field}"]`)!;
  expect(input, field).to.not.equal(null);
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

const picker = (el: DkTaskForm, field: string) => $<DkTaskPeoplePicker>(el, `dk-task-people-picker[name="${field}"]`);
const offered = (p: DkTaskPeoplePicker) =>
  [...p.shadowRoot!.querySelectorAll<HTMLOptionElement>('#pick option')].map((o) => o.value).filter(Boolean);

async function pickPerson(el: DkTaskForm, field: string, name: string): Promise<void> {
  const p = picker(el, field)!;
  const select = p.shadowRoot!.querySelector<HTMLSelectElement>('#pick')!;
  select.value = name;
  expect(select.value, `${name} offered as ${field}`).to.equal(name);
  p.shadowRoot!.querySelector<HTMLButtonElement>('#add-button')!.click();
  await p.updateComplete;
  await el.updateComplete;
}

async function submit(el: DkTaskForm): Promise<void> {
  $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
  await el.updateComplete;
}

const onTaskPage = (): boolean => /^\/tasks\/task(:|%3A)/.test(location.pathname);
const taskIdInPath = (): string => decodeURIComponent(location.pathname.replace(/^\/tasks\//, ''));

describe('<dk-task-form>', function () {
  this.timeout(30000);
  let me: MeResponse;

  async function make(roles: string[], search = '', existing?: MeResponse): Promise<DkTaskForm> {
    me = existing ?? formsMe(roles, ['vp']);
    // Leaders replicate every unit's space.
    if (!existing && roles.includes('leader')) me.spaces.push({ kind: 'unit', id: 'vhxh', title: 'VHXH', db: 'docket-unit-vhxh' });
    if (!existing) await seedDirectory(me);
    const el = await fixture<DkTaskForm>(html`<dk-task-form .me=${me} .search=${search}></dk-task-form>`);
    await until(() => el.shadowRoot!.querySelectorAll('[name="unitId"] option').length > 0, 'the form');
    return el;
  }

  beforeEach(() => setLocale('vi'));
  afterEach(async () => {
    history.replaceState(null, '', START);
    fixtureCleanup();
    if (me) await destroyMe(me);
  });

  it('staff lead their own task: no lead or coordinator picker; a missing title is shown inline and focused', async () => {
    const el = await make(['staff']);
    expect(picker(el, 'lead')).to.equal(null);
    expect(picker(el, 'coordinators')).to.equal(null);
    expect($(el, '[data-self-lead]')!.textContent).to.contain(me.displayName);
    await submit(el);
    await until(() => !!errorOf(el, 'title'), 'the title error');
    expect(errorOf(el, 'title')).to.equal('Vui lòng nhập thông tin này.');
    expect(el.shadowRoot!.activeElement?.id).to.equal('title');
    expect(history.state === null && location.pathname === START).to.equal(true);

    await set(el, 'title', 'Báo cáo tuần');
    await set(el, 'deadline', inDays(4));
    await submit(el);
    await until(
      () => onTaskPage(),
      `navigation to the task (${$(el, '.form-error')?.textContent?.trim()} ${JSON.stringify((el as unknown as { _errors: unknown })._errors)})`,
      10_000,
    );
    const row = (await getTaskRow(me, taskIdInPath()))!;
    expect(row.task.lead).to.equal(me.name);
    expect(row.task.unitId).to.equal('vp');
    expect(row.task.deadline).to.equal(inDays(4));
  });

  it('a leader assigns anyone: the lead is required, the unit follows the lead, checklist and coordinators are saved', async () => {
    const el = await make(['leader']);
    await until(() => (picker(el, 'lead') ? offered(picker(el, 'lead')!).length > 0 : false), 'the directory');
    await set(el, 'title', 'Rà soát hộ nghèo');
    await submit(el);
    await until(() => !!errorOf(el, 'title') || !!el.shadowRoot!.querySelector('dk-task-people-picker[name="lead"]'), 'validation');
    const leadPicker = picker(el, 'lead')!;
    await until(() => !!leadPicker.shadowRoot!.querySelector('#list-error'), 'the lead error');
    expect(offered(leadPicker)).to.include.members(['binh.le', 'an.nguyen', 'lan.nguyen']);

    await pickPerson(el, 'lead', 'binh.le');
    expect($<HTMLSelectElement>(el, '[name="unitId"]')!.value).to.equal('vhxh');
    await pickPerson(el, 'coordinators', 'an.nguyen');
    expect(offered(picker(el, 'coordinators')!)).to.not.include('binh.le'); // the lead is not offered twice
    const item = picker(el, 'coordinators')!; // keep a reference: the editor comes next
    expect(item).to.not.equal(null);
    const editor = $(el, 'dk-task-checklist-editor')!;
    const input = editor.shadowRoot!.querySelector<HTMLInputElement>('#item')!;
    input.value = 'Lập danh sách';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    input.value = 'Đối chiếu tổ dân phố'; // typed, not yet added: Save adds it
    input.dispatchEvent(new Event('input'));
    await submit(el);
    await until(() => onTaskPage(), 'navigation to the task').catch((err: Error) => {
      throw new Error(
        `${err.message}: ${$(el, '.form-error')?.textContent?.trim()} ${JSON.stringify((el as unknown as { _errors: unknown })._errors)}`,
      );
    });
    const row = (await getTaskRow(me, taskIdInPath()))!;
    expect(row.task.lead).to.equal('binh.le');
    expect(row.task.coordinators).to.deep.equal(['an.nguyen']);
    expect(row.task.unitId).to.equal('vhxh');
    expect(row.task.checklist.map((c) => c.text)).to.deep.equal(['Lập danh sách', 'Đối chiếu tổ dân phố']);
  });

  it('a unit head is offered the people of the unit as lead; the personal option only when alone', async () => {
    const el = await make(['staff', 'head:vp']);
    await until(() => (picker(el, 'lead') ? offered(picker(el, 'lead')!).length > 0 : false), 'people');
    const lead = offered(picker(el, 'lead')!);
    expect(lead).to.include.members(['an.nguyen', 'hoa.do']);
    expect(lead).to.not.include('binh.le');
    expect(lead).to.not.include('hung.tran');
    await pickPerson(el, 'lead', 'an.nguyen');
    const options = () => [...el.shadowRoot!.querySelectorAll<HTMLOptionElement>('[name="unitId"] option')].map((o) => o.value);
    expect(options()).to.not.include('-');
  });

  it('fills a task from an official document: title, description, deadline and the link', async () => {
    me = formsMe(['leader', 'clerk'], ['vp']);
    await seedDirectory(me);
    const docId = await registerIncoming(
      me,
      {
        issuingBody: 'UBND quận Ba Đình',
        numberSymbol: '45/KH-UBND',
        issuedOn: wardDay(),
        kind: 'keHoach',
        summary: 'Triển khai chuyển đổi số năm 2027',
        urgency: 'normal',
        confidentiality: 'normal',
        arrivedOn: wardDay(),
        receivedVia: 'paper',
        deadline: inDays(20),
        attachments: [],
      },
      [],
    );
    const el = await make([], `document=${encodeURIComponent(docId)}`, me);
    await until(() => ($<HTMLInputElement>(el, '[name="title"]')?.value ?? '') !== '', 'the prefill');
    expect($<HTMLInputElement>(el, '[name="title"]')!.value).to.equal('Thực hiện Kế hoạch số 45/KH-UBND');
    expect($<HTMLTextAreaElement>(el, '[name="description"]')!.value).to.equal('Triển khai chuyển đổi số năm 2027');
    expect($<HTMLInputElement>(el, '[name="deadline"]')!.value).to.equal(inDays(20));
    const links = $(el, 'dk-task-link-picker')!;
    await until(() => !!links.shadowRoot!.querySelector(`[data-link="${docId}"]`), 'the link');
    expect(links.shadowRoot!.querySelector(`[data-link="${docId}"]`)!.textContent).to.contain('45/KH-UBND');
  });

  it('a subtask: the lead among the parent’s people, the deadline not after the parent’s', async () => {
    me = formsMe(['leader'], ['vp']);
    await seedDirectory(me);
    const parentId = await createTask(me, {
      title: 'Tổng kết năm',
      lead: 'hoa.do',
      coordinators: ['an.nguyen'],
      followers: [],
      unitId: 'vp',
      deadline: inDays(10),
      priority: 'normal',
      checklist: [],
      links: [],
    });
    const el = await make([], `parent=${encodeURIComponent(parentId)}`, me);
    await until(() => !!$(el, '[data-source="parent"] a'), 'the parent');
    expect(offered(picker(el, 'lead')!).sort()).to.deep.equal(['an.nguyen', 'hoa.do']);
    await set(el, 'title', 'Số liệu tổ 1');
    await pickPerson(el, 'lead', 'an.nguyen');
    await set(el, 'deadline', inDays(12));
    await submit(el);
    await until(() => !!errorOf(el, 'deadline'), 'the deadline error');
    expect(errorOf(el, 'deadline')).to.contain('Hạn không được sau ngày');
    await set(el, 'deadline', inDays(8));
    await submit(el);
    await until(
      () => onTaskPage(),
      `navigation to the subtask (${$(el, '.form-error')?.textContent?.trim()} ${JSON.stringify((el as unknown as { _errors: unknown })._errors)})`,
    );
    const child = (await getTaskRow(me, taskIdInPath()))!;
    expect(child.task.parentId).to.equal(parentId);
    expect((await getTaskRow(me, parentId))!.childIds).to.deep.equal([child.id]);
  });
});
