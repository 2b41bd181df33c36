// The relevance table (issue 6): realistic queries a ward's cadres type, with and without diacritics, with
// typos, by number/symbol and by words, over a year-like corpus (3,000 generated documents plus the named ones,
// the demo ward's people and notices, tasks), and the result expected first overall.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SearchEngine } from '../../src/search/engine.ts';
import type { SearchHit } from '../../src/search/types.ts';
import { NOTICE_IDS, corpus } from './search-fixtures.ts';

interface Row {
  q: string;
  /** The id expected first. */
  top?: string;
  /** Or: what the first result must be like (for template documents, which many items share). */
  like?: { kind?: string; title?: RegExp };
  /** The first result must be flagged as an exact number/symbol match. */
  exact?: boolean;
}

const D1 = 'officialDocument:D1-decision-15';
const notice = (title: string): string => NOTICE_IDS[title]!;

const TABLE: Row[] = [
  // Number/symbol, as printed and as typed
  { q: '15/QĐ-UBND', top: D1, exact: true },
  { q: '15/qd-ubnd', top: D1, exact: true },
  { q: '15 / QĐ - UBND', top: D1, exact: true },
  { q: 'QĐ-UBND 15', top: D1 },
  { q: 'qd 15 ubnd', top: D1 },
  { q: 'quyet dinh 15 ubnd', top: D1 },
  { q: 'Quyết định 15 giao dự toán', top: D1 },
  { q: 'quyet dinh 15 du toan ngan sach', top: D1 },
  { q: 'QUYẾT ĐỊNH SỐ 15/QĐ-UBND', top: D1 },
  { q: '2345/SXD-QLXD', top: 'officialDocument:D2-sxd-2345', exact: true },
  { q: 'sxd qlxd 2345', top: 'officialDocument:D2-sxd-2345' },
  { q: 'cong van 2345 xay dung', top: 'officialDocument:D2-sxd-2345' },
  { q: '125-KH/TU', top: 'officialDocument:D3-party-plan', exact: true },
  { q: 'ke hoach 125 thanh uy', top: 'officialDocument:D3-party-plan' },
  { q: '317', top: 'officialDocument:D4-arrival-317', exact: true },
  { q: '41/TTr-UBND', top: 'officialDocument:D7-outgoing', exact: true },
  { q: 'to trinh via he hang bong', top: 'officialDocument:D7-outgoing' },
  // Words of a summary, without diacritics
  { q: 'kien toan ban chi dao chuyen doi so', top: 'officialDocument:D6-cds' },
  { q: 'cong dien mua lon ngap ung', like: { kind: 'document', title: /mưa lớn, ngập úng/ } },
  { q: 'phong chay chua chay khu dan cu', like: { kind: 'document', title: /phòng cháy, chữa cháy/ } },
  { q: 'de an 06 dinh danh dien tu', like: { kind: 'document', title: /Đề án 06/ } },
  { q: 'du lieu dat dai', like: { kind: 'document', title: /dữ liệu đất đai/ } },
  { q: 'tết nguyên đán', like: { kind: 'document', title: /Tết Nguyên đán/ } },
  { q: 'trat tu xay dung', like: { kind: 'document', title: /trật tự xây dựng/ } },
  { q: 'giam ngheo ben vung', like: { kind: 'document', title: /giảm nghèo bền vững/ } },
  // Typos
  { q: 'quyet dihn 15 ubnd', top: D1 },
  { q: 'cai cach hanh chin', like: { title: /cải cách hành chính/ } },
  { q: 'chuyen doi sô phuongg', top: 'officialDocument:D6-cds' },
  { q: 'phan thanh sonn', top: 'person:son.phan' },
  // People
  { q: 'Trần Văn Hùng', top: 'person:hung.tran' },
  { q: 'tran van hung', top: 'person:hung.tran' },
  { q: 'DINH THUY LINH', top: 'person:linh.dinh' },
  { q: 'hoang thi mai', top: 'person:mai.hoang' },
  { q: 'van thu', like: { kind: 'person' } },
  { q: 'ngo tien dung phap che', top: 'person:dung.ngo' },
  // Tasks
  { q: 'ra soat ho ngheo to dan pho 7', top: 'task:T1' },
  { q: 'bao cao so ket 6 thang', top: 'task:T2' },
  { q: 'kiem tra cong trinh ngo 12 hang bot', top: 'task:T3' },
  // Notices
  { q: 'lich tiep cong dan', top: notice('Lịch tiếp công dân định kỳ của lãnh đạo UBND phường') },
  { q: 'nghi tet duong lich', top: notice('Thông báo lịch nghỉ Tết Dương lịch') },
  { q: 'cao diem cai cach hanh chinh', top: notice('Triển khai đợt cao điểm cải cách hành chính cuối năm') },
];

const first = (e: SearchEngine, q: string): SearchHit | undefined => e.search(q).groups[0]?.hits[0];

describe('search relevance table', () => {
  let engine: SearchEngine;
  before(() => {
    engine = new SearchEngine();
    engine.put(corpus());
  });

  it(`has at least 30 queries (${TABLE.length})`, () => assert.ok(TABLE.length >= 30));

  for (const row of TABLE) {
    it(`"${row.q}" → ${row.top ?? `${row.like!.kind ?? 'any'} ${row.like!.title ?? ''}`}`, () => {
      const hit = first(engine, row.q);
      assert.ok(hit, 'no result');
      const got = `${hit.item.id} "${hit.item.title}"`;
      if (row.top) assert.equal(hit.item.id, row.top, got);
      if (row.like) {
        if (row.like.kind) assert.equal(hit.item.kind, row.like.kind, got);
        if (row.like.title) assert.match(hit.item.title, row.like.title, got);
      }
      if (row.exact) assert.equal(hit.exact, true, `${got} not flagged exact`);
    });
  }
});
