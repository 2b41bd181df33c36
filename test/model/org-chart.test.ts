import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMON_POSITION_TITLES, buildOrgChart, positionSuggestions, titleRank } from '../../src/model/org-chart.ts';

const unit = (unitId: string, order: number) => ({ unitId, name: `Unit ${unitId}`, shortName: unitId.toUpperCase(), order });
const person = (
  name: string,
  title: string,
  extra: Partial<{ role: string; unitId: string; isHead: boolean; disabled: boolean }> = {},
) => ({
  name,
  displayName: name,
  title,
  role: 'staff',
  isHead: false,
  disabled: false,
  ...extra,
});

describe('org chart', () => {
  it('ranks titles: chair, vice-chairs, heads, deputies, the rest', () => {
    const titles = ['Chuyên viên', 'Phó Trưởng phòng', 'Phó Chủ tịch UBND phường', 'Chánh Văn phòng', 'Chủ tịch UBND phường'];
    assert.deepEqual(
      [...titles].sort((a, b) => titleRank(a) - titleRank(b)),
      ['Chủ tịch UBND phường', 'Phó Chủ tịch UBND phường', 'Chánh Văn phòng', 'Phó Trưởng phòng', 'Chuyên viên'],
    );
    assert.equal(titleRank('  CHỦ TỊCH UBND phường'), 1, 'case and spaces do not matter');
  });

  it('puts leaders on top, units in their order with heads first, leaves out disabled accounts', () => {
    const chart = buildOrgChart(
      [unit('vhxh', 2), unit('vp', 1), unit('tp', 3)],
      [
        person('pct', 'Phó Chủ tịch UBND phường', { role: 'leader' }),
        person('ct', 'Chủ tịch UBND phường', { role: 'leader' }),
        person('an', 'Chuyên viên', { unitId: 'vp' }),
        person('binh', 'Phó Chánh Văn phòng', { unitId: 'vp' }),
        person('cvp', 'Chánh Văn phòng', { unitId: 'vp', isHead: true }),
        person('gone', 'Chuyên viên', { unitId: 'vp', disabled: true }),
        person('it', 'Quản trị hệ thống', { role: 'admin' }),
        person('lost', 'Chuyên viên', { unitId: 'closed' }),
      ],
    );
    assert.deepEqual(
      chart.leadership.map((p) => p.name),
      ['ct', 'pct'],
    );
    assert.deepEqual(
      chart.units.map((b) => b.unit.unitId),
      ['vp', 'vhxh', 'tp'],
    );
    assert.deepEqual(
      chart.units[0]!.heads.map((p) => p.name),
      ['cvp'],
    );
    assert.deepEqual(
      chart.units[0]!.members.map((p) => p.name),
      ['binh', 'an'],
      'deputy before specialist; the disabled account is gone',
    );
    assert.deepEqual(chart.units[1]!.heads, []);
    assert.deepEqual(
      chart.others.map((p) => p.name),
      ['it', 'lost'],
      'people of no (or an unknown) unit are not lost',
    );
  });

  it('suggests titles in use first (most used), then the common ones not used yet', () => {
    const s = positionSuggestions([
      person('a', 'Chuyên viên'),
      person('b', 'Chuyên viên'),
      person('c', 'Kế toán trưởng'),
      person('d', ' '),
    ]);
    assert.deepEqual(s.slice(0, 2), ['Chuyên viên', 'Kế toán trưởng']);
    assert.equal(s.filter((t) => t === 'Chuyên viên').length, 1, 'no duplicate');
    assert.equal(s.length, 2 + COMMON_POSITION_TITLES.length - 1);
    assert.ok(!s.includes(''));
  });
});
