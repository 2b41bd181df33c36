import { expect, fixture, html } from '@open-wc/testing';
import '../../src/features/notices/dk-notice-list.ts';
import type { DkNoticeList } from '../../src/features/notices/dk-notice-list.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import '../../src/i18n/messages.ts';
import { UNIT, notice } from './notice-fixtures.ts';

const NOW = Date.parse('2026-11-20T05:00:00.000Z');
const items = (el: DkNoticeList) => [...el.shadowRoot!.querySelectorAll('li[data-id]')] as HTMLElement[];
const titles = (el: DkNoticeList) => items(el).map((li) => li.querySelector('h2')!.textContent!.trim());

describe('<dk-notice-list>', () => {
  beforeEach(() => setLocale('vi'));
  after(() => setLocale('vi'));

  it('shows skeleton rows while loading, without layout-shifting text', async () => {
    const el = await fixture<DkNoticeList>(html`<dk-notice-list></dk-notice-list>`);
    expect(el.shadowRoot!.querySelector('[role="status"]')).to.not.equal(null);
    expect(el.shadowRoot!.querySelectorAll('.skeleton-row').length).to.equal(4);
  });

  it('puts pinned notices on top, then newest first', async () => {
    const data = [
      notice({ title: 'Cũ', createdAt: '2026-11-01T01:00:00.000Z' }),
      notice({ title: 'Mới', createdAt: '2026-11-19T01:00:00.000Z' }),
      notice({ title: 'Ghim cũ', pinned: true, createdAt: '2026-10-01T01:00:00.000Z' }),
    ];
    const el = await fixture<DkNoticeList>(html`<dk-notice-list .notices=${data} .now=${NOW}></dk-notice-list>`);
    expect(titles(el)).to.deep.equal(['Ghim cũ', 'Mới', 'Cũ']);
    const pinned = items(el)[0]!;
    expect(pinned.classList.contains('pinned')).to.equal(true);
    expect(pinned.querySelector('.chip.pin')!.textContent).to.contain('Ghim');
  });

  it('marks unread notices visibly and for screen readers', async () => {
    const data = [notice({ title: 'Chưa đọc', read: false }), notice({ title: 'Đã đọc', read: true })];
    const el = await fixture<DkNoticeList>(html`<dk-notice-list .notices=${data} .now=${NOW}></dk-notice-list>`);
    const unread = items(el).find((li) => li.textContent!.includes('Chưa đọc'));
    const read = items(el).find((li) => li.querySelector('h2')!.textContent!.includes('Đã đọc'));
    expect(unread!.classList.contains('unread')).to.equal(true);
    expect(unread!.querySelector('.visually-hidden')!.textContent).to.contain('Chưa đọc');
    expect(read!.classList.contains('unread')).to.equal(false);
  });

  it('shows the audience, the author, a relative time, pending sync and a link to the notice', async () => {
    const data = [
      notice({ title: 'Đơn vị', space: UNIT, pending: true, createdAt: '2026-11-20T03:00:00.000Z' }),
      notice({ title: 'Phường' }),
    ];
    const el = await fixture<DkNoticeList>(html`<dk-notice-list .notices=${data} .now=${NOW}></dk-notice-list>`);
    const unit = items(el).find((li) => li.textContent!.includes('Đơn vị'));
    const org = items(el).find((li) => li.textContent!.includes('Phường'));
    expect(unit!.textContent).to.contain('Phòng Văn hóa – Xã hội');
    expect(unit!.querySelector('.chip.pending')!.textContent).to.contain('Chờ đồng bộ');
    expect(unit!.querySelector('time')!.textContent).to.contain('2 giờ trước');
    expect(unit!.textContent).to.contain('Nguyễn Thị Lan');
    expect(org!.querySelector('.chip.org')!.textContent).to.contain('Toàn phường');
    expect(org!.querySelector('a')!.getAttribute('href')).to.equal(`/notices/${encodeURIComponent(data[1]!._id)}`);
  });

  it('hides expired notices unless asked, and mutes them when shown', async () => {
    const data = [notice({ title: 'Còn hiệu lực' }), notice({ title: 'Hết hạn', expired: true, expiresOn: '2026-11-01' })];
    const el = await fixture<DkNoticeList>(html`<dk-notice-list .notices=${data} .now=${NOW}></dk-notice-list>`);
    expect(titles(el)).to.deep.equal(['Còn hiệu lực']);
    el.showExpired = true;
    await el.updateComplete;
    expect(titles(el)).to.include('Hết hạn');
    expect(
      items(el)
        .find((li) => li.textContent!.includes('Hết hạn'))!
        .classList.contains('expired'),
    ).to.equal(true);
  });

  it('explains what notices are and who can post when there are none', async () => {
    const el = await fixture<DkNoticeList>(html`<dk-notice-list .notices=${[]} can-post></dk-notice-list>`);
    const empty = el.shadowRoot!.querySelector('dk-empty-state')!;
    expect(empty.heading).to.equal('Chưa có thông báo nào');
    expect(empty.textContent).to.contain('Lãnh đạo, văn thư và trưởng các đơn vị');
    expect(empty.textContent).to.contain('Thông báo mới');
  });

  it('tells when every notice has expired instead of showing an empty list', async () => {
    const el = await fixture<DkNoticeList>(html`<dk-notice-list .notices=${[notice({ expired: true })]}></dk-notice-list>`);
    expect(el.shadowRoot!.querySelector('.all-expired')!.textContent).to.contain('1 thông báo đã hết hạn');
  });

  it('shows text as text, never as HTML', async () => {
    const data = [notice({ title: '<img src=x onerror="window.__pwned=1">', body: '<b>đậm</b>' })];
    const el = await fixture<DkNoticeList>(html`<dk-notice-list .notices=${data} .now=${NOW}></dk-notice-list>`);
    expect(el.shadowRoot!.querySelector('li img, li b')).to.equal(null);
    expect(titles(el)[0]).to.equal('<img src=x onerror="window.__pwned=1">');
  });

  it('speaks Arabic when the locale is Arabic', async () => {
    setLocale('ar');
    const el = await fixture<DkNoticeList>(html`<dk-notice-list .notices=${[notice({ pinned: true })]} .now=${NOW}></dk-notice-list>`);
    expect(el.shadowRoot!.querySelector('.chip.pin')!.textContent).to.contain('مثبّت');
    expect(el.shadowRoot!.querySelector('.chip.org')!.textContent).to.contain('الحي كله');
  });

  it('is accessible', async () => {
    const data = [
      notice({ pinned: true, read: false }),
      notice({ pending: true, space: UNIT }),
      notice({ attachment: { name: 'a.pdf', type: 'application/pdf', size: 1000 } }),
    ];
    const el = await fixture<DkNoticeList>(html`<dk-notice-list .notices=${data} .now=${NOW}></dk-notice-list>`);
    await expect(el).to.be.accessible();
  });
});
