import { csvField } from '../../model/documents/registers.ts';
import { type Period, STAT_COLUMNS, type StatColumn } from './stats-period.ts';

export type StatCounts = Record<StatColumn, number>;

export interface StatsCsvInput {
  /** Lines above the table: the ward's name, the title with the period. */
  titleLines: string[];
  /** Heading of the first column (Đơn vị / Người chủ trì) and of the counts, in the reader's language. */
  groupHeader: string;
  columnHeaders: Record<StatColumn, string>;
  totalLabel: string;
  rows: { name: string; counts: StatCounts }[];
}

export const sumCounts = (rows: readonly { counts: StatCounts }[]): StatCounts =>
  Object.fromEntries(STAT_COLUMNS.map((c) => [c, rows.reduce((n, r) => n + r.counts[c], 0)])) as StatCounts;

/**
 * The statistics as CSV for Excel: UTF-8 byte order mark (Excel otherwise reads Vietnamese as Latin-1), CRLF,
 * the title lines, an empty line, the table and a totals row. Counts stay plain integers so that they add up.
 */
export function statsCsv(input: StatsCsvInput): string {
  const header = [input.groupHeader, ...STAT_COLUMNS.map((c) => input.columnHeaders[c])];
  const line = (name: string, counts: StatCounts): string[] => [name, ...STAT_COLUMNS.map((c) => String(counts[c]))];
  const total = sumCounts(input.rows);
  const lines = [
    ...input.titleLines.map((l) => [l]),
    [],
    header,
    ...input.rows.map((r) => line(r.name, r.counts)),
    line(input.totalLabel, total),
  ];
  return `\uFEFF${lines.map((cells) => cells.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export const statsFileName = (period: Period, by: 'unit' | 'person'): string =>
  `thong-ke-cong-viec-${by === 'unit' ? 'don-vi' : 'ca-nhan'}-${period.from}_${period.to}.csv`;
