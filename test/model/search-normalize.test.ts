import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compact, fold, foldWithMap, typeWordsOfSymbol, words } from '../../src/search/normalize.ts';
import { highlight } from '../../src/search/highlight.ts';
import { withinEdits } from '../../src/search/fuzzy.ts';

describe('search normalisation', () => {
  it('folds every Vietnamese mark and đ/Đ to d, and lower-cases', () => {
    assert.equal(fold('Quyết định số 15/QĐ-UBND'), 'quyet dinh so 15/qd-ubnd');
    assert.equal(fold('ĐỖ THỊ HÒA'), 'do thi hoa');
    assert.equal(fold('đường Đê La Thành'), 'duong de la thanh');
    assert.equal(fold('Ủy ban nhân dân phường Hòa Bình'), 'uy ban nhan dan phuong hoa binh');
    assert.equal(fold('ằắẳẵặ ầấẩẫậ ềếểễệ ồốổỗộ ờớởỡợ ừứửữự ỳýỷỹỵ'), 'aaaaa aaaaa eeeee ooooo ooooo uuuuu yyyyy');
    // Decomposed input (as some keyboards and PDFs give it) folds the same as composed.
    assert.equal(fold('Quyê\u0301t đi\u0323nh'.normalize('NFD')), 'quyet dinh');
  });

  it('cuts number/symbols into words at their punctuation', () => {
    assert.deepEqual(words('15/QĐ-UBND'), ['15', 'qd', 'ubnd']);
    assert.deepEqual(words('125-KH/TU'), ['125', 'kh', 'tu']);
    assert.deepEqual(words('  V/v: tăng cường, (khẩn)!  '), ['v', 'v', 'tang', 'cuong', 'khan']);
    assert.deepEqual(words(''), []);
  });

  it('compacts a symbol for whole comparison, whatever the spacing and case', () => {
    assert.equal(compact('15/QĐ-UBND'), '15qdubnd');
    assert.equal(compact('15 / qd - ubnd'), '15qdubnd');
    assert.equal(compact('15/qđ-ubnd'), compact('15/QĐ-UBND'));
    assert.notEqual(compact('150/QĐ-UBND'), compact('15/QĐ-UBND'));
  });

  it('names the document type a symbol stands for', () => {
    assert.equal(typeWordsOfSymbol('15/QĐ-UBND'), 'quyet dinh');
    assert.equal(typeWordsOfSymbol('45/KH-SNV'), 'ke hoach');
    assert.equal(typeWordsOfSymbol('125-KH/TU'), 'ke hoach');
    assert.equal(typeWordsOfSymbol('120/UBND-VP'), ''); // công văn: no type in the symbol
  });

  it('maps folded positions back to the text as written', () => {
    const { folded, from } = foldWithMap('Quyết định');
    assert.equal(folded, 'quyet dinh');
    assert.equal(from.length, folded.length + 1);
    assert.equal(from[6], 6);
  });

  it('highlights the matched beginnings of words in the original text', () => {
    const text = 'Quyết định số 15/QĐ-UBND về việc đặt tên đường';
    const ranges = highlight(text, ['quyet', 'dinh', 'qd', 'duong']);
    assert.deepEqual(
      ranges.map(([s, e]) => text.slice(s, e)),
      ['Quyết', 'định', 'QĐ', 'đường'],
    );
    assert.deepEqual(highlight(text, ['xyz']), []);
    // A prefix marks only the typed part.
    assert.deepEqual(
      highlight('Kế hoạch', ['hoa']).map(([s, e]) => 'Kế hoạch'.slice(s, e)),
      ['hoạ'],
    );
  });

  it('counts a swap of neighbours as one edit', () => {
    assert.equal(withinEdits('dihn', 'dinh', 1), true);
    assert.equal(withinEdits('hoch', 'hoach', 1), true);
    assert.equal(withinEdits('dinh', 'danh', 1), true);
    assert.equal(withinEdits('dinh', 'doanh', 1), false);
    assert.equal(withinEdits('quyet', 'quyet', 0), true);
  });
});
