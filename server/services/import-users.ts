import { parse } from 'csv-parse/sync';
import {
  IMPORT_COLUMNS,
  type ImportMode,
  type ImportResponse,
  type ImportRowResult,
  MAX_IMPORT_ROWS,
  type OneTimePasswordResponse,
} from '../../src/model/admin.ts';
import { USER_NAME_PATTERN, isBaseRole } from '../../src/model/roles.ts';
import type { Store } from '../store/types.ts';
import { createUser, generatePassword } from './accounts.ts';
import { listUnits, listUserRecords } from './directory.ts';

type Column = keyof typeof IMPORT_COLUMNS;

const TRUE = new Set(['1', 'x', 'yes', 'true', 'có', 'co', 'c']);

/** The column each header names (case, spaces and BOM ignored), or null. */
function columnOf(header: string): Column | null {
  const h = header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
  for (const [column, names] of Object.entries(IMPORT_COLUMNS) as [Column, readonly string[]][]) if (names.includes(h)) return column;
  return null;
}

/**
 * Reads an accounts CSV (UTF-8, comma or semicolon, a header row) and checks every row against the
 * accounts and units that exist and against the other rows. Creates nothing.
 */
export async function checkImport(store: Store, csv: string): Promise<{ rows: ImportRowResult[]; fileError?: string }> {
  let records: string[][];
  try {
    const firstLine = csv.split(/\r?\n/, 1)[0] ?? '';
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    records = parse(csv, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (err) {
    return { rows: [], fileError: `The file is not valid CSV: ${(err as Error).message}` };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], fileError: 'The file is empty.' };
  const columns = header.map(columnOf);
  const unknown = header.filter((_, i) => !columns[i]);
  if (unknown.length) return { rows: [], fileError: `Unknown column(s): ${unknown.join(', ')}.` };
  for (const required of ['name', 'displayName', 'role'] as const)
    if (!columns.includes(required)) return { rows: [], fileError: `The column "${required}" is missing.` };
  if (body.length > MAX_IMPORT_ROWS)
    return { rows: [], fileError: `At most ${MAX_IMPORT_ROWS} accounts per file (this one has ${body.length}).` };

  const units = new Set((await listUnits(store)).map((u) => u.unitId));
  const existing = new Set((await listUserRecords(store)).map((u) => u.name));
  const seen = new Map<string, number>();
  const rows = body.map((record, i): ImportRowResult => {
    const get = (c: Column): string => {
      const at = columns.indexOf(c);
      return at < 0 ? '' : (record[at] ?? '').trim();
    };
    const row: ImportRowResult = {
      line: i + 2,
      name: get('name').toLowerCase(),
      displayName: get('displayName'),
      role: get('role').toLowerCase(),
      unitId: get('unitId').toLowerCase(),
      title: get('title'),
      head: TRUE.has(get('head').toLowerCase()),
      errors: [],
    };
    const e = row.errors;
    if (!USER_NAME_PATTERN.test(row.name))
      e.push(`Account name "${row.name}" must be 2–40 lowercase letters, digits, ".", "_" or "-", starting with a letter.`);
    else if (existing.has(row.name)) e.push(`Account "${row.name}" already exists.`);
    else if (seen.has(row.name)) e.push(`Account "${row.name}" is also on line ${seen.get(row.name)}.`);
    if (USER_NAME_PATTERN.test(row.name) && !seen.has(row.name)) seen.set(row.name, row.line);
    if (!row.displayName || row.displayName.length > 100) e.push('Display name must be 1–100 characters.');
    if (row.title.length > 200) e.push('Position title must be at most 200 characters.');
    if (!isBaseRole(row.role)) e.push(`Role "${row.role}" must be one of admin, leader, clerk, staff.`);
    if (row.unitId && !units.has(row.unitId)) e.push(`Unit "${row.unitId}" does not exist.`);
    if (!row.unitId && (row.role === 'staff' || row.role === 'clerk')) e.push(`A ${row.role} account needs a unit.`);
    if (row.head && !row.unitId) e.push('A unit head needs a unit.');
    return row;
  });
  return { rows };
}

/**
 * Imports accounts from CSV, each with a one-time password. `allOrNothing` creates nothing when any
 * row is invalid; `validOnly` creates the valid rows and reports the others.
 */
export async function importUsers(store: Store, csv: string, mode: ImportMode, dryRun: boolean): Promise<ImportResponse> {
  const { rows, fileError } = await checkImport(store, csv);
  if (fileError) return { rows, created: [], fileError };
  const invalid = rows.some((r) => r.errors.length);
  if (dryRun || (invalid && mode === 'allOrNothing')) return { rows, created: [] };
  const created: OneTimePasswordResponse[] = [];
  for (const row of rows) {
    if (row.errors.length) continue;
    const oneTimePassword = generatePassword();
    try {
      await createUser(
        store,
        {
          name: row.name,
          displayName: row.displayName,
          title: row.title,
          role: row.role as Parameters<typeof createUser>[1]['role'],
          ...(row.unitId ? { unitId: row.unitId } : {}),
          head: row.head,
          password: oneTimePassword,
        },
        { oneTime: true },
      );
      created.push({ name: row.name, oneTimePassword });
    } catch (err) {
      row.errors.push((err as Error).message);
    }
  }
  return { rows, created };
}
