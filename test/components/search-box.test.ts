import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { registerIncoming } from '../../src/data/documents.ts';
import '../../src/features/search/dk-search-box.ts';
import type { DkSearchBox } from '../../src/features/search/dk-search-box.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import type { MeResponse } from '../../src/model/api.ts';
import { wardDay } from '../../src/model/time.ts';
import { recentSearches } from '../../src/search/recent.ts';
import { eraseSearch, stopSearch } from '../../src/search/service.ts';
import { destroyMe, testMe } from './data-helpers.ts';

function officeMe(): MeResponse {
  const me = testMe(['clerk', 'leader'], ['vp']);
  me.spaces.splice(1, 0, { kind: 'registry', id: 'registry', title: 'Sổ văn bản', db: 'docket-registry' });
  return me;
}

const register = (me: MeResponse, numberSymbol: string, summary: string) =>
  registerIncoming(
    me,
    {
      issuingBody: 'UBND thành phố Hà Nội',
      numberSymbol,
      issuedOn: wardDay(),
      kind: 'quyetDinh',
      summary,
      urgency: 'normal',
      confidentiality: 'normal',
      arrivedOn: wardDay(),
      receivedVia: 'paper',
      attachments: [],
    },
    [],
  );

describe('<dk-search-box>', () => {
  let me: MeResponse;
  let el: DkSearchBox;
  let decision: string;
  const start = location.pathname;

  beforeEach(async () => {
    setLocale('vi');
    me = officeMe();
    decision = await register(me, '15/QĐ-UBND', 'Quyết định về việc giao dự toán ngân sách nhà nước năm 2026');
    await register(me, '16/QĐ-UBND', 'Quyết định về việc kiện toàn Ban Chỉ đạo chuyển đổi số phường');
    el = await fixture<DkSearchBox>(html`<dk-search-box .me=${me}></dk-search-box>`);
  });
  afterEach(async () => {
    history.replaceState(null, '', start);
    await eraseSearch(me.name);
    stopSearch();
    localStorage.removeItem(`docket-search-recent:${me.name}`);
    localStorage.removeItem(`docket-search-saved:${me.name}`);
    await destroyMe(me);
  });

  const input = () => el.shadowRoot!.querySelector('input')!;
  const options = () => [...el.shadowRoot!.querySelectorAll('[role=option]')] as HTMLElement[];

  it('opens with Ctrl+K, finds decisions without diacritics, highlights the words, and opens one with the keyboard', async () => {
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'KeyK' });
    await sendKeys({ up: 'Control' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(input());
    await sendKeys({ type: 'quyet dinh 15' });
    await waitUntil(() => options().length > 0, 'no results', { timeout: 8000 });
    expect(input().getAttribute('role')).to.equal('combobox');
    expect(input().getAttribute('aria-expanded')).to.equal('true');
    const first = options()[0]!;
    expect(first.textContent).to.contain('giao dự toán');
    expect([...first.querySelectorAll('mark')].map((m) => m.textContent)).to.include.members(['Quyết', 'định', '15']);
    expect(el.shadowRoot!.querySelector('[role=group]')!.getAttribute('aria-label')).to.equal('Văn bản');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input().getAttribute('aria-activedescendant')).to.equal(first.id);
    expect(first.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(decodeURIComponent(location.pathname)).to.equal(`/documents/${decision}`);
    expect(recentSearches(me.name)).to.deep.equal(['quyet dinh 15']);
    expect(el.shadowRoot!.querySelector('.panel')).to.equal(null);
  });

  it('opens with / outside fields, closes with Escape, and offers recent and saved searches when empty', async () => {
    input().focus();
    await sendKeys({ type: '15/qd-ubnd' });
    await waitUntil(() => options().length > 0, 'no results', { timeout: 8000 });
    // An exact number/symbol is marked as such and comes first.
    expect(options()[0]!.textContent).to.contain('giao dự toán');
    expect(options()[0]!.querySelector('.exact')).to.not.equal(null);
    const save = [...el.shadowRoot!.querySelectorAll('.footer button')].find((b) => b.textContent!.includes('Lưu')) as HTMLButtonElement;
    save.click();
    await el.updateComplete;
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.panel')).to.equal(null);
    input().blur();
    (document.activeElement as HTMLElement | null)?.blur();

    await sendKeys({ press: '/' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(input());
    // Clear the text: the saved search is offered.
    input().value = '';
    input().dispatchEvent(new Event('input'));
    await el.updateComplete;
    const saved = options().find((o) => o.textContent!.includes('15/qd-ubnd'));
    expect(saved, 'saved search offered').to.not.equal(undefined);
    saved!.click();
    await el.updateComplete;
    expect(input().value).to.equal('15/qd-ubnd');
  });

  it('says so when nothing matches, and shows close matches for a typo', async () => {
    input().focus();
    await sendKeys({ type: 'xyzzy' });
    await waitUntil(
      () => el.shadowRoot!.querySelector('.footer [role=status]')?.textContent?.includes('Không tìm thấy'),
      'no "nothing found"',
      {
        timeout: 8000,
      },
    );
    input().value = 'chuyen doi sô phuongg';
    input().dispatchEvent(new Event('input'));
    await waitUntil(() => options().some((o) => o.textContent!.includes('chuyển đổi số')), 'typo not tolerated', { timeout: 8000 });
    expect(el.shadowRoot!.querySelector('.footer [role=status]')!.textContent).to.contain('gần đúng');
  });
});
