import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deliveredEventId, numberedEventId } from '../../src/model/documents/event-ids.ts';
import {
  bookFor,
  duplicateKey,
  foldVietnamese,
  formatArrivalNumber,
  formatNumberSymbol,
  normaliseIssuingBody,
  normaliseNumberSymbol,
  numberingYear,
  padNumber,
  parseNumberSymbol,
} from '../../src/model/documents/numbering.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../../src/model/documents/types.ts';

describe('number formatting', () => {
  it('zero-pads numbers below 10 only', () => {
    assert.deepEqual([1, 5, 9, 10, 99, 120, 1234].map(padNumber), ['01', '05', '09', '10', '99', '120', '1234']);
    assert.equal(formatArrivalNumber(7), '07');
    for (const bad of [0, -1, 1.5, NaN]) assert.throws(() => padNumber(bad), RangeError);
  });

  it('formats <nn>/<TYPE>-<ISSUER> for every type with an abbreviation', () => {
    assert.equal(formatNumberSymbol({ number: 5, kind: 'quyetDinh', issuer: 'UBND' }), '05/QĐ-UBND');
    assert.equal(formatNumberSymbol({ number: 15, kind: 'thongBao', issuer: 'UBND' }), '15/TB-UBND');
    assert.equal(formatNumberSymbol({ number: 3, kind: 'quyDinh', issuer: 'UBND' }), '03/QyĐ-UBND');
    assert.equal(formatNumberSymbol({ number: 3, kind: 'toTrinh', issuer: ' UBND ', unit: 'VP' }), '03/TTr-UBND'); // unit ignored
    for (const kind of Object.keys(DOCUMENT_KINDS) as DocumentKind[]) {
      if (kind === 'congVan') continue;
      const s = formatNumberSymbol({ number: 12, kind, issuer: 'UBND' });
      assert.equal(s, `12/${DOCUMENT_KINDS[kind].abbr}-UBND`);
      assert.equal(parseNumberSymbol(s)?.kind, kind, `${s} parses back to ${kind}`);
    }
  });

  it('formats công văn as <nn>/<ISSUER>-<UNIT>', () => {
    assert.equal(formatNumberSymbol({ number: 120, kind: 'congVan', issuer: 'UBND', unit: 'VP' }), '120/UBND-VP');
    assert.equal(formatNumberSymbol({ number: 8, kind: 'congVan', issuer: 'UBND', unit: 'KT' }), '08/UBND-KT');
    assert.throws(() => formatNumberSymbol({ number: 8, kind: 'congVan', issuer: 'UBND' }), /unit/);
    assert.throws(() => formatNumberSymbol({ number: 8, kind: 'quyetDinh', issuer: '  ' }), /issuer/);
  });
});

describe('registry books and years', () => {
  it('keeps confidential documents in their own series', () => {
    assert.equal(bookFor('incoming', 'normal'), 'incoming');
    for (const c of ['confidential', 'secret', 'topSecret'] as const) {
      assert.equal(bookFor('incoming', c), 'incomingConfidential');
      assert.equal(bookFor('outgoing', c), 'outgoingConfidential');
    }
    assert.equal(bookFor('outgoing', 'normal'), 'outgoing');
  });

  it('takes the year from the ward-local day', () => {
    assert.equal(numberingYear('2026-12-31'), 2026);
    assert.equal(numberingYear('2026-12-31T16:59:59.000Z'), 2026);
    assert.equal(numberingYear('2026-12-31T17:00:00.000Z'), 2027); // 00:00 on 1 January in the ward
    assert.equal(numberingYear('2027-01-01T00:00:00+07:00'), 2027);
  });
});

