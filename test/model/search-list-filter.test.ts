// The documents and tasks lists' text filter matches as the search box does (every word, anywhere, folded), so
// "see all in the list" from the search box shows the same documents, combined with the list's other filters.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentRow } from '../../src/data/documents.ts';
import { rowFilter } from '../../src/features/documents/list-query.ts';
import { rowFilter as taskFilter, type TaskListRow } from '../../src/features/tasks/task-query.ts';

const row = (kind: string, numberSymbol: string, summary: string, urgency = 'normal'): DocumentRow =>
  ({
    id: `officialDocument:${numberSymbol}`,
    doc: { direction: 'incoming', kind, numberSymbol, summary, issuingBody: 'UBND thành phố Hà Nội', urgency, confidentiality: 'normal' },
    day: '2026-01-05',
  }) as unknown as DocumentRow;

describe('list text filters use the search words', () => {
  const rows = [
    row('quyetDinh', '15/QĐ-UBND', 'Về việc giao dự toán ngân sách', 'urgent'),
    row('quyetDinh', '16/QĐ-UBND', 'Về việc kiện toàn Ban Chỉ đạo'),
    row('congVan', '15/UBND-KT', 'V/v rà soát công trình'),
  ];
  const ids = (q: Parameters<typeof rowFilter>[0]) => rows.filter(rowFilter(q)).map((r) => r.id.slice('officialDocument:'.length));

  it('matches every word anywhere, without diacritics, and the type by name', () => {
    assert.deepEqual(ids({ q: 'quyet dinh 15' }), ['15/QĐ-UBND']);
    assert.deepEqual(ids({ q: 'qd 15' }), ['15/QĐ-UBND']);
    assert.deepEqual(ids({ q: '15/qd-ubnd' }), ['15/QĐ-UBND']);
    assert.deepEqual(ids({ q: 'kiện toàn' }), ['16/QĐ-UBND']);
    assert.deepEqual(ids({ q: 'quyet dinh cong trinh' }), []);
  });

  it('combines with the other filters', () => {
    assert.deepEqual(ids({ q: 'quyet dinh', urgency: 'urgent' }), ['15/QĐ-UBND']);
    assert.deepEqual(ids({ q: 'ubnd 15', kind: 'congVan' }), ['15/UBND-KT']);
  });

  it('does the same for tasks', () => {
    const task = (title: string) => ({ state: { title, links: [], task: {} } }) as unknown as TaskListRow;
    const tasks = [task('Rà soát hộ nghèo tổ dân phố số 7'), task('Kiểm tra công trình ngõ 12')];
    assert.deepEqual(
      tasks.filter(taskFilter({ q: 'ho ngheo 7' })).map((t) => t.state.title),
      ['Rà soát hộ nghèo tổ dân phố số 7'],
    );
  });
});
