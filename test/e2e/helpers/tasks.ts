// The task pages as the end-to-end tests drive them (tasks.test.ts, hub.test.ts): the detail, its timeline and
// status, a step's inline form, the people pickers of the task form, and waiting for a task to reach a device.
import type { Locator, Page } from 'playwright-core';
import { goto } from './app.ts';

export const taskDetail = (page: Page): Locator => page.locator('dk-task-detail');
export const taskTimeline = (page: Page): Locator => taskDetail(page).locator('dk-task-timeline');
export const taskStatus = (page: Page): Locator => taskDetail(page).locator('.chip.status');

/** Opens a step of the task detail and returns its panel. */
export async function openTaskStep(page: Page, button: string): Promise<Locator> {
  await taskDetail(page).locator('dk-task-actions .buttons').getByRole('button', { name: button, exact: true }).click();
  const panel = taskDetail(page).locator('dk-task-actions #step-panel');
  await panel.waitFor();
  return panel;
}

export async function pickPerson(form: Locator, picker: 'lead' | 'coordinators' | 'followers', name: string): Promise<void> {
  const p = form.locator(`dk-task-people-picker[name="${picker}"]`);
  await p.locator('#pick').selectOption(name);
  await p.locator('#add-button').click();
  await p.locator(`li[data-person="${name}"]`).waitFor();
}

/** Waits until the task is on this device and its detail is open (about a second per attempt). */
export async function openTask(page: Page, path: string, title: string, attempts = 30): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    await goto(page, path);
    const heading = taskDetail(page).getByRole('heading', { name: title });
    try {
      await heading.waitFor({ timeout: 2_000 });
      return;
    } catch {
      await page.waitForTimeout(1_000); // not arrived yet: replication (or the mirror) brings it within seconds
    }
  }
  throw new Error(`task "${title}" never arrived at ${path}`);
}
