import type { BaseRole } from '../../src/model/roles.ts';

/**
 * The demo ward: a People's Committee (UBND phường) with its office, specialised units, the
 * public administrative service centre and the Party Committee office. All demo accounts share
 * DEMO_PASSWORD.
 */
export interface DemoUnit {
  unitId: string;
  name: string;
  shortName: string;
}

export interface DemoAccount {
  name: string;
  displayName: string;
  title: string;
  role: BaseRole;
  unitId?: string;
  head?: boolean;
}

export interface DemoNotice {
  author: string;
  /** `org` or a unit id. */
  space: string;
  title: string;
  body: string;
  pinned: boolean;
  /** Days from today until the notice expires (omit for none). */
  expiresInDays?: number;
}

export const DEMO_WARD_NAME = 'UBND phường Hòa Bình';

export const DEMO_UNITS: DemoUnit[] = [
  { unitId: 'vp', name: 'Văn phòng HĐND – UBND', shortName: 'VP' },
  { unitId: 'kt', name: 'Phòng Kinh tế – Hạ tầng – Đô thị', shortName: 'KTHTĐT' },
  { unitId: 'vhxh', name: 'Phòng Văn hóa – Xã hội', shortName: 'VHXH' },
  { unitId: 'ttpvhcc', name: 'Trung tâm Phục vụ hành chính công', shortName: 'TTPVHCC' },
  { unitId: 'vpdu', name: 'Văn phòng Đảng ủy', shortName: 'VPĐU' },
];

