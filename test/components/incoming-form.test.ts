import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/features/documents/dk-incoming-form.ts';
import type { DkIncomingForm } from '../../src/features/documents/dk-incoming-form.ts';
import type { DkFilePicker } from '../../src/features/documents/dk-file-picker.ts';
import { getDocument, listDocuments, registerIncoming } from '../../src/data/documents.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import '../../src/i18n/messages.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { IncomingDocument } from '../../src/model/documents/types.ts';
import { wardDay } from '../../src/model/time.ts';
import { destroyMe } from './data-helpers.ts';
import { formsMe, seedDirectory } from './forms-fixtures.ts';

// registerIncoming checks dates against the real ward day, so the tests use it too.
const TODAY = wardDay();
const START = location.pathname;

const $ = <T extends Element>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T;
const errorOf = (el: DkIncomingForm, field: string) => $(el, `#${field}-error`)?.textContent?.trim() ?? null;
const picker = (el: DkIncomingForm) => $<DkFilePicker>(el, 'dk-file-picker');

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error(`Timed out waiting for ${what}`);
}

async function set(el: DkIncomingForm, field: string, value: string): Promise<void> {
  const input = $<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(el, `[name="${field}"]`);
  expect(input, field).to.not.equal(null);
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function chooseFiles(el: DkIncomingForm, files: File[]): Promise<void> {
  const input = $<HTMLInputElement>(picker(el), '#choose');
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await picker(el).updateComplete;
  await el.updateComplete;
}

async function click(el: DkIncomingForm, selector: string): Promise<void> {
  $<HTMLButtonElement>(el, selector).click();
  await el.updateComplete;
}

async function fillValid(el: DkIncomingForm, numberSymbol = '15/QĐ-UBND'): Promise<void> {
  await set(el, 'issuingBody', 'Sở Nội vụ thành phố Hà Nội');
  await set(el, 'numberSymbol', numberSymbol);
  await set(el, 'issuedOn', TODAY);
  await set(el, 'summary', 'V/v kiện toàn bộ phận một cửa');
}

const documentIdInPath = (): string => decodeURIComponent(location.pathname.replace(/^\/documents\//, ''));

describe('<dk-incoming-form>', function () {
  this.timeout(20000);
  let me: MeResponse;

  async function make(roles = ['clerk']): Promise<DkIncomingForm> {
    me = formsMe(roles);
    await seedDirectory(me);
    const el = await fixture<DkIncomingForm>(html`<dk-incoming-form .me=${me}></dk-incoming-form>`);
    if (roles.includes('clerk')) await until(() => !!el.shadowRoot!.querySelector('#bodies option'), 'the directory');
    return el;
  }

  beforeEach(() => setLocale('vi'));
  afterEach(async () => {
    history.replaceState(null, '', START);
    fixtureCleanup();
    if (me) await destroyMe(me);
  });

  it('tells people who are not clerks that only the clerk registers documents', async () => {
    const el = await make(['staff']);
    expect($(el, 'form')).to.equal(null);
    expect($<HTMLElement & { heading: string }>(el, 'dk-empty-state').heading).to.equal('Chỉ văn thư vào sổ văn bản đến');
  });

  it('shows required fields inline, focuses the first, and saves nothing', async () => {
    const el = await make();
    expect($<HTMLInputElement>(el, '[name="arrivedOn"]').value).to.equal(TODAY);
    await click(el, 'button[type="submit"]');
    await until(() => !!errorOf(el, 'issuingBody'), 'errors');
    expect(errorOf(el, 'issuingBody')).to.equal('Vui lòng nhập thông tin này.');
    expect(errorOf(el, 'numberSymbol')).to.equal('Vui lòng nhập thông tin này.');
    expect(errorOf(el, 'kind')).to.equal('Vui lòng nhập thông tin này.');
    expect(errorOf(el, 'summary')).to.equal('Vui lòng nhập thông tin này.');
    expect(errorOf(el, 'arrivedOn')).to.equal(null);
    expect($(el, '[name="issuingBody"]').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.id).to.equal('issuingBody');
    expect($(el, '[role="alert"]').textContent).to.contain('sửa các mục');
    expect(await listDocuments(me)).to.have.length(0);
    // Errors follow the input once shown.
    await set(el, 'numberSymbol', 'abc');
    expect(errorOf(el, 'numberSymbol')).to.contain('15/QĐ-UBND');
  });

  it('registers a document with its fields, files and registered step, then opens it', async () => {
    const el = await make();
    await fillValid(el);
    // The type abbreviation in the symbol chooses the type.
    expect($<HTMLSelectElement>(el, '[name="kind"]').value).to.equal('quyetDinh');
    await set(el, 'signer', 'Nguyễn Văn B');
    await set(el, 'pageCount', '3');
    await set(el, 'urgency', 'urgent');
    await set(el, 'receivedVia', 'email');
    const pdf = new File(['%PDF-1.4 test'], 'qd-15.pdf', { type: 'application/pdf' });
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'trang-2.jpg', { type: 'image/jpeg' });
    await chooseFiles(el, [pdf, photo]);
    expect(picker(el).shadowRoot!.querySelectorAll('li')).to.have.length(2);
    await click(el, 'button[type="submit"]');
    await until(() => location.pathname.startsWith('/documents/'), 'navigation to the document');
    const row = await getDocument(me, documentIdInPath());
    expect(row, 'saved document').to.not.equal(null);
    const doc = row!.doc as IncomingDocument;
    expect(doc).to.include({
      direction: 'incoming',
      issuingBody: 'Sở Nội vụ thành phố Hà Nội',
      numberSymbol: '15/QĐ-UBND',
      issuedOn: TODAY,
      kind: 'quyetDinh',
      summary: 'V/v kiện toàn bộ phận một cửa',
      signer: 'Nguyễn Văn B',
      pageCount: 3,
      urgency: 'urgent',
      confidentiality: 'normal',
      arrivedOn: TODAY,
      receivedVia: 'email',
      createdBy: me.name,
    });
    expect((doc.files ?? []).map((f) => [f.name, f.contentType])).to.deep.equal([
      ['qd-15.pdf', 'application/pdf'],
      ['trang-2.jpg', 'image/jpeg'],
    ]);
    expect(row!.events.map((e) => e.kind)).to.deep.equal(['registered']);
    expect(row!.heldIn.map((s) => s.kind)).to.deep.equal(['registry']);
    expect(row!.awaitingNumber).to.equal(true);
  });

  it('warns about a likely duplicate and saves only after "Register anyway"', async () => {
    const el = await make();
    await registerIncoming(
      me,
      {
        issuingBody: 'Sở Nội vụ TP Hà Nội',
        numberSymbol: '15/QĐ-UBND',
        issuedOn: TODAY,
        kind: 'quyetDinh',
        summary: 'Bản đã vào sổ',
        urgency: 'normal',
        confidentiality: 'normal',
        arrivedOn: TODAY,
        receivedVia: 'paper',
        attachments: [],
      },
      [],
    );
    await fillValid(el);
    await set(el, 'kind', 'quyetDinh');
    await click(el, 'button[type="submit"]');
    await until(() => !!$(el, '.panel'), 'the duplicate warning');
    const panel = $(el, '.panel');
    expect(panel.textContent).to.contain('Bản đã vào sổ');
    expect(panel.textContent).to.contain('15/QĐ-UBND');
    expect(panel.querySelector('a')!.getAttribute('href')).to.match(/^\/documents\/officialDocument/);
    expect(el.shadowRoot!.activeElement?.id).to.equal('duplicates-title');
    expect(await listDocuments(me)).to.have.length(1);

    // Cancel: back to the number, still nothing saved; a second attempt warns again.
    await click(el, '.panel .btn:not(.primary)');
    expect($(el, '.panel')).to.equal(null);
    expect(el.shadowRoot!.activeElement?.id).to.equal('numberSymbol');
    await click(el, 'button[type="submit"]');
    await until(() => !!$(el, '.panel'), 'the duplicate warning again');
    expect(await listDocuments(me)).to.have.length(1);

    await click(el, '.panel .btn.primary');
    await until(() => location.pathname.startsWith('/documents/'), 'navigation after confirming');
    expect(await listDocuments(me)).to.have.length(2);
  });

  it('refuses a file of the wrong type or over 25 MB, next to the file', async () => {
    const el = await make();
    await fillValid(el);
    await chooseFiles(el, [
      new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }),
      new File([new Uint8Array(25 * 1024 * 1024 + 1)], 'scan.pdf', { type: 'application/pdf' }),
      new File(['ok'], 'to-trinh.docx', { type: '' }),
    ]);
    const p = picker(el);
    expect($(p, '#file-0-error').textContent).to.contain('PDF, ảnh');
    expect($(p, '#file-1-error').textContent).to.equal('Tệp quá lớn: tối đa 25 MB.');
    expect($(p, '#file-2-error')).to.equal(null);
    await click(el, 'button[type="submit"]');
    await new Promise((r) => setTimeout(r, 50));
    expect(p.shadowRoot!.activeElement?.id).to.equal('remove-0');
    expect(await listDocuments(me)).to.have.length(0);
    expect(location.pathname).to.equal(START);
    // Removing the bad files lets it go.
    await click(p as unknown as DkIncomingForm, '#remove-0');
    await click(p as unknown as DkIncomingForm, '#remove-0');
    expect(p.files.map((f) => f.name)).to.deep.equal(['to-trinh.docx']);
    await el.updateComplete;
    await click(el, 'button[type="submit"]');
    await until(() => location.pathname.startsWith('/documents/'), 'navigation');
  });

  it("confidential documents need a leader to route to and are kept in the clerk's personal space", async () => {
    const el = await make();
    await fillValid(el);
    expect($(el, '[name="routeTo"]')).to.equal(null);
    await set(el, 'confidentiality', 'confidential');
    const leaders = [...el.shadowRoot!.querySelectorAll('[name="routeTo"] option')].map((o) => (o as HTMLOptionElement).value);
    expect(leaders).to.deep.equal(['', 'lan.nguyen', 'hung.tran']);
    expect($(el, '.banner.warning').textContent).to.contain('không gian cá nhân của văn thư');
    await click(el, 'button[type="submit"]');
    await until(() => !!errorOf(el, 'routeTo'), 'the route-to error');
    expect(el.shadowRoot!.activeElement?.id).to.equal('routeTo');
    await set(el, 'routeTo', 'hung.tran');
    await click(el, 'button[type="submit"]');
    await until(() => location.pathname.startsWith('/documents/'), 'navigation');
    const row = await getDocument(me, documentIdInPath());
    expect((row!.doc as IncomingDocument).routeTo).to.equal('hung.tran');
    expect(row!.heldIn.map((s) => s.kind)).to.deep.equal(['personal']);
  });

  it('"Register and add another" keeps body, channel and arrival date, clears the rest and says what was saved', async () => {
    const el = await make();
    await fillValid(el, '07/KH-UBND');
    await set(el, 'receivedVia', 'hand');
    await set(el, 'urgency', 'immediate');
    await click(el, '#save-another');
    await until(() => !!$(el, '.saved .banner'), 'the confirmation');
    expect($(el, '.saved').getAttribute('role')).to.equal('status');
    expect($(el, '.saved').textContent).to.contain('07/KH-UBND — Sở Nội vụ thành phố Hà Nội');
    expect($(el, '.saved').textContent).to.contain('chờ cấp số');
    expect(location.pathname).to.equal(START);
    expect($<HTMLInputElement>(el, '[name="issuingBody"]').value).to.equal('Sở Nội vụ thành phố Hà Nội');
    expect($<HTMLSelectElement>(el, '[name="receivedVia"]').value).to.equal('hand');
    expect($<HTMLInputElement>(el, '[name="arrivedOn"]').value).to.equal(TODAY);
    expect($<HTMLInputElement>(el, '[name="numberSymbol"]').value).to.equal('');
    expect($<HTMLTextAreaElement>(el, '[name="summary"]').value).to.equal('');
    expect($<HTMLSelectElement>(el, '[name="kind"]').value).to.equal('');
    expect($<HTMLSelectElement>(el, '[name="urgency"]').value).to.equal('normal');
    await until(() => el.shadowRoot!.activeElement?.id === 'issuingBody', 'focus on the first field');
    const rows = await listDocuments(me);
    expect(rows).to.have.length(1);
    expect((rows[0]!.doc as IncomingDocument).kind).to.equal('keHoach');
    expect(rows[0]!.urgent).to.equal(true);
  });

  it('explains a full storage and keeps everything typed', async () => {
    const el = await make();
    el.register = () => Promise.reject(Object.assign(new Error('full'), { name: 'StorageFullError' }));
    await fillValid(el);
    await set(el, 'kind', 'quyetDinh');
    await click(el, 'button[type="submit"]');
    await until(() => !!$(el, '[role="alert"] .banner'), 'the message');
    expect($(el, '[role="alert"]').textContent).to.contain('Bộ nhớ của trình duyệt');
    expect($<HTMLInputElement>(el, '[name="numberSymbol"]').value).to.equal('15/QĐ-UBND');
    expect($<HTMLTextAreaElement>(el, '[name="summary"]').value).to.equal('V/v kiện toàn bộ phận một cửa');
    expect(location.pathname).to.equal(START);
  });

  it('is accessible, also while showing errors', async () => {
    const el = await make();
    await expect(el).to.be.accessible();
    await click(el, 'button[type="submit"]');
    await until(() => !!errorOf(el, 'summary'), 'errors');
    await expect(el).to.be.accessible();
  });
});
