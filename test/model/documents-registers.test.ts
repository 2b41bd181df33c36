import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  INCOMING_REGISTER_HEADERS,
  OUTGOING_REGISTER_HEADERS,
  csvField,
  incomingCells,
  incomingRegister,
  outgoingCells,
  outgoingRegister,
  registerCsv,
  registerFileName,
  registerTitle,
  toCsv,
  viDate,
} from '../../src/model/documents/registers.ts';
import { deriveState } from '../../src/model/documents/workflow.ts';
import { AN, KT, VP, ev, incomingDoc, outgoingDoc } from './documents-fixtures.ts';

const names = {
  person: (n: string) => ({ 'lan.nguyen': 'Nguyễn Thị Lan', 'an.nguyen': 'Nguyễn Văn An' })[n] ?? n,
  unit: (u: string) => ({ vp: 'Văn phòng HĐND – UBND', kt: 'Phòng Kinh tế' })[u] ?? u,
};

let n = 0;
/** An incoming document registered, numbered `number` in `book`, optionally directed to VP (lead) and KT. */
function incoming(number: number | null, over: Parameters<typeof incomingDoc>[0] = {}, directed = false) {
  const doc = incomingDoc({ _id: `officialDocument:01JIN${String(++n).padStart(21, '0')}`, ...over });
  const events = [ev(doc, 'registered', 'clerk')];
  if (number !== null) {
    const book = doc.confidentiality === 'normal' ? 'incoming' : 'incomingConfidential';
    events.push(ev(doc, 'numbered', 'server', { book, year: 2026, number }));
  }
  if (directed) {
    events.push(
      ev(doc, 'directed', 'leader', {
        note: 'VP chủ trì',
        assignments: [
          { assignee: VP, role: 'lead', deadline: '2026-12-01' },
          { assignee: KT, role: 'coordinating' },
        ],
      }),
    );
    events.push(ev(doc, 'delivered', 'server', { assignee: VP }));
  }
  return deriveState(doc, events);
}

function outgoing(number: number, over: Parameters<typeof outgoingDoc>[0] = {}) {
  const doc = outgoingDoc({ _id: `officialDocument:01JOUT${String(++n).padStart(20, '0')}`, ...over });
  const events = [
    ev(doc, 'submitted', 'staffVp'),
    ev(doc, 'forwardedToLeader', 'headVp'),
    ev(doc, 'approved', 'leader'),
    ev(doc, 'numbered', 'server', {
      book: 'outgoing',
      year: 2026,
      number,
      numberSymbol: `${String(number).padStart(2, '0')}/UBND-VP`,
      issuedOn: '2026-11-20',
    }),
  ];
  return deriveState(doc, events);
}

describe('incoming register', () => {
  it('lists numbered documents of the book and range, by arrival number, with the Decree columns', () => {
    const states = [
      incoming(12, { arrivedOn: '2026-11-20', urgency: 'urgent' }, true),
      incoming(3, { arrivedOn: '2026-02-01' }),
      incoming(null, { arrivedOn: '2026-11-20' }), // awaiting its number: not in the register yet
      incoming(1, { arrivedOn: '2025-12-31' }), // before the range
      incoming(4, { arrivedOn: '2026-03-01', confidentiality: 'confidential' }), // other book
      outgoing(7),
    ];
    const rows = incomingRegister(states, 'incoming', { from: '2026-01-01', to: '2026-11-25' }, names);
    assert.deepEqual(
      rows.map((r) => r.arrivalNumber),
      ['03', '12'],
    );
    const directed = rows[1]!;
    assert.deepEqual(incomingCells(directed), [
      '20/11/2026',
      '12',
      'UBND Quận 1',
      '15/QĐ-UBND',
      '18/11/2026',
      'Quyết định: Về việc tổ chức Ngày hội Đại đoàn kết toàn dân tộc',
      'Văn phòng HĐND – UBND',
      directed.handedOverOn ? viDate(directed.handedOverOn) : 'missing',
      'Khẩn',
    ]);
    assert.equal(directed.handedOverOn, '2026-11-20');
    assert.equal(rows[0]!.recipients, '');
    assert.equal(rows[0]!.handedOverOn, undefined);
    assert.equal(incomingCells(rows[0]!)[7], '');
  });

  it('keeps confidential documents in their own book', () => {
    const states = [incoming(4, { confidentiality: 'secret' }), incoming(5)];
    const rows = incomingRegister(states, 'incomingConfidential', {}, names);
    assert.deepEqual(
      rows.map((r) => [r.number, r.notes]),
      [[4, 'Tối mật']],
    );
  });

  it('names a person lead when the leader named one', () => {
    const doc = incomingDoc({ _id: 'officialDocument:01JPERSONLEAD0000000000000' });
    const s = deriveState(doc, [
      ev(doc, 'registered', 'clerk'),
      ev(doc, 'numbered', 'server', { book: 'incoming', year: 2026, number: 9 }),
      ev(doc, 'directed', 'leader', { assignments: [{ assignee: AN, role: 'lead' }] }),
    ]);
    assert.equal(incomingRegister([s], 'incoming', {}, names)[0]!.recipients, 'Nguyễn Văn An');
  });
});

