import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { ContextProvider } from '@lit/context';
import { meContext } from '../../src/app/context.ts';
import { createTask } from '../../src/data/tasks.ts';
import '../../src/features/tasks/dk-task-calendar.ts';
import type { DkTaskCalendar } from '../../src/features/tasks/dk-task-calendar.ts';
import { addMonths, monthOf, monthWeeks } from '../../src/features/tasks/calendar-month.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { TaskInput } from '../../src/model/tasks/validation.ts';
import { wardDay } from '../../src/model/time.ts';
import { destroyMe, testMe } from './data-helpers.ts';

const inDays = (n: number): string => wardDay(new Date(Date.now() + n * 86400_000));

describe('calendar month (pure)', () => {
  it('lays a month out in Monday-first weeks, from the week of the 1st to the week of the last day', () => {
    const weeks = monthWeeks('2026-02');
    expect(weeks.map((w) => [w[0], w[6]])).to.deep.equal([
      ['2026-01-26', '2026-02-01'],
      ['2026-02-02', '2026-02-08'],
      ['2026-02-09', '2026-02-15'],
      ['2026-02-16', '2026-02-22'],
      ['2026-02-23', '2026-03-01'],
    ]);
    expect(monthWeeks('2026-06')[0]![0]).to.equal('2026-06-01'); // a Monday
    expect(monthWeeks('2026-11').at(-1)![6]).to.equal('2026-12-06');
  });

  it('takes the month from the URL or the ward’s today, and steps across years', () => {
    // 18:00 UTC on 30 Nov is 01:00 on 1 Dec in Hanoi.
    expect(monthOf('', new Date('2026-11-30T18:00:00Z'))).to.equal('2026-12');
    expect(monthOf('month=2027-03', new Date('2026-11-30T18:00:00Z'))).to.equal('2027-03');
    expect(monthOf('month=2027-13', new Date('2026-11-30T10:00:00Z'))).to.equal('2026-11');
    expect(addMonths('2026-12', 1)).to.equal('2027-01');
    expect(addMonths('2026-01', -1)).to.equal('2025-12');
    expect(addMonths('2026-05', -17)).to.equal('2024-12');
  });
});

describe('deadline calendar', () => {
  let me: MeResponse;
  const hosts: HTMLElement[] = [];
  const due = inDays(3);
  const month = due.slice(0, 7);

  const input = (over: Partial<TaskInput>): TaskInput => ({
    title: 'Việc',
    lead: me.name,
    coordinators: [],
    followers: [],
    unitId: 'vp',
    priority: 'normal',
    checklist: [],
    links: [],
    ...over,
  });

  async function mount(search: string, now?: Date): Promise<DkTaskCalendar> {
    const host = document.body.appendChild(document.createElement('div'));
    hosts.push(host);
    new ContextProvider(host, { context: meContext, initialValue: me }).hostConnected();
    const cal = document.createElement('dk-task-calendar');
    cal.search = search;
    if (now) cal.now = now;
    host.append(cal);
    await waitUntil(() => cal.shadowRoot?.querySelector('table'), 'calendar loaded', { timeout: 10_000 });
    return cal;
  }
  const cellTitles = (cal: DkTaskCalendar, day: string) =>
    [...cal.shadowRoot!.querySelectorAll(`td[data-day="${day}"] .task`)].map((a) => a.textContent!.replace(/\s+/g, ' ').trim());

  before(async () => {
    setLocale('vi');
    me = testMe(['leader'], ['vp']);
    await createTask(me, input({ title: 'Nộp báo cáo tuần', deadline: due, deadlineTime: '16:00' }));
    await createTask(me, input({ title: 'Họp giao ban sáng', deadline: due, deadlineTime: '00:30' }));
    await createTask(me, input({ title: 'Soạn quy chế làm việc' }));
    await createTask(me, input({ title: 'Việc của người khác', deadline: due, lead: 'an.nguyen' }));
  });
  afterEach(() => {
    for (const h of hosts.splice(0)) h.remove();
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
    await destroyMe(me);
  });

  it('places my tasks on their deadline day, earliest time first; view=all adds the others', async () => {
    const cal = await mount(`month=${month}`);
    expect(cellTitles(cal, due)).to.deep.equal(['00:30 Họp giao ban sáng', '16:00 Nộp báo cáo tuần']);
    expect(cal.shadowRoot!.textContent).to.not.include('Soạn quy chế làm việc');
    const all = await mount(`month=${month}&view=all`);
    expect(cellTitles(all, due)).to.have.length(3);
    expect(cellTitles(all, due)).to.include('Việc của người khác');
  });

  it('marks today as the ward’s day, not the device’s UTC day, and opens on that month', async () => {
    const cal = await mount('', new Date('2026-11-30T18:00:00Z'));
    expect(cal.shadowRoot!.querySelector('.nav h2')!.textContent).to.include('2026');
    const current = [...cal.shadowRoot!.querySelectorAll('td[aria-current="date"]')].map((td) => (td as HTMLElement).dataset['day']);
    expect(current).to.deep.equal(['2026-12-01']);
    expect(cal.shadowRoot!.querySelector('td[data-day="2026-12-01"]')!.classList.contains('out')).to.equal(false);
    expect(cal.shadowRoot!.querySelector('td[data-day="2026-11-30"]')!.classList.contains('out')).to.equal(true);
    expect(cal.shadowRoot!.querySelector<HTMLAnchorElement>('a.prev')!.getAttribute('href')).to.equal('/tasks/calendar?month=2026-11');
  });

  it('shows overdue tasks in red once the clock passes their deadline', async () => {
    const cal = await mount(`month=${month}`, new Date(Date.now() + 6 * 86400_000));
    const links = [...cal.shadowRoot!.querySelectorAll(`td[data-day="${due}"] .task`)];
    expect(links.map((a) => a.classList.contains('overdue'))).to.deep.equal([true, true]);
    expect(links[0]!.textContent).to.include('Quá hạn');
  });

  it('on a phone lists the month as an agenda instead of the grid', async () => {
    await setViewport({ width: 360, height: 740 });
    const cal = await mount(`month=${month}`);
    expect(getComputedStyle(cal.shadowRoot!.querySelector('table')!).display).to.equal('none');
    const agenda = cal.shadowRoot!.querySelector('.agenda')!;
    expect(getComputedStyle(agenda).display).to.equal('block');
    const day = agenda.querySelector(`li[data-day="${due}"]`)!;
    expect([...day.querySelectorAll('.task')].map((a) => a.querySelector('.status')!.textContent!.trim())).to.deep.equal([
      'Chưa bắt đầu',
      'Chưa bắt đầu',
    ]);
  });
});
