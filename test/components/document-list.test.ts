import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { meContext } from '../../src/app/context.ts';
import { spaceDb } from '../../src/data/db.ts';
import { FIRST_PAGE_ID } from '../../src/data/documents-first-page.ts';
import { createDraft, documentsComplete, listDocuments, registerIncoming, type DocumentRow } from '../../src/data/documents.ts';
import '../../src/features/documents/dk-documents-page.ts';
import type { DkDocumentsPage } from '../../src/features/documents/dk-documents-page.ts';
import '../../src/features/documents/dk-document-list.ts';
import type { DkDocumentList } from '../../src/features/documents/dk-document-list.ts';
import { actionCount, watchActionCount } from '../../src/features/documents/nav-count.ts';
import { parseListQuery } from '../../src/features/documents/list-query.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { RegistrationInput } from '../../src/model/documents/validation.ts';
import { wardDay } from '../../src/model/time.ts';
import { destroyMe, testMe } from './data-helpers.ts';

// The virtualiser measures rows with a ResizeObserver; Chromium reports a harmless "loop completed with undelivered
// notifications" through window.onerror, which mocha would count as a failure.
window.addEventListener(
  'error',
  (e) => {
    if (e.message?.includes('ResizeObserver loop')) e.stopImmediatePropagation();
  },
  true,
);

/** A clerk of VP with the registry on the device. */
function clerkMe(): MeResponse {
  const me = testMe(['clerk'], ['vp']);
  me.spaces.splice(1, 0, { kind: 'registry', id: 'registry', title: 'Sổ văn bản', db: 'docket-registry' });
  return me;
}

const registration = (over: Partial<RegistrationInput>): RegistrationInput => ({
  issuingBody: 'Sở Nội vụ thành phố Hà Nội',
  numberSymbol: '15/QĐ-SNV',
  issuedOn: wardDay(),
  kind: 'quyetDinh',
  summary: 'Về việc kiện toàn Ban Chỉ đạo chuyển đổi số phường',
  urgency: 'normal',
  confidentiality: 'normal',
  arrivedOn: wardDay(),
  receivedVia: 'paper',
  attachments: [],
  ...over,
});

/** Mounts the page under a context provider giving `me`, as `<dk-app>` does. */
async function mountPage(me: MeResponse, search: string): Promise<DkDocumentsPage> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const provider = new ContextProvider(host, { context: meContext, initialValue: me });
  provider.hostConnected();
  const page = document.createElement('dk-documents-page');
  page.search = search;
  host.append(page);
  await page.updateComplete;
  return page;
}

const list = (page: DkDocumentsPage) => page.shadowRoot!.querySelector('dk-document-list')!;
const items = (page: DkDocumentsPage) => [...list(page).shadowRoot!.querySelectorAll<HTMLElement>('[role="listitem"]')];
const summaries = (page: DkDocumentsPage) => items(page).map((li) => li.querySelector('.summary')!.textContent!.trim());
const tab = (page: DkDocumentsPage, view: string) => page.shadowRoot!.querySelector<HTMLAnchorElement>(`.views a[data-view="${view}"]`)!;
const tabCount = (page: DkDocumentsPage, view: string) => tab(page, view).querySelector('.count [aria-hidden]')?.textContent?.trim();

async function showing(page: DkDocumentsPage, n: number): Promise<void> {
  await waitUntil(() => list(page).rows !== undefined && items(page).length === n, `${n} rows shown`, { timeout: 5000 });
}

