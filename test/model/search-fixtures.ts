/**
 * A realistic ward corpus for the search tests: 3,000 incoming documents drawn from the demo ward's templates
 * and bodies (the benchmarks' generator), the demo ward's people and notices, a few tasks, and a handful of
 * named documents that the relevance table expects at the top. Items are made by the app's own `items.ts`.
 */
import { incomingDocuments } from '../../bench/helpers/data.ts';
import { DEMO_ACCOUNTS, DEMO_NOTICES, DEMO_UNITS } from '../../server/demo/ward.ts';
import type { PersonDoc } from '../../src/model/directory.ts';
import type { IncomingDocument, OutgoingDocument } from '../../src/model/documents/types.ts';
import { documentItem, noticeItem, personItem, taskItem } from '../../src/search/items.ts';
import type { SearchItem } from '../../src/search/types.ts';

const base = incomingDocuments(1)[0]!;

function incoming(id: string, over: Partial<IncomingDocument>, arrival?: string): SearchItem {
  const doc = { ...base, _id: `officialDocument:${id}`, files: [], ...over } as IncomingDocument;
  return documentItem({ id: doc._id, doc, day: doc.arrivedOn, ...(arrival ? { numberText: arrival } : {}) });
}

/** The documents the relevance table names. */
export const NAMED: SearchItem[] = [
  incoming('D1-decision-15', {
    kind: 'quyetDinh',
    numberSymbol: '15/QĐ-UBND',
    issuingBody: 'UBND thành phố Hà Nội',
    summary: 'Quyết định về việc giao dự toán thu, chi ngân sách nhà nước năm 2026 cho các xã, phường',
    arrivedOn: '2026-01-08',
    issuedOn: '2026-01-05',
  }),
  incoming('D2-sxd-2345', {
    kind: 'congVan',
    numberSymbol: '2345/SXD-QLXD',
    issuingBody: 'Sở Xây dựng thành phố Hà Nội',
    summary: 'V/v rà soát công trình xây dựng không phép trên địa bàn phường quý IV',
    arrivedOn: '2026-10-14',
  }),
  incoming('D3-party-plan', {
    kind: 'keHoach',
    numberSymbol: '125-KH/TU',
    issuingBody: 'Thành ủy Hà Nội',
    summary: 'Kế hoạch tổ chức học tập, quán triệt Nghị quyết Đại hội đại biểu Đảng bộ thành phố',
    arrivedOn: '2026-03-20',
  }),
  incoming(
    'D4-arrival-317',
    {
      kind: 'thongBao',
      numberSymbol: '88/TB-VP',
      issuingBody: 'Văn phòng UBND thành phố Hà Nội',
      summary: 'Thông báo ý kiến chỉ đạo về công tác bảo đảm an ninh trật tự dịp cuối năm',
      arrivedOn: '2026-11-02',
    },
    '317',
  ),
  incoming('D6-cds', {
    kind: 'quyetDinh',
    numberSymbol: '2/QĐ-BCĐ',
    issuingBody: 'Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số thành phố Hà Nội',
    summary: 'Về việc kiện toàn Ban Chỉ đạo chuyển đổi số phường',
    arrivedOn: '2026-02-11',
  }),
  documentItem(
    {
      id: 'officialDocument:D7-outgoing',
      doc: {
        ...base,
        _id: 'officialDocument:D7-outgoing',
        direction: 'outgoing',
        kind: 'toTrinh',
        summary: 'Tờ trình đề nghị phê duyệt phương án chỉnh trang vỉa hè tuyến phố Hàng Bông',
        unitId: 'kt',
        signer: 'minh.le',
        internalRecipients: [],
        externalRecipients: ['Sở Xây dựng thành phố Hà Nội'],
      } as unknown as OutgoingDocument,
      numberText: '41/TTr-UBND',
      day: '2026-09-09',
    },
    (u) => DEMO_UNITS.find((x) => x.unitId === u)?.name ?? u,
  ),
];

const task = (id: string, title: string, lead: string, description = '', lastActivityAt = '2026-10-01T02:00:00Z'): SearchItem =>
  taskItem(
    { id: `task:${id}`, state: { title, description, links: [], lead, lastActivityAt } },
    (n) => DEMO_ACCOUNTS.find((a) => a.name === n)?.displayName ?? n,
  );

export const TASKS: SearchItem[] = [
  task(
    'T1',
    'Rà soát hộ nghèo, cận nghèo năm 2026 tại tổ dân phố số 7',
    'hai.trinh',
    'Lập danh sách, đối chiếu với Cơ sở dữ liệu quốc gia về dân cư',
  ),
  task('T2', 'Chuẩn bị báo cáo sơ kết 6 tháng đầu năm', 'an.nguyen'),
  task('T3', 'Kiểm tra công trình xây dựng tại ngõ 12 phố Hàng Bột', 'khoa.ly', 'Phối hợp Đội quản lý trật tự đô thị'),
];

const people: SearchItem[] = DEMO_ACCOUNTS.map((a) => {
  const p: PersonDoc = {
    _id: `person:${a.name}`,
    type: 'person',
    schema: 1,
    createdAt: '2026-01-01T00:00:00Z',
    createdBy: 'system',
    name: a.name,
    displayName: a.displayName,
    title: a.title,
    role: a.role,
    ...(a.unitId ? { unitId: a.unitId } : {}),
    isHead: !!a.head,
    disabled: false,
  };
  const unit = DEMO_UNITS.find((u) => u.unitId === a.unitId);
  return personItem(p, unit);
});

const notices: SearchItem[] = DEMO_NOTICES.map((n, i) =>
  noticeItem({
    _id: `notice:${String(i).padStart(3, '0')}`,
    title: n.title,
    body: n.body,
    authorName: DEMO_ACCOUNTS.find((a) => a.name === n.author)?.displayName ?? n.author,
    createdAt: `2026-11-${String(10 + i).padStart(2, '0')}T01:00:00Z`,
  }),
);

export const NOTICE_IDS = Object.fromEntries(DEMO_NOTICES.map((n, i) => [n.title, `notice:${String(i).padStart(3, '0')}`]));

/** Every item of the corpus (the generated documents first, newest last, like a device after a year). */
export function corpus(generated = 3000): SearchItem[] {
  const docs = incomingDocuments(generated).map((doc) => documentItem({ id: doc._id, doc, day: doc.arrivedOn }));
  return [...docs, ...NAMED, ...TASKS, ...people, ...notices];
}
