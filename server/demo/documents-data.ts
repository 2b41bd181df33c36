import type { Confidentiality, DocumentKind } from '../../src/model/documents/types.ts';

/**
 * Text tables of the demo ward's official-document traffic (`./documents.ts` draws from them): the bodies the
 * ward corresponds with (after the 2025 reform: two-tier local government, so city departments write to wards
 * directly), what each sends, and what the ward's units draft.
 *
 * Placeholders in summaries, filled from the date of the document:
 * `{nam}` year, `{namSau}` next year, `{namTruoc}` previous year, `{namNganSach}` the budget year being prepared
 * (next year from July), `{namKeHoach}` the year a plan is for (next year from November), `{namTet}` the year of
 * the coming Lunar New Year (next year from October), `{namHoc}` the school year being enrolled, `{thang}`
 * "tháng 3/2026", `{thangSau}` the month after, `{thangBaoCao}` the month a report is about (the month before
 * until the 10th, then the current one), `{thangKeHoach}` the month after that, `{quy}` "quý I năm 2026",
 * `{quyBaoCao}` the quarter a report is about (the current one in its last month, else the one before), `{tdp}`
 * "tổ dân phố số 7" (a residential group of the ward).
 */

export type DemoUnitId = 'vp' | 'kt' | 'vhxh' | 'ttpvhcc' | 'vpdu';

/** How an incoming document is handled once directed. */
export type HandlingMode =
  /** A lead unit (and coordinating units) with a deadline set by the leader. */
  | 'task'
  /** The document sets its own deadline (a report it asks for); the lead answers, often with an outgoing document. */
  | 'report'
  /** For information: sent on to units (sometimes a lead that acknowledges it). */
  | 'info'
  /** An invitation: a leader or unit head attends on the day. */
  | 'meeting';

export type Topic =
  | 'tonghop'
  | 'noivu'
  | 'phapche'
  | 'ketoan'
  | 'cds'
  | 'datdai'
  | 'xaydung'
  | 'moitruong'
  | 'kinhte'
  | 'vanhoa'
  | 'xahoi'
  | 'yte'
  | 'giaoduc'
  | 'tthc'
  | 'dang';

/** Who in a unit usually handles a topic (the unit head forwards to them). */
export const STAFF_BY_TOPIC: Record<Topic, { unit: DemoUnitId; staff: string[] }> = {
  tonghop: { unit: 'vp', staff: ['an.nguyen', 'an.nguyen', 'tuan.vu'] },
  noivu: { unit: 'vp', staff: ['an.nguyen', 'tuan.vu'] },
  phapche: { unit: 'vp', staff: ['dung.ngo'] },
  ketoan: { unit: 'vp', staff: ['quang.dang'] },
  cds: { unit: 'vp', staff: ['tri.nguyen', 'an.nguyen'] },
  datdai: { unit: 'kt', staff: ['linh.dinh'] },
  xaydung: { unit: 'kt', staff: ['khoa.ly', 'nam.truong'] },
  moitruong: { unit: 'kt', staff: ['duc.vo'] },
  kinhte: { unit: 'kt', staff: ['thao.ha', 'nam.truong'] },
  vanhoa: { unit: 'vhxh', staff: ['ngoc.mai', 'phuc.cao'] },
  xahoi: { unit: 'vhxh', staff: ['hai.trinh'] },
  yte: { unit: 'vhxh', staff: ['trang.duong'] },
  giaoduc: { unit: 'vhxh', staff: ['trang.duong', 'phuc.cao'] },
  tthc: { unit: 'ttpvhcc', staff: ['vy.lam', 'kien.ho', 'nhung.chau'] },
  dang: { unit: 'vpdu', staff: ['giang.quach'] },
};

/** Every unit's staff who may be given a document (the head forwards to them). */
export const UNIT_STAFF: Record<DemoUnitId, string[]> = {
  vp: ['tuan.vu', 'an.nguyen', 'dung.ngo', 'quang.dang'],
  kt: ['nam.truong', 'linh.dinh', 'khoa.ly', 'thao.ha', 'duc.vo'],
  vhxh: ['phuc.cao', 'ngoc.mai', 'hai.trinh', 'trang.duong'],
  ttpvhcc: ['vy.lam', 'kien.ho', 'nhung.chau'],
  vpdu: ['giang.quach'],
};

/** The leader who directs (and signs for) each unit's field. */
export const LEADER_OF_UNIT: Record<DemoUnitId, string> = {
  vp: 'hung.tran',
  kt: 'minh.le',
  vhxh: 'lan.nguyen',
  ttpvhcc: 'hung.tran',
  vpdu: 'thanh.pham',
};

export interface BodyDef {
  slug: string;
  /** As written on its documents (and in the register). */
  name: string;
  /** In its number/symbols: `45/KH-SNV`. */
  abbreviation: string;
  /** Divisions that draft its công văn: `789/SXD-QLN`. */
  divisions: string[];
  /** Documents it issues per working day (all recipients): sets how large its numbers are by the time of year. */
  perDay: number;
  /** Party bodies number as `125-KH/TU` and write to the ward's Party Committee. */
  party?: boolean;
  /** Only a recipient of the ward's documents (never sends in the demo). */
  recipientOnly?: boolean;
}

