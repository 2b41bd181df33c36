import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import '../../src/features/documents/dk-draft-form.ts';
import type { DkDraftForm } from '../../src/features/documents/dk-draft-form.ts';
import type { DkAssigneePicker } from '../../src/features/documents/dk-assignee-picker.ts';
import type { DkFilePicker } from '../../src/features/documents/dk-file-picker.ts';
import { getDocument, listDocuments, registerIncoming } from '../../src/data/documents.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import '../../src/i18n/messages.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { OutgoingDocument } from '../../src/model/documents/types.ts';
import { wardDay } from '../../src/model/time.ts';
import { destroyMe } from './data-helpers.ts';
import { formsMe, seedDirectory } from './forms-fixtures.ts';

const START = location.pathname;
const $ = <T extends Element>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T;
const errorOf = (el: DkDraftForm, field: string) => $(el, `#${field}-error`)?.textContent?.trim() ?? null;
const picker = (el: DkDraftForm) => $<DkAssigneePicker>(el, 'dk-assignee-picker');

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error(`Timed out waiting for ${what}`);
}

async function set(el: DkDraftForm, field: string, value: string): Promise<void> {
  const input = $<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(el, `[name="${field}"]`);
  expect(input, field).to.not.equal(null);
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function pick(el: DkDraftForm, key: string): Promise<void> {
  const p = picker(el);
  const select = $<HTMLSelectElement>(p, '#add');
  select.value = key;
  select.dispatchEvent(new Event('change'));
  $<HTMLButtonElement>(p, '#add-button').click();
  await p.updateComplete;
  await el.updateComplete;
}

async function addExternal(el: DkDraftForm, name: string): Promise<void> {
  const input = $<HTMLInputElement>(el, '#external');
  input.value = name;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  await el.updateComplete;
}

async function submit(el: DkDraftForm): Promise<void> {
  $<HTMLButtonElement>(el, 'button[type="submit"]').click();
  await el.updateComplete;
}

const documentIdInPath = (): string => decodeURIComponent(location.pathname.replace(/^\/documents\//, ''));

describe('<dk-draft-form>', function () {
  this.timeout(20000);
  let me: MeResponse;

  async function make(roles = ['staff'], units = ['vp'], replyTo?: string, existing?: MeResponse): Promise<DkDraftForm> {
    me = existing ?? formsMe(roles, units);
    if (!existing) await seedDirectory(me);
    const el = await fixture<DkDraftForm>(html`<dk-draft-form .me=${me} .replyTo=${replyTo}></dk-draft-form>`);
    await until(() => el.shadowRoot!.querySelectorAll('[name="signer"] option').length > 1, 'the directory');
    return el;
  }

  beforeEach(() => setLocale('vi'));
  afterEach(async () => {
    history.replaceState(null, '', START);
    fixtureCleanup();
    if (me) await destroyMe(me);
  });

  it('requires type, summary, signer and at least one recipient, inline, and saves nothing', async () => {
    const el = await make();
    await submit(el);
    await until(() => !!errorOf(el, 'kind'), 'errors');
    expect(errorOf(el, 'kind')).to.equal('Vui lòng nhập thông tin này.');
    expect(errorOf(el, 'summary')).to.equal('Vui lòng nhập thông tin này.');
    expect(errorOf(el, 'signer')).to.equal('Vui lòng nhập thông tin này.');
    expect(errorOf(el, 'recipients')).to.equal('Vui lòng nhập thông tin này.');
    // The author's own unit is preselected.
    expect($<HTMLSelectElement>(el, '[name="unitId"]').value).to.equal('vp');
    expect(errorOf(el, 'unitId')).to.equal(null);
    expect(el.shadowRoot!.activeElement?.id).to.equal('kind');
    expect(await listDocuments(me)).to.have.length(0);
    await pick(el, 'unit:vhxh');
    expect(errorOf(el, 'recipients')).to.equal(null);
  });

  it('saves a draft with its recipients and first file version in the unit space, then opens it', async () => {
    const el = await make();
    // Only the author's units; the signer from the leaders.
    expect([...el.shadowRoot!.querySelectorAll('[name="unitId"] option')].map((o) => (o as HTMLOptionElement).value)).to.deep.equal(['vp']);
    expect([...el.shadowRoot!.querySelectorAll('[name="signer"] option')].map((o) => (o as HTMLOptionElement).value)).to.deep.equal([
      '',
      'lan.nguyen',
      'hung.tran',
    ]);
    await set(el, 'kind', 'congVan');
    await set(el, 'summary', 'V/v báo cáo kết quả chuyển đổi số quý IV');
    await set(el, 'signer', 'lan.nguyen');
    await set(el, 'urgency', 'veryUrgent');
    await set(el, 'pageCount', '2');
    await pick(el, 'unit:vhxh');
    await pick(el, 'person:hoa.do');
    await addExternal(el, 'Sở Nội vụ thành phố Hà Nội');
    await addExternal(el, 'UBND quận Ba Đình');
    expect([...el.shadowRoot!.querySelectorAll('.chips li')].map((li) => li.textContent!.trim())).to.deep.equal([
      'Sở Nội vụ thành phố Hà Nội',
      'UBND quận Ba Đình',
    ]);
    const docx = new File(['PK'], 'du-thao.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    const files = $<DkFilePicker>(el, 'dk-file-picker');
    const input = $<HTMLInputElement>(files, '#choose');
    const dt = new DataTransfer();
    dt.items.add(docx);
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const saved = oneEvent(el, 'dk-document-saved');
    await submit(el);
    const { detail } = await saved;
    await until(() => location.pathname.startsWith('/documents/'), 'navigation');
    expect(documentIdInPath()).to.equal(detail.id);
    const row = await getDocument(me, detail.id);
    const doc = row!.doc as OutgoingDocument;
    expect(doc).to.include({
      direction: 'outgoing',
      kind: 'congVan',
      summary: 'V/v báo cáo kết quả chuyển đổi số quý IV',
      unitId: 'vp',
      signer: 'lan.nguyen',
      urgency: 'veryUrgent',
      confidentiality: 'normal',
      pageCount: 2,
      createdBy: me.name,
    });
    expect(doc.internalRecipients).to.deep.equal([
      { kind: 'unit', unitId: 'vhxh' },
      { kind: 'person', name: 'hoa.do' },
    ]);
    expect(doc.externalRecipients).to.deep.equal(['Sở Nội vụ thành phố Hà Nội', 'UBND quận Ba Đình']);
    expect((doc.files ?? []).map((f) => f.name)).to.deep.equal(['du-thao.docx']);
    expect(row!.heldIn.map((s) => `${s.kind}:${s.id}`)).to.deep.equal(['unit:vp']);
    expect(row!.state.phase).to.equal('draft');
  });

  it('counts an external name typed but not added, and removes chips', async () => {
    const el = await make();
    await addExternal(el, 'Công an phường');
    $<HTMLButtonElement>(el, '#external-remove-0').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.chips li')).to.have.length(0);
    expect(el.shadowRoot!.activeElement?.id).to.equal('external');
    await set(el, 'kind', 'toTrinh');
    await set(el, 'summary', 'Tờ trình');
    await set(el, 'signer', 'hung.tran');
    const input = $<HTMLInputElement>(el, '#external');
    input.value = 'Công an phường';
    input.dispatchEvent(new Event('input'));
    await submit(el);
    await until(() => location.pathname.startsWith('/documents/'), 'navigation');
    const row = await getDocument(me, documentIdInPath());
    expect((row!.doc as OutgoingDocument).externalRecipients).to.deep.equal(['Công an phường']);
  });

  it("confidential drafts: persons only (a unit already chosen is refused), kept in the author's personal space", async () => {
    const el = await make();
    await set(el, 'kind', 'baoCao');
    await set(el, 'summary', 'Báo cáo mật');
    await set(el, 'signer', 'hung.tran');
    await pick(el, 'unit:vhxh');
    await set(el, 'confidentiality', 'secret');
    expect($(el, '.banner.warning').textContent).to.contain('không gian cá nhân của bạn');
    const offered = [...picker(el).shadowRoot!.querySelectorAll('#add option')].map((o) => (o as HTMLOptionElement).value);
    expect(offered.some((k) => k.startsWith('unit:'))).to.equal(false);
    await submit(el);
    await until(() => !!$(picker(el), '#pick-0-errors'), 'the persons-only error');
    expect($(picker(el), '#pick-0-errors').textContent).to.contain('không gửi cả đơn vị');
    expect(await listDocuments(me)).to.have.length(0);
    $<HTMLButtonElement>(picker(el), '#remove-0').click();
    await picker(el).updateComplete;
    await pick(el, 'person:binh.le');
    await submit(el);
    await until(() => location.pathname.startsWith('/documents/'), 'navigation');
    const row = await getDocument(me, documentIdInPath());
    expect(row!.heldIn.map((s) => s.kind)).to.deep.equal(['personal']);
    expect((row!.doc as OutgoingDocument).internalRecipients).to.deep.equal([{ kind: 'person', name: 'binh.le' }]);
  });

  it('leaders may draft for any unit', async () => {
    const el = await make(['leader'], []);
    const units = [...el.shadowRoot!.querySelectorAll('[name="unitId"] option')].map((o) => (o as HTMLOptionElement).value);
    expect(units).to.deep.equal(['', 'vp', 'vhxh']);
  });

  it('shows the incoming document it answers and links to it', async () => {
    me = formsMe(['clerk', 'staff'], ['vp']);
    await seedDirectory(me);
    const incoming = await registerIncoming(
      me,
      {
        issuingBody: 'UBND quận Ba Đình',
        numberSymbol: '120/UBND-VP',
        issuedOn: wardDay(),
        kind: 'congVan',
        summary: 'V/v báo cáo chuyển đổi số',
        urgency: 'normal',
        confidentiality: 'normal',
        arrivedOn: wardDay(),
        receivedVia: 'paper',
        attachments: [],
      },
      [],
    );
    const el = await make(undefined, undefined, incoming, me);
    await until(() => !!$(el, '#repliesTo a'), 'the answered document');
    expect($(el, '#repliesTo').textContent).to.contain('120/UBND-VP');
    expect($(el, '#repliesTo').textContent).to.contain('V/v báo cáo chuyển đổi số');
    await set(el, 'kind', 'congVan');
    await set(el, 'summary', 'Báo cáo');
    await set(el, 'signer', 'hung.tran');
    await addExternal(el, 'UBND quận Ba Đình');
    await submit(el);
    await until(() => location.pathname.startsWith('/documents/'), 'navigation');
    const row = await getDocument(me, documentIdInPath());
    expect((row!.doc as OutgoingDocument).repliesTo).to.equal(incoming);
  });

  it("shows the data layer's field errors inline and keeps the input", async () => {
    const el = await make();
    el.create = () =>
      Promise.reject(
        Object.assign(new Error('invalid'), { name: 'ValidationError', errors: [{ field: 'unitId', code: 'error.notAllowed' }] }),
      );
    await set(el, 'kind', 'toTrinh');
    await set(el, 'summary', 'Tờ trình');
    await set(el, 'signer', 'hung.tran');
    await pick(el, 'unit:vhxh');
    await submit(el);
    await until(() => !!errorOf(el, 'unitId'), 'the error');
    expect(errorOf(el, 'unitId')).to.equal('Tài khoản của bạn không được làm việc này.');
    expect(el.shadowRoot!.activeElement?.id).to.equal('unitId');
    expect($<HTMLTextAreaElement>(el, '[name="summary"]').value).to.equal('Tờ trình');
    expect(picker(el).value).to.have.length(1);
  });

  it('is accessible, also while showing errors', async () => {
    const el = await make();
    await expect(el).to.be.accessible();
    await submit(el);
    await until(() => !!errorOf(el, 'summary'), 'errors');
    await expect(el).to.be.accessible();
  });
});
