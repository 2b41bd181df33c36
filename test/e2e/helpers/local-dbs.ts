// The IndexedDB databases a page's origin holds (each local space is one), for tests that watch spaces
// arrive on a device or leave it.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export const localDbNames = (page: Page): Promise<string[]> =>
  page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));

/** Polls the page's local databases until `check` holds (30 s), or fails saying what was there. */
export async function waitForLocalDbs(page: Page, check: (names: string[]) => boolean, what: string): Promise<string[]> {
  const deadline = Date.now() + 30_000;
  let names: string[] = [];
  while (Date.now() < deadline) {
    names = await localDbNames(page);
    if (check(names)) return names;
    await page.waitForTimeout(250);
  }
  assert.fail(`${what}; local databases: ${names.join(', ')}`);
}
