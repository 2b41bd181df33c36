import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { meContext } from '../../src/app/context.ts';
import { spaceDb } from '../../src/data/db.ts';
import '../../src/features/tasks/dk-bar-chart.ts';
import type { BarRow } from '../../src/features/tasks/dk-bar-chart.ts';
import '../../src/features/tasks/dk-stats-table.ts';
import '../../src/features/tasks/dk-task-stats.ts';
import { type DkTaskStats, statsScope } from '../../src/features/tasks/dk-task-stats.ts';
import '../../src/features/tasks/dk-trend-chart.ts';
import { statsCsv } from '../../src/features/tasks/stats-csv.ts';
import { parseStatsQuery, presetOf, presetPeriod, statCellHref, statsSearch } from '../../src/features/tasks/stats-period.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { Task } from '../../src/model/tasks/types.ts';
import { wardDay } from '../../src/model/time.ts';
import { task } from '../model/tasks-fixtures.ts';
import { destroyMe, testMe } from './data-helpers.ts';

const counts = (assigned: number, doneOnTime: number, doneLate: number, inProgress: number, overdue: number) => ({
  assigned,
  doneOnTime,
  doneLate,
  inProgress,
  overdue,
});

describe('statistics period and links', () => {
  it('presets are whole months, quarters and years around today', () => {
    expect(presetPeriod('thisMonth', '2026-02-10')).to.deep.equal({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('thisMonth', '2028-02-10')).to.deep.equal({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('lastMonth', '2026-01-15')).to.deep.equal({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('thisQuarter', '2026-11-25')).to.deep.equal({ from: '2026-10-01', to: '2026-12-31' });
    expect(presetPeriod('thisQuarter', '2026-04-01')).to.deep.equal({ from: '2026-04-01', to: '2026-06-30' });
    expect(presetPeriod('thisYear', '2026-11-25')).to.deep.equal({ from: '2026-01-01', to: '2026-12-31' });
    expect(presetOf({ from: '2026-10-01', to: '2026-12-31' }, '2026-11-25')).to.equal('thisQuarter');
    expect(presetOf({ from: '2026-10-02', to: '2026-12-31' }, '2026-11-25')).to.equal('custom');
  });

  it('reads and writes its URL parameters, falling back to this month by unit', () => {
    expect(parseStatsQuery('', '2026-11-25')).to.deep.equal({ from: '2026-11-01', to: '2026-11-30', by: 'unit', unit: '' });
    const q = parseStatsQuery('from=2026-01-01&to=2026-03-31&by=person&unit=vp', '2026-11-25');
    expect(q).to.deep.equal({ from: '2026-01-01', to: '2026-03-31', by: 'person', unit: 'vp' });
    expect(parseStatsQuery(statsSearch(q), '2026-11-25')).to.deep.equal(q);
    expect(parseStatsQuery('from=junk&by=x', '2026-11-25').from).to.equal('2026-11-01');
  });

  it('each count opens the task list: all views, the unit or lead, assigned in the period, the outcome', () => {
    const p = { from: '2026-11-01', to: '2026-11-30' };
    const params = (href: string) => Object.fromEntries(new URL(href, location.origin).searchParams);
    expect(statCellHref('unit', 'vp', 'overdue', p)).to.match(/^\/tasks\?/);
    expect(params(statCellHref('unit', 'vp', 'overdue', p))).to.deep.equal({
      view: 'all',
      unit: 'vp',
      createdFrom: '2026-11-01',
      createdTo: '2026-11-30',
      status: 'overdue',
    });
    expect(params(statCellHref('unit', '', 'assigned', p))).to.deep.equal({ view: 'all', unit: '-', createdFrom: p.from, createdTo: p.to });
    expect(params(statCellHref('person', 'an.nguyen', 'doneLate', p, 'vp'))).to.deep.equal({
      view: 'all',
      unit: 'vp',
      lead: 'an.nguyen',
      createdFrom: p.from,
      createdTo: p.to,
      status: 'doneLate',
    });
    expect(params(statCellHref('person', 'an.nguyen', 'inProgress', p)).status).to.equal('onTrack');
  });

  it('CSV: byte order mark, the title lines, headers in the reader’s language, a totals row', () => {
    const csv = statsCsv({
      titleLines: ['UBND PHƯỜNG HÀNG BÔNG', 'Thống kê công việc từ ngày 1 thg 11, 2026 đến ngày 30 thg 11, 2026'],
      groupHeader: 'Đơn vị',
      columnHeaders: {
        assigned: 'Được giao',
        doneOnTime: 'Hoàn thành đúng hạn',
        doneLate: 'Hoàn thành trễ hạn',
        inProgress: 'Đang thực hiện',
        overdue: 'Quá hạn',
      },
      totalLabel: 'Tổng cộng',
      rows: [
        { name: 'Văn phòng HĐND và UBND', counts: counts(5, 2, 1, 1, 1) },
        { name: 'Công an phường, "Tổ 3"', counts: counts(3, 3, 0, 0, 0) },
      ],
    });
    expect(csv.startsWith('\uFEFF')).to.equal(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.slice(0, 4)).to.deep.equal([
      'UBND PHƯỜNG HÀNG BÔNG',
      '"Thống kê công việc từ ngày 1 thg 11, 2026 đến ngày 30 thg 11, 2026"',
      '',
      'Đơn vị,Được giao,Hoàn thành đúng hạn,Hoàn thành trễ hạn,Đang thực hiện,Quá hạn',
    ]);
    expect(lines[5]).to.equal('"Công an phường, ""Tổ 3""",3,3,0,0,0');
    expect(lines[6]).to.equal('Tổng cộng,8,5,1,1,1');
  });
});

describe('statistics charts and table', () => {
  afterEach(() => setLocale('vi'));

  const rows: BarRow[] = [
    { key: 'vp', name: 'Văn phòng', counts: counts(10, 4, 2, 3, 1) },
    { key: 'ca', name: 'Công an', counts: counts(5, 5, 0, 0, 0) },
  ];

  it('the bar chart is one described image; bars are proportional and stacked; in Arabic they start on the right', async () => {
    const el = await fixture(html`<dk-bar-chart .rows=${rows} group="đơn vị"></dk-bar-chart>`);
    const svg = el.shadowRoot!.querySelector('svg.chart')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.querySelector('title')!.textContent).to.equal('Biểu đồ kết quả');
    const desc = svg.querySelector('desc')!.textContent!;
    expect(desc).to.contain('Văn phòng: 10 được giao, 4 đúng hạn, 2 trễ hạn, 3 đang thực hiện, 1 quá hạn.');
    expect(desc).to.contain('Công an: 5 được giao');
    const vp = svg.querySelector('g[data-key="vp"]')!;
    const width = (g: Element, cls: string) => parseFloat(g.querySelector(`rect.${cls}`)?.getAttribute('width') ?? '0');
    expect(width(vp, 'doneOnTime')).to.be.closeTo(2 * width(vp, 'doneLate'), 0.001);
    expect(parseFloat(vp.querySelector('rect.doneLate')!.getAttribute('x')!)).to.be.closeTo(width(vp, 'doneOnTime'), 0.001);
    const ca = svg.querySelector('g[data-key="ca"]')!;
    expect(width(ca, 'doneOnTime')).to.be.closeTo(width(vp, 'doneOnTime') * (5 / 4), 0.001);
    expect(ca.querySelector('rect.overdue'), 'no empty segment').to.equal(null);

    setLocale('ar');
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const first = el.shadowRoot!.querySelector('g[data-key="vp"] rect.doneOnTime')!;
    expect(parseFloat(first.getAttribute('x')!) + parseFloat(first.getAttribute('width')!)).to.be.closeTo(100, 0.001);
  });

  it('the weekly trend has a description and its figures in a table for screen readers', async () => {
    const weeks = [
      { weekStart: '2026-11-02', assigned: 4, doneOnTime: 1, doneLate: 0 },
      { weekStart: '2026-11-09', assigned: 2, doneOnTime: 3, doneLate: 1 },
      { weekStart: '2026-11-16', assigned: 0, doneOnTime: 0, doneLate: 2 },
    ];
    const el = await fixture(html`<dk-trend-chart .weeks=${weeks} from="2026-11-01" to="2026-11-30"></dk-trend-chart>`);
    const svg = el.shadowRoot!.querySelector('svg.chart')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-labelledby')).to.equal('trend-title trend-desc');
    expect(svg.querySelectorAll('circle.assigned')).to.have.length(3);
    expect(svg.querySelectorAll('line.assigned')).to.have.length(2);
    const cells = [...el.shadowRoot!.querySelectorAll('table tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()),
    );
    expect(cells).to.deep.equal([
      ['4', '1', '0'],
      ['2', '3', '1'],
      ['0', '0', '2'],
    ]);
  });

  it('the table links every non-zero count and adds a totals row', async () => {
    const period = { from: '2026-11-01', to: '2026-11-30' };
    const el = await fixture(html`<dk-stats-table .rows=${rows} by="unit" .period=${period} caption="Kỳ"></dk-stats-table>`);
    const vpLinks = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('tr[data-key="vp"] a')];
    expect(vpLinks.map((a) => a.textContent!.trim())).to.deep.equal(['10', '4', '2', '3', '1']);
    expect(vpLinks[4]!.getAttribute('aria-label')).to.equal('Văn phòng, Quá hạn: 1 công việc');
    expect(vpLinks[4]!.getAttribute('href')).to.contain('unit=vp').and.contain('status=overdue');
    expect(el.shadowRoot!.querySelectorAll('tr[data-key="ca"] a')).to.have.length(2);
    const total = [...el.shadowRoot!.querySelectorAll('tr[data-key="total"] td')].map((td) => td.textContent!.trim());
    expect(total).to.deep.equal(['15', '9', '2', '3', '1']);
  });
});

describe('dk-task-stats', () => {
  let me: MeResponse;
  afterEach(async () => {
    fixtureCleanup();
    await destroyMe(me);
  });

  async function mount(search: string): Promise<DkTaskStats> {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    new ContextProvider(host, { context: meContext, initialValue: me });
    const el = document.createElement('dk-task-stats');
    el.search = search;
    host.append(el);
    await el.updateComplete;
    return el;
  }

  const put = (doc: Task) => spaceDb(me, me.spaces[1]!).put(doc as unknown as PouchDB.Core.PutDocument<object>);

  it('a leader sees the period’s tasks per unit, linked, with both charts', async () => {
    me = testMe(['leader'], ['vp']);
    const now = new Date().toISOString();
    const today = wardDay();
    await put(task({ _id: 'task:01JSTATA', createdAt: now, deadline: '2099-01-01' }));
    await put(task({ _id: 'task:01JSTATB', createdAt: now, deadline: '2000-01-01' }));
    await put(task({ _id: 'task:01JSTATC', createdAt: '2001-01-01T00:00:00.000Z' })); // outside the period
    const el = await mount(`from=${today}&to=${today}&by=unit`);
    await waitUntil(() => el.shadowRoot!.querySelector('dk-stats-table'), 'table shown', { timeout: 10_000 });
    const table = el.shadowRoot!.querySelector('dk-stats-table')!;
    await table.updateComplete;
    const cells = [...table.shadowRoot!.querySelectorAll('tr[data-key="vp"] td')].map((td) => td.textContent!.trim());
    expect(cells).to.deep.equal(['2', '0', '0', '1', '1']);
    expect(el.shadowRoot!.querySelector('dk-bar-chart')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('dk-trend-chart')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector<HTMLSelectElement>('#preset')!.value).to.equal('custom');
  });

  it('clerks see every unit, as for the documents report', async () => {
    me = testMe(['clerk'], ['vp']);
    expect(statsScope(me)).to.deep.equal({ all: true, units: [] });
  });

  it('staff get an explanation instead', async () => {
    me = testMe(['staff'], ['vp']);
    const el = await mount('');
    expect(el.shadowRoot!.querySelector('dk-empty-state')!.textContent).to.contain('lãnh đạo phường, trưởng các đơn vị và văn thư');
    expect(el.shadowRoot!.querySelector('dk-stats-table')).to.equal(null);
  });
});
