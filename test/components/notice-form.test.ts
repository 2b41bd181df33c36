import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/features/notices/dk-notice-form.ts';
import type { DkNoticeForm, PostNoticeFn } from '../../src/features/notices/dk-notice-form.ts';
import { setLocale, t } from '../../src/i18n/i18n.ts';
import '../../src/i18n/messages.ts';
import type { NoticeInput } from '../../src/model/notice.ts';
import type { Space } from '../../src/model/spaces.ts';
import { hasUnsavedInput } from '../../src/ui/unsaved.ts';
import { ORG, UNIT } from './notice-fixtures.ts';

const TODAY = '2026-11-25';

interface Call {
  space: Space;
  input: NoticeInput;
  file?: File;
}

function recorder(impl?: () => Promise<unknown>): { post: PostNoticeFn; calls: Call[] } {
  const calls: Call[] = [];
  const post: PostNoticeFn = async (space, input, file) => {
    calls.push({ space, input, file });
    return impl ? impl() : { _id: 'notice:x' };
  };
  return { post, calls };
}

const $ = <T extends Element>(el: DkNoticeForm, selector: string) => el.shadowRoot!.querySelector(selector) as T;
const errorOf = (el: DkNoticeForm, field: string) => $(el, `#${field}-error`)?.textContent?.trim() ?? null;

