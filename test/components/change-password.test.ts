import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/features/settings/dk-change-password.ts';
import type { DkChangePassword } from '../../src/features/settings/dk-change-password.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import '../../src/i18n/messages.ts';

// The form against canned answers of POST /api/password: the real endpoint is exercised by
// test/server/admin-api.test.ts and test/e2e/admin.test.ts; here only what the form does with each answer.
const realFetch = window.fetch;
let calls: Array<{ url: string; body: unknown }> = [];
function answer(status: number, body: unknown): void {
  calls = [];
  window.fetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), body: JSON.parse(String(init?.body ?? 'null')) });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

const q = <T extends Element>(el: Element, s: string) => el.shadowRoot!.querySelector(s) as T;
function fill(el: DkChangePassword, current: string, next: string, again = next): void {
  for (const [id, value] of [
    ['current', current],
    ['next', next],
    ['again', again],
  ] as const)
    q<HTMLInputElement>(el, `#pw-${id}`).value = value;
}
const submit = (el: DkChangePassword) => q<HTMLButtonElement>(el, 'button[type=submit]').click();
const errorOf = (el: DkChangePassword, id: string) => q<HTMLElement>(el, `#pw-${id}-error`)?.textContent ?? '';

describe('dk-change-password', () => {
  beforeEach(() => setLocale('vi'));
  afterEach(() => {
    window.fetch = realFetch;
  });

  it('checks the policy and the repetition inline, sending nothing', async () => {
    answer(200, { ok: true });
    const el = await fixture<DkChangePassword>(html`<dk-change-password account="lan.tran"></dk-change-password>`);
    fill(el, '', 'ngan');
    submit(el);
    await el.updateComplete;
    expect(errorOf(el, 'current')).to.match(/nhập mật khẩu/i);
    expect(errorOf(el, 'next')).to.match(/ít nhất 8 ký tự/i);
    fill(el, 'cu', 'matkhau123');
    submit(el);
    await el.updateComplete;
    expect(errorOf(el, 'next')).to.match(/quá phổ biến/i);
    fill(el, 'cu', 'lantran-2026');
    submit(el);
    await el.updateComplete;
    expect(errorOf(el, 'next')).to.match(/tên tài khoản/i);
    fill(el, 'cu', 'Mua-xuan-2026!', 'Mua-xuan-2027!');
    submit(el);
    await el.updateComplete;
    expect(errorOf(el, 'again')).to.match(/không khớp/i);
    expect(q<HTMLInputElement>(el, '#pw-next').getAttribute('aria-invalid')).to.equal('false');
    expect(q<HTMLInputElement>(el, '#pw-again').getAttribute('aria-invalid')).to.equal('true');
    expect(calls).to.have.length(0);
  });

  it('shows the server refusing the current password at that field, and succeeds with the event', async () => {
    answer(403, { error: 'wrong_password', reason: 'The current password is not right.' });
    const el = await fixture<DkChangePassword>(html`<dk-change-password account="lan.tran"></dk-change-password>`);
    fill(el, 'sai', 'Mua-xuan-2026!');
    submit(el);
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(errorOf(el, 'current')).to.match(/không đúng/i);
    expect(calls[0]!.body).to.deep.equal({ currentPassword: 'sai', newPassword: 'Mua-xuan-2026!' });

    answer(200, { ok: true });
    fill(el, 'dung', 'Mua-xuan-2026!');
    const changed = oneEvent(el, 'dk-password-changed');
    submit(el);
    expect((await changed).detail).to.deep.equal({ password: 'Mua-xuan-2026!' });
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.match(/đã đổi mật khẩu/i);
  });

  it('says so when offline or rate-limited', async () => {
    window.fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    const el = await fixture<DkChangePassword>(html`<dk-change-password account="lan.tran"></dk-change-password>`);
    fill(el, 'dung', 'Mua-xuan-2026!');
    submit(el);
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(q<HTMLElement>(el, '.form-error').textContent).to.match(/cần kết nối mạng/i);
    answer(429, { error: 'too_many_requests', reason: 'x' });
    submit(el);
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(q<HTMLElement>(el, '.form-error').textContent).to.match(/quá nhiều lần/i);
  });
});
