import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { meContext } from '../../src/app/context.ts';
import { spaceDb } from '../../src/data/db.ts';
import { buildDigest } from '../../src/features/tasks/digest.ts';
import '../../src/features/tasks/dk-task-digest.ts';
import type { MeResponse } from '../../src/model/api.ts';
import { deriveTaskState } from '../../src/model/tasks/state.ts';
import type { Task, TaskEvent } from '../../src/model/tasks/types.ts';
import { ev, people, task } from '../model/tasks-fixtures.ts';
import { destroyMe, testMe } from './data-helpers.ts';

const item = (over: Partial<Task>, events: TaskEvent[] = []) => {
  const t = task(over);
  return {
    id: t._id,
    state: deriveTaskState(
      t,
      events.map((e) => ({ ...e, taskId: t._id })),
    ),
  };
};

// Wednesday 9 December 2026, 10:00 in Hà Nội.
const NOW = new Date('2026-12-09T03:00:00Z');
const { leader, headVp, staffVp } = people;

describe('daily digest (pure)', () => {
  const rows = [
    item({ _id: 'task:VP1', deadline: '2026-12-01' }),
    item({ _id: 'task:VP2', deadline: '2026-12-07' }),
    item({ _id: 'task:KT1', unitId: 'kt', assigner: 'khanh.le', deadline: '2026-12-08' }),
    item({ _id: 'task:TODAY', deadline: '2026-12-09' }),
    item({ _id: 'task:WEEK', deadline: '2026-12-13' }),
    item({ _id: 'task:NEXTWEEK', deadline: '2026-12-14' }),
    item({ _id: 'task:SUBMITTED', deadline: '2026-12-20' }, [ev('submitted', staffVp, '2026-12-08T08:00:00.000Z')]),
    item({ _id: 'task:EXT', deadline: '2026-12-20' }, [
      ev('extensionRequested', staffVp, '2026-12-08T09:00:00.000Z', { deadline: '2026-12-31', note: 'Chờ số liệu' }),
    ]),
    // Accepted at 23:30 on 8 December in Hà Nội (16:30 UTC): done yesterday.
    item({ _id: 'task:DONE', deadline: '2026-12-10' }, [
      ev('submitted', staffVp, '2026-12-08T10:00:00.000Z'),
      ev('accepted', headVp, '2026-12-08T16:30:00.000Z'),
    ]),
    // Accepted at 00:30 on 9 December in Hà Nội (17:30 UTC on the 8th): today, not yesterday.
    item({ _id: 'task:DONETODAY', deadline: '2026-12-10' }, [
      ev('submitted', staffVp, '2026-12-08T10:00:00.000Z'),
      ev('accepted', headVp, '2026-12-08T17:30:00.000Z'),
    ]),
  ];
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

  it('a leader: overdue by unit, due today, the rest of this week, done yesterday (ward days)', () => {
    const d = buildDigest(rows, leader, NOW);
    expect(d.today).to.equal('2026-12-09');
    expect(d.overdueByUnit.map((u) => [u.unitId, ids(u.items)])).to.deep.equal([
      ['vp', ['task:VP1', 'task:VP2']],
      ['kt', ['task:KT1']],
    ]);
    expect(ids(d.dueToday)).to.deep.equal(['task:TODAY']);
    expect(ids(d.dueThisWeek)).to.deep.equal(['task:WEEK']);
    expect(ids(d.doneYesterday)).to.deep.equal(['task:DONE']);
    // The leader assigned none of them: nothing waits for their acceptance or answer.
    expect(d.awaitingAcceptance).to.deep.equal([]);
    expect(d.extensions).to.deep.equal([]);
  });

  it('a unit head: their unit only, and what was submitted to them as assigner', () => {
    const d = buildDigest(rows, headVp, NOW);
    expect(d.overdueByUnit.map((u) => u.unitId)).to.deep.equal(['vp']);
    expect(ids(d.awaitingAcceptance)).to.deep.equal(['task:SUBMITTED']);
    expect(ids(d.extensions)).to.deep.equal(['task:EXT']);
    expect(d.extensions[0]!.state.pendingExtension!.deadline).to.equal('2026-12-31');
  });
});

describe('dk-task-digest', () => {
  let me: MeResponse;
  afterEach(async () => {
    fixtureCleanup();
    await destroyMe(me);
  });

  async function mount(): Promise<HTMLElement & { updateComplete: Promise<unknown> }> {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    new ContextProvider(host, { context: meContext, initialValue: me });
    const el = document.createElement('dk-task-digest');
    host.append(el);
    await el.updateComplete;
    return el;
  }

  it('lists each section with links to the tasks, and says when a section is empty', async () => {
    me = testMe(['leader'], ['vp']);
    const put = (doc: Task) => spaceDb(me, me.spaces[1]!).put(doc as unknown as PouchDB.Core.PutDocument<object>);
    await put(task({ _id: 'task:01JDIGA', title: 'Báo cáo quá hạn', deadline: '2001-01-01' }));
    const el = await mount();
    await waitUntil(() => el.shadowRoot!.querySelector('section.overdue li'), 'overdue listed', { timeout: 10_000 });
    const overdue = el.shadowRoot!.querySelector('section.overdue')!;
    expect(overdue.getAttribute('data-count')).to.equal('1');
    expect(overdue.querySelector('h3')!.textContent).to.contain('(1)');
    expect(overdue.querySelector('a')!.getAttribute('href')).to.equal('/tasks/task%3A01JDIGA');
    expect(overdue.querySelector('.late')!.textContent).to.match(/^quá hạn [\d.]+ ngày$/);
    expect(el.shadowRoot!.querySelector('section.dueToday .empty')!.textContent).to.equal('Không có việc đến hạn hôm nay.');
    expect(el.shadowRoot!.querySelector('section.awaitingAcceptance .empty')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('.date')!.textContent).to.match(/^Hôm nay, /);
  });

  it('staff get an explanation instead', async () => {
    me = testMe(['staff'], ['vp']);
    const el = await mount();
    expect(el.shadowRoot!.querySelector('dk-empty-state')!.textContent).to.contain('lãnh đạo phường và trưởng các đơn vị');
    expect(el.shadowRoot!.querySelector('section')).to.equal(null);
  });
});
