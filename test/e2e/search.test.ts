// Issue 6, search end to end against the built app and the real server: the ward's clerk has the demo decision
// on the device; typing "quyet dinh" without diacritics in the shell's search box finds it, the keyboard opens
// it, and the document's page shows it. Offline too: the same search after the network is cut.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { newId } from '../../src/model/ids.ts';
import { OFFICIAL_DOCUMENT_EVENT_SCHEMA, OFFICIAL_DOCUMENT_SCHEMA } from '../../src/model/documents/types.ts';
import { wardDay } from '../../src/model/time.ts';
import { startTestServer, type TestServer } from '../server/helpers/test-server.ts';
import { sessionCookie, waitForSyncState } from './helpers/app.ts';
import { launchBrowser, signedInContext, waitForServiceWorker, type SignedIn } from './helpers/browser.ts';

// Demo ward (server/demo/ward.ts): mai.hoang is the clerk; the decision is one of the demo templates.
const CLERK = { name: 'mai.hoang', displayName: 'Hoàng Thị Mai' };
const SYMBOL = '15/QĐ-UBND';
const SUMMARY = 'Quyết định về việc giao dự toán thu, chi ngân sách nhà nước năm 2026 cho các xã, phường';

/** Registers the decision as the clerk does (document + registered step in the registry), through the server. */
async function seedDecision(server: TestServer): Promise<string> {
  const cookie = await sessionCookie(server.url, CLERK.name, server.demoPassword);
  const now = Date.now();
  const id = newId('officialDocument', now);
  const createdAt = new Date(now).toISOString();
  const docs = [
    {
      _id: id,
      type: 'officialDocument',
      schema: OFFICIAL_DOCUMENT_SCHEMA,
      createdAt,
      createdBy: CLERK.name,
      direction: 'incoming',
      kind: 'quyetDinh',
      summary: SUMMARY,
      urgency: 'normal',
      confidentiality: 'normal',
      issuingBody: 'UBND thành phố Hà Nội',
      numberSymbol: SYMBOL,
      issuedOn: wardDay(),
      arrivedOn: wardDay(),
      receivedVia: 'paper',
    },
    {
      _id: newId('officialDocumentEvent', now),
      type: 'officialDocumentEvent',
      schema: OFFICIAL_DOCUMENT_EVENT_SCHEMA,
      createdAt,
      createdBy: CLERK.name,
      documentId: id,
      kind: 'registered',
      actorName: CLERK.displayName,
      actorRoles: ['clerk', 'unit:vp'],
    },
  ];
  const res = await fetch(`${server.url}/db/docket-registry/_bulk_docs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ docs }),
  });
  const body = (await res.json()) as Array<{ id: string; error?: string; reason?: string }>;
  assert.equal(res.status, 201, JSON.stringify(body));
  for (const r of body) assert.equal(r.error, undefined, `${r.id}: ${r.reason}`);
  return id;
}

describe('search: "quyet dinh" finds the demo decision', () => {
  let server: TestServer;
  let browser: Browser;
  let clerk: SignedIn;
  let id: string;

  before(async () => {
    server = await startTestServer({ demo: true });
    id = await seedDecision(server);
    browser = await launchBrowser();
    clerk = await signedInContext(browser, server.url, CLERK.name, server.demoPassword);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds it without diacritics, opens it with the keyboard, and again offline', async () => {
    const { page } = clerk;
    await waitForServiceWorker(page);
    await waitForSyncState(page, 'upToDate', 30_000);
    const box = page.locator('dk-search-box');
    const input = box.getByRole('combobox');

    await page.keyboard.press('Control+K');
    assert.equal(await input.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el), true, 'Ctrl+K focuses the box');
    await page.keyboard.type('quyet dinh');
    const option = box.getByRole('option').filter({ hasText: 'giao dự toán thu, chi ngân sách' });
    await option.waitFor({ timeout: 15_000 });
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    assert.deepEqual((await option.locator('mark').allTextContents()).slice(0, 2), ['Quyết', 'định']);

    await page.keyboard.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-activedescendant'), await box.getByRole('option').first().getAttribute('id'));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/documents/${id}`);
    await page.locator('dk-document-detail').getByText(SUMMARY).first().waitFor({ timeout: 15_000 });
    await page.locator('dk-document-detail').getByText(SYMBOL).first().waitFor();

    // Offline, after a reload: the same search still works (local data, the worker from the precache).
    await clerk.context.setOffline(true);
    await page.reload();
    await page.locator('dk-search-box').waitFor({ timeout: 20_000 });
    await input.click();
    await input.fill('15/qd-ubnd');
    const offline = box.getByRole('option').filter({ hasText: 'giao dự toán thu, chi ngân sách' });
    await offline.waitFor({ timeout: 20_000 });
    assert.match((await box.getByRole('option').first().textContent()) ?? '', /giao dự toán thu/);
    await clerk.context.setOffline(false);
  });
});
