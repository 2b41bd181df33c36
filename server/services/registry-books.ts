import type { RegistryBook } from '../../src/model/documents/types.ts';
import {
  REGISTRY_BOOKS,
  REGISTRY_LIMITS,
  type RegistryBookDoc,
  type RegistryBookInput,
  type RegistryBookStatus,
  nextNumberOf,
  registryBookDocId,
  registryBookProblem,
} from '../../src/model/registry-books.ts';
import type { Store } from '../store/types.ts';
import { AccountError } from './accounts.ts';
import { ORG_DB, getOrNull } from './directory.ts';
import type { NumberingService } from './numbering.ts';

/**
 * Registry books of a year for administrators: their settings (`registryBook:` in the org space, so every
 * device shows the names) next to how far the server's series has got (`docket-numbering`).
 */
function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < REGISTRY_LIMITS.yearMin || year > REGISTRY_LIMITS.yearMax)
    throw new AccountError('invalid', `The year must be from ${REGISTRY_LIMITS.yearMin} to ${REGISTRY_LIMITS.yearMax}.`);
}

async function statusOf(store: Store, numbering: NumberingService, book: RegistryBook, year: number): Promise<RegistryBookStatus> {
  const [doc, progress] = await Promise.all([
    getOrNull<RegistryBookDoc>(await store.db(ORG_DB), registryBookDocId(book, year)),
    numbering.progress(book, year),
  ]);
  const firstNumber = doc?.firstNumber ?? 1;
  return {
    book,
    year,
    name: doc?.name ?? '',
    firstNumber,
    note: doc?.note ?? '',
    allocated: progress.allocated,
    lastNumber: progress.lastNumber,
    nextNumber: nextNumberOf(firstNumber, progress.lastNumber),
    configured: !!doc,
  };
}

export async function listRegistryBooks(store: Store, numbering: NumberingService, year: number): Promise<RegistryBookStatus[]> {
  checkYear(year);
  return Promise.all(REGISTRY_BOOKS.map((book) => statusOf(store, numbering, book, year)));
}

/**
 * Sets a book's name, first number and note for a year. A first number that would reuse a number already
 * given is refused; a later one continues the series there (the paper book's numbers in between stay
 * the paper book's).
 */
export async function saveRegistryBook(
  store: Store,
  numbering: NumberingService,
  book: RegistryBook,
  year: number,
  input: RegistryBookInput,
  actor: string,
): Promise<{ status: RegistryBookStatus; previous: RegistryBookStatus }> {
  checkYear(year);
  const previous = await statusOf(store, numbering, book, year);
  const problem = registryBookProblem(input, previous.firstNumber, previous.lastNumber);
  if (problem) throw new AccountError(problem.reason === 'numberUsed' ? 'exists' : 'invalid', problem.message);
  const org = await store.db(ORG_DB);
  const id = registryBookDocId(book, year);
  const existing = await getOrNull<RegistryBookDoc>(org, id);
  const doc: RegistryBookDoc = {
    ...(existing ?? { _id: id, type: 'registryBook', schema: 1, createdAt: new Date().toISOString(), createdBy: actor, book, year }),
    name: input.name.trim(),
    firstNumber: input.firstNumber,
    note: input.note.trim(),
  };
  await org.put(doc);
  return { status: await statusOf(store, numbering, book, year), previous };
}
