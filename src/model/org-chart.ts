import { compareVi } from './collate.ts';

/** What the org chart needs of a unit and of a person (the admin API's and the directory's shapes both fit). */
export interface ChartUnit {
  unitId: string;
  name: string;
  shortName: string;
  order: number;
}

export interface ChartPerson {
  name: string;
  displayName: string;
  title: string;
  role: string;
  unitId?: string;
  isHead: boolean;
  disabled: boolean;
}

export interface UnitBranch<P extends ChartPerson> {
  unit: ChartUnit;
  heads: P[];
  members: P[];
}

export interface OrgChart<P extends ChartPerson> {
  /** The ward's leaders (role `leader`) without a unit: the chair first, then the vice-chairs. */
  leadership: P[];
  units: UnitBranch<P>[];
  /** Active accounts in no unit that are not leaders (e.g. the IT administrator). */
  others: P[];
}

/**
 * Rank of a position title in a ward: the chair (Chủ tịch) before the vice-chairs (Phó Chủ tịch), a head
 * (Trưởng, Chánh) before a deputy (Phó), then everyone else. Titles are free text typed by the administrator,
 * so this reads their first words rather than a fixed list; equal ranks fall back to the name.
 */
export function titleRank(title: string): number {
  const t = title.trim().toLocaleLowerCase('vi');
  if (t.startsWith('bí thư')) return 0;
  if (t.startsWith('chủ tịch')) return 1;
  if (t.startsWith('phó chủ tịch')) return 2;
  if (t.startsWith('trưởng') || t.startsWith('chánh')) return 3;
  if (t.startsWith('phó')) return 4;
  return 5;
}

const byRank = <P extends ChartPerson>(a: P, b: P): number =>
  titleRank(a.title) - titleRank(b.title) || compareVi(a.displayName, b.displayName);

/** The ward's structure as people see it: leadership, then each unit in its order with its head(s) first. Disabled accounts are left out. */
export function buildOrgChart<P extends ChartPerson>(units: readonly ChartUnit[], people: readonly P[]): OrgChart<P> {
  const active = people.filter((p) => !p.disabled);
  const known = new Set(units.map((u) => u.unitId));
  const sortedUnits = [...units].sort((a, b) => a.order - b.order || a.unitId.localeCompare(b.unitId));
  return {
    leadership: active.filter((p) => p.role === 'leader' && (!p.unitId || !known.has(p.unitId))).sort(byRank),
    units: sortedUnits.map((unit) => {
      const inUnit = active.filter((p) => p.unitId === unit.unitId);
      return { unit, heads: inUnit.filter((p) => p.isHead).sort(byRank), members: inUnit.filter((p) => !p.isHead).sort(byRank) };
    }),
    others: active.filter((p) => p.role !== 'leader' && (!p.unitId || !known.has(p.unitId))).sort(byRank),
  };
}

/**
 * Position titles a ward uses (Decree 33/2023/NĐ-CP on commune-level cadres and civil servants), offered as
 * suggestions next to the titles already in use; the field stays free text.
 */
export const COMMON_POSITION_TITLES: readonly string[] = [
  'Chủ tịch UBND phường',
  'Phó Chủ tịch UBND phường',
  'Chánh Văn phòng HĐND – UBND',
  'Phó Chánh Văn phòng HĐND – UBND',
  'Trưởng phòng',
  'Phó Trưởng phòng',
  'Chuyên viên',
  'Công chức Văn phòng – Thống kê',
  'Công chức Tư pháp – Hộ tịch',
  'Công chức Địa chính – Xây dựng – Đô thị và Môi trường',
  'Công chức Tài chính – Kế toán',
  'Công chức Văn hóa – Xã hội',
  'Chỉ huy trưởng Quân sự',
  'Văn thư',
];

/** Suggestions for the position field: titles in use (most used first), then the common ones not yet used. */
export function positionSuggestions(people: readonly ChartPerson[]): string[] {
  const counts = new Map<string, number>();
  for (const p of people) {
    const title = p.title.trim();
    if (title) counts.set(title, (counts.get(title) ?? 0) + 1);
  }
  const used = [...counts].sort((a, b) => b[1] - a[1] || compareVi(a[0], b[0])).map(([title]) => title);
  return [...used, ...COMMON_POSITION_TITLES.filter((t) => !counts.has(t))];
}
