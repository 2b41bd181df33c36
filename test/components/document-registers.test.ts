import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { meContext } from '../../src/app/context.ts';
import { spaceDb } from '../../src/data/db.ts';
import { recordStep, registerIncoming } from '../../src/data/documents.ts';
import '../../src/features/documents/dk-document-registers.ts';
import '../../src/features/documents/dk-processing-report.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import type { MeResponse } from '../../src/model/api.ts';
import { addDays } from '../../src/model/documents/dates.ts';
import type { OfficialDocumentEvent } from '../../src/model/documents/types.ts';
import type { RegistrationInput } from '../../src/model/documents/validation.ts';
import { wardDay } from '../../src/model/time.ts';
import { destroyMe, testMe } from './data-helpers.ts';

// The report's list is virtualised; see document-list.test.ts.
window.addEventListener(
  'error',
  (e) => {
    if (e.message?.includes('ResizeObserver loop')) e.stopImmediatePropagation();
  },
  true,
);

/** A clerk who is also a leader and heads VP: registers, directs, and sees registers and report. */
function officeMe(): MeResponse {
  const me = testMe(['clerk', 'leader', 'head:vp'], ['vp']);
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

/** What the server's numbering worker writes. */
async function number(me: MeResponse, id: string, n: number): Promise<void> {
  const numbered: OfficialDocumentEvent = {
    _id: `officialDocumentEvent:${id.slice('officialDocument:'.length)}.numbered`,
    type: 'officialDocumentEvent',
    schema: 1,
    createdAt: new Date().toISOString(),
    createdBy: 'system',
    actorName: 'Hệ thống',
    documentId: id,
    kind: 'numbered',
    book: 'incoming',
    year: Number(wardDay().slice(0, 4)),
    number: n,
  };
  await spaceDb(me, me.spaces[1]!).put(numbered as unknown as PouchDB.Core.PutDocument<object>);
}

async function mount<T extends HTMLElement>(me: MeResponse, tag: string): Promise<T> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  new ContextProvider(host, { context: meContext, initialValue: me }).hostConnected();
  const el = document.createElement(tag) as T;
  host.append(el);
  return el;
}

describe('registers and processing report', () => {
  let me: MeResponse;
  let late: string;
  before(async () => {
    setLocale('vi');
    me = officeMe();
    late = await registerIncoming(
      me,
      registration({ summary: 'Kế hoạch phòng cháy, chữa cháy', kind: 'keHoach', numberSymbol: '20/KH-UBND' }),
      [],
    );
    const first = await registerIncoming(me, registration({}), []);
    await registerIncoming(me, registration({ summary: 'Chưa có số', numberSymbol: '30/TB-UBND', kind: 'thongBao' }), []);
    await number(me, late, 2);
    await number(me, first, 1);
    await recordStep(me, late, {
      kind: 'directed',
      note: 'VP chủ trì',
      assignments: [{ assignee: { kind: 'unit', unitId: 'vp' }, role: 'lead', deadline: addDays(wardDay(), -1) }],
    });
  });
  after(() => destroyMe(me));

  it('shows the incoming register by arrival number, says what awaits a number, and exports CSV', async () => {
    const el = await mount<HTMLElement>(me, 'dk-document-registers');
    const root = () => el.shadowRoot!;
    await waitUntil(() => root().querySelectorAll('tbody tr').length === 2, 'two lines', { timeout: 5000 });
    const lines = [...root().querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()));
    expect(lines.map((l) => l[1])).to.deep.equal(['01', '02']);
    expect(lines[1]![5]).to.equal('Kế hoạch: Kế hoạch phòng cháy, chữa cháy');
    expect(lines[1]![6]).to.equal('vp'); // the lead unit (no directory on this device: its id)
    expect(root().querySelector('h2')!.textContent).to.equal('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(root().querySelector('.period')!.textContent).to.match(/^Từ ngày 01\/01\/\d{4} đến ngày \d\d\/\d\d\/\d{4}$/);
    expect(root().querySelector('.note[role="status"]')!.textContent).to.contain('1 văn bản đang chờ cấp số');
    const books = [...root().querySelectorAll<HTMLOptionElement>('#book option')].map((o) => o.value);
    expect(books).to.deep.equal(['incoming', 'outgoing']); // no confidential documents held: no confidential books

    let blob: Blob | undefined;
    let name = '';
    const create = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (b: Blob | MediaSource) => {
      blob = b as Blob;
      return 'blob:test';
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      name = this.download;
    };
    try {
      [...root().querySelectorAll<HTMLButtonElement>('.buttons button')][1]!.click();
    } finally {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(name).to.equal(`so-van-ban-den-${wardDay().slice(0, 4)}-01-01_${wardDay()}.csv`);
    const bytes = new Uint8Array(await blob!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]); // UTF-8 byte order mark for Excel
    const text = new TextDecoder().decode(bytes);
    expect(text).to.contain('"Kế hoạch: Kế hoạch phòng cháy, chữa cháy"');
    expect(text.indexOf(',01,')).to.be.lessThan(text.indexOf(',02,'));
  });

  it('counts per unit and opens the documents behind a count', async () => {
    const el = await mount<HTMLElement>(me, 'dk-processing-report');
    const root = () => el.shadowRoot!;
    await waitUntil(() => root().querySelector('tr[data-key="unit:vp"]'), 'unit row', { timeout: 5000 });
    const row = root().querySelector('tr[data-key="unit:vp"]')!;
    const cell = (c: string) => row.querySelector<HTMLButtonElement>(`button[data-column="${c}"]`);
    expect(cell('received')!.textContent!.trim()).to.equal('1');
    expect(cell('overdue')!.textContent!.trim()).to.equal('1');
    expect(cell('doneOnTime')).to.equal(null); // zero: not a button
    cell('overdue')!.click();
    await waitUntil(() => root().querySelector('#selection-title'), 'selection shown', { timeout: 10_000 });
    expect(root().querySelector('#selection-title')!.textContent).to.contain('Quá hạn: 1 văn bản');
    expect(root().activeElement?.id).to.equal('selection-title');
    const list = root().querySelector('dk-document-list')!;
    await waitUntil(() => list.shadowRoot!.querySelector('[role="listitem"]'), 'document listed', { timeout: 10_000 });
    expect(list.shadowRoot!.querySelector('[role="listitem"]')!.getAttribute('data-id')).to.equal(late);
    expect(cell('overdue')!.getAttribute('aria-pressed')).to.equal('true');
  });
});