describe('parsing number/symbols', () => {
  it('reads the Decree forms as printed', () => {
    assert.deepEqual(parseNumberSymbol('15/QĐ-UBND'), { number: 15, symbol: 'QĐ-UBND', parts: ['QĐ', 'UBND'], kind: 'quyetDinh' });
    assert.deepEqual(parseNumberSymbol('120/UBND-VP'), { number: 120, symbol: 'UBND-VP', parts: ['UBND', 'VP'] });
    assert.deepEqual(parseNumberSymbol('15/2024/NĐ-CP'), { number: 15, year: 2024, symbol: 'NĐ-CP', parts: ['NĐ', 'CP'] });
    assert.equal(parseNumberSymbol('Số: 05/QĐ-UBND')?.number, 5);
    assert.equal(parseNumberSymbol('số 05 / QĐ - UBND')?.symbol, 'QĐ-UBND');
    assert.equal(parseNumberSymbol('1234/SGDĐT-VP')?.parts.length, 2);
    assert.equal(parseNumberSymbol('27/KH-UBND.VX')?.kind, 'keHoach');
    assert.equal(parseNumberSymbol('12/QD-UBND')?.kind, 'quyetDinh'); // typed without diacritics
    assert.equal(parseNumberSymbol('12/qđ-ubnd')?.kind, 'quyetDinh');
    assert.equal(parseNumberSymbol('12/HD-UBND')?.kind, 'huongDan'); // HD and HĐ differ only by the đ
    assert.equal(parseNumberSymbol('12/HĐ-UBND')?.kind, 'hopDong');
    assert.equal(parseNumberSymbol('12/QĐ')?.kind, undefined); // a type alone is no issuer
  });

  it('refuses text that is not a number/symbol', () => {
    for (const bad of ['', 'QĐ-UBND', '0/QĐ-UBND', 'abc/QĐ-UBND', '15/', '15/QĐ UBND', '15//QĐ-UBND', '15/QĐ-UBND/extra', '15/<b>-x'])
      assert.equal(parseNumberSymbol(bad), null, bad);
  });
});

describe('duplicate detection', () => {
  it('folds Vietnamese for comparison', () => {
    assert.equal(foldVietnamese('Quyết Định Đầu Tư'), 'quyet dinh dau tu');
    assert.equal(foldVietnamese('Ủy ban'), 'uy ban');
  });

  it('matches the same document written differently', () => {
    const key = duplicateKey('UBND Quận 1', '05/QĐ-UBND', '2026-11-18');
    for (const [body, symbol] of [
      ['Ủy ban nhân dân quận 1', '5/QĐ-UBND'],
      ['ubnd  quan 1', 'Số: 05 / QD - ubnd'],
      ['UBND Quận 1.', ' 05/qđ-UBND '],
    ]) {
      assert.equal(duplicateKey(body!, symbol!, '2026-11-18'), key, `${body} ${symbol}`);
    }
    assert.equal(
      duplicateKey('UBND TP. Hồ Chí Minh', '1/TB-UBND', '2026-01-02'),
      duplicateKey('Ủy ban nhân dân Thành phố Hồ Chí Minh', '01/TB-UBND', '2026-01-02'),
    );
  });

  it('tells different documents apart', () => {
    const key = duplicateKey('UBND Quận 1', '05/QĐ-UBND', '2026-11-18');
    assert.notEqual(duplicateKey('UBND Quận 1', '05/QĐ-UBND', '2026-11-19'), key);
    assert.notEqual(duplicateKey('UBND Quận 3', '05/QĐ-UBND', '2026-11-18'), key);
    assert.notEqual(duplicateKey('UBND Quận 1', '06/QĐ-UBND', '2026-11-18'), key);
    assert.notEqual(duplicateKey('UBND Quận 1', '05/TB-UBND', '2026-11-18'), key);
    assert.notEqual(duplicateKey('UBND Quận 1', '05/2026/QĐ-UBND', '2026-11-18'), key);
  });

  it('normalises what it cannot parse by folding and removing spaces', () => {
    assert.equal(normaliseNumberSymbol('Không số'), 'khongso');
    assert.equal(normaliseIssuingBody('  HĐND   phường  Bến Nghé '), 'hoi dong nhan dan phuong ben nghe');
  });
});

describe('server event ids', () => {
  it('are deterministic per document (and per assignee for deliveries)', () => {
    const id = 'officialDocument:01JABCDEF0123456789ABCDEFG';
    assert.equal(numberedEventId(id), 'officialDocumentEvent:01JABCDEF0123456789ABCDEFG.numbered');
    assert.equal(
      deliveredEventId(id, { kind: 'unit', unitId: 'vp' }),
      'officialDocumentEvent:01JABCDEF0123456789ABCDEFG.delivered.unit:vp',
    );
    assert.equal(
      deliveredEventId(id, { kind: 'person', name: 'an.nguyen' }),
      'officialDocumentEvent:01JABCDEF0123456789ABCDEFG.delivered.person:an.nguyen',
    );
    assert.equal(
      deliveredEventId(id, { kind: 'person', name: 'an.nguyen' }, 'unit:vp>person:an.nguyen'),
      'officialDocumentEvent:01JABCDEF0123456789ABCDEFG.delivered.unit:vp>person:an.nguyen',
    );
  });
});
