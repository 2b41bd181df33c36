import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SearchEngine } from '../../src/search/engine.ts';
import type { SearchItem } from '../../src/search/types.ts';

const doc = (id: string, symbol: string, title: string, date = '2026-03-01', extra: Partial<SearchItem> = {}): SearchItem => ({
  id: `officialDocument:${id}`,
  kind: 'document',
  path: `/documents/officialDocument:${id}`,
  title,
  meta: `Quyết định · ${symbol} · UBND thành phố Hà Nội`,
  symbols: [symbol],
  body: '',
  date,
  ...extra,
});

const topIds = (e: SearchEngine, q: string): string[] => e.search(q, { perKind: 10 }).groups.flatMap((g) => g.hits.map((h) => h.item.id));

describe('search engine', () => {
  it('ranks the exact number/symbol first, above newer and wordier matches', () => {
    const e = new SearchEngine();
    e.put([
      doc('a', '150/QĐ-UBND', 'Quyết định 15 về quy chế làm việc', '2026-05-01'),
      doc('b', '15/QĐ-SNV', 'Quyết định về việc kiện toàn', '2026-04-01'),
      doc('c', '15/QĐ-UBND', 'Về việc giao dự toán ngân sách', '2026-01-02'),
      doc('d', '1501/UBND-KT', 'V/v 15 QĐ UBND đã ban hành: triển khai QĐ UBND số 15', '2026-06-01'),
    ]);
    for (const q of ['15/QĐ-UBND', '15/qd-ubnd', '15 / qđ - ubnd', 'QĐ-UBND 15']) {
      const answer = e.search(q);
      const first = answer.groups[0]!.hits[0]!;
      assert.equal(first.item.id, 'officialDocument:c', q);
      if (q !== 'QĐ-UBND 15') assert.equal(first.exact, true, q);
    }
    // Any decision numbered 15 may be meant; an exact number beats the same digits starting another number.
    const ids = topIds(e, 'quyet dinh 15');
    assert.deepEqual(ids.slice(0, 2).sort(), ['officialDocument:b', 'officialDocument:c']);
    assert.ok(ids.indexOf('officialDocument:a') > 1);
  });

  it('matches every word (AND), as a word or a word beginning, with or without diacritics', () => {
    const e = new SearchEngine();
    e.put([doc('a', '7/KH-UBND', 'Kế hoạch tổ chức Tết Nguyên đán'), doc('b', '8/KH-UBND', 'Kế hoạch phòng cháy chữa cháy')]);
    assert.deepEqual(topIds(e, 'ke hoach tet'), ['officialDocument:a']);
    assert.deepEqual(topIds(e, 'Kế hoạch Tết'), ['officialDocument:a']);
    assert.deepEqual(topIds(e, 'ke hoa').sort(), ['officialDocument:a', 'officialDocument:b']);
    assert.deepEqual(topIds(e, 'ke hoach bao cao'), []);
  });

  it('finds a decision by its type words though its summary does not say them', () => {
    const e = new SearchEngine();
    e.put([{ ...doc('a', '15/QĐ-UBND', 'Về việc giao dự toán'), meta: '15/QĐ-UBND' }]);
    assert.deepEqual(topIds(e, 'quyet dinh 15'), ['officialDocument:a']);
  });

  it('tolerates a typo once exact words find nothing, and says so', () => {
    const e = new SearchEngine();
    e.put([doc('a', '15/QĐ-UBND', 'Quyết định về việc giao dự toán'), doc('b', '16/QĐ-UBND', 'Quyết định về chuyển đổi số')]);
    const answer = e.search('quyet dihn chuyen doi');
    assert.equal(answer.fuzzy, true);
    assert.equal(answer.groups[0]!.hits[0]!.item.id, 'officialDocument:b');
    assert.equal(e.search('quyet dinh chuyen doi').fuzzy, false);
    // Numbers are never guessed.
    assert.deepEqual(topIds(e, '17/QĐ-UBND'), []);
  });

  it('adds, replaces and removes items one by one', () => {
    const e = new SearchEngine();
    e.put([doc('a', '1/QĐ-UBND', 'Về việc đặt tên đường')]);
    assert.deepEqual(topIds(e, 'dat ten duong'), ['officialDocument:a']);
    e.put([doc('a', '1/QĐ-UBND', 'Về việc đổi tên phố')]);
    assert.deepEqual(topIds(e, 'dat ten duong'), []);
    assert.deepEqual(topIds(e, 'doi ten pho'), ['officialDocument:a']);
    assert.equal(e.size, 1);
    e.remove(['officialDocument:a']);
    assert.deepEqual(topIds(e, 'doi ten pho'), []);
    assert.equal(e.size, 0);
    e.remove(['officialDocument:nope']); // no-op
  });

  it('keeps answers right across compaction after many updates', () => {
    const e = new SearchEngine();
    const many = (v: number) =>
      Array.from({ length: 3000 }, (_, i) => doc(String(i), `${i + 1}/TB-UBND`, `Thông báo số ${i + 1} lần ${v}`));
    e.put(many(1));
    e.put(many(2));
    e.put(many(3));
    assert.equal(e.size, 3000);
    const answer = e.search('thong bao lan 3', { perKind: 5 });
    assert.equal(answer.groups[0]!.total, 3000);
    // Only the latest version of each item is found: "lần 1" and "lần 2" are gone.
    assert.equal(e.search('lan 1', { perKind: 3000 }).groups[0]?.hits.every((h) => h.item.title.endsWith('lần 3')) ?? true, true);
    assert.equal(
      e.search('thong bao lan 2', { perKind: 3000 }).groups[0]?.hits.every((h) => /số 2\d* lần 3$/.test(h.item.title)) ?? true,
      true,
    );
    assert.equal(topIds(e, '42/TB-UBND')[0], 'officialDocument:41');
  });

  it('replaces a kind whole (what a stored snapshot had but the device no longer holds goes)', () => {
    const e = new SearchEngine();
    e.put([doc('a', '1/QĐ-UBND', 'Cũ'), doc('b', '2/QĐ-UBND', 'Còn')]);
    e.put([{ id: 'task:1', kind: 'task', path: '/tasks/task:1', title: 'Còn việc', meta: '', symbols: [], body: '', date: '2026-01-01' }]);
    e.replaceKind('document', [doc('b', '2/QĐ-UBND', 'Còn')]);
    assert.deepEqual(topIds(e, 'con').sort(), ['officialDocument:b', 'task:1']);
  });

  it('groups by kind with the best group first, capped per group with totals', () => {
    const e = new SearchEngine();
    const notices = Array.from({ length: 8 }, (_, i): SearchItem => ({
      id: `notice:${i}`,
      kind: 'notice',
      path: `/notices/notice:${i}`,
      title: `Lịch trực cơ quan tuần ${i}`,
      meta: 'Đỗ Thị Hòa',
      symbols: [],
      body: '',
      date: `2026-01-0${i + 1}`,
    }));
    e.put([...notices, doc('x', '9/TB-UBND', 'Về phân công trực Tết', '2026-01-01', { meta: '9/TB-UBND', body: 'lịch trực' })]);
    const answer = e.search('lich truc', { perKind: 3 });
    assert.deepEqual(
      answer.groups.map((g) => [g.kind, g.hits.length, g.total]),
      [
        ['notice', 3, 8],
        ['document', 1, 1],
      ],
    );
    // Equal scores: newest first.
    assert.deepEqual(
      answer.groups[0]!.hits.map((h) => h.item.id),
      ['notice:7', 'notice:6', 'notice:5'],
    );
  });

  it('answers nothing for an empty or punctuation-only query', () => {
    const e = new SearchEngine();
    e.put([doc('a', '1/QĐ-UBND', 'Về việc')]);
    assert.deepEqual(e.search('').groups, []);
    assert.deepEqual(e.search(' /-. ').groups, []);
  });
});
