import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareVi, sortByName } from '../../src/model/collate.ts';

describe('Vietnamese collation', () => {
  it('puts Đ after D and Ư after U, whatever the tone marks', () => {
    const names = ['Đỗ Thị Hòa', 'Dương Thu Trang', 'Ưng Văn Ba', 'Uông Thị Lụa', 'Đặng Minh Quang', 'Bùi Thu Hương'];
    assert.deepEqual([...names].sort(compareVi), [
      'Bùi Thu Hương',
      'Dương Thu Trang',
      'Đặng Minh Quang',
      'Đỗ Thị Hòa',
      'Uông Thị Lụa',
      'Ưng Văn Ba',
    ]);
  });

  it('orders numbers numerically and ignores case', () => {
    const units = sortByName([{ n: 'Tổ dân phố 10' }, { n: 'tổ dân phố 2' }, { n: 'Tổ dân phố 1' }], (u) => u.n);
    assert.deepEqual(
      units.map((u) => u.n),
      ['Tổ dân phố 1', 'tổ dân phố 2', 'Tổ dân phố 10'],
    );
  });
});
