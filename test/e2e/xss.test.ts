// Issue 7, security: stored XSS. Hostile HTML and script go into every user-visible text field a user can write
// (notice title/body and attachment name; task title, description, checklist item, meeting link label, comment and
// file name; official document summary, issuing body, number/symbol and file name), through the real server as the
// users who may write them. Then the list and detail views (and the task board and calendar) are opened in the built
// app: nothing executes (`window.__xss` never set, no dialog, no page error), the text shows literally, no hostile
// element or javascript: link exists in the DOM, the CSP header is present and nothing violates it.
// Display names are not writable by users (person documents are server-only), so they are not in the list.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newId } from '../../src/model/ids.ts';
import { wardDay } from '../../src/model/time.ts';
import { bulk, event, numberedIdOf, registration, waitFor } from '../server/helpers/documents.ts';
import { login, request } from '../server/helpers/http.ts';
import { filesDb, task, taskEvent, taskFile, uploadFile } from '../server/helpers/tasks.ts';
import { type TestServer, startTestServer } from '../server/helpers/test-server.ts';
import { goto, newAppContext, signIn, waitForPage } from './helpers/app.ts';
import { launchBrowser } from './helpers/browser.ts';

/** One payload per field, tagged so a hit names the field. Every variant sets `window.__xss` if it ever runs. */
const hostile = (tag: string) =>
  `XSS-${tag} <img src=x onerror="window.__xss='${tag}'"> <script>window.__xss='${tag}'</script> "><svg onload="window.__xss='${tag}'"> javascript:window.__xss='${tag}'`;
/** File names: no slash (a path separator for attachments), still HTML. */
const hostileName = (tag: string) => `XSS-${tag} "><img src=x onerror=window.__xss='${tag}'>.png`;

const KT = 'docket-unit-kt';
const REGISTRY = 'docket-registry';
const HEAD = 'son.phan'; // head of kt
const CLERK = 'mai.hoang';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

interface Watch {
  pageErrors: string[];
  csp: string[];
  dialogs: string[];
}

/** Records page errors, dialogs and CSP violations (console reports and `securitypolicyviolation` events). */
async function watch(context: BrowserContext, page: Page): Promise<Watch> {
  const w: Watch = { pageErrors: [], csp: [], dialogs: [] };
  await context.addInitScript(() => {
    const log: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = log;
    document.addEventListener('securitypolicyviolation', (e) => log.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  });
  page.on('pageerror', (err) => w.pageErrors.push(err.message));
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply|run)/i.test(msg.text())) w.csp.push(msg.text());
  });
  return w;
}

/** Everything the page shows (text of the document and of every shadow root), and what an injection would leave. */
async function inspect(page: Page): Promise<{ text: string; xss: unknown; injected: string[]; csp: string[] }> {
  return page.evaluate(() => {
    const injected: string[] = [];
    let text = '';
    const stack: Array<Document | ShadowRoot> = [document];
    while (stack.length) {
      const root = stack.pop()!;
      text +=
        ' ' + (root instanceof Document ? (root.body?.innerText ?? '') : Array.from(root.childNodes, (n) => n.textContent ?? '').join(' '));
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) stack.push(el.shadowRoot);
        const tag = el.tagName.toLowerCase();
        if ((tag === 'img' && el.getAttribute('src') === 'x') || (tag === 'svg' && el.hasAttribute('onload'))) injected.push(el.outerHTML);
        if (tag === 'script' && (el.textContent ?? '').includes('__xss')) injected.push(el.outerHTML);
        if (tag === 'a' && /^\s*javascript:/i.test(el.getAttribute('href') ?? '')) injected.push(el.outerHTML);
        for (const attr of el.getAttributeNames())
          if (/^on/i.test(attr) && (el.getAttribute(attr) ?? '').includes('__xss')) injected.push(el.outerHTML);
      }
    }
    const w = window as unknown as { __xss?: unknown; __csp?: string[] };
    return { text, xss: w.__xss, injected, csp: w.__csp ?? [] };
  });
}

