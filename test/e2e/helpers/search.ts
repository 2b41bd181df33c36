// The shell's search box for the audits: open it as a person would at the current width, search, close.
import type { Page } from 'playwright-core';

/** Opens the search (the full-screen search on phones), types `query` and waits for its first result. */
export async function openSearch(page: Page, query: string): Promise<void> {
  const box = page.locator('dk-search-box');
  if ((page.viewportSize()?.width ?? 1366) < 720) await box.locator('.trigger').click();
  else await box.getByRole('combobox').click();
  await box.getByRole('combobox').fill(query);
  await box.getByRole('option').first().waitFor({ timeout: 15_000 });
}

export async function closeSearch(page: Page): Promise<void> {
  await page.locator('dk-search-box').getByRole('combobox').press('Escape');
  await page.locator('dk-search-box .panel').waitFor({ state: 'detached' });
}