export const DEMO_ACCOUNTS: DemoAccount[] = [
  // Leadership
  { name: 'hung.tran', displayName: 'Trần Văn Hùng', title: 'Chủ tịch UBND phường', role: 'leader' },
  { name: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', title: 'Phó Chủ tịch UBND phường', role: 'leader' },
  { name: 'minh.le', displayName: 'Lê Quang Minh', title: 'Phó Chủ tịch UBND phường', role: 'leader' },
  { name: 'thanh.pham', displayName: 'Phạm Văn Thành', title: 'Bí thư Đảng ủy phường', role: 'leader' },
  // Văn phòng HĐND – UBND
  { name: 'hoa.do', displayName: 'Đỗ Thị Hòa', title: 'Chánh Văn phòng HĐND – UBND', role: 'staff', unitId: 'vp', head: true },
  { name: 'tuan.vu', displayName: 'Vũ Anh Tuấn', title: 'Phó Chánh Văn phòng', role: 'staff', unitId: 'vp' },
  { name: 'mai.hoang', displayName: 'Hoàng Thị Mai', title: 'Văn thư', role: 'clerk', unitId: 'vp' },
  { name: 'huong.bui', displayName: 'Bùi Thu Hương', title: 'Văn thư – Lưu trữ', role: 'clerk', unitId: 'vp' },
  { name: 'an.nguyen', displayName: 'Nguyễn Văn An', title: 'Chuyên viên tổng hợp', role: 'staff', unitId: 'vp' },
  { name: 'dung.ngo', displayName: 'Ngô Tiến Dũng', title: 'Chuyên viên pháp chế', role: 'staff', unitId: 'vp' },
  { name: 'quang.dang', displayName: 'Đặng Minh Quang', title: 'Kế toán', role: 'staff', unitId: 'vp' },
  {
    name: 'tri.nguyen',
    displayName: 'Nguyễn Minh Trí',
    title: 'Chuyên viên công nghệ thông tin (quản trị hệ thống)',
    role: 'admin',
    unitId: 'vp',
  },
  // Phòng Kinh tế – Hạ tầng – Đô thị
  {
    name: 'son.phan',
    displayName: 'Phan Thanh Sơn',
    title: 'Trưởng phòng Kinh tế – Hạ tầng – Đô thị',
    role: 'staff',
    unitId: 'kt',
    head: true,
  },
  { name: 'nam.truong', displayName: 'Trương Hoài Nam', title: 'Phó Trưởng phòng', role: 'staff', unitId: 'kt' },
  { name: 'linh.dinh', displayName: 'Đinh Thùy Linh', title: 'Chuyên viên địa chính', role: 'staff', unitId: 'kt' },
  { name: 'khoa.ly', displayName: 'Lý Đăng Khoa', title: 'Chuyên viên xây dựng – đô thị', role: 'staff', unitId: 'kt' },
  { name: 'thao.ha', displayName: 'Hà Phương Thảo', title: 'Chuyên viên kinh tế', role: 'staff', unitId: 'kt' },
  { name: 'duc.vo', displayName: 'Võ Minh Đức', title: 'Chuyên viên môi trường', role: 'staff', unitId: 'kt' },
  // Phòng Văn hóa – Xã hội
  { name: 'yen.luong', displayName: 'Lương Hải Yến', title: 'Trưởng phòng Văn hóa – Xã hội', role: 'staff', unitId: 'vhxh', head: true },
  { name: 'phuc.cao', displayName: 'Cao Hữu Phúc', title: 'Phó Trưởng phòng', role: 'staff', unitId: 'vhxh' },
  { name: 'ngoc.mai', displayName: 'Mai Bảo Ngọc', title: 'Chuyên viên văn hóa – thông tin', role: 'staff', unitId: 'vhxh' },
  { name: 'hai.trinh', displayName: 'Trịnh Văn Hải', title: 'Chuyên viên lao động – thương binh – xã hội', role: 'staff', unitId: 'vhxh' },
  { name: 'trang.duong', displayName: 'Dương Thu Trang', title: 'Chuyên viên y tế – giáo dục', role: 'staff', unitId: 'vhxh' },
  // Trung tâm Phục vụ hành chính công
  {
    name: 'binh.ta',
    displayName: 'Tạ Thanh Bình',
    title: 'Giám đốc Trung tâm Phục vụ hành chính công',
    role: 'staff',
    unitId: 'ttpvhcc',
    head: true,
  },
  { name: 'vy.lam', displayName: 'Lâm Tường Vy', title: 'Chuyên viên tiếp nhận hồ sơ', role: 'staff', unitId: 'ttpvhcc' },
  { name: 'kien.ho', displayName: 'Hồ Trung Kiên', title: 'Chuyên viên tiếp nhận hồ sơ', role: 'staff', unitId: 'ttpvhcc' },
  { name: 'nhung.chau', displayName: 'Châu Hồng Nhung', title: 'Chuyên viên trả kết quả', role: 'staff', unitId: 'ttpvhcc' },
  // Văn phòng Đảng ủy
  { name: 'tam.kieu', displayName: 'Kiều Minh Tâm', title: 'Chánh Văn phòng Đảng ủy', role: 'staff', unitId: 'vpdu', head: true },
  { name: 'giang.quach', displayName: 'Quách Hương Giang', title: 'Chuyên viên Văn phòng Đảng ủy', role: 'staff', unitId: 'vpdu' },
  { name: 'long.tong', displayName: 'Tống Đức Long', title: 'Văn thư Đảng ủy', role: 'clerk', unitId: 'vpdu' },
];

export const DEMO_NOTICES: DemoNotice[] = [
  {
    author: 'mai.hoang',
    space: 'org',
    title: 'Lịch tiếp công dân định kỳ của lãnh đạo UBND phường',
    body:
      'Chủ tịch UBND phường tiếp công dân định kỳ vào sáng thứ Năm hằng tuần tại Phòng tiếp công dân (tầng 1). ' +
      'Các Phó Chủ tịch tiếp công dân theo lĩnh vực phụ trách vào chiều thứ Ba. Văn phòng HĐND – UBND chuẩn bị hồ sơ, ' +
      'các phòng chuyên môn cử cán bộ tham dự khi có nội dung liên quan.',
    pinned: true,
  },
  {
    author: 'hung.tran',
    space: 'org',
    title: 'Triển khai đợt cao điểm cải cách hành chính cuối năm',
    body:
      'Đề nghị các phòng, ban, Trung tâm Phục vụ hành chính công rà soát toàn bộ hồ sơ thủ tục hành chính đang giải quyết, ' +
      'không để hồ sơ quá hạn; báo cáo kết quả về Văn phòng HĐND – UBND trước ngày 20 hằng tháng để tổng hợp.',
    pinned: false,
  },
  {
    author: 'hoa.do',
    space: 'org',
    title: 'Thông báo lịch nghỉ Tết Dương lịch',
    body:
      'Cán bộ, công chức được nghỉ Tết Dương lịch theo quy định. Các đơn vị phân công trực, gửi danh sách trực về Văn phòng ' +
      'trước ngày 28/12; bộ phận một cửa bố trí trực tiếp nhận hồ sơ trực tuyến.',
    pinned: false,
    expiresInDays: 40,
  },
  {
    author: 'son.phan',
    space: 'kt',
    title: 'Phân công kiểm tra trật tự xây dựng trong tuần',
    body:
      'Tổ kiểm tra gồm đ/c Nam, Khoa, Đức kiểm tra các công trình trên địa bàn tổ dân phố 3, 5 và 7; ' +
      'lập biên bản các trường hợp xây dựng sai phép, báo cáo Trưởng phòng trước 16 giờ thứ Sáu.',
    pinned: true,
    expiresInDays: 7,
  },
  {
    author: 'yen.luong',
    space: 'vhxh',
    title: 'Chuẩn bị hồ sơ chi trả trợ cấp xã hội tháng này',
    body: 'Đề nghị đ/c Hải hoàn thiện danh sách đối tượng bảo trợ xã hội, đối chiếu với danh sách tháng trước và trình ký trước ngày 25.',
    pinned: false,
  },
];