describe('documents list page', () => {
  let me: MeResponse;
  const start = location.pathname + location.search;
  before(async () => {
    setLocale('vi');
    me = clerkMe();
    await registerIncoming(me, registration({ urgency: 'urgent' }), []);
    await registerIncoming(
      me,
      registration({
        summary: 'Kế hoạch phòng cháy chữa cháy năm 2027',
        kind: 'keHoach',
        numberSymbol: '20/KH-UBND',
        issuingBody: 'UBND Quận Ba Đình',
      }),
      [],
    );
    await createDraft(
      me,
      {
        kind: 'congVan',
        summary: 'V/v báo cáo kết quả cải cách hành chính',
        unitId: 'vp',
        signer: 'hung.tran',
        urgency: 'normal',
        confidentiality: 'normal',
        internalRecipients: [],
        externalRecipients: ['UBND Quận Ba Đình'],
        attachments: [],
      },
      [],
    );
  });
  after(async () => {
    history.replaceState(null, '', start);
    await destroyMe(me);
  });

  it('opens the clerk on "to register", with a count on every view and the action views emphasised', async () => {
    const page = await mountPage(me, '');
    await showing(page, 2);
    expect(tab(page, 'toRegister').getAttribute('aria-current')).to.equal('page');
    expect(tabCount(page, 'toRegister')).to.equal('2');
    expect(tab(page, 'toRegister').querySelector('.count')!.classList.contains('action')).to.equal(true);
    expect(tabCount(page, 'drafts')).to.equal('1');
    expect(tab(page, 'drafts').querySelector('.count')!.classList.contains('action')).to.equal(false);
    expect(tabCount(page, 'all')).to.equal('3');
    expect(tabCount(page, 'assignedToMe')).to.equal('0');
    expect(page.shadowRoot!.querySelector('.views a[data-view="awaitingDirection"]')).to.equal(null); // clerks do not direct
    expect(tab(page, 'drafts').getAttribute('href')).to.equal('/documents?view=drafts');
    // Role actions: a clerk registers; in a unit, drafts; registers and report.
    const actions = [...page.shadowRoot!.querySelectorAll('.actions a')].map((a) => a.getAttribute('href'));
    expect(actions).to.deep.equal(['/documents/new/incoming', '/documents/new/draft', '/documents/registers', '/documents/report']);
  });

  it('flags urgent documents and shows "awaiting number" until the server numbers them', async () => {
    const page = await mountPage(me, 'view=toRegister');
    await showing(page, 2);
    const urgent = items(page).find((li) => li.textContent!.includes('kiện toàn'))!;
    const normal = items(page).find((li) => li.textContent!.includes('phòng cháy'))!;
    expect(urgent.classList.contains('urgent')).to.equal(true);
    expect(urgent.querySelector('.chip.urgent')!.textContent).to.contain('Khẩn');
    expect(normal.classList.contains('urgent')).to.equal(false);
    expect(normal.querySelector('.chip.urgent')).to.equal(null);
    for (const li of [urgent, normal]) expect(li.querySelector('.chip.awaiting')!.textContent).to.contain('Chờ cấp số');
    expect(urgent.querySelector('.chip.pending')!.textContent).to.contain('Chờ đồng bộ');
    expect(urgent.querySelector('.chip.info')!.textContent).to.contain('Chờ chỉ đạo');
    expect(normal.textContent).to.contain('20/KH-UBND · UBND Quận Ba Đình');
    expect(urgent.querySelector('a')!.getAttribute('href')).to.match(/^\/documents\/officialDocument%3A/);
  });

  it('shows drafts with their phase and no number', async () => {
    const page = await mountPage(me, 'view=drafts');
    await showing(page, 1);
    const draft = items(page)[0]!;
    expect(draft.textContent).to.contain('Văn bản đi · Công văn');
    expect(draft.querySelector('.chip.info')!.textContent).to.contain('Dự thảo');
    expect(draft.querySelector('.chip.awaiting')).to.equal(null);
  });

  it('searches without diacritics and filters by urgency from the URL', async () => {
    const page = await mountPage(me, 'view=all&q=phong%20chay');
    await showing(page, 1);
    expect(summaries(page)).to.deep.equal(['Kế hoạch phòng cháy chữa cháy năm 2027']);
    expect(page.shadowRoot!.querySelector('.summary')!.textContent).to.contain('1 / 3');
    page.search = 'view=all&urgency=urgent';
    await waitUntil(() => summaries(page).join() === 'Về việc kiện toàn Ban Chỉ đạo chuyển đổi số phường', 'urgent only', {
      timeout: 10_000,
    });
    page.search = 'view=all&body=quan%20ba%20dinh&kind=keHoach';
    await waitUntil(() => summaries(page).join() === 'Kế hoạch phòng cháy chữa cháy năm 2027', 'by issuing body and type', {
      timeout: 10_000,
    });
    page.search = 'view=all&body=quan%20ba%20dinh&kind=quyetDinh';
    await waitUntil(() => list(page).shadowRoot!.querySelector('.no-match'), 'nothing matches both', { timeout: 10_000 });
  });

  it('puts a filter chosen in the panel into the URL (a link that survives reload)', async () => {
    history.replaceState(null, '', '/documents?view=all');
    const page = await mountPage(me, 'view=all');
    await showing(page, 3);
    const filters = page.shadowRoot!.querySelector('dk-document-filters')!;
    filters.shadowRoot!.querySelector<HTMLButtonElement>('.toggle')!.click();
    await filters.updateComplete;
    const select = filters.shadowRoot!.querySelector<HTMLSelectElement>('#f-urgency')!;
    select.value = 'urgent';
    select.dispatchEvent(new Event('change'));
    expect(location.pathname).to.equal('/documents');
    expect(parseListQuery(location.search)).to.deep.equal({ view: 'all', filters: { urgency: 'urgent' }, sort: 'newest' });
    page.search = location.search.slice(1);
    await showing(page, 1);
    expect(filters.shadowRoot!.querySelector('.toggle')!.textContent).to.contain('Bộ lọc (1)');
  });

  it('says when nothing matches and clears the filters', async () => {
    history.replaceState(null, '', '/documents?view=all&q=zzz');
    const page = await mountPage(me, 'view=all&q=zzz');
    await waitUntil(() => list(page).shadowRoot!.querySelector('.no-match'), 'no match', { timeout: 5000 });
    list(page).shadowRoot!.querySelector<HTMLButtonElement>('.no-match button')!.click();
    expect(location.search).to.equal('?view=all');
  });

  it('explains an empty view and what to do', async () => {
    const page = await mountPage(me, 'view=assignedToMe');
    await waitUntil(() => list(page).shadowRoot!.querySelector('dk-empty-state'), 'empty state', { timeout: 5000 });
    const empty = list(page).shadowRoot!.querySelector('dk-empty-state')!;
    expect(empty.heading).to.equal('Chưa có văn bản nào giao cho bạn');
    expect(empty.textContent).to.contain('trưởng đơn vị giao xử lý');
  });

  it('counts the documents to act on for the navigation, each once', async () => {
    const rows = await listDocuments(me);
    expect(actionCount(rows)).to.equal(2);
    let seen: number | undefined;
    const stop = watchActionCount(me, (n) => (seen = n), 10);
    await waitUntil(() => seen === 2, 'count reported', { timeout: 10_000 });
    await registerIncoming(me, registration({ summary: 'Giấy mời họp giao ban', kind: 'giayMoi', numberSymbol: '99/GM-UBND' }), []);
    await waitUntil(() => seen === 3, 'count follows a new registration', { timeout: 5000 });
    stop();
  });
});