describe('stored XSS: hostile text in every field renders as inert text under the CSP', { timeout: 240_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  const ids = { notice: '', task: '', doc: '' };
  const shown: Record<string, string[]> = { notices: [], task: [], documents: [] };

  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    const pw = server.demoPassword;
    const head = await login(server.url, HEAD, pw);
    const clerk = await login(server.url, CLERK, pw);

    // A notice in kt by its head, with a hostile attachment name.
    const notice = {
      _id: newId('notice'),
      type: 'notice',
      schema: 1,
      createdAt: new Date().toISOString(),
      createdBy: HEAD,
      authorName: 'Phan Thanh Sơn',
      title: hostile('notice-title'),
      body: hostile('notice-body'),
      pinned: true,
      _attachments: { [hostileName('notice-file')]: { content_type: 'image/png', data: PNG.toString('base64') } },
    };
    const r1 = await request(`${server.url}/db/${KT}/${encodeURIComponent(notice._id)}`, { method: 'PUT', cookie: head, body: notice });
    assert.equal(r1.status, 201, r1.text);
    ids.notice = notice._id;
    shown.notices = [notice.title, notice.body];

    // A task in kt by its head: title, description, checklist item, meeting link label, a comment, a file.
    const photo = taskFile(HEAD, 'pending', hostileName('task-file'), PNG);
    photo.meta.contentType = 'image/png';
    photo.doc.contentType = 'image/png';
    const t = task(HEAD, {
      unitId: 'kt',
      lead: HEAD,
      title: hostile('task-title'),
      description: hostile('task-description'),
      checklist: [{ id: 'c1', text: hostile('task-checklist') }],
      links: [{ kind: 'meeting', label: hostile('task-meeting') }],
      deadline: wardDay(),
      files: [photo.meta],
    });
    photo.doc.ownerId = t._id;
    const comment = taskEvent(HEAD, t._id, 'comment', { note: hostile('task-comment') });
    const r2 = await bulk(server.url, head, KT, [t, comment]);
    assert.equal(r2.status, 201);
    assert.ok(
      (r2.results as { ok?: boolean }[]).every((x) => x.ok),
      JSON.stringify(r2.results),
    );
    assert.deepEqual(await uploadFile(server.url, head, filesDb(KT), photo), [201, 201]);
    ids.task = t._id;
    shown.task = [t.title, t.description, hostile('task-checklist'), hostile('task-meeting'), comment.note] as string[];

    // An incoming official document registered by the clerk, with a hostile scan name.
    const { doc, event: registered } = registration(CLERK, {
      summary: hostile('doc-summary'),
      issuingBody: hostile('doc-issuer').slice(0, 200),
      numberSymbol: '15/<b>UBND</b>"><svg onload=1>',
    });
    const scan = taskFile(CLERK, doc._id, hostileName('doc-file'), PNG);
    scan.meta.contentType = 'image/png';
    scan.doc.contentType = 'image/png';
    doc.files = [scan.meta];
    const r3 = await bulk(server.url, clerk, REGISTRY, [doc, registered]);
    assert.equal(r3.status, 201);
    assert.ok(
      (r3.results as { ok?: boolean }[]).every((x) => x.ok),
      JSON.stringify(r3.results),
    );
    assert.deepEqual(await uploadFile(server.url, clerk, filesDb(REGISTRY), scan), [201, 201]);
    await waitFor(
      'numbered',
      async () =>
        (await request(`${server.url}/db/${REGISTRY}/${encodeURIComponent(numberedIdOf(doc._id))}`, { basic: server.admin })).status ===
        200,
    );
    ids.doc = doc._id;
    shown.documents = [doc.summary as string];
    void event;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(name: string, password: string) {
    const context = await newAppContext(browser, server.url);
    const page = await context.newPage();
    const w = await watch(context, page);
    const first = await page.goto('/sign-in');
    const csp = first?.headers()['content-security-policy'] ?? '';
    await signIn(page, name, password);
    return { context, page, w, csp };
  }

  async function check(page: Page, w: Watch, view: string, texts: string[]): Promise<void> {
    await waitForPage(page);
    const deadline = Date.now() + 30_000;
    let seen = await inspect(page);
    // Replication brings the seeded documents in: wait until the view shows them.
    while (texts.some((t) => !seen.text.includes(t.slice(0, 40))) && Date.now() < deadline) {
      await page.waitForTimeout(500);
      seen = await inspect(page);
    }
    for (const t of texts) assert.ok(seen.text.includes(t.slice(0, 40)), `${view}: shows "${t.slice(0, 40)}…" literally`);
    assert.equal(seen.xss, undefined, `${view}: a payload ran (window.__xss = ${String(seen.xss)})`);
    assert.deepEqual(seen.injected, [], `${view}: hostile markup became elements`);
    assert.deepEqual(w.dialogs, [], `${view}: dialogs`);
    assert.deepEqual(w.pageErrors, [], `${view}: page errors`);
    assert.deepEqual([...w.csp, ...seen.csp], [], `${view}: CSP violations`);
  }

  it('notices: list and detail (title, body, attachment name)', async () => {
    const { context, page, w, csp } = await open(HEAD, server.demoPassword);
    try {
      assert.match(csp, /script-src 'self'/, 'CSP header on the app');
      assert.match(csp, /object-src 'none'/);
      await goto(page, '/notices');
      await check(page, w, 'notices list', [shown.notices[0]!]);
      await goto(page, `/notices/${encodeURIComponent(ids.notice)}`);
      await check(page, w, 'notice detail', [...shown.notices, hostileName('notice-file')]);
    } finally {
      await context.close();
    }
  });

  it('tasks: list, detail, board and calendar (title, description, checklist, meeting label, comment, file name)', async () => {
    const { context, page, w } = await open(HEAD, server.demoPassword);
    try {
      await goto(page, '/tasks?view=all');
      await check(page, w, 'tasks list', [shown.task[0]!]);
      await goto(page, `/tasks/${encodeURIComponent(ids.task)}`);
      await check(page, w, 'task detail', [...shown.task, hostileName('task-file')]);
      await goto(page, '/tasks/board');
      await check(page, w, 'task board', [shown.task[0]!]);
      await goto(page, '/tasks/calendar');
      await check(page, w, 'task calendar', [shown.task[0]!]);
    } finally {
      await context.close();
    }
  });

  it('control: markup injected on purpose is seen, and the CSP blocks its inline handler', async () => {
    const { context, page, w } = await open(HEAD, server.demoPassword);
    try {
      await goto(page, '/notices');
      await page.evaluate(() => {
        const d = document.createElement('div');
        d.innerHTML = `<img src=x onerror="window.__xss='control'">`;
        document.body.append(d);
      });
      await page.waitForTimeout(500);
      const seen = await inspect(page);
      assert.ok(seen.injected.length > 0, 'the detector finds injected markup');
      assert.equal(seen.xss, undefined, 'the CSP kept the inline handler from running');
      assert.ok(w.csp.length + seen.csp.length > 0, 'the violation is reported');
    } finally {
      await context.close();
    }
  });

  it('official documents: list and detail (summary, issuing body, number/symbol, file name)', async () => {
    const { context, page, w } = await open(CLERK, server.demoPassword);
    try {
      await goto(page, '/documents?view=all');
      await check(page, w, 'documents list', shown.documents);
      await goto(page, `/documents/${encodeURIComponent(ids.doc)}`);
      await check(page, w, 'document detail', [
        ...shown.documents,
        hostile('doc-issuer').slice(0, 40),
        '15/<b>UBND</b>',
        hostileName('doc-file'),
      ]);
    } finally {
      await context.close();
    }
  });
});