export const BODIES: BodyDef[] = [
  {
    slug: 'ubnd-tp-ha-noi',
    name: 'UBND thành phố Hà Nội',
    abbreviation: 'UBND',
    divisions: ['KTN', 'KT', 'ĐT', 'NC', 'KGVX', 'TH'],
    perDay: 24,
  },
  {
    slug: 'vp-ubnd-tp-ha-noi',
    name: 'Văn phòng UBND thành phố Hà Nội',
    abbreviation: 'VP',
    divisions: ['TH', 'KGVX', 'ĐT', 'KT', 'NC'],
    perDay: 9,
  },
  { slug: 'hdnd-tp-ha-noi', name: 'HĐND thành phố Hà Nội', abbreviation: 'HĐND', divisions: ['VP'], perDay: 1.2 },
  {
    slug: 'so-noi-vu',
    name: 'Sở Nội vụ thành phố Hà Nội',
    abbreviation: 'SNV',
    divisions: ['CCVC', 'XDCQ', 'CCHC', 'TĐKT', 'LĐVL'],
    perDay: 16,
  },
  {
    slug: 'so-tai-chinh',
    name: 'Sở Tài chính thành phố Hà Nội',
    abbreviation: 'STC',
    divisions: ['QLNS', 'QLGCS', 'ĐT', 'TCDN'],
    perDay: 22,
  },
  {
    slug: 'so-xay-dung',
    name: 'Sở Xây dựng thành phố Hà Nội',
    abbreviation: 'SXD',
    divisions: ['QLN', 'QLXD', 'QLHT', 'KTVL'],
    perDay: 18,
  },
  {
    slug: 'so-nong-nghiep-moi-truong',
    name: 'Sở Nông nghiệp và Môi trường thành phố Hà Nội',
    abbreviation: 'SNNMT',
    divisions: ['QLĐĐ', 'MT', 'TL', 'CNTY'],
    perDay: 17,
  },
  { slug: 'so-y-te', name: 'Sở Y tế thành phố Hà Nội', abbreviation: 'SYT', divisions: ['NVY', 'BTXH', 'KHTC'], perDay: 14 },
  {
    slug: 'so-giao-duc-dao-tao',
    name: 'Sở Giáo dục và Đào tạo thành phố Hà Nội',
    abbreviation: 'SGDĐT',
    divisions: ['GDPT', 'GDMN', 'KHTC'],
    perDay: 11,
  },
  {
    slug: 'so-van-hoa-the-thao',
    name: 'Sở Văn hóa và Thể thao thành phố Hà Nội',
    abbreviation: 'SVHTT',
    divisions: ['QLVH', 'TDTT', 'NSVH'],
    perDay: 7,
  },
  { slug: 'so-tu-phap', name: 'Sở Tư pháp thành phố Hà Nội', abbreviation: 'STP', divisions: ['PBGDPL', 'HCTP', 'KSTTHC'], perDay: 6 },
  {
    slug: 'so-khoa-hoc-cong-nghe',
    name: 'Sở Khoa học và Công nghệ thành phố Hà Nội',
    abbreviation: 'SKHCN',
    divisions: ['CĐS', 'BCVT', 'ATTT'],
    perDay: 8,
  },
  { slug: 'so-cong-thuong', name: 'Sở Công Thương thành phố Hà Nội', abbreviation: 'SCT', divisions: ['QLTM', 'QLNL'], perDay: 7 },
  {
    slug: 'so-dan-toc-ton-giao',
    name: 'Sở Dân tộc và Tôn giáo thành phố Hà Nội',
    abbreviation: 'SDTTG',
    divisions: ['TG', 'DT'],
    perDay: 2,
  },
  { slug: 'thanh-tra-tp-ha-noi', name: 'Thanh tra thành phố Hà Nội', abbreviation: 'TTTP', divisions: ['P2', 'P5', 'TCD'], perDay: 4 },
  {
    slug: 'cong-an-tp-ha-noi',
    name: 'Công an thành phố Hà Nội',
    abbreviation: 'CATP',
    divisions: ['PV01', 'PC06', 'PC07', 'PC08'],
    perDay: 20,
  },
  { slug: 'bo-tu-lenh-thu-do', name: 'Bộ Tư lệnh Thủ đô Hà Nội', abbreviation: 'BTL', divisions: ['TM', 'CT', 'HC'], perDay: 6 },
  {
    slug: 'bhxh-tp-ha-noi',
    name: 'Bảo hiểm xã hội thành phố Hà Nội',
    abbreviation: 'BHXH',
    divisions: ['QLT', 'TST', 'CĐBHXH'],
    perDay: 12,
  },
  { slug: 'kho-bac-khu-vuc-1', name: 'Kho bạc Nhà nước khu vực I', abbreviation: 'KBNNKVI', divisions: ['KSC', 'KTNN'], perDay: 5 },
  { slug: 'thue-tp-ha-noi', name: 'Thuế thành phố Hà Nội', abbreviation: 'THN', divisions: ['QLDN', 'NVDTPC', 'QLN'], perDay: 15 },
  { slug: 'mttq-tp-ha-noi', name: 'Ủy ban MTTQ Việt Nam thành phố Hà Nội', abbreviation: 'MTTQ', divisions: ['BTT'], perDay: 2 },
  { slug: 'thanh-uy-ha-noi', name: 'Thành ủy Hà Nội', abbreviation: 'TU', divisions: [], perDay: 3, party: true },
  { slug: 'vp-thanh-uy-ha-noi', name: 'Văn phòng Thành ủy Hà Nội', abbreviation: 'VPTU', divisions: [], perDay: 4, party: true },
  { slug: 'bcd-389-tp-ha-noi', name: 'Ban Chỉ đạo 389 thành phố Hà Nội', abbreviation: 'BCĐ389', divisions: ['TT'], perDay: 0.6 },
  {
    slug: 'bcd-chuyen-doi-so-tp-ha-noi',
    name: 'Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số thành phố Hà Nội',
    abbreviation: 'BCĐ',
    divisions: ['VP'],
    perDay: 0.8,
  },
  {
    slug: 'bcd-phong-thu-dan-su-tp-ha-noi',
    name: 'Ban Chỉ đạo phòng thủ dân sự thành phố Hà Nội',
    abbreviation: 'BCĐPTDS',
    divisions: ['VP'],
    perDay: 0.5,
  },
  { slug: 'ubnd-phuong-ba-dinh', name: 'UBND phường Ba Đình', abbreviation: 'UBND', divisions: ['VP', 'KTHTĐT'], perDay: 3 },
  { slug: 'ubnd-phuong-giang-vo', name: 'UBND phường Giảng Võ', abbreviation: 'UBND', divisions: ['VP', 'KTHTĐT'], perDay: 3 },
  { slug: 'cong-an-phuong-hoa-binh', name: 'Công an phường Hòa Bình', abbreviation: 'CAP', divisions: ['ANTT'], perDay: 1 },
  { slug: 'mttq-phuong-hoa-binh', name: 'Ủy ban MTTQ Việt Nam phường Hòa Bình', abbreviation: 'MTTQ', divisions: ['BTT'], perDay: 0.6 },
  { slug: 'evn-ha-noi', name: 'Tổng công ty Điện lực thành phố Hà Nội', abbreviation: 'EVNHANOI', divisions: ['KD', 'AT'], perDay: 10 },
  { slug: 'thong-ke-tp-ha-noi', name: 'Thống kê thành phố Hà Nội', abbreviation: 'TKHN', divisions: ['TKXH', 'TKKT'], perDay: 3 },
  { slug: 'ldld-tp-ha-noi', name: 'Liên đoàn Lao động thành phố Hà Nội', abbreviation: 'LĐLĐ', divisions: ['ToC', 'CSPL'], perDay: 2 },
  { slug: 'hdnd-phuong-hoa-binh', name: 'HĐND phường Hòa Bình', abbreviation: 'HĐND', divisions: [], perDay: 0, recipientOnly: true },
];

export interface IncomingTemplate {
  /** Body slugs that send it. */
  from: string[];
  kind: DocumentKind;
  summary: string;
  topic: Topic;
  mode: HandlingMode;
  /** Coordinating units named with the lead. */
  coord?: DemoUnitId[];
  /** Months (1–12) it is sent in; any month when absent. */
  months?: number[];
  /** Relative frequency (default 1). */
  weight?: number;
  /** Sent with a higher urgency (Khẩn, Thượng khẩn, Hỏa tốc) more often. */
  urgent?: boolean;
  /** Meetings: who attends (`chair`: the Chairman; `leader`: the leader of the field; `head`: the unit head). */
  attend?: 'chair' | 'leader' | 'head';
  /** What the ward answers with (an outgoing document replying to it), for `report` documents. */
  reply?: { kind: DocumentKind; summary: string };
}

