import { expect, waitUntil } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { meContext } from '../../src/app/context.ts';
import { createTask, getTaskRow } from '../../src/data/tasks.ts';
import '../../src/features/tasks/dk-task-board.ts';
import type { DkTaskBoard } from '../../src/features/tasks/dk-task-board.ts';
import { allowedTargets, checkMove } from '../../src/features/tasks/board-moves.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import type { MeResponse } from '../../src/model/api.ts';
import { deriveTaskState } from '../../src/model/tasks/state.ts';
import type { TaskInput } from '../../src/model/tasks/validation.ts';
import { wardDay } from '../../src/model/time.ts';
import { destroyMe, testMe } from './data-helpers.ts';
import { makeEvent, makeTask } from './task-list-fixtures.ts';

const inDays = (n: number): string => wardDay(new Date(Date.now() + n * 86400_000));

describe('board moves (rules)', () => {
  const task = makeTask({ lead: 'an.nguyen', coordinators: ['dung.ngo'] });
  const lead = { name: 'an.nguyen', roles: ['staff', 'unit:vp'] };
  const coordinator = { name: 'dung.ngo', roles: ['staff', 'unit:vp'] };
  const assigner = { name: 'hung.tran', roles: ['leader'] };
  const clerk = { name: 'mai.hoang', roles: ['clerk'] };
  const fresh = deriveTaskState(task, []);
  const submitted = deriveTaskState(task, [makeEvent(task, 'submitted', 'an.nguyen', '2026-11-03T01:00:00.000Z')]);

  it('offers each person only the columns their role and the status allow', () => {
    expect(allowedTargets(fresh, lead)).to.deep.equal(['inProgress', 'awaitingReview']);
    expect(allowedTargets(fresh, coordinator)).to.deep.equal(['inProgress']);
    expect(allowedTargets(fresh, assigner)).to.deep.equal([]);
    expect(allowedTargets(fresh, clerk)).to.deep.equal([]);
    expect(allowedTargets(submitted, assigner)).to.deep.equal(['returned', 'done']);
    // A progress report on a task awaiting review is allowed but would not move it: not offered.
    expect(allowedTargets(submitted, lead)).to.deep.equal([]);
  });

  it('says why a move is refused', () => {
    expect(checkMove(fresh, 'done', assigner)).to.deep.equal({ ok: false, reason: 'task.rule.notAwaitingReview' });
    expect(checkMove(submitted, 'done', lead)).to.deep.equal({ ok: false, reason: 'task.rule.notManager' });
    expect(checkMove(submitted, 'inProgress', lead)).to.deep.equal({ ok: false, reason: 'lists.board.reason.generic' });
    expect(checkMove(submitted, 'notStarted', assigner)).to.deep.equal({ ok: false, reason: 'lists.board.reason.notStarted' });
    expect(checkMove(fresh, 'cancelled', assigner)).to.deep.equal({ ok: false, reason: 'lists.board.reason.cancelled' });
    expect(checkMove(submitted, 'done', assigner)).to.deep.equal({ ok: true, kind: 'accepted' });
  });
});

