// Shared by the official-documents end-to-end tests (issue 3): small real files, days in the ward's time
// zone, and the few locators every flow needs (a view of the list, a document's row, its action buttons
// and step forms, the sync badge). Labels are the Vietnamese ones of the catalogs (the default locale).
import type { Locator, Page } from 'playwright-core';
import { wardDay } from '../../../src/model/time.ts';
import { goto, waitForPage } from './app.ts';

export { wardDay };

/** `day` (YYYY-MM-DD) plus `n` days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A small but valid one-page PDF showing `text` (ASCII), with a correct cross-reference table. */
export function pdfBytes(text: string): Buffer {
  const safe = text.replace(/[()\\]/g, ' ');
  const stream = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Opens a view of the documents list (`toRegister`, `awaitingDirection`, `assignedToMe`, …) in the app. */
export async function openView(page: Page, view: string): Promise<void> {
  await goto(page, `/documents?view=${view}`);
  await page.locator(`dk-documents-page a[data-view="${view}"][aria-current="page"]`).waitFor();
}

/** The row of the list whose summary is `summary` (waits up to `timeout` for replication to bring it). */
export async function waitForRow(page: Page, summary: string, timeout = 30_000): Promise<Locator> {
  const row = page.locator('dk-document-list [role="listitem"]').filter({ hasText: summary });
  await row.first().waitFor({ timeout });
  return row.first();
}

/** Opens the document from its row in the current view and waits for its detail view. */
export async function openFromList(page: Page, summary: string, timeout = 30_000): Promise<void> {
  const row = await waitForRow(page, summary, timeout);
  await row.getByRole('link').click();
  await page.locator('dk-document-detail h1#doc-title').filter({ hasText: summary }).waitFor();
  await waitForPage(page);
}

export const detail = (page: Page): Locator => page.locator('dk-document-detail');
export const actions = (page: Page): Locator => page.locator('dk-document-actions');
/** The inline form of the step being taken (`#step-panel`). */
export const stepPanel = (page: Page): Locator => page.locator('dk-document-actions #step-panel');

/** Clicks the action button named `name` and waits for its form. */
export async function openStep(page: Page, name: string | RegExp): Promise<Locator> {
  await actions(page).getByRole('group').getByRole('button', { name }).click();
  const panel = stepPanel(page);
  await panel.waitFor();
  return panel;
}

/** Submits the open step form with its primary button and waits for it to close. */
export async function submitStep(page: Page, name: string | RegExp): Promise<void> {
  const panel = stepPanel(page);
  await panel.locator('form button[type="submit"]').filter({ hasText: name }).click();
  try {
    await panel.waitFor({ state: 'detached', timeout: 15_000 });
  } catch (err) {
    // Say what the form shows (an inline error, a refusal) rather than only "still there".
    // (innerText does not enter shadow roots; locators do.)
    const shown = await panel
      .locator('.banner, .error, button[type="submit"]')
      .allInnerTexts()
      .catch(() => []);
    const text = shown.join(' | ').replace(/\s+/g, ' ');
    await page.screenshot({ path: 'scratch/e2e/step-form-stuck.png' }).catch(() => undefined);
    throw new Error(`the step form did not close after "${String(name)}"; it shows: ${text}`, { cause: err });
  }
}

/** Adds a unit or person (`unit:kt`, `person:linh.dinh`) in the assignee picker inside `scope`. */
export async function pick(scope: Locator, value: string): Promise<void> {
  const picker = scope.locator('dk-assignee-picker');
  await picker.locator('select#add').selectOption(value);
  await picker.locator('#add-button').click();
}

/** The status chip in the detail header. */
export const headerStatus = (page: Page): Locator => detail(page).locator('.head .chip.status');

/** Waits for the sync badge to say everything is on the server. */
export async function waitSynced(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('dk-sync-badge button[data-state="upToDate"]').waitFor({ timeout });
}

/** Screenshot into scratch/e2e/ (ignored by git) for a person to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `scratch/e2e/${name}.png`, fullPage: false });
}
