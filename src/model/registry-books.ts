import type { BaseDoc } from './doc.ts';
import type { RegistryBook } from './documents/types.ts';

/**
 * Registry books (sổ đăng ký văn bản đến / đi) as the office keeps them: one number series per book per
 * year (Decree 30/2020). The four books exist every year without any setup; an administrator may give a
 * book its printed name and the number its series starts at, e.g. when the ward moves to Docket in the
 * middle of a year and the paper book already reached 231 (the next document gets 232).
 *
 * The settings live in the org space as `registryBook:<book>:<year>`, written by the server only; the
 * numbering service reads them, every device shows the names.
 */
export const REGISTRY_BOOKS: readonly RegistryBook[] = ['incoming', 'incomingConfidential', 'outgoing', 'outgoingConfidential'];

export const isRegistryBook = (v: unknown): v is RegistryBook => typeof v === 'string' && (REGISTRY_BOOKS as string[]).includes(v);

export interface RegistryBookDoc extends BaseDoc {
  type: 'registryBook';
  book: RegistryBook;
  year: number;
  /** As printed on the book's cover, e.g. "Sổ đăng ký văn bản đến năm 2026". Empty: the default name. */
  name: string;
  /** The first number of the series (1 unless the series continues a paper book). */
  firstNumber: number;
  /** Why the series starts there, e.g. "Tiếp nối sổ giấy, số cuối 231 ngày 30/6". */
  note: string;
}

export const registryBookDocId = (book: RegistryBook, year: number): string => `registryBook:${book}:${year}`;

export const REGISTRY_LIMITS = { nameMax: 200, noteMax: 500, firstNumberMax: 999_999, yearMin: 2000, yearMax: 2100 } as const;

/** A book of a year as administrators see it: its settings and how far its series has got. */
export interface RegistryBookStatus {
  book: RegistryBook;
  year: number;
  name: string;
  firstNumber: number;
  note: string;
  /** Numbers the server has allocated in this series. */
  allocated: number;
  /** The highest allocated number, or null when none yet. */
  lastNumber: number | null;
  /** The number the next document will get. */
  nextNumber: number;
  /** Whether an administrator has set this book up (otherwise the defaults apply). */
  configured: boolean;
}

export interface RegistryBookInput {
  name: string;
  firstNumber: number;
  note: string;
}

/** Why new settings for a book are refused: bad input, or a first number that would reuse a given one. */
export interface RegistryBookProblem {
  reason: 'invalid' | 'numberUsed';
  message: string;
}

/**
 * What is wrong with new settings for a book that starts at `currentFirst` and whose series already reached
 * `lastNumber`; null when fine.
 */
export function registryBookProblem(input: RegistryBookInput, currentFirst: number, lastNumber: number | null): RegistryBookProblem | null {
  const invalid = (message: string): RegistryBookProblem => ({ reason: 'invalid', message });
  if (input.name.trim().length > REGISTRY_LIMITS.nameMax) return invalid(`The name must be at most ${REGISTRY_LIMITS.nameMax} characters.`);
  if (input.note.trim().length > REGISTRY_LIMITS.noteMax) return invalid(`The note must be at most ${REGISTRY_LIMITS.noteMax} characters.`);
  const n = input.firstNumber;
  if (!Number.isInteger(n) || n < 1 || n > REGISTRY_LIMITS.firstNumberMax)
    return invalid(`The first number must be a whole number from 1 to ${REGISTRY_LIMITS.firstNumberMax}.`);
  // Numbers already given stay valid: a new start may only lie beyond them, never reuse one.
  if (n !== currentFirst && lastNumber !== null && n <= lastNumber)
    return { reason: 'numberUsed', message: `Number ${lastNumber} is already used in this book; the series can only continue after it.` };
  return null;
}

/** The next number of a series: after the last allocated one, and never before the book's first number. */
export const nextNumberOf = (firstNumber: number, lastNumber: number | null): number => Math.max(firstNumber, (lastNumber ?? 0) + 1);
