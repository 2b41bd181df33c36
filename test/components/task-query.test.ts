import { expect } from '@open-wc/testing';
import {
  type TaskQuery,
  activeFilterCount,
  countViews,
  groupRows,
  inView,
  parseTaskQuery,
  rowFilter,
  taskQueryString,
} from '../../src/features/tasks/task-query.ts';
import { makeEvent, makeRow, makeTask } from './task-list-fixtures.ts';

describe('task list query (URL ↔ filters)', () => {
  it('round-trips every parameter of the contract through the URL', () => {
    const q: TaskQuery = {
      view: 'assignedByMe',
      filters: {
        q: 'hộ nghèo',
        person: 'dung.ngo',
        lead: 'an.nguyen',
        unit: '-',
        status: 'doneLate',
        priority: 'urgent',
        from: '2026-11-01',
        to: '2026-11-30',
        createdFrom: '2026-10-01',
        createdTo: '2026-10-31',
        document: 'officialDocument:01ABC',
      },
    };
    const s = taskQueryString(q);
    expect(parseTaskQuery(s)).to.deep.equal(q);
    expect(parseTaskQuery(`?${s}`)).to.deep.equal(q);
    expect(activeFilterCount(q.filters)).to.equal(10);
  });

  it('leaves the default view and empty filters out of the URL', () => {
    expect(taskQueryString({ view: 'mine', filters: {} })).to.equal('');
    expect(taskQueryString({ filters: { status: 'overdue' } })).to.equal('status=overdue');
  });

  it('drops unknown views, statuses, priorities and malformed dates instead of trusting them', () => {
    const q = parseTaskQuery('view=boss&status=late&priority=huge&from=1-2-3&to=2026-11-31x&createdFrom=2026-01-05&unit=%20');
    expect(q).to.deep.equal({ filters: { createdFrom: '2026-01-05' } });
  });

  it('reads the statistics click-through (view=all, unit, assigned-in range, status)', () => {
    const q = parseTaskQuery('view=all&unit=vp&createdFrom=2026-11-01&createdTo=2026-11-30&status=overdue');
    expect(q).to.deep.equal({
      view: 'all',
      filters: { unit: 'vp', createdFrom: '2026-11-01', createdTo: '2026-11-30', status: 'overdue' },
    });
  });
});

