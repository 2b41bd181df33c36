import { stringify } from 'csv-stringify/sync';
import type { AuditEntry } from '../../src/model/audit.ts';

/** The audit log as CSV for spreadsheets: UTF-8 with a BOM (Excel reads Vietnamese right), oldest first. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) => [e.at, e.actor, e.action, e.target, e.summary, e.ip ?? '', e.device ?? '']);
  return (
    '\uFEFF' + stringify([['time (UTC)', 'who', 'action', 'target', 'what', 'address', 'device'], ...rows], { record_delimiter: '\r\n' })
  );
}
