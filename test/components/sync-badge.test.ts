import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/features/sync/dk-sync-badge.ts';
import type { DkSyncBadge } from '../../src/features/sync/dk-sync-badge.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import type { SyncState } from '../../src/sync/types.ts';
import { snapshot } from './sync-fixtures.ts';

const STATES: Array<[SyncState, string]> = [
  ['offline', 'Ngoại tuyến'],
  ['connecting', 'Đang kết nối'],
  ['syncing', 'Đang đồng bộ'],
  ['upToDate', 'Đã đồng bộ'],
  ['error', 'Lỗi đồng bộ'],
  ['needsSignIn', 'Cần đăng nhập lại'],
  ['accessDenied', 'Không có quyền truy cập'],
];

describe('<dk-sync-badge>', () => {
  beforeEach(() => setLocale('vi'));
  after(() => setLocale('vi'));

  for (const [state, word] of STATES) {
    it(`shows the ${state} state in words, not colour alone`, async () => {
      const el = await fixture<DkSyncBadge>(html`<dk-sync-badge .snapshot=${snapshot(state)}></dk-sync-badge>`);
      const button = el.shadowRoot!.querySelector('button')!;
      expect(button.dataset.state).to.equal(state);
      expect(button.textContent).to.contain(word);
      expect(button.getAttribute('aria-label')).to.contain(word);
      expect(button.querySelector('svg')).to.not.equal(null);
    });
  }

  it('shows the pending count while offline and names it for screen readers', async () => {
    const el = await fixture<DkSyncBadge>(html`<dk-sync-badge .snapshot=${snapshot('offline', { pendingLocal: 3 })}></dk-sync-badge>`);
    const count = el.shadowRoot!.querySelector('[data-testid="pending"]')!;
    expect(count.textContent!.trim()).to.equal('3');
    expect(el.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).to.contain('3 thay đổi đang chờ gửi');
  });

  it('hides the count when nothing is pending', async () => {
    const el = await fixture<DkSyncBadge>(html`<dk-sync-badge .snapshot=${snapshot('upToDate')}></dk-sync-badge>`);
    expect(el.shadowRoot!.querySelector('[data-testid="pending"]')).to.equal(null);
  });

  it('renders before the first snapshot arrives', async () => {
    const el = await fixture<DkSyncBadge>(html`<dk-sync-badge></dk-sync-badge>`);
    expect(el.shadowRoot!.querySelector('button')!.dataset.state).to.equal('connecting');
  });

  it('fires dk-open-sync-panel on click, bubbling out of the shadow root', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><dk-sync-badge .snapshot=${snapshot('syncing')}></dk-sync-badge></div>`);
    const el = wrapper.querySelector('dk-sync-badge')!;
    setTimeout(() => el.shadowRoot!.querySelector('button')!.click());
    const event = await oneEvent(wrapper, 'dk-open-sync-panel');
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('opens with the keyboard (Tab, Enter and Space)', async () => {
    const el = await fixture<DkSyncBadge>(html`<dk-sync-badge .snapshot=${snapshot('upToDate')}></dk-sync-badge>`);
    let opened = 0;
    el.addEventListener('dk-open-sync-panel', () => opened++);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('button'));
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    expect(opened).to.equal(2);
  });

  it('follows the language (English, Arabic)', async () => {
    const el = await fixture<DkSyncBadge>(html`<dk-sync-badge .snapshot=${snapshot('offline', { pendingLocal: 2 })}></dk-sync-badge>`);
    setLocale('en');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.contain('Offline');
    setLocale('ar');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.contain('غير متصل');
  });

  it('is accessible in every state', async () => {
    for (const [state] of STATES) {
      const el = await fixture<DkSyncBadge>(html`<dk-sync-badge .snapshot=${snapshot(state, { pendingLocal: 4 })}></dk-sync-badge>`);
      await expect(el).to.be.accessible();
    }
  });
});