describe('task list views, filters and groups', () => {
  const asLead = makeTask({ title: 'Báo cáo tình hình an ninh trật tự', deadline: '2026-11-20' });
  const asCoordinator = makeTask({ title: 'Kiểm tra vệ sinh an toàn thực phẩm', lead: 'dung.ngo', coordinators: ['an.nguyen'] });
  const followed = makeTask({ title: 'Tổng hợp đơn thư', lead: 'dung.ngo', followers: ['an.nguyen'], priority: 'urgent' });
  const mine = makeTask({ title: 'Việc riêng', assigner: 'an.nguyen', createdBy: 'an.nguyen', lead: 'an.nguyen', unitId: undefined });
  const other = makeTask({
    title: 'Triển khai Kế hoạch 45',
    lead: 'dung.ngo',
    links: [{ kind: 'document', id: 'officialDocument:01K45', label: 'Kế hoạch số 45/KH-UBND' }],
    createdAt: '2026-10-15T18:00:00.000Z', // 16 Oct in Hanoi
  });
  const rows = [
    makeRow(asLead, [], 'an.nguyen', { flags: { overdue: true, dueSoon: false }, group: 'overdue' }),
    makeRow(asCoordinator),
    makeRow(followed),
    makeRow(mine),
    makeRow(other),
  ];

  it('puts each row in the views of the roles the person has', () => {
    expect(rows.filter((r) => inView(r, 'mine')).map((r) => r.state.title)).to.deep.equal([
      'Báo cáo tình hình an ninh trật tự',
      'Kiểm tra vệ sinh an toàn thực phẩm',
      'Việc riêng',
    ]);
    const counts = countViews(rows);
    expect(Object.fromEntries(counts)).to.deep.equal({ mine: 3, lead: 2, coordinating: 1, assignedByMe: 1, following: 1, all: 5 });
  });

  it('filters by text without diacritics, person on any role, unit (personal = -), status flag, linked document and assigned day in Hanoi', () => {
    const titles = (search: string) => rows.filter(rowFilter(parseTaskQuery(search).filters)).map((r) => r.state.title);
    expect(titles('q=an ninh trat tu')).to.deep.equal(['Báo cáo tình hình an ninh trật tự']);
    expect(titles('q=45/KH')).to.deep.equal(['Triển khai Kế hoạch 45']);
    expect(titles('person=an.nguyen')).to.have.length(4);
    expect(titles('lead=dung.ngo')).to.have.length(3);
    expect(titles('unit=-')).to.deep.equal(['Việc riêng']);
    expect(titles('status=overdue')).to.deep.equal(['Báo cáo tình hình an ninh trật tự']);
    expect(titles('priority=urgent')).to.deep.equal(['Tổng hợp đơn thư']);
    expect(titles('from=2026-11-20&to=2026-11-20')).to.deep.equal(['Báo cáo tình hình an ninh trật tự']);
    expect(titles('document=officialDocument:01K45')).to.deep.equal(['Triển khai Kế hoạch 45']);
    expect(titles('createdFrom=2026-10-16&createdTo=2026-10-16')).to.deep.equal(['Triển khai Kế hoạch 45']);
    expect(titles('createdTo=2026-10-15')).to.deep.equal([]);
  });

  it('tells done on time from done late, and open from closed', () => {
    const t1 = makeTask({ deadline: '2026-11-10' });
    const done = [
      makeEvent(t1, 'submitted', 'an.nguyen', '2026-11-05T01:00:00.000Z'),
      makeEvent(t1, 'accepted', 'hung.tran', '2026-11-05T02:00:00.000Z'),
    ];
    const onTime = makeRow(t1, done, 'an.nguyen', { flags: { overdue: false, dueSoon: false, timeliness: 'onTime' } });
    const t2 = makeTask({ deadline: '2026-11-01' });
    const late = makeRow(
      t2,
      [
        makeEvent(t2, 'submitted', 'an.nguyen', '2026-11-05T01:00:00.000Z'),
        makeEvent(t2, 'accepted', 'hung.tran', '2026-11-05T02:00:00.000Z'),
      ],
      'an.nguyen',
      { flags: { overdue: false, dueSoon: false, timeliness: 'late' } },
    );
    expect(onTime.state.status).to.equal('done');
    const pick = (status: string) => [onTime, late, rows[0]!].filter(rowFilter(parseTaskQuery(`status=${status}`).filters));
    expect(pick('doneOnTime')).to.deep.equal([onTime]);
    expect(pick('doneLate')).to.deep.equal([late]);
    expect(pick('open')).to.deep.equal([rows[0]]);
    expect(pick('done')).to.deep.equal([onTime, late]);
  });

  it('tells open tasks on track (the statistics’ “in progress”) from overdue ones', () => {
    const t1 = makeTask({ deadline: '2026-12-10' });
    const t2 = makeTask({ deadline: '2026-11-01' });
    const onTrack = makeRow(t1, [], 'an.nguyen', { flags: { overdue: false, dueSoon: false } });
    const overdue = makeRow(t2, [], 'an.nguyen', { flags: { overdue: true, dueSoon: false } });
    const pick = (status: string) => [onTrack, overdue].filter(rowFilter(parseTaskQuery(`status=${status}`).filters));
    expect(pick('open')).to.deep.equal([onTrack, overdue]);
    expect(pick('onTrack')).to.deep.equal([onTrack]);
    expect(pick('overdue')).to.deep.equal([overdue]);
  });

  it('groups by due date in order, earliest deadline first, closed last and newest closed first', () => {
    const a = makeTask({ title: 'A', deadline: '2026-11-27', deadlineTime: '16:00' });
    const b = makeTask({ title: 'B', deadline: '2026-11-27' });
    const c = makeTask({ title: 'C', deadline: '2026-11-27', deadlineTime: '09:00' });
    const d = makeTask({ title: 'D' });
    const e = makeTask({ title: 'E', deadline: '2026-11-20' });
    const f = makeTask({ title: 'F', deadline: '2026-11-21' });
    const g = makeTask({ title: 'G', deadline: '2026-12-20' });
    const closedEarly = makeTask({ title: 'X' });
    const closedLate = makeTask({ title: 'Y' });
    const list = [
      makeRow(a, [], 'an.nguyen', { group: 'today' }),
      makeRow(d),
      makeRow(closedEarly, [makeEvent(closedEarly, 'cancelled', 'hung.tran', '2026-11-01T00:00:00.000Z', { note: 'Không cần nữa' })]),
      makeRow(b, [], 'an.nguyen', { group: 'today' }),
      makeRow(g),
      makeRow(f, [], 'an.nguyen', { group: 'overdue' }),
      makeRow(closedLate, [makeEvent(closedLate, 'cancelled', 'hung.tran', '2026-11-03T00:00:00.000Z', { note: 'Không cần nữa' })]),
      makeRow(c, [], 'an.nguyen', { group: 'today' }),
      makeRow(e, [], 'an.nguyen', { group: 'overdue' }),
    ];
    const groups = groupRows(list).map((g) => [g.group, g.rows.map((r) => r.state.title).join('')]);
    expect(groups).to.deep.equal([
      ['overdue', 'EF'],
      ['today', 'CAB'],
      ['later', 'G'],
      ['noDeadline', 'D'],
      ['closed', 'YX'],
    ]);
  });
});
