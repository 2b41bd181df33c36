import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/app/dk-app.ts';
import type { DkApp } from '../../src/app/dk-app.ts';
import { navigate } from '../../src/app/router.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import { ME } from './notice-fixtures.ts';

const root = (el: DkApp) => el.shadowRoot!;

// Order matters: the account cached in localStorage is read once per page by the session module.
describe('<dk-app>', () => {
  before(() => localStorage.setItem('docket.me', JSON.stringify(ME)));
  const start = location.pathname + location.search;
  beforeEach(() => setLocale('vi'));
  after(() => {
    localStorage.removeItem('docket.me');
    history.replaceState(null, '', start);
  });

  it('opens at once with the cached account: navigation, account menu, honest empty states', async () => {
    localStorage.setItem('docket.me', JSON.stringify(ME));
    history.replaceState(null, '', '/documents');
    const el = await fixture<DkApp>(html`<dk-app></dk-app>`);
    await waitUntil(() => root(el).querySelector('dk-documents-page'), 'documents page shown', { timeout: 8000 });
    const links = [...root(el).querySelectorAll('nav a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      '/notices',
      '/documents',
      '/tasks',
      '/schedule',
      '/messages',
      '/settings',
    ]);
    expect(root(el).querySelector('nav a[aria-current="page"]')!.getAttribute('href')).to.equal('/documents');
    expect(root(el).querySelector('main')).to.not.equal(null);
    expect(root(el).querySelector('dk-user-menu')!.displayName).to.equal('Nguyễn Thị Lan');
    const page = root(el).querySelector('dk-documents-page')!;
    await waitUntil(() => page.shadowRoot?.querySelector('h1'));
    expect(page.shadowRoot!.querySelector('h1')!.textContent).to.equal('Văn bản');
    expect(document.title).to.contain('Văn bản');

    navigate('/documents/report');
    await waitUntil(() => root(el).querySelector('dk-processing-report'), 'report shown', { timeout: 8000 });
    expect(root(el).querySelector('nav a[aria-current="page"]')!.getAttribute('href')).to.equal('/documents');

    navigate('/tasks');
    await waitUntil(() => root(el).querySelector('dk-tasks-page'), 'tasks page shown', { timeout: 8000 });
    expect(root(el).querySelector('nav a[aria-current="page"]')!.getAttribute('href')).to.equal('/tasks');
    const tasks = root(el).querySelector('dk-tasks-page')!;
    await waitUntil(() => tasks.shadowRoot?.querySelector('dk-task-list-page'), 'my tasks shown', { timeout: 8000 });

    navigate('/schedule');
    await waitUntil(() => root(el).querySelector('dk-schedule-page'), 'schedule page shown', { timeout: 8000 });
    const schedule = root(el).querySelector('dk-schedule-page')!;
    await waitUntil(() => schedule.shadowRoot?.querySelector('dk-schedule-week'), 'the week shown', { timeout: 8000 });
    const week = schedule.shadowRoot!.querySelector('dk-schedule-week')!;
    await week.updateComplete;
    expect(week.shadowRoot!.querySelector('h1')!.textContent).to.equal('Lịch công tác');
    expect(root(el).querySelector('nav a[aria-current="page"]')!.getAttribute('href')).to.equal('/schedule');
  });

  it('opens the sign-out dialog from the account menu with the keyboard', async () => {
    localStorage.setItem('docket.me', JSON.stringify(ME));
    history.replaceState(null, '', '/schedule');
    const el = await fixture<DkApp>(html`<dk-app></dk-app>`);
    await waitUntil(() => root(el).querySelector('dk-user-menu'), 'menu shown', { timeout: 8000 });
    const menu = root(el).querySelector('dk-user-menu')!;
    menu.shadowRoot!.querySelector<HTMLButtonElement>('.trigger')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await menu.updateComplete;
    expect(menu.shadowRoot!.activeElement?.textContent).to.contain('Tài khoản và cài đặt');
    await sendKeys({ press: 'ArrowDown' });
    expect(menu.shadowRoot!.activeElement?.textContent).to.contain('Đăng xuất');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).querySelector('dk-sign-out-dialog'), 'sign-out dialog', { timeout: 8000 });
    const dialog = root(el).querySelector('dk-sign-out-dialog')!;
    await dialog.updateComplete;
    expect(dialog.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await aTimeout(50);
    expect(root(el).querySelector('dk-sign-out-dialog')).to.equal(null);
  });

  it('sends a visitor without an account to the sign-in page, remembering the destination', async () => {
    // The session module caches the account in memory: sign out through it (no local data erased).
    const { signOut } = await import('../../src/data/session.ts');
    await signOut({ eraseLocalData: false });
    history.replaceState(null, '', '/settings');
    const el = await fixture<DkApp>(html`<dk-app></dk-app>`);
    await waitUntil(() => root(el).querySelector('dk-sign-in-page'), 'sign-in page shown', { timeout: 8000 });
    expect(location.pathname).to.equal('/sign-in');
    expect(new URLSearchParams(location.search).get('next')).to.equal('/settings');
    expect(root(el).querySelector('nav')).to.equal(null);
  });
});