async function type(el: DkNoticeForm, field: 'title' | 'body' | 'expiresOn', value: string): Promise<void> {
  const input = $<HTMLInputElement>(el, `#${field}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function chooseFile(el: DkNoticeForm, file: File): Promise<void> {
  const input = $<HTMLInputElement>(el, '#attachment');
  const dt = new DataTransfer();
  dt.items.add(file);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function submit(el: DkNoticeForm): Promise<void> {
  $<HTMLButtonElement>(el, 'button[type="submit"]').click();
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
}

async function make(post?: PostNoticeFn): Promise<DkNoticeForm> {
  return fixture<DkNoticeForm>(html`<dk-notice-form .spaces=${[ORG, UNIT]} .post=${post} today=${TODAY}></dk-notice-form>`);
}

describe('<dk-notice-form>', () => {
  beforeEach(() => setLocale('vi'));
  after(() => setLocale('vi'));

  it('offers only the spaces it is given, naming the org space "Toàn phường"', async () => {
    const el = await make();
    const options = [...el.shadowRoot!.querySelectorAll('#space option')].map((o) => o.textContent!.trim());
    expect(options).to.deep.equal(['Toàn phường', 'Phòng Văn hóa – Xã hội']);
  });

  it('requires a title and a body, with messages from the catalog, and does not post', async () => {
    const { post, calls } = recorder();
    const el = await make(post);
    await submit(el);
    expect(calls).to.have.length(0);
    expect(errorOf(el, 'title')).to.equal('Vui lòng nhập thông tin này.');
    expect(errorOf(el, 'body')).to.equal(t('error.required'));
    expect($(el, '#title').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#title').getAttribute('aria-describedby')).to.contain('title-error');
    expect(el.shadowRoot!.activeElement?.id).to.equal('title');
    expect($(el, '[role="alert"]').textContent).to.contain('vui lòng sửa');
  });

  it('refuses a title that is too long and keeps what was typed', async () => {
    const { post, calls } = recorder();
    const el = await make(post);
    const long = 'Đ'.repeat(201);
    await type(el, 'title', long);
    await type(el, 'body', 'Nội dung');
    await submit(el);
    expect(calls).to.have.length(0);
    expect(errorOf(el, 'title')).to.equal('Quá dài: tối đa 200 ký tự.');
    expect($<HTMLInputElement>(el, '#title').value).to.equal(long);
    expect($<HTMLTextAreaElement>(el, '#body').value).to.equal('Nội dung');
    // Correcting the field clears the message as the user types.
    await type(el, 'title', 'Ngắn gọn');
    expect(errorOf(el, 'title')).to.equal(null);
  });

  it('refuses an expiry day in the past (Asia/Ho_Chi_Minh today)', async () => {
    const el = await make(recorder().post);
    await type(el, 'title', 'Họp giao ban');
    await type(el, 'body', 'Thứ Hai');
    await type(el, 'expiresOn', '2026-11-24');
    await submit(el);
    expect(errorOf(el, 'expiresOn')).to.equal(t('error.dateInPast'));
    expect($<HTMLInputElement>(el, '#expiresOn').value).to.equal('2026-11-24');
    expect($(el, '#expiresOn').getAttribute('min')).to.equal(TODAY);
  });

  it('refuses a file of the wrong type as soon as it is chosen', async () => {
    const el = await make(recorder().post);
    await chooseFile(el, new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }));
    expect(errorOf(el, 'attachment')).to.equal('Chỉ nhận tệp PDF hoặc ảnh (JPEG, PNG, WebP).');
  });

  it('refuses a file over 10 MB and keeps the other fields', async () => {
    const { post, calls } = recorder();
    const el = await make(post);
    await type(el, 'title', 'Kế hoạch');
    await type(el, 'body', 'Xem tệp');
    await chooseFile(el, new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'ke-hoach.pdf', { type: 'application/pdf' }));
    expect(errorOf(el, 'attachment')).to.equal('Tệp quá lớn: tối đa 10 MB.');
    await submit(el);
    expect(calls).to.have.length(0);
    expect($<HTMLInputElement>(el, '#title').value).to.equal('Kế hoạch');
    // Removing the file clears the error and the notice can go.
    $<HTMLButtonElement>(el, '.file button').click();
    await el.updateComplete;
    expect(errorOf(el, 'attachment')).to.equal(null);
    await submit(el);
    expect(calls).to.have.length(1);
    expect(calls[0]!.file).to.equal(undefined);
  });

  it('submits a valid notice with its audience, fields and file, then resets', async () => {
    const { post, calls } = recorder();
    const el = await make(post);
    const select = $<HTMLSelectElement>(el, '#space');
    select.value = UNIT.db;
    select.dispatchEvent(new Event('change'));
    await type(el, 'title', '  Lịch tiêm chủng  ');
    await type(el, 'body', 'Dòng 1\nDòng 2');
    await type(el, 'expiresOn', '2026-12-31');
    const pinned = $<HTMLInputElement>(el, '#pinned');
    pinned.click();
    const pdf = new File(['%PDF-1.4'], 'lich.pdf', { type: 'application/pdf' });
    await chooseFile(el, pdf);
    expect(hasUnsavedInput()).to.equal(true);
    const posted = oneEvent(el, 'dk-notice-posted');
    await submit(el);
    const event = await posted;
    expect(calls).to.have.length(1);
    expect(calls[0]!.space).to.equal(UNIT);
    expect(calls[0]!.input).to.deep.equal({
      title: '  Lịch tiêm chủng  ',
      body: 'Dòng 1\nDòng 2',
      pinned: true,
      expiresOn: '2026-12-31',
      attachment: { name: 'lich.pdf', type: 'application/pdf', size: pdf.size },
    });
    expect(calls[0]!.file).to.equal(pdf);
    expect(event.detail.title).to.equal('Lịch tiêm chủng');
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#title').value).to.equal('');
    expect(hasUnsavedInput()).to.equal(false);
  });

  it('shows server-side validation errors inline and keeps the input', async () => {
    const err = Object.assign(new Error('invalid'), {
      name: 'ValidationError',
      errors: [{ field: 'body', code: 'error.tooLong', params: { max: 20000 } }],
    });
    const el = await make(recorder(() => Promise.reject(err)).post);
    await type(el, 'title', 'Tiêu đề');
    await type(el, 'body', 'Nội dung');
    await submit(el);
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(errorOf(el, 'body')).to.equal('Quá dài: tối đa 20.000 ký tự.');
    expect($<HTMLInputElement>(el, '#title').value).to.equal('Tiêu đề');
  });

  it('explains a full storage without losing the input', async () => {
    const err = Object.assign(new Error('full'), { name: 'StorageFullError' });
    const el = await make(recorder(() => Promise.reject(err)).post);
    await type(el, 'title', 'Tiêu đề');
    await type(el, 'body', 'Nội dung');
    await submit(el);
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect($(el, '[role="alert"]').textContent).to.contain('Bộ nhớ của trình duyệt');
    expect($<HTMLTextAreaElement>(el, '#body').value).to.equal('Nội dung');
  });

  it('submits from the keyboard: Enter in the title, Ctrl+Enter in the text', async () => {
    const { post, calls } = recorder();
    const el = await make(post);
    $<HTMLInputElement>(el, '#body').focus();
    await sendKeys({ type: 'Họp chi bộ' });
    $<HTMLInputElement>(el, '#title').focus();
    await sendKeys({ type: 'Thông báo họp' });
    await sendKeys({ press: 'Enter' });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).to.have.length(1);
    expect(calls[0]!.input.title).to.equal('Thông báo họp');
    expect(calls[0]!.input.body).to.equal('Họp chi bộ');

    await el.updateComplete;
    $<HTMLInputElement>(el, '#title').focus();
    await sendKeys({ type: 'Lần hai' });
    $<HTMLInputElement>(el, '#body').focus();
    await sendKeys({ type: 'Nội dung' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).to.have.length(2);
  });

  it('speaks Arabic and keeps messages per field', async () => {
    setLocale('ar');
    const el = await make(recorder().post);
    await submit(el);
    expect(errorOf(el, 'title')).to.equal('يرجى ملء هذا الحقل.');
  });

  it('is accessible, also while showing errors', async () => {
    const el = await make(recorder().post);
    await expect(el).to.be.accessible();
    await submit(el);
    await expect(el).to.be.accessible();
  });
});