describe('documents list page at a cold start, from the stored first page (issue 7)', function () {
  this.timeout(20000);
  let me: MeResponse;
  before(async () => {
    setLocale('vi');
    me = clerkMe();
    await registerIncoming(me, registration({ summary: 'Văn bản cũ', arrivedOn: '2020-01-02', issuedOn: '2020-01-01' }), []);
    await registerIncoming(me, registration({ summary: 'Kế hoạch phòng cháy chữa cháy', kind: 'keHoach' }), []);
  });
  after(() => destroyMe(me));

  it('paints the first rows at once and says the list is completing; counts, search and live updates follow', async () => {
    await listDocuments(me);
    const home = spaceDb(
      me,
      me.spaces.find((s) => s.kind === 'personal')!,
    );
    await waitUntil(
      () =>
        home.get(FIRST_PAGE_ID).then(
          () => true,
          () => false,
        ),
      'first page stored',
      { timeout: 6000, interval: 100 },
    );
    // A reload: the index is forgotten, and its first read of the registry is held back.
    documentsComplete(testMe());
    const registry = spaceDb(me, me.spaces[1]!);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const allDocs = registry.allDocs.bind(registry) as (o: object) => Promise<unknown>;
    registry.allDocs = (async (o: object) => {
      await held;
      return allDocs(o);
    }) as unknown as typeof registry.allDocs;
    try {
      const page = await mountPage(me, '');
      await showing(page, 2);
      expect(summaries(page)).to.deep.equal(['Kế hoạch phòng cháy chữa cháy', 'Văn bản cũ']);
      expect(page.shadowRoot!.querySelector('.completing[role="status"]')!.textContent).to.contain('Đang đọc toàn bộ văn bản');
      expect(tabCount(page, 'toRegister')).to.equal(undefined); // no count until it is right
      // A search cannot be answered from the first page: the list waits (skeleton).
      const searching = await mountPage(me, 'q=phong chay');
      await searching.updateComplete;
      expect(list(searching).rows).to.equal(undefined);
      // A document registered meanwhile: the stored page no longer matches, the list keeps what it shows until complete.
      await registerIncoming(me, registration({ summary: 'Giấy mời họp giao ban', kind: 'giayMoi', numberSymbol: '99/GM-UBND' }), []);
      release();
      await showing(page, 3);
      await waitUntil(() => tabCount(page, 'toRegister') === '3', 'counts once complete', { timeout: 5000 });
      expect(page.shadowRoot!.querySelector('.completing')).to.equal(null);
      expect(summaries(page)[2]).to.equal('Văn bản cũ');
      await showing(searching, 1);
      expect(summaries(searching)).to.deep.equal(['Kế hoạch phòng cháy chữa cháy']);
    } finally {
      release();
      delete (registry as { allDocs?: unknown }).allDocs;
    }
  });
});

describe('<dk-document-list> with 20,000 rows', () => {
  let me: MeResponse;
  before(async () => {
    setLocale('vi');
    me = clerkMe();
    await registerIncoming(me, registration({ urgency: 'immediate' }), []);
  });
  after(() => destroyMe(me));

  it('keeps only the rows near the viewport in the DOM', async () => {
    const [base] = await listDocuments(me);
    const rows: DocumentRow[] = Array.from({ length: 20_000 }, (_, i) => ({ ...base!, id: `${base!.id}-${i}` }));
    const started = performance.now();
    const el = await fixture<DkDocumentList>(html`<dk-document-list .rows=${rows} view="all"></dk-document-list>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[role="listitem"]').length > 0, 'rows rendered', { timeout: 10_000 });
    const rendered = el.shadowRoot!.querySelectorAll('[role="listitem"]').length;
    expect(rendered).to.be.greaterThan(0);
    expect(rendered).to.be.lessThan(200);
    expect(performance.now() - started).to.be.lessThan(3000);
    // The list is as tall as all its rows, so the page scrolls through all of them.
    expect(el.shadowRoot!.querySelector('.list')!.getBoundingClientRect().height).to.be.greaterThan(20_000 * 50);
  });
});