export const INCOMING_TEMPLATES: IncomingTemplate[] = [
  // UBND thành phố
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'keHoach',
    summary: 'Kế hoạch thực hiện công tác cải cách hành chính năm {namKeHoach} của thành phố Hà Nội',
    topic: 'noivu',
    mode: 'task',
    coord: ['ttpvhcc'],
    months: [11, 12, 1, 2],
  },
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'keHoach',
    summary: 'Kế hoạch tuyên truyền, tổ chức các hoạt động kỷ niệm các ngày lễ lớn, sự kiện chính trị năm {namKeHoach}',
    topic: 'vanhoa',
    mode: 'task',
    months: [12, 1, 2],
  },
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v tăng cường công tác quản lý trật tự xây dựng, xử lý dứt điểm vi phạm trên địa bàn thành phố',
    topic: 'xaydung',
    mode: 'task',
    weight: 1.5,
  },
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v triển khai thu thập, cập nhật, làm sạch dữ liệu đất đai, kết nối với Cơ sở dữ liệu quốc gia về dân cư',
    topic: 'datdai',
    mode: 'report',
    coord: ['ttpvhcc'],
    reply: { kind: 'baoCao', summary: 'Báo cáo kết quả thu thập, cập nhật, làm sạch dữ liệu đất đai trên địa bàn phường' },
  },
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'quyetDinh',
    summary: 'Quyết định về việc giao dự toán thu, chi ngân sách nhà nước năm {namNganSach} cho các xã, phường',
    topic: 'ketoan',
    mode: 'task',
    coord: ['kt'],
    months: [12, 1],
  },
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'chiThi',
    summary: 'Chỉ thị về tăng cường công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ tại khu dân cư, hộ gia đình',
    topic: 'tonghop',
    mode: 'task',
    coord: ['kt'],
  },
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v đẩy mạnh thực hiện Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử',
    topic: 'tthc',
    mode: 'report',
    coord: ['vp'],
    reply: { kind: 'baoCao', summary: 'Báo cáo kết quả thực hiện Đề án 06 trên địa bàn phường {quy}' },
  },
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'thongBao',
    summary: 'Thông báo kết luận của Chủ tịch UBND thành phố tại hội nghị giao ban trực tuyến với các xã, phường {thang}',
    topic: 'tonghop',
    mode: 'task',
    weight: 1.5,
  },
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'congDien',
    summary: 'Công điện về việc chủ động ứng phó với mưa lớn, ngập úng, bảo đảm an toàn cho người dân',
    topic: 'moitruong',
    mode: 'task',
    coord: ['vp'],
    months: [5, 6, 7, 8, 9, 10],
    urgent: true,
  },
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'congDien',
    summary: 'Công điện về việc tăng cường phòng, chống đói, rét cho người dân, nhất là người cao tuổi, trẻ em',
    topic: 'xahoi',
    mode: 'task',
    months: [12, 1, 2],
    urgent: true,
  },
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'keHoach',
    summary: 'Kế hoạch tổ chức Tết Nguyên đán năm {namTet} bảo đảm vui tươi, lành mạnh, an toàn, tiết kiệm',
    topic: 'vanhoa',
    mode: 'task',
    coord: ['kt', 'vp'],
    months: [11, 12, 1],
  },
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v rà soát, sắp xếp, xử lý trụ sở, tài sản công dôi dư sau sắp xếp đơn vị hành chính',
    topic: 'kinhte',
    mode: 'report',
    coord: ['vp'],
    reply: { kind: 'baoCao', summary: 'Báo cáo kết quả rà soát, đề xuất phương án xử lý trụ sở, tài sản công dôi dư trên địa bàn phường' },
  },
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'quyetDinh',
    summary: 'Quyết định công bố danh mục thủ tục hành chính mới ban hành, được sửa đổi thuộc thẩm quyền giải quyết của UBND cấp xã',
    topic: 'tthc',
    mode: 'info',
  },
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v thực hiện các giải pháp bảo đảm trật tự an toàn giao thông, chống ùn tắc giao thông',
    topic: 'xaydung',
    mode: 'task',
  },
  {
    from: ['ubnd-tp-ha-noi'],
    kind: 'keHoach',
    summary: 'Kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm {nam}',
    topic: 'xahoi',
    mode: 'task',
    months: [1, 2, 3],
  },
  // Văn phòng UBND thành phố
  {
    from: ['vp-ubnd-tp-ha-noi'],
    kind: 'thongBao',
    summary: 'Thông báo ý kiến chỉ đạo của Phó Chủ tịch UBND thành phố về xử lý ô nhiễm môi trường tại các điểm tập kết rác thải',
    topic: 'moitruong',
    mode: 'task',
  },
  {
    from: ['vp-ubnd-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v báo cáo tình hình thực hiện các nhiệm vụ UBND thành phố giao {thangBaoCao}',
    topic: 'tonghop',
    mode: 'report',
    weight: 2.5,
    reply: { kind: 'baoCao', summary: 'Báo cáo tình hình thực hiện các nhiệm vụ UBND thành phố giao {thangBaoCao}' },
  },
  {
    from: ['vp-ubnd-tp-ha-noi'],
    kind: 'giayMoi',
    summary: 'Giấy mời dự hội nghị trực tuyến sơ kết công tác {quyBaoCao}, triển khai nhiệm vụ trọng tâm',
    topic: 'tonghop',
    mode: 'meeting',
    attend: 'chair',
    months: [1, 4, 7, 10],
  },
  {
    from: ['vp-ubnd-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v sử dụng hệ thống quản lý văn bản và điều hành, chữ ký số trong gửi, nhận văn bản điện tử',
    topic: 'cds',
    mode: 'task',
  },
  // HĐND thành phố
  {
    from: ['hdnd-tp-ha-noi'],
    kind: 'nghiQuyet',
    summary: 'Nghị quyết quy định mức chi hỗ trợ đối với người hoạt động không chuyên trách ở tổ dân phố',
    topic: 'ketoan',
    mode: 'task',
  },
  {
    from: ['hdnd-tp-ha-noi'],
    kind: 'giayMoi',
    summary: 'Giấy mời dự kỳ họp thường lệ của HĐND thành phố Hà Nội',
    topic: 'tonghop',
    mode: 'meeting',
    attend: 'chair',
    months: [6, 7, 11, 12],
  },
  // Sở Nội vụ
  {
    from: ['so-noi-vu'],
    kind: 'congVan',
    summary: 'V/v báo cáo số lượng, chất lượng cán bộ, công chức cấp xã năm {nam}',
    topic: 'noivu',
    mode: 'report',
    reply: { kind: 'baoCao', summary: 'Báo cáo số lượng, chất lượng cán bộ, công chức phường năm {nam}' },
  },
  {
    from: ['so-noi-vu'],
    kind: 'huongDan',
    summary: 'Hướng dẫn công tác thi đua, khen thưởng năm {nam}',
    topic: 'noivu',
    mode: 'info',
    months: [1, 2, 3],
  },
  {
    from: ['so-noi-vu'],
    kind: 'congVan',
    summary: 'V/v triển khai đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm {nam}',
    topic: 'noivu',
    mode: 'report',
    months: [11, 12],
    reply: { kind: 'baoCao', summary: 'Báo cáo kết quả đánh giá, xếp loại chất lượng cán bộ, công chức phường năm {nam}' },
  },
  {
    from: ['so-noi-vu'],
    kind: 'huongDan',
    summary: 'Hướng dẫn xác định vị trí việc làm, cơ cấu ngạch công chức trong cơ quan hành chính cấp xã',
    topic: 'noivu',
    mode: 'task',
  },
  {
    from: ['so-noi-vu'],
    kind: 'congVan',
    summary: 'V/v rà soát, tổng hợp nhu cầu bồi dưỡng kiến thức, kỹ năng cho cán bộ, công chức cấp xã',
    topic: 'noivu',
    mode: 'report',
    reply: { kind: 'congVan', summary: 'V/v đăng ký nhu cầu bồi dưỡng kiến thức, kỹ năng cho cán bộ, công chức phường' },
  },
  {
    from: ['so-noi-vu'],
    kind: 'congVan',
    summary: 'V/v thực hiện chính sách đối với người có công với cách mạng dịp Tết Nguyên đán năm {namTet}',
    topic: 'xahoi',
    mode: 'task',
    months: [12, 1],
  },
  {
    from: ['so-noi-vu'],
    kind: 'congVan',
    summary: 'V/v rà soát lao động thất nghiệp, hỗ trợ kết nối việc làm cho người lao động trên địa bàn',
    topic: 'xahoi',
    mode: 'report',
    reply: { kind: 'baoCao', summary: 'Báo cáo kết quả rà soát lao động thất nghiệp, nhu cầu việc làm trên địa bàn phường' },
  },
  {
    from: ['so-noi-vu'],
    kind: 'keHoach',
    summary: 'Kế hoạch đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính năm {nam}',
    topic: 'tthc',
    mode: 'task',
  },
  {
    from: ['so-noi-vu'],
    kind: 'thongBao',
    summary: 'Thông báo tuyển dụng công chức làm việc tại UBND các xã, phường năm {nam}',
    topic: 'noivu',
    mode: 'info',
  },
  // Sở Tài chính
  {
    from: ['so-tai-chinh'],
    kind: 'congVan',
    summary: 'V/v xây dựng dự toán ngân sách nhà nước năm {namNganSach} và kế hoạch tài chính – ngân sách 03 năm',
    topic: 'kinhte',
    mode: 'report',
    coord: ['vp'],
    months: [6, 7, 8, 9],
    reply: { kind: 'baoCao', summary: 'Báo cáo dự toán thu, chi ngân sách phường năm {namNganSach}' },
  },
  {
    from: ['so-tai-chinh'],
    kind: 'congVan',
    summary: 'V/v báo cáo tình hình giải ngân vốn đầu tư công {thangBaoCao}',
    topic: 'kinhte',
    mode: 'report',
    weight: 1.5,
    reply: { kind: 'baoCao', summary: 'Báo cáo tình hình giải ngân vốn đầu tư công {thangBaoCao}' },
  },
  {
    from: ['so-tai-chinh'],
    kind: 'congVan',
    summary: 'V/v thực hiện công khai ngân sách nhà nước năm {nam} đối với ngân sách cấp xã',
    topic: 'ketoan',
    mode: 'task',
  },
  {
    from: ['so-tai-chinh'],
    kind: 'huongDan',
    summary: 'Hướng dẫn quyết toán ngân sách xã, phường năm {namTruoc}',
    topic: 'ketoan',
    mode: 'task',
    months: [1, 2, 3],
  },
  {
    from: ['so-tai-chinh'],
    kind: 'congVan',
    summary: 'V/v kiểm kê, báo cáo tài sản công tại cơ quan, đơn vị năm {namTruoc}',
    topic: 'ketoan',
    mode: 'report',
    months: [1, 2, 3],
    reply: { kind: 'baoCao', summary: 'Báo cáo kê khai tài sản công của UBND phường năm {namTruoc}' },
  },
  // Sở Xây dựng
  {
    from: ['so-xay-dung'],
    kind: 'congVan',
    summary: 'V/v báo cáo công tác quản lý trật tự xây dựng {thangBaoCao}',
    topic: 'xaydung',
    mode: 'report',
    weight: 2,
    reply: { kind: 'baoCao', summary: 'Báo cáo công tác quản lý trật tự xây dựng trên địa bàn phường {thangBaoCao}' },
  },
  {
    from: ['so-xay-dung'],
    kind: 'congVan',
    summary: 'V/v rà soát, kiểm tra an toàn chung cư cũ, nhà ở có nguy cơ mất an toàn trên địa bàn',
    topic: 'xaydung',
    mode: 'report',
    coord: ['vhxh'],
    reply: { kind: 'baoCao', summary: 'Báo cáo kết quả rà soát chung cư cũ, nhà ở có nguy cơ mất an toàn trên địa bàn phường' },
  },
  {
    from: ['so-xay-dung'],
    kind: 'congVan',
    summary: 'V/v tăng cường quản lý vỉa hè, lòng đường, chống tái lấn chiếm hành lang an toàn giao thông',
    topic: 'xaydung',
    mode: 'task',
  },
  {
    from: ['so-xay-dung'],
    kind: 'keHoach',
    summary: 'Kế hoạch chỉnh trang đô thị, hạ ngầm, chỉnh trang đường dây, cáp viễn thông năm {nam}',
    topic: 'xaydung',
    mode: 'task',
  },
  // Sở Nông nghiệp và Môi trường
  {
    from: ['so-nong-nghiep-moi-truong'],
    kind: 'congVan',
    summary: 'V/v đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình, cá nhân',
    topic: 'datdai',
    mode: 'report',
    coord: ['ttpvhcc'],
    reply: { kind: 'baoCao', summary: 'Báo cáo tiến độ cấp giấy chứng nhận quyền sử dụng đất lần đầu trên địa bàn phường' },
  },
  {
    from: ['so-nong-nghiep-moi-truong'],
    kind: 'congVan',
    summary: 'V/v tăng cường quản lý chất thải rắn sinh hoạt, thực hiện phân loại rác tại nguồn',
    topic: 'moitruong',
    mode: 'task',
  },
  {
    from: ['so-nong-nghiep-moi-truong'],
    kind: 'keHoach',
    summary: 'Kế hoạch kiểm kê đất đai, lập bản đồ hiện trạng sử dụng đất',
    topic: 'datdai',
    mode: 'task',
  },
  {
    from: ['so-nong-nghiep-moi-truong'],
    kind: 'congVan',
    summary: 'V/v phòng, chống dịch bệnh động vật, kiểm soát giết mổ, vận chuyển gia súc, gia cầm',
    topic: 'kinhte',
    mode: 'task',
  },
  {
    from: ['so-nong-nghiep-moi-truong'],
    kind: 'congVan',
    summary: 'V/v hưởng ứng Chiến dịch Làm cho thế giới sạch hơn năm {nam}',
    topic: 'moitruong',
    mode: 'task',
    months: [8, 9],
  },
  // Sở Y tế
  {
    from: ['so-y-te'],
    kind: 'congVan',
    summary: 'V/v tăng cường phòng, chống sốt xuất huyết trong mùa mưa',
    topic: 'yte',
    mode: 'task',
    coord: ['kt'],
    months: [6, 7, 8, 9, 10],
    urgent: true,
  },
  {
    from: ['so-y-te'],
    kind: 'keHoach',
    summary: 'Kế hoạch triển khai tiêm chủng mở rộng năm {nam}',
    topic: 'yte',
    mode: 'task',
    months: [1, 2, 3],
  },
  {
    from: ['so-y-te'],
    kind: 'congVan',
    summary: 'V/v rà soát, cập nhật đối tượng bảo trợ xã hội hưởng trợ cấp hằng tháng',
    topic: 'xahoi',
    mode: 'report',
    reply: { kind: 'baoCao', summary: 'Báo cáo danh sách đối tượng bảo trợ xã hội hưởng trợ cấp hằng tháng trên địa bàn phường' },
  },
  {
    from: ['so-y-te'],
    kind: 'congVan',
    summary: 'V/v bảo đảm an toàn thực phẩm dịp Tết Nguyên đán và mùa lễ hội xuân năm {namTet}',
    topic: 'yte',
    mode: 'task',
    coord: ['kt'],
    months: [12, 1, 2],
  },
  {
    from: ['so-y-te'],
    kind: 'keHoach',
    summary: 'Kế hoạch tổ chức Tháng hành động vì trẻ em năm {nam}',
    topic: 'xahoi',
    mode: 'task',
    months: [5, 6],
  },
  // Sở Giáo dục và Đào tạo
  {
    from: ['so-giao-duc-dao-tao'],
    kind: 'congVan',
    summary: 'V/v tuyển sinh vào lớp 1, lớp 6 năm học {namHoc}',
    topic: 'giaoduc',
    mode: 'task',
    months: [4, 5, 6],
  },
  {
    from: ['so-giao-duc-dao-tao'],
    kind: 'congVan',
    summary: 'V/v bảo đảm an ninh, an toàn trường học, phòng, chống bạo lực học đường',
    topic: 'giaoduc',
    mode: 'task',
  },
  // Sở Văn hóa và Thể thao
  {
    from: ['so-van-hoa-the-thao'],
    kind: 'huongDan',
    summary: 'Hướng dẫn tổ chức lễ hội, quản lý và phát huy giá trị di tích trên địa bàn năm {nam}',
    topic: 'vanhoa',
    mode: 'info',
    months: [12, 1, 2, 3],
  },
  {
    from: ['so-van-hoa-the-thao'],
    kind: 'keHoach',
    summary: 'Kế hoạch tổ chức Ngày chạy Olympic vì sức khỏe toàn dân năm {nam}',
    topic: 'vanhoa',
    mode: 'task',
    months: [2, 3, 4],
  },
  {
    from: ['so-van-hoa-the-thao'],
    kind: 'congVan',
    summary: 'V/v triển khai phong trào "Toàn dân đoàn kết xây dựng đời sống văn hóa" năm {nam}',
    topic: 'vanhoa',
    mode: 'task',
  },
  {
    from: ['so-van-hoa-the-thao'],
    kind: 'congVan',
    summary: 'V/v kiểm tra hoạt động quảng cáo ngoài trời, biển hiệu trên địa bàn',
    topic: 'vanhoa',
    mode: 'task',
    coord: ['kt'],
  },
  // Sở Tư pháp
  {
    from: ['so-tu-phap'],
    kind: 'keHoach',
    summary: 'Kế hoạch phổ biến, giáo dục pháp luật, hòa giải ở cơ sở năm {nam}',
    topic: 'phapche',
    mode: 'task',
    months: [1, 2],
  },
  {
    from: ['so-tu-phap'],
    kind: 'congVan',
    summary: 'V/v báo cáo công tác hộ tịch, chứng thực {quyBaoCao}',
    topic: 'tthc',
    mode: 'report',
    months: [1, 4, 7, 10],
    reply: { kind: 'baoCao', summary: 'Báo cáo công tác hộ tịch, chứng thực {quyBaoCao}' },
  },
  {
    from: ['so-tu-phap'],
    kind: 'congVan',
    summary: 'V/v rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND cấp xã ban hành',
    topic: 'phapche',
    mode: 'report',
    reply: { kind: 'baoCao', summary: 'Báo cáo kết quả rà soát, hệ thống hóa văn bản quy phạm pháp luật của phường' },
  },
  // Sở Khoa học và Công nghệ
  {
    from: ['so-khoa-hoc-cong-nghe'],
    kind: 'congVan',
    summary: 'V/v kết nối, chia sẻ dữ liệu giữa hệ thống giải quyết thủ tục hành chính với Cổng Dịch vụ công quốc gia',
    topic: 'cds',
    mode: 'task',
    coord: ['ttpvhcc'],
  },
  {
    from: ['so-khoa-hoc-cong-nghe'],
    kind: 'congVan',
    summary: 'V/v bảo đảm an toàn thông tin mạng cho hệ thống thông tin của UBND cấp xã',
    topic: 'cds',
    mode: 'task',
    urgent: true,
  },
  {
    from: ['so-khoa-hoc-cong-nghe'],
    kind: 'keHoach',
    summary: 'Kế hoạch chuyển đổi số năm {nam} của thành phố Hà Nội',
    topic: 'cds',
    mode: 'task',
    months: [1, 2, 3],
  },
  // Sở Công Thương
  {
    from: ['so-cong-thuong'],
    kind: 'congVan',
    summary: 'V/v bình ổn thị trường, bảo đảm cung ứng hàng hóa dịp cuối năm và Tết Nguyên đán',
    topic: 'kinhte',
    mode: 'task',
    months: [11, 12, 1],
  },
  {
    from: ['so-cong-thuong'],
    kind: 'congVan',
    summary: 'V/v tăng cường tiết kiệm điện trong mùa nắng nóng',
    topic: 'kinhte',
    mode: 'info',
    months: [5, 6, 7, 8],
  },
  // Sở Dân tộc và Tôn giáo
  {
    from: ['so-dan-toc-ton-giao'],
    kind: 'congVan',
    summary: 'V/v báo cáo tình hình hoạt động tôn giáo, tín ngưỡng trên địa bàn {quyBaoCao}',
    topic: 'vanhoa',
    mode: 'report',
    months: [1, 3, 4, 6, 7, 9, 10, 12],
    reply: { kind: 'baoCao', summary: 'Báo cáo tình hình hoạt động tôn giáo, tín ngưỡng trên địa bàn phường {quyBaoCao}' },
  },
  {
    from: ['so-dan-toc-ton-giao'],
    kind: 'congVan',
    summary: 'V/v bảo đảm hoạt động tôn giáo dịp Lễ Giáng sinh năm {nam}',
    topic: 'vanhoa',
    mode: 'info',
    months: [11, 12],
  },
  // Thanh tra thành phố
  {
    from: ['thanh-tra-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v báo cáo công tác tiếp công dân, giải quyết khiếu nại, tố cáo {quyBaoCao}',
    topic: 'phapche',
    mode: 'report',
    months: [1, 3, 4, 6, 7, 9, 10, 12],
    reply: { kind: 'baoCao', summary: 'Báo cáo công tác tiếp công dân, giải quyết khiếu nại, tố cáo {quyBaoCao}' },
  },
  {
    from: ['thanh-tra-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v chuyển đơn kiến nghị của công dân {tdp}',
    topic: 'phapche',
    mode: 'task',
    coord: ['kt'],
    weight: 2,
  },
  // Công an thành phố
  {
    from: ['cong-an-tp-ha-noi'],
    kind: 'keHoach',
    summary: 'Kế hoạch cao điểm tấn công, trấn áp tội phạm, bảo đảm an ninh, trật tự dịp Tết Nguyên đán năm {namTet}',
    topic: 'tonghop',
    mode: 'task',
    months: [11, 12, 1],
    urgent: true,
  },
  {
    from: ['cong-an-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v tăng cường kiểm tra an toàn phòng cháy, chữa cháy đối với nhà ở kết hợp sản xuất, kinh doanh',
    topic: 'xaydung',
    mode: 'task',
    coord: ['vp'],
    urgent: true,
  },
  {
    from: ['cong-an-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v phối hợp thu thập, cập nhật, xác thực dữ liệu dân cư phục vụ Đề án 06',
    topic: 'tthc',
    mode: 'task',
  },
  // Bộ Tư lệnh Thủ đô
  {
    from: ['bo-tu-lenh-thu-do'],
    kind: 'congVan',
    summary: 'V/v chuẩn bị công tác tuyển chọn, gọi công dân nhập ngũ năm {namSau}',
    topic: 'noivu',
    mode: 'task',
    months: [8, 9, 10, 11],
  },
  {
    from: ['bo-tu-lenh-thu-do'],
    kind: 'keHoach',
    summary: 'Kế hoạch huấn luyện dân quân tự vệ năm {nam}',
    topic: 'noivu',
    mode: 'info',
    months: [1, 2],
  },
  // Bảo hiểm xã hội
  {
    from: ['bhxh-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v đẩy mạnh phát triển người tham gia bảo hiểm xã hội tự nguyện, bảo hiểm y tế hộ gia đình',
    topic: 'xahoi',
    mode: 'task',
  },
  {
    from: ['bhxh-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v rà soát, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi, người cao tuổi',
    topic: 'xahoi',
    mode: 'report',
    coord: ['ttpvhcc'],
    reply: { kind: 'congVan', summary: 'V/v đề nghị cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi, người cao tuổi trên địa bàn phường' },
  },
  // Kho bạc, Thuế
  {
    from: ['kho-bac-khu-vuc-1'],
    kind: 'congVan',
    summary: 'V/v đối chiếu số dư tài khoản tiền gửi, dự toán ngân sách cuối năm {nam}',
    topic: 'ketoan',
    mode: 'task',
    months: [11, 12],
  },
  {
    from: ['kho-bac-khu-vuc-1'],
    kind: 'thongBao',
    summary: 'Thông báo thời hạn chi ngân sách và khóa sổ kế toán niên độ {nam}',
    topic: 'ketoan',
    mode: 'info',
    months: [12],
  },
  {
    from: ['thue-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v phối hợp quản lý thuế đối với hộ kinh doanh chuyển đổi sang phương pháp kê khai',
    topic: 'kinhte',
    mode: 'task',
  },
  {
    from: ['thue-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v phối hợp đôn đốc thu nợ thuế sử dụng đất phi nông nghiệp',
    topic: 'kinhte',
    mode: 'task',
  },
  // Mặt trận Tổ quốc
  {
    from: ['mttq-tp-ha-noi'],
    kind: 'keHoach',
    summary: 'Kế hoạch vận động ủng hộ Quỹ "Vì người nghèo" năm {nam}',
    topic: 'xahoi',
    mode: 'task',
    coord: ['vp'],
    months: [10, 11],
  },
  {
    from: ['mttq-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư năm {nam}',
    topic: 'vanhoa',
    mode: 'task',
    months: [9, 10, 11],
  },
  // Thành ủy (to the ward's Party Committee)
  {
    from: ['thanh-uy-ha-noi'],
    kind: 'keHoach',
    summary: 'Kế hoạch học tập, quán triệt, tuyên truyền và triển khai thực hiện nghị quyết của Trung ương, của Thành ủy',
    topic: 'dang',
    mode: 'task',
  },
  {
    from: ['thanh-uy-ha-noi'],
    kind: 'chiThi',
    summary: 'Chỉ thị về tăng cường công tác kiểm tra, giám sát và thi hành kỷ luật đảng năm {nam}',
    topic: 'dang',
    mode: 'info',
    months: [1, 2, 3],
  },
  {
    from: ['vp-thanh-uy-ha-noi'],
    kind: 'congVan',
    summary: 'V/v báo cáo kết quả thực hiện nhiệm vụ công tác đảng {thangBaoCao}',
    topic: 'dang',
    mode: 'report',
    weight: 1.5,
  },
  {
    from: ['thanh-uy-ha-noi'],
    kind: 'thongBao',
    summary: 'Thông báo kết luận của Ban Thường vụ Thành ủy về một số nhiệm vụ trọng tâm',
    topic: 'dang',
    mode: 'info',
  },
  {
    from: ['vp-thanh-uy-ha-noi'],
    kind: 'giayMoi',
    summary: 'Giấy mời dự hội nghị trực tuyến học tập, quán triệt nghị quyết của Trung ương',
    topic: 'dang',
    mode: 'meeting',
    attend: 'leader',
  },
  // Ban Chỉ đạo
  {
    from: ['bcd-389-tp-ha-noi'],
    kind: 'keHoach',
    summary: 'Kế hoạch cao điểm đấu tranh phòng, chống buôn lậu, gian lận thương mại và hàng giả dịp cuối năm',
    topic: 'kinhte',
    mode: 'task',
    months: [11, 12],
  },
  {
    from: ['bcd-chuyen-doi-so-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v báo cáo kết quả thực hiện chỉ tiêu chuyển đổi số, dịch vụ công trực tuyến toàn trình {quyBaoCao}',
    topic: 'tthc',
    mode: 'report',
    coord: ['vp'],
    months: [1, 3, 4, 6, 7, 9, 10, 12],
    reply: { kind: 'baoCao', summary: 'Báo cáo kết quả thực hiện chỉ tiêu chuyển đổi số, dịch vụ công trực tuyến {quyBaoCao}' },
  },
  {
    from: ['bcd-phong-thu-dan-su-tp-ha-noi'],
    kind: 'keHoach',
    summary: 'Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm {nam}',
    topic: 'moitruong',
    mode: 'task',
    coord: ['vp'],
    months: [3, 4, 5],
  },
  // Neighbouring wards
  {
    from: ['ubnd-phuong-ba-dinh', 'ubnd-phuong-giang-vo'],
    kind: 'congVan',
    summary: 'V/v phối hợp xử lý vi phạm trật tự đô thị tại khu vực giáp ranh giữa hai phường',
    topic: 'xaydung',
    mode: 'task',
  },
  {
    from: ['ubnd-phuong-ba-dinh', 'ubnd-phuong-giang-vo'],
    kind: 'giayMoi',
    summary: 'Giấy mời dự lễ ký kết giao ước thi đua Cụm thi đua các phường năm {nam}',
    topic: 'noivu',
    mode: 'meeting',
    attend: 'leader',
    months: [2, 3],
  },
  // Ward bodies and services
  {
    from: ['cong-an-phuong-hoa-binh'],
    kind: 'congVan',
    summary: 'V/v đề nghị phối hợp tổng kiểm tra cư trú, tạm trú trên địa bàn phường',
    topic: 'tonghop',
    mode: 'task',
    coord: ['vhxh'],
  },
  {
    from: ['cong-an-phuong-hoa-binh'],
    kind: 'baoCao',
    summary: 'Báo cáo tình hình an ninh, trật tự trên địa bàn phường {thangBaoCao}',
    topic: 'tonghop',
    mode: 'info',
    weight: 2,
  },
  {
    from: ['mttq-phuong-hoa-binh'],
    kind: 'congVan',
    summary: 'V/v tổng hợp ý kiến, kiến nghị của cử tri trước kỳ họp HĐND phường',
    topic: 'tonghop',
    mode: 'report',
    reply: { kind: 'baoCao', summary: 'Báo cáo giải trình, trả lời ý kiến, kiến nghị của cử tri phường' },
  },
  {
    from: ['mttq-phuong-hoa-binh'],
    kind: 'baoCao',
    summary: 'Báo cáo kết quả giám sát việc thực hiện chính sách an sinh xã hội trên địa bàn phường',
    topic: 'xahoi',
    mode: 'info',
  },
  {
    from: ['evn-ha-noi'],
    kind: 'thongBao',
    summary: 'Thông báo lịch tạm ngừng cung cấp điện để bảo dưỡng, sửa chữa lưới điện tại {tdp}',
    topic: 'kinhte',
    mode: 'info',
    weight: 2,
  },
  {
    from: ['thong-ke-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v triển khai điều tra doanh nghiệp, hộ kinh doanh cá thể trên địa bàn',
    topic: 'kinhte',
    mode: 'task',
  },
  {
    from: ['ldld-tp-ha-noi'],
    kind: 'congVan',
    summary: 'V/v tổ chức các hoạt động Tháng Công nhân năm {nam}',
    topic: 'noivu',
    mode: 'info',
    months: [4, 5],
  },
];

/** Confidential documents (Mật, Tối mật): registered in the clerk's own space and routed to a leader. */
export interface ConfidentialTemplate {
  from: string;
  kind: DocumentKind;
  summary: string;
  confidentiality: Exclude<Confidentiality, 'normal'>;
  clerk: string;
  routeTo: string;
  lead: string;
  coord?: string[];
}

export const CONFIDENTIAL_TEMPLATES: ConfidentialTemplate[] = [
  {
    from: 'cong-an-tp-ha-noi',
    kind: 'keHoach',
    summary: 'Kế hoạch bảo đảm an ninh, trật tự các sự kiện chính trị quan trọng trên địa bàn thành phố',
    confidentiality: 'confidential',
    clerk: 'mai.hoang',
    routeTo: 'hung.tran',
    lead: 'hoa.do',
    coord: ['tuan.vu'],
  },
  {
    from: 'bo-tu-lenh-thu-do',
    kind: 'keHoach',
    summary: 'Kế hoạch tuyển chọn và gọi công dân nhập ngũ năm {namSau}',
    confidentiality: 'confidential',
    clerk: 'huong.bui',
    routeTo: 'hung.tran',
    lead: 'tuan.vu',
  },
  {
    from: 'thanh-uy-ha-noi',
    kind: 'congVan',
    summary: 'V/v nắm tình hình tư tưởng cán bộ, đảng viên và Nhân dân trên địa bàn',
    confidentiality: 'confidential',
    clerk: 'long.tong',
    routeTo: 'thanh.pham',
    lead: 'tam.kieu',
  },
  {
    from: 'cong-an-tp-ha-noi',
    kind: 'congVan',
    summary: 'V/v rà soát, quản lý người có biểu hiện hoạt động phức tạp về an ninh, trật tự',
    confidentiality: 'confidential',
    clerk: 'mai.hoang',
    routeTo: 'hung.tran',
    lead: 'dung.ngo',
  },
  {
    from: 'ubnd-tp-ha-noi',
    kind: 'congVan',
    summary: 'V/v tăng cường bảo vệ bí mật nhà nước trong công tác văn thư, lưu trữ',
    confidentiality: 'confidential',
    clerk: 'huong.bui',
    routeTo: 'hung.tran',
    lead: 'hoa.do',
    coord: ['mai.hoang'],
  },
  {
    from: 'bo-tu-lenh-thu-do',
    kind: 'keHoach',
    summary: 'Kế hoạch phòng thủ dân sự, bảo vệ mục tiêu trọng điểm trên địa bàn',
    confidentiality: 'secret',
    clerk: 'mai.hoang',
    routeTo: 'minh.le',
    lead: 'son.phan',
  },
];

/** Documents the ward's units draft on their own initiative (replies are drafted from `IncomingTemplate.reply`). */
export interface OutgoingTemplate {
  unit: Exclude<DemoUnitId, 'vpdu'>;
  kind: DocumentKind;
  summary: string;
  topic: Topic;
  /** External recipients: body slugs. */
  to: string[];
  /** Internal recipients (units of the ward): each gets its own incoming copy when issued. */
  internal?: DemoUnitId[];
  months?: number[];
  weight?: number;
}

const ALL_UNITS: DemoUnitId[] = ['vp', 'kt', 'vhxh', 'ttpvhcc'];

export const OUTGOING_TEMPLATES: OutgoingTemplate[] = [
  {
    unit: 'vp',
    kind: 'baoCao',
    summary: 'Báo cáo kết quả thực hiện nhiệm vụ {thangBaoCao}, phương hướng nhiệm vụ {thangKeHoach}',
    topic: 'tonghop',
    to: ['ubnd-tp-ha-noi', 'vp-ubnd-tp-ha-noi'],
    weight: 3,
  },
  {
    unit: 'vp',
    kind: 'baoCao',
    summary: 'Báo cáo công tác cải cách hành chính {quyBaoCao}',
    topic: 'noivu',
    to: ['so-noi-vu', 'ubnd-tp-ha-noi'],
    months: [1, 3, 4, 6, 7, 9, 10, 12],
  },
  {
    unit: 'vp',
    kind: 'keHoach',
    summary: 'Kế hoạch tổ chức phong trào thi đua yêu nước năm {nam} của UBND phường',
    topic: 'noivu',
    to: [],
    internal: ALL_UNITS,
    months: [1, 2, 3],
  },
  {
    unit: 'vp',
    kind: 'quyetDinh',
    summary: 'Quyết định thành lập Tổ công tác rà soát, đơn giản hóa thủ tục hành chính của UBND phường',
    topic: 'noivu',
    to: [],
    internal: ['vp', 'ttpvhcc', 'kt', 'vhxh'],
  },
  {
    unit: 'vp',
    kind: 'thongBao',
    summary: 'Thông báo phân công nhiệm vụ của Chủ tịch, các Phó Chủ tịch UBND phường',
    topic: 'tonghop',
    to: ['ubnd-tp-ha-noi', 'mttq-phuong-hoa-binh'],
    internal: ALL_UNITS,
  },
  {
    unit: 'vp',
    kind: 'giayMoi',
    summary: 'Giấy mời dự hội nghị sơ kết công tác {quyBaoCao}, triển khai nhiệm vụ {quy}',
    topic: 'tonghop',
    to: ['mttq-phuong-hoa-binh', 'cong-an-phuong-hoa-binh'],
    internal: ALL_UNITS,
    months: [1, 4, 7, 10],
  },
  {
    unit: 'vp',
    kind: 'congVan',
    summary: 'V/v cử cán bộ, công chức tham gia lớp bồi dưỡng kiến thức quản lý nhà nước',
    topic: 'noivu',
    to: ['so-noi-vu'],
  },
  {
    unit: 'vp',
    kind: 'congVan',
    summary: 'V/v đề nghị hỗ trợ kinh phí nâng cấp hạ tầng công nghệ thông tin, bảo đảm an toàn thông tin',
    topic: 'cds',
    to: ['so-khoa-hoc-cong-nghe', 'so-tai-chinh'],
  },
  {
    unit: 'vp',
    kind: 'thongBao',
    summary: 'Thông báo lịch trực, lịch nghỉ Tết Nguyên đán năm {namTet}',
    topic: 'tonghop',
    to: [],
    internal: ALL_UNITS,
    months: [1, 2],
  },
  {
    unit: 'kt',
    kind: 'congVan',
    summary: 'V/v đề nghị cấp giấy chứng nhận quyền sử dụng đất cho các hộ gia đình tại {tdp}',
    topic: 'datdai',
    to: ['so-nong-nghiep-moi-truong'],
  },
  {
    unit: 'kt',
    kind: 'keHoach',
    summary: 'Kế hoạch ra quân tổng vệ sinh môi trường, phân loại rác thải tại nguồn trên địa bàn phường',
    topic: 'moitruong',
    to: ['mttq-phuong-hoa-binh'],
    internal: ['vhxh', 'vp'],
  },
  {
    unit: 'kt',
    kind: 'toTrinh',
    summary: 'Tờ trình phê duyệt dự toán thu, chi ngân sách phường năm {namNganSach}',
    topic: 'kinhte',
    to: ['hdnd-phuong-hoa-binh'],
    months: [11, 12],
  },
  {
    unit: 'kt',
    kind: 'congVan',
    summary: 'V/v phối hợp xử lý vi phạm trật tự đô thị khu vực giáp ranh',
    topic: 'xaydung',
    to: ['ubnd-phuong-ba-dinh', 'ubnd-phuong-giang-vo'],
  },
  {
    unit: 'kt',
    kind: 'quyetDinh',
    summary: 'Quyết định thành lập Tổ kiểm tra trật tự xây dựng, trật tự đô thị phường',
    topic: 'xaydung',
    to: [],
    internal: ['kt', 'vp'],
  },
  {
    unit: 'vhxh',
    kind: 'keHoach',
    summary: 'Kế hoạch tổ chức các hoạt động chào mừng Tết Nguyên đán năm {namTet} trên địa bàn phường',
    topic: 'vanhoa',
    to: ['mttq-phuong-hoa-binh'],
    internal: ALL_UNITS,
    months: [12, 1],
  },
  {
    unit: 'vhxh',
    kind: 'baoCao',
    summary: 'Báo cáo kết quả thực hiện chính sách bảo trợ xã hội {quyBaoCao}',
    topic: 'xahoi',
    to: ['so-y-te'],
  },
  {
    unit: 'vhxh',
    kind: 'congVan',
    summary: 'V/v đề nghị cấp thẻ bảo hiểm y tế cho đối tượng bảo trợ xã hội trên địa bàn phường',
    topic: 'xahoi',
    to: ['bhxh-tp-ha-noi'],
  },
  {
    unit: 'vhxh',
    kind: 'thongBao',
    summary: 'Thông báo lịch tiêm chủng mở rộng {thangSau} tại Trạm Y tế phường',
    topic: 'yte',
    to: ['mttq-phuong-hoa-binh'],
    internal: ['ttpvhcc'],
  },
  {
    unit: 'vhxh',
    kind: 'keHoach',
    summary: 'Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở các khu dân cư năm {nam}',
    topic: 'vanhoa',
    to: ['mttq-phuong-hoa-binh'],
    internal: ['vp'],
    months: [10, 11],
  },
  {
    unit: 'ttpvhcc',
    kind: 'baoCao',
    summary: 'Báo cáo tình hình tiếp nhận, giải quyết thủ tục hành chính {thangBaoCao}',
    topic: 'tthc',
    to: ['so-noi-vu', 'vp-ubnd-tp-ha-noi'],
    weight: 2,
  },
  {
    unit: 'ttpvhcc',
    kind: 'congVan',
    summary: 'V/v đề nghị cấp bổ sung tài khoản trên Hệ thống thông tin giải quyết thủ tục hành chính thành phố',
    topic: 'tthc',
    to: ['so-khoa-hoc-cong-nghe'],
  },
];

// ————————————————————————————————————————————— phrases

export const PROGRESS_NOTES: string[] = [
  'Đã nghiên cứu văn bản, xây dựng đề cương và phân công thực hiện.',
  'Đã rà soát, tổng hợp số liệu từ các tổ dân phố; đang hoàn thiện dự thảo.',
  'Đã làm việc với các tổ dân phố liên quan; đang tổng hợp kết quả.',
  'Đã kiểm tra thực địa; đang lập biên bản và dự thảo báo cáo.',
  'Dự thảo đã xong, đang xin ý kiến các đơn vị phối hợp.',
  'Đang chờ số liệu của đơn vị phối hợp để hoàn thiện.',
  'Đã triển khai đến cán bộ, công chức trong đơn vị; đang theo dõi thực hiện.',
];

export const COMPLETION_NOTES: Record<'report' | 'task' | 'info', string[]> = {
  report: [
    'Đã tham mưu UBND phường ban hành văn bản báo cáo theo yêu cầu.',
    'Đã hoàn thành báo cáo, gửi qua Hệ thống quản lý văn bản và điều hành.',
    'Đã tổng hợp số liệu, tham mưu văn bản trả lời đúng thời hạn.',
  ],
  task: [
    'Đã triển khai thực hiện xong các nội dung được giao.',
    'Đã hoàn thành; kết quả được tổng hợp vào báo cáo tháng của đơn vị.',
    'Đã tổ chức thực hiện, lập biên bản kiểm tra và lưu hồ sơ.',
    'Đã xử lý xong, thông báo kết quả cho các tổ dân phố liên quan.',
  ],
  info: ['Đã phổ biến đến cán bộ, công chức trong đơn vị.', 'Đã nghiên cứu, lưu hồ sơ theo dõi.'],
};

export const COORDINATION_NOTES: string[] = [
  'Đã phối hợp, cung cấp số liệu cho đơn vị chủ trì.',
  'Đã cử cán bộ tham gia tổ công tác theo yêu cầu.',
  'Đã có ý kiến bằng văn bản gửi đơn vị chủ trì.',
];

export const EXTENSION_REASONS: string[] = [
  'Đề nghị gia hạn do đang chờ số liệu của các tổ dân phố.',
  'Nội dung phức tạp, cần kiểm tra thực địa thêm; đề nghị cho gia hạn.',
  'Đơn vị phối hợp chưa gửi ý kiến; đề nghị gia hạn để hoàn thiện.',
];

export const REVIEW_NOTES: string[] = [
  'Đề nghị bổ sung số liệu so sánh với cùng kỳ năm trước.',
  'Rà soát lại thể thức, kỹ thuật trình bày theo Nghị định 30/2020/NĐ-CP.',
  'Bổ sung nơi nhận; làm rõ trách nhiệm của các đơn vị phối hợp.',
  'Phần đề xuất, kiến nghị cần cụ thể hơn.',
  'Đề nghị rút gọn phần đánh giá chung, tập trung vào tồn tại, hạn chế.',
];

export const RECALL_NOTES: string[] = [
  'Thu hồi do có sai sót về số liệu tại phụ lục kèm theo; sẽ ban hành văn bản thay thế.',
  'Thu hồi do gửi nhầm nơi nhận.',
];
