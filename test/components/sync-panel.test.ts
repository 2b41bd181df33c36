import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/features/sync/dk-sync-panel.ts';
import type { DkSyncPanel } from '../../src/features/sync/dk-sync-panel.ts';
import { syncMessages } from '../../src/features/sync/messages.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import type { RejectedDoc } from '../../src/sync/types.ts';
import { ORG, UNIT, snapshot, spaceStatus } from './sync-fixtures.ts';

const rejected: RejectedDoc = {
  spaceDb: ORG.db,
  id: 'notice:01JREFUSED000000000000000',
  label: 'Thông báo nghỉ lễ',
  reason: 'Chỉ lãnh đạo, văn thư hoặc trưởng đơn vị được đăng thông báo toàn phường',
  at: new Date().toISOString(),
};

const $ = (el: DkSyncPanel, sel: string) => el.shadowRoot!.querySelector(sel);
const $$ = (el: DkSyncPanel, sel: string) => [...el.shadowRoot!.querySelectorAll(sel)];

describe('<dk-sync-panel>', () => {
  beforeEach(() => setLocale('vi'));
  after(() => setLocale('vi'));

  it('shows each space with its state, pending changes and last synced time (relative)', async () => {
    const now = Date.parse('2026-03-02T03:00:00Z');
    const snap = snapshot('syncing', {
      pendingLocal: 2,
      lastSyncedAt: new Date(now - 5 * 60_000).toISOString(),
      spaces: [
        spaceStatus({ state: 'upToDate', lastSyncedAt: new Date(now - 5 * 60_000).toISOString() }),
        spaceStatus({ space: UNIT, state: 'syncing', pendingLocal: 2 }),
      ],
    });
    const el = await fixture<DkSyncPanel>(html`<dk-sync-panel .snapshot=${snap} .now=${now}></dk-sync-panel>`);
    const spaces = $$(el, 'li.space');
    expect(spaces.map((li) => li.querySelector('strong')!.textContent)).to.deep.equal(['Toàn phường', UNIT.title]);
    expect(spaces[0]!.querySelector('.state')!.textContent).to.contain('Đã đồng bộ');
    expect(spaces[1]!.querySelector('.state')!.textContent).to.contain('Đang đồng bộ');
    expect(spaces[1]!.querySelector('[data-testid="space-pending"]')!.textContent).to.equal('2');
    const time = spaces[0]!.querySelector('time')!;
    expect(time.textContent).to.equal('5 phút trước');
    expect(time.getAttribute('datetime')).to.equal(new Date(now - 5 * 60_000).toISOString());
    expect($(el, '.meta')!.textContent).to.contain('2 thay đổi đang chờ gửi');
  });

  it('shows first-sync progress as received / total with a progress bar', async () => {
    const snap = snapshot('syncing', { spaces: [spaceStatus({ state: 'syncing', firstSync: { received: 1500, total: 10000 } })] });
    const el = await fixture<DkSyncPanel>(html`<dk-sync-panel .snapshot=${snap}></dk-sync-panel>`);
    const progress = $(el, 'progress') as HTMLProgressElement;
    expect(progress.max).to.equal(10000);
    expect(progress.value).to.equal(1500);
    expect($(el, '.progress')!.textContent).to.contain('1.500/10.000');
  });

  it('shows conflicts only when there are some', async () => {
    const snap = snapshot('upToDate', { spaces: [spaceStatus({ conflicts: 3 }), spaceStatus({ space: UNIT })] });
    const el = await fixture<DkSyncPanel>(html`<dk-sync-panel .snapshot=${snap}></dk-sync-panel>`);
    expect($$(el, '[data-testid="space-conflicts"]').map((d) => d.textContent)).to.deep.equal(['3']);
  });

  it('explains offline, expired session, access denied and errors', async () => {
    const cases = [
      ['offline', 'Bạn đang ngoại tuyến'],
      ['needsSignIn', 'Phiên đăng nhập đã hết hạn'],
      ['accessDenied', 'không còn quyền truy cập'],
      ['error', 'Ứng dụng sẽ tự thử lại'],
    ] as const;
    for (const [state, text] of cases) {
      const el = await fixture<DkSyncPanel>(html`<dk-sync-panel .snapshot=${snapshot(state)}></dk-sync-panel>`);
      expect($(el, '[data-testid="overall"]')!.textContent).to.contain(syncMessages.vi[`sync.state.${state}`]);
      expect($(el, '.banner')!.textContent).to.contain(text);
    }
    const full = snapshot('error', { spaces: [spaceStatus({ state: 'error', error: 'storageFull' })] });
    const el = await fixture<DkSyncPanel>(html`<dk-sync-panel .snapshot=${full}></dk-sync-panel>`);
    expect($(el, 'li.space .error')!.textContent).to.contain('Bộ nhớ của thiết bị đã đầy');
  });

  it('shows no banner when up to date, and "never synced" before the first sync', async () => {
    const snap = snapshot('connecting', { spaces: [spaceStatus({ state: 'connecting', lastSyncedAt: undefined })] });
    delete snap.spaces[0]!.lastSyncedAt;
    const el = await fixture<DkSyncPanel>(html`<dk-sync-panel .snapshot=${snap}></dk-sync-panel>`);
    expect($(el, '.banner')).to.equal(null);
    expect($(el, 'li.space dd')!.textContent).to.equal('Chưa đồng bộ lần nào');
  });

  it('lists refused documents with the reason and fires dk-discard-rejected', async () => {
    const el = await fixture<DkSyncPanel>(
      html`<dk-sync-panel .snapshot=${snapshot('upToDate', { rejected: [rejected] })}></dk-sync-panel>`,
    );
    const item = $(el, 'li.rejected')!;
    expect(item.textContent).to.contain(rejected.label);
    expect(item.textContent).to.contain('Máy chủ không nhận thay đổi này');
    expect(item.querySelector('[lang=en]')!.textContent).to.equal(rejected.reason);
    expect(item.textContent).to.contain('Toàn phường');
    const button = item.querySelector('button')!;
    expect(button.getAttribute('aria-label')).to.equal(`Bỏ “${rejected.label}”`);
    setTimeout(() => button.click());
    const event = await oneEvent(el, 'dk-discard-rejected');
    expect(event.detail).to.deep.equal({ id: rejected.id, spaceDb: ORG.db });
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('fires dk-sync-now from the button', async () => {
    const el = await fixture<DkSyncPanel>(html`<dk-sync-panel .snapshot=${snapshot('error')}></dk-sync-panel>`);
    setTimeout(() => ($(el, '[data-testid="sync-now"]') as HTMLButtonElement).click());
    const event = await oneEvent(el, 'dk-sync-now');
    expect(event.composed).to.equal(true);
  });

  it('works with the keyboard: Tab to "sync now", Enter; Tab to discard, Space', async () => {
    const el = await fixture<DkSyncPanel>(html`<dk-sync-panel .snapshot=${snapshot('offline', { rejected: [rejected] })}></dk-sync-panel>`);
    const fired: string[] = [];
    el.addEventListener('dk-sync-now', () => fired.push('now'));
    el.addEventListener('dk-discard-rejected', (e) => fired.push(`discard:${e.detail.id}`));
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[data-testid="sync-now"]'));
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'li.rejected button'));
    await sendKeys({ press: 'Space' });
    expect(fired).to.deep.equal(['now', `discard:${rejected.id}`]);
  });

  it('renders in Arabic, right to left', async () => {
    setLocale('ar');
    const el = await fixture<DkSyncPanel>(html`<dk-sync-panel .snapshot=${snapshot('offline', { rejected: [rejected] })}></dk-sync-panel>`);
    expect(document.documentElement.dir).to.equal('rtl');
    expect($(el, '[data-testid="sync-now"]')!.textContent).to.contain('زامن الآن');
    await expect(el).to.be.accessible();
  });

  it('is accessible (every state, progress, rejected docs)', async () => {
    for (const state of ['offline', 'connecting', 'syncing', 'upToDate', 'error', 'needsSignIn', 'accessDenied'] as const) {
      const snap = snapshot(state, {
        pendingLocal: 1,
        rejected: [rejected],
        spaces: [
          spaceStatus({ state, firstSync: { received: 10, total: 40 }, conflicts: 1, error: 'network' }),
          spaceStatus({ space: UNIT, state }),
        ],
      });
      const el = await fixture<DkSyncPanel>(html`<dk-sync-panel .snapshot=${snap}></dk-sync-panel>`);
      await expect(el).to.be.accessible();
    }
  });

  it('has every message key in vi, en and ar', () => {
    const keys = Object.keys(syncMessages.vi).sort();
    expect(Object.keys(syncMessages.en).sort()).to.deep.equal(keys);
    expect(Object.keys(syncMessages.ar).sort()).to.deep.equal(keys);
  });
});