describe('unit board', () => {
  let me: MeResponse;
  let board: DkTaskBoard;
  let mine: string;
  let other: string;
  let second: string;
  let host: HTMLDivElement;

  const input = (over: Partial<TaskInput>): TaskInput => ({
    title: 'Việc',
    lead: me.name,
    coordinators: [],
    followers: [],
    unitId: 'vp',
    deadline: inDays(5),
    priority: 'normal',
    checklist: [],
    links: [],
    ...over,
  });

  const root = () => board.shadowRoot!;
  const card = (id: string) => root().querySelector<HTMLElement>(`.card[data-id="${CSS.escape(id)}"]`);
  const columnOf = (id: string) => card(id)?.closest<HTMLElement>('.col')?.dataset['col'];
  const options = (id: string) =>
    [...(card(id)?.querySelectorAll<HTMLOptionElement>('select option') ?? [])].map((o) => o.value).filter(Boolean);
  const message = () => root().querySelector('.message')!.textContent!.replace(/\s+/g, ' ').trim();
  const kinds = async (id: string) => (await getTaskRow(me, id))!.state.events.map((e) => e.kind);

  function choose(id: string, target: string): void {
    const select = card(id)!.querySelector('select')!;
    select.value = target;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }

  async function drag(id: string, column: string): Promise<void> {
    const dataTransfer = new DataTransfer();
    card(id)!.dispatchEvent(new DragEvent('dragstart', { bubbles: true, composed: true, dataTransfer }));
    await board.updateComplete;
    const col = root().querySelector(`.col[data-col="${column}"]`)!;
    const over = new DragEvent('dragover', { bubbles: true, cancelable: true, composed: true, dataTransfer });
    col.dispatchEvent(over);
    expect(over.defaultPrevented, `${column} takes the drop`).to.equal(true);
    col.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, composed: true, dataTransfer }));
    card(id)?.dispatchEvent(new DragEvent('dragend', { bubbles: true, composed: true, dataTransfer }));
  }

  before(async () => {
    setLocale('vi');
    me = testMe(['leader'], ['vp']);
    mine = await createTask(me, input({ title: 'Báo cáo an ninh trật tự tháng 11', deadline: inDays(2) }));
    second = await createTask(me, input({ title: 'Kiểm tra vệ sinh an toàn thực phẩm', deadline: inDays(9) }));
    other = await createTask(me, input({ title: 'Tổng hợp đơn thư', lead: 'an.nguyen' }));
    await createTask(me, input({ title: 'Việc của đơn vị khác', unitId: undefined, lead: me.name }));
    // Not `fixture()`: its cleanup after each test would detach the board the tests share.
    host = document.body.appendChild(document.createElement('div'));
    new ContextProvider(host, { context: meContext, initialValue: me }).hostConnected();
    board = document.createElement('dk-task-board');
    board.search = 'unit=vp';
    host.append(board);
    await waitUntil(() => card(mine) && card(other) && card(second), 'cards shown', { timeout: 10_000 });
  });
  after(async () => {
    host.remove();
    await destroyMe(me);
  });

  it("shows the unit's tasks in their status columns, not the personal one", () => {
    expect(root().querySelectorAll('.card')).to.have.length(3);
    expect([columnOf(mine), columnOf(other)]).to.deep.equal(['notStarted', 'notStarted']);
    expect([...root().querySelectorAll('.col')].map((c) => (c as HTMLElement).dataset['col'])).to.deep.equal([
      'notStarted',
      'inProgress',
      'awaitingReview',
      'returned',
      'done',
    ]);
    // Earliest deadline first.
    const titles = [...root().querySelectorAll('.col[data-col="notStarted"] .title')].map((a) => a.textContent!.trim());
    expect(titles[0]).to.equal('Báo cáo an ninh trật tự tháng 11');
  });

  it('offers "Move to" only the allowed columns; a leader who is not an assignee cannot start someone else\'s task', () => {
    expect(options(mine)).to.deep.equal(['inProgress', 'awaitingReview']);
    expect(card(other)!.querySelector('select')).to.equal(null);
  });

  it('refuses a forbidden drop: the card stays, nothing is written, the message says why', async () => {
    await drag(mine, 'done');
    await waitUntil(() => message().includes('Không chuyển được'), 'refusal shown');
    expect(message()).to.include('việc chưa được báo cáo hoàn thành');
    expect(root().querySelector('.message .banner.danger')).to.not.equal(null);
    expect(columnOf(mine)).to.equal('notStarted');
    expect(await kinds(mine)).to.deep.equal([]);
  });

  it('a drop on "In progress" writes a progress note without a percent', async () => {
    await drag(mine, 'inProgress');
    await waitUntil(() => columnOf(mine) === 'inProgress', 'card moved', { timeout: 10_000 });
    const row = (await getTaskRow(me, mine))!;
    const e = row.state.events.at(-1)!;
    expect([e.kind, e.note, e.percent]).to.deep.equal(['progress', 'Bắt đầu thực hiện', undefined]);
    expect(row.state.percent).to.equal(0);
    expect(message()).to.equal('Đã chuyển “Báo cáo an ninh trật tự tháng 11” sang “Đang thực hiện”.');
  });

  it('moves with the keyboard: the select submits, focus follows the card, the live region announces it', async () => {
    card(mine)!.querySelector('select')!.focus();
    choose(mine, 'awaitingReview');
    await waitUntil(() => columnOf(mine) === 'awaitingReview', 'card moved', { timeout: 10_000 });
    expect(await kinds(mine)).to.deep.equal(['progress', 'submitted']);
    await waitUntil(() => root().activeElement === card(mine)!.querySelector('.title'), 'focus on the moved card');
    expect(root().querySelector('.message')!.getAttribute('role')).to.equal('status');
    expect(message()).to.include('Chờ duyệt kết quả');
    expect(options(mine)).to.deep.equal(['returned', 'done']);
  });

  it('arrow keys move focus between cards and columns', async () => {
    const title = (id: string) => card(id)!.querySelector<HTMLElement>('.title')!;
    const press = (key: string) =>
      (root().activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
    title(other).focus(); // deadline in 5 days: above the one in 9
    press('ArrowDown');
    expect(root().activeElement).to.equal(title(second));
    press('ArrowUp');
    expect(root().activeElement).to.equal(title(other));
    press('ArrowRight'); // "In progress" is empty: on to "Awaiting review"
    expect(root().activeElement).to.equal(title(mine));
    press('ArrowLeft');
    expect(root().activeElement).to.equal(title(other));
  });

  it('a return asks for the reason (required) and writes it', async () => {
    choose(mine, 'returned');
    const dialog = root().querySelector('dialog')!;
    await waitUntil(() => dialog.open, 'dialog open');
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await board.updateComplete;
    const reason = dialog.querySelector<HTMLTextAreaElement>('#reason')!;
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(root().activeElement).to.equal(reason);
    expect(await kinds(mine)).to.deep.equal(['progress', 'submitted']);
    reason.value = 'Thiếu số liệu tổ dân phố 3';
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => columnOf(mine) === 'returned', 'card returned', { timeout: 10_000 });
    expect(dialog.open).to.equal(false);
    const e = (await getTaskRow(me, mine))!.state.events.at(-1)!;
    expect([e.kind, e.note]).to.deep.equal(['returned', 'Thiếu số liệu tổ dân phố 3']);
  });
});