describe('outgoing register', () => {
  it('lists issued numbers by number with signer, recipients, copy kept and page count', () => {
    const states = [outgoing(10, { pageCount: 3 }), outgoing(2), incoming(1)];
    const rows = outgoingRegister(states, 'outgoing', { from: '2026-11-01', to: '2026-11-30' }, names);
    assert.deepEqual(
      rows.map((r) => r.numberSymbol),
      ['02/UBND-VP', '10/UBND-VP'],
    );
    assert.deepEqual(outgoingCells(rows[1]!), [
      '10/UBND-VP',
      '20/11/2026',
      'Công văn: V/v báo cáo kết quả thực hiện',
      'Nguyễn Thị Lan',
      'Phòng Kinh tế; UBND Quận 1',
      'Văn phòng HĐND – UBND',
      '3',
      '',
    ]);
    assert.equal(rows[0]!.copies, '');
    assert.equal(outgoingRegister(states, 'outgoing', { from: '2026-12-01' }, names).length, 0);
  });
});

describe('register CSV', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180) and defuses formulas', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a, b'), '"a, b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('line\nbreak'), '"line\nbreak"');
    assert.equal(csvField('=SUM(A1)'), "'=SUM(A1)");
    assert.equal(csvField('- gạch đầu dòng'), '- gạch đầu dòng');
  });

  it('starts with a BOM, has Vietnamese headers, CRLF line ends and rows in number order', () => {
    const states = [
      incoming(2, { summary: 'Về việc "A", B\nC', issuingBody: 'Sở Tư pháp, TP Hà Nội' }),
      incoming(1, { summary: 'Thứ nhất' }),
    ];
    const csv = registerCsv('incoming', incomingRegister(states, 'incoming', {}, names));
    assert.ok(csv.startsWith('\uFEFF'));
    const body = csv.slice(1);
    assert.ok(body.startsWith(`${INCOMING_REGISTER_HEADERS.map(csvField).join(',')}\r\n`));
    assert.ok(body.startsWith('Ngày đến,Số đến,Tác giả,"Số, ký hiệu",Ngày tháng văn bản'));
    assert.ok(body.endsWith('\r\n'));
    const first = body.indexOf('\r\n20/11/2026,01,');
    const second = body.indexOf('\r\n20/11/2026,02,');
    assert.ok(first > 0 && second > first, 'sorted by arrival number');
    assert.ok(body.includes('"Sở Tư pháp, TP Hà Nội"'));
    assert.ok(body.includes('"Quyết định: Về việc ""A"", B\nC"'));
  });

  it('exports the outgoing headers', () => {
    const csv = toCsv(OUTGOING_REGISTER_HEADERS, []);
    assert.equal(
      csv,
      '\uFEFF"Số, ký hiệu văn bản",Ngày tháng văn bản,Tên loại và trích yếu nội dung,Người ký,Nơi nhận văn bản,"Đơn vị, người nhận bản lưu",Số lượng bản,Ghi chú\r\n',
    );
  });

  it('names the file and the printed register after the book and the period', () => {
    assert.equal(registerFileName('incoming', { from: '2026-01-01', to: '2026-11-25' }), 'so-van-ban-den-2026-01-01_2026-11-25.csv');
    assert.equal(
      registerFileName('outgoingConfidential', { from: '2026-01-01', to: '2026-01-31' }),
      'so-van-ban-di-mat-2026-01-01_2026-01-31.csv',
    );
    assert.equal(registerTitle('incoming'), 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    assert.equal(registerTitle('outgoingConfidential'), 'SỔ ĐĂNG KÝ VĂN BẢN ĐI MẬT');
  });
});
