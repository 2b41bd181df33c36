import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/features/auth/dk-sign-in-page.ts';
import '../../src/features/auth/dk-sign-out-dialog.ts';
import type { DkSignInPage, SignInFn } from '../../src/features/auth/dk-sign-in-page.ts';
import type { DkSignOutDialog } from '../../src/features/auth/dk-sign-out-dialog.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import '../../src/i18n/messages.ts';
import { ME } from './notice-fixtures.ts';

const failing =
  (code: string): SignInFn =>
  () =>
    Promise.reject(Object.assign(new Error(code), { name: 'SignInError', code }));

async function signInPage(signIn: SignInFn): Promise<DkSignInPage> {
  return fixture<DkSignInPage>(html`<dk-sign-in-page .signIn=${signIn} next="/settings"></dk-sign-in-page>`);
}

const q = <T extends Element>(el: Element, s: string) => el.shadowRoot!.querySelector(s) as T;

async function fill(el: DkSignInPage, name: string, password: string): Promise<void> {
  for (const [id, value] of [
    ['name', name],
    ['password', password],
  ] as const) {
    const input = q<HTMLInputElement>(el, `#${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  await el.updateComplete;
}

describe('<dk-sign-in-page>', () => {
  beforeEach(() => setLocale('vi'));

  it('asks for both fields, per field, without calling the server', async () => {
    let calls = 0;
    const el = await signInPage(async () => {
      calls++;
      return ME;
    });
    q<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    expect(calls).to.equal(0);
    expect(q(el, '#name-error').textContent).to.equal('Vui lòng nhập thông tin này.');
    expect(q(el, '#password-error').textContent).to.equal('Vui lòng nhập thông tin này.');
    expect(q(el, '#name').getAttribute('aria-invalid')).to.equal('true');
  });

  it('signs in with Enter, lower-casing the account name, and reports where to go next', async () => {
    const seen: string[] = [];
    const el = await signInPage(async (name, password) => {
      seen.push(`${name}/${password}`);
      return ME;
    });
    q<HTMLInputElement>(el, '#name').focus();
    await sendKeys({ type: 'Lan.Nguyen' });
    q<HTMLInputElement>(el, '#password').focus();
    await sendKeys({ type: 'bí mật' });
    const signedIn = oneEvent(el, 'dk-signed-in');
    await sendKeys({ press: 'Enter' });
    const event = await signedIn;
    expect(seen).to.deep.equal(['lan.nguyen/bí mật']);
    expect(event.detail.me).to.equal(ME);
    expect(event.detail.next).to.equal('/settings');
  });

  it('shows wrong credentials on the password field and clears only the password', async () => {
    const el = await signInPage(failing('badCredentials'));
    await fill(el, 'lan.nguyen', 'sai');
    q<HTMLButtonElement>(el, 'button[type=submit]').click();
    await aTimeout(0);
    await el.updateComplete;
    expect(q(el, '#password-error').textContent).to.equal('Tên tài khoản hoặc mật khẩu không đúng.');
    expect(q<HTMLInputElement>(el, '#name').value).to.equal('lan.nguyen');
    expect(q<HTMLInputElement>(el, '#password').value).to.equal('');
  });

  for (const [code, words] of [
    ['offline', 'Lần đăng nhập đầu tiên trên thiết bị này cần có mạng'],
    ['rateLimited', 'thử quá nhiều lần'],
    ['server', 'Máy chủ đang gặp sự cố'],
  ] as const) {
    it(`explains "${code}" in an alert and keeps the input`, async () => {
      const el = await signInPage(failing(code));
      await fill(el, 'lan.nguyen', 'x');
      q<HTMLButtonElement>(el, 'button[type=submit]').click();
      await aTimeout(0);
      await el.updateComplete;
      expect(q(el, '[role="alert"]').textContent).to.contain(words);
      expect(q<HTMLInputElement>(el, '#password').value).to.equal('x');
    });
  }

  it('shows a busy state while signing in', async () => {
    let resolve!: (me: typeof ME) => void;
    const el = await signInPage(() => new Promise((r) => (resolve = r)));
    await fill(el, 'lan.nguyen', 'x');
    q<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    const button = q<HTMLButtonElement>(el, 'button[type=submit]');
    expect(button.disabled).to.equal(true);
    expect(button.textContent).to.contain('Đang đăng nhập');
    resolve(ME);
  });

  it('is accessible', async () => {
    const el = await signInPage(failing('server'));
    await expect(el).to.be.accessible();
  });
});

describe('<dk-sign-out-dialog>', () => {
  beforeEach(() => setLocale('vi'));

  it('warns about unsent changes and confirms with the erase choice', async () => {
    const opener = await fixture<HTMLButtonElement>(html`<button>open</button>`);
    opener.focus();
    const el = await fixture<DkSignOutDialog>(html`<dk-sign-out-dialog open .pendingLocal=${3}></dk-sign-out-dialog>`);
    const dialog = q<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Còn 3 thay đổi chưa gửi');
    q<HTMLInputElement>(el, '#erase').click();
    await el.updateComplete;
    expect(q(el, '[role="alert"]').textContent).to.contain('mất vĩnh viễn 3 thay đổi');
    const confirmed = oneEvent(el, 'dk-confirm-sign-out');
    q<HTMLButtonElement>(el, 'button[type=submit]').click();
    expect((await confirmed).detail).to.deep.equal({ eraseLocalData: true });
  });

  it('says all is sent when nothing is pending, and Cancel closes and restores focus', async () => {
    const opener = await fixture<HTMLButtonElement>(html`<button>open</button>`);
    opener.focus();
    const el = await fixture<DkSignOutDialog>(html`<dk-sign-out-dialog open .pendingLocal=${0}></dk-sign-out-dialog>`);
    expect(q(el, '#state').textContent).to.contain('Mọi thay đổi của bạn đã được gửi');
    const closed = oneEvent(el, 'dk-dialog-closed');
    q<HTMLButtonElement>(el, 'button[type=button]').click();
    await closed;
    expect(document.activeElement).to.equal(opener);
  });

  it('is accessible', async () => {
    const el = await fixture<DkSignOutDialog>(html`<dk-sign-out-dialog open .pendingLocal=${2}></dk-sign-out-dialog>`);
    await expect(el).to.be.accessible();
  });
});
