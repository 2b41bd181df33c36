/**
 * Words of the demo ward's schedules (issue 5 "Demo data"): the weekly leadership schedule (lịch công tác tuần), the
 * units' own calendars, personal calendars and meeting-room bookings. `{kp}` is a residential quarter (khu phố),
 * `{thang}`/`{quy}`/`{nam}`/`{tuan}` the month, quarter, year and ISO week number of the entry.
 */
import type { DemoUnitId } from './documents-data.ts';

/** The ward's meeting rooms (`room:<roomId>` in the org space). */
export interface DemoRoom {
  roomId: string;
  name: string;
  capacity: number;
  equipment: string[];
  location: string;
}

export const DEMO_ROOMS: DemoRoom[] = [
  { roomId: 'hoi-truong', name: 'Hội trường UBND phường', capacity: 120, equipment: ['Âm thanh', 'Máy chiếu'], location: 'Tầng 1, nhà A' },
  {
    roomId: 'phong-hop-tang-2',
    name: 'Phòng họp tầng 2',
    capacity: 30,
    equipment: ['Máy chiếu', 'Truyền hình trực tuyến'],
    location: 'Tầng 2, nhà A',
  },
  { roomId: 'phong-hop-tang-3', name: 'Phòng họp tầng 3', capacity: 16, equipment: ['Màn hình'], location: 'Tầng 3, nhà A' },
  { roomId: 'phong-tiep-cong-dan', name: 'Phòng tiếp công dân', capacity: 10, equipment: [], location: 'Tầng 1, nhà A' },
  { roomId: 'phong-hop-dang-uy', name: 'Phòng họp Đảng ủy', capacity: 20, equipment: ['Máy chiếu'], location: 'Tầng 2, nhà B' },
];

export type RoomId = 'hoi-truong' | 'phong-hop-tang-2' | 'phong-hop-tang-3' | 'phong-tiep-cong-dan' | 'phong-hop-dang-uy';

/** A place: a room of the directory (`room:…`) or words. */
export type Place = `room:${RoomId}` | string;

/** When in the week: ISO weekdays (1 = thứ Hai) and half-day slots or ward times `HH:mm-HH:mm`. */
export interface WeekTime {
  days: number[];
  times: ('morning' | 'afternoon' | 'allDay' | `${string}-${string}`)[];
}

export interface LeadershipTemplate {
  title: string;
  content?: string;
  /** Candidate chairs (leaders' accounts). */
  chairs: string[];
  /** Candidate people invited, and how many of them. */
  people: string[];
  peopleCount: [number, number];
  /** Candidate units invited as a whole, and how many. */
  units: DemoUnitId[];
  unitCount: [number, number];
  places: Place[];
  at: WeekTime;
  preparingUnit?: DemoUnitId;
  priority?: 'high';
  /** Relative frequency among the entries that fill a week (default 1). */
  weight?: number;
  notes?: string;
  /** A document the meeting is about (label only). */
  link?: string;
}

const LEADERS_UBND = ['hung.tran', 'lan.nguyen', 'minh.le'];
const HEADS = ['hoa.do', 'son.phan', 'yen.luong', 'binh.ta', 'tam.kieu'];

/** Every week. */
export const WEEKLY_LEADERSHIP: LeadershipTemplate[] = [
  {
    title: 'Giao ban lãnh đạo UBND phường tuần {tuan}',
    content: 'Đánh giá kết quả công tác tuần qua; triển khai nhiệm vụ trọng tâm tuần {tuan}.',
    chairs: ['hung.tran'],
    people: ['lan.nguyen', 'minh.le', 'hoa.do', 'son.phan', 'yen.luong', 'binh.ta'],
    peopleCount: [6, 6],
    units: [],
    unitCount: [0, 0],
    places: ['room:phong-hop-tang-2'],
    at: { days: [1], times: ['07:30-09:00'] },
    preparingUnit: 'vp',
    priority: 'high',
  },
  {
    title: 'Chủ tịch UBND phường tiếp công dân định kỳ',
    content: 'Tiếp công dân, nhận đơn kiến nghị, phản ánh; các phòng chuyên môn có liên quan cử cán bộ tham dự.',
    chairs: ['hung.tran'],
    people: ['hoa.do', 'dung.ngo'],
    peopleCount: [1, 2],
    units: ['kt', 'vhxh'],
    unitCount: [1, 2],
    places: ['room:phong-tiep-cong-dan'],
    at: { days: [4], times: ['morning'] },
    preparingUnit: 'vp',
  },
  {
    title: 'Phó Chủ tịch UBND phường tiếp công dân theo lĩnh vực phụ trách',
    chairs: ['lan.nguyen', 'minh.le'],
    people: ['dung.ngo', 'son.phan', 'yen.luong'],
    peopleCount: [1, 2],
    units: [],
    unitCount: [0, 0],
    places: ['room:phong-tiep-cong-dan'],
    at: { days: [2], times: ['afternoon'] },
    preparingUnit: 'vp',
  },
  {
    title: 'Họp Ban Thường vụ Đảng ủy phường',
    content: 'Cho ý kiến các nội dung thuộc thẩm quyền của Ban Thường vụ; nghe báo cáo tình hình công tác xây dựng Đảng.',
    chairs: ['thanh.pham'],
    people: ['hung.tran', 'tam.kieu'],
    peopleCount: [2, 2],
    units: [],
    unitCount: [0, 0],
    places: ['room:phong-hop-dang-uy'],
    at: { days: [2], times: ['08:00-10:30'] },
    preparingUnit: 'vpdu',
  },
];

/** Once a month: the first (`first`) or the last (`last`) week of the month. */
export const MONTHLY_LEADERSHIP: (LeadershipTemplate & { week: 'first' | 'last' })[] = [
  {
    week: 'last',
    title: 'Phiên họp thường kỳ UBND phường tháng {thang}',
    content:
      'Đánh giá tình hình kinh tế – xã hội, quốc phòng – an ninh tháng {thang}; nhiệm vụ trọng tâm tháng tới; cho ý kiến các tờ trình của các phòng chuyên môn.',
    chairs: ['hung.tran'],
    people: ['lan.nguyen', 'minh.le', 'thanh.pham'],
    peopleCount: [3, 3],
    units: ['vp', 'kt', 'vhxh', 'ttpvhcc'],
    unitCount: [4, 4],
    places: ['room:hoi-truong'],
    at: { days: [4], times: ['14:00-17:00'] },
    preparingUnit: 'vp',
    priority: 'high',
    link: 'Báo cáo tình hình kinh tế – xã hội, quốc phòng – an ninh tháng {thang}',
  },
  {
    week: 'first',
    title: 'Hội nghị Ban Chấp hành Đảng bộ phường tháng {thang}',
    chairs: ['thanh.pham'],
    people: ['hung.tran', 'lan.nguyen', 'minh.le', 'tam.kieu', 'hoa.do'],
    peopleCount: [5, 5],
    units: ['vpdu'],
    unitCount: [1, 1],
    places: ['room:hoi-truong', 'room:phong-hop-dang-uy'],
    at: { days: [3], times: ['morning'] },
    preparingUnit: 'vpdu',
    priority: 'high',
  },
];

/** What fills the rest of a week. */
export const LEADERSHIP_TEMPLATES: LeadershipTemplate[] = [
  {
    title: 'Kiểm tra trật tự xây dựng trên địa bàn khu phố {kp}',
    content: 'Kiểm tra các công trình đang thi công; xử lý các trường hợp xây dựng sai phép, không phép.',
    chairs: ['minh.le'],
    people: ['son.phan', 'nam.truong', 'khoa.ly'],
    peopleCount: [1, 3],
    units: ['kt'],
    unitCount: [0, 1],
    places: ['Khu phố {kp}'],
    at: { days: [1, 2, 3, 4, 5], times: ['afternoon', '14:00-16:30'] },
    preparingUnit: 'kt',
    weight: 3,
  },
  {
    title: 'Làm việc với Đoàn kiểm tra của UBND quận về công tác cải cách hành chính',
    chairs: ['hung.tran', 'lan.nguyen'],
    people: ['hoa.do', 'binh.ta', 'an.nguyen'],
    peopleCount: [2, 3],
    units: ['ttpvhcc'],
    unitCount: [0, 1],
    places: ['room:phong-hop-tang-2'],
    at: { days: [2, 3, 4], times: ['morning', '08:00-11:00'] },
    preparingUnit: 'vp',
    priority: 'high',
    link: 'Kế hoạch kiểm tra công tác cải cách hành chính năm {nam} của UBND quận',
  },
  {
    title: 'Làm việc với Đoàn kiểm tra của quận về công tác quản lý đất đai, trật tự đô thị',
    chairs: ['minh.le'],
    people: ['son.phan', 'linh.dinh', 'khoa.ly'],
    peopleCount: [2, 3],
    units: [],
    unitCount: [0, 0],
    places: ['room:phong-hop-tang-2'],
    at: { days: [2, 3, 5], times: ['morning', 'afternoon'] },
    preparingUnit: 'kt',
    priority: 'high',
  },
  {
    title: 'Hội nghị triển khai kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm {nam}',
    chairs: ['minh.le'],
    people: ['son.phan', 'duc.vo'],
    peopleCount: [1, 2],
    units: ['kt', 'vhxh', 'vp'],
    unitCount: [2, 3],
    places: ['room:hoi-truong'],
    at: { days: [2, 3, 4], times: ['morning'] },
    preparingUnit: 'kt',
  },
  {
    title: 'Hội nghị triển khai nhiệm vụ chuyển đổi số, đề án 06 trên địa bàn phường',
    chairs: ['lan.nguyen', 'hung.tran'],
    people: ['tri.nguyen', 'binh.ta', 'hoa.do'],
    peopleCount: [2, 3],
    units: ['ttpvhcc', 'vp'],
    unitCount: [1, 2],
    places: ['room:hoi-truong'],
    at: { days: [1, 3, 5], times: ['afternoon'] },
    preparingUnit: 'vp',
  },
  {
    title: 'Dự họp trực tuyến với UBND thành phố về tình hình kinh tế – xã hội',
    chairs: ['hung.tran'],
    people: ['lan.nguyen', 'minh.le', 'hoa.do'],
    peopleCount: [1, 3],
    units: [],
    unitCount: [0, 0],
    places: ['room:phong-hop-tang-2'],
    at: { days: [1, 2, 3, 4, 5], times: ['14:00-16:30', 'morning'] },
    preparingUnit: 'vp',
    priority: 'high',
    weight: 2,
  },
  {
    title: 'Họp Hội đồng bồi thường, hỗ trợ, tái định cư dự án nâng cấp tuyến đường nội phường',
    chairs: ['minh.le'],
    people: ['son.phan', 'linh.dinh', 'quang.dang'],
    peopleCount: [2, 3],
    units: [],
    unitCount: [0, 0],
    places: ['room:phong-hop-tang-3', 'room:phong-hop-tang-2'],
    at: { days: [2, 4], times: ['14:00-16:00'] },
    preparingUnit: 'kt',
  },
  {
    title: 'Họp xét duyệt danh sách hộ nghèo, hộ cận nghèo quý {quy}/{nam}',
    chairs: ['lan.nguyen'],
    people: ['yen.luong', 'hai.trinh'],
    peopleCount: [2, 2],
    units: ['vhxh'],
    unitCount: [0, 1],
    places: ['room:phong-hop-tang-3'],
    at: { days: [2, 3, 5], times: ['morning', '08:30-10:30'] },
    preparingUnit: 'vhxh',
  },
  {
    title: 'Làm việc với Trung tâm Phục vụ hành chính công về tình hình giải quyết hồ sơ',
    chairs: ['lan.nguyen', 'hung.tran'],
    people: ['binh.ta', 'vy.lam', 'nhung.chau'],
    peopleCount: [1, 3],
    units: [],
    unitCount: [0, 0],
    places: ['room:phong-hop-tang-3'],
    at: { days: [1, 3, 5], times: ['15:00-16:30'] },
    preparingUnit: 'ttpvhcc',
  },
  {
    title: 'Làm việc với Công an phường về tình hình an ninh trật tự trên địa bàn',
    chairs: ['hung.tran', 'minh.le'],
    people: ['hoa.do', 'an.nguyen'],
    peopleCount: [1, 2],
    units: [],
    unitCount: [0, 0],
    places: ['Trụ sở Công an phường', 'room:phong-hop-tang-2'],
    at: { days: [3, 5], times: ['morning', '09:00-10:30'] },
    preparingUnit: 'vp',
  },
  {
    title: 'Kiểm tra công tác vệ sinh môi trường, thu gom rác thải tại khu phố {kp}',
    chairs: ['minh.le'],
    people: ['duc.vo', 'son.phan'],
    peopleCount: [1, 2],
    units: ['kt'],
    unitCount: [0, 1],
    places: ['Khu phố {kp}'],
    at: { days: [1, 3, 5, 6], times: ['morning', '07:30-10:00'] },
    preparingUnit: 'kt',
    weight: 2,
  },
  {
    title: 'Kiểm tra công tác phòng cháy, chữa cháy tại các cơ sở kinh doanh khu phố {kp}',
    chairs: ['minh.le'],
    people: ['khoa.ly', 'thao.ha'],
    peopleCount: [1, 2],
    units: [],
    unitCount: [0, 0],
    places: ['Khu phố {kp}'],
    at: { days: [2, 4], times: ['afternoon'] },
    preparingUnit: 'kt',
  },
  {
    title: 'Dự Hội nghị Quận ủy quán triệt nghị quyết của Trung ương',
    chairs: ['thanh.pham'],
    people: ['hung.tran', 'tam.kieu'],
    peopleCount: [1, 2],
    units: [],
    unitCount: [0, 0],
    places: ['Hội trường Quận ủy'],
    at: { days: [3, 4, 5], times: ['allDay', 'morning'] },
    priority: 'high',
  },
  {
    title: 'Giao ban khối Đảng – Mặt trận – đoàn thể phường',
    chairs: ['thanh.pham'],
    people: ['tam.kieu', 'giang.quach'],
    peopleCount: [1, 2],
    units: ['vpdu'],
    unitCount: [0, 1],
    places: ['room:phong-hop-dang-uy'],
    at: { days: [1, 5], times: ['14:00-16:00'] },
    preparingUnit: 'vpdu',
  },
  {
    title: 'Tiếp xúc cử tri khu phố {kp} trước kỳ họp HĐND',
    chairs: ['thanh.pham', 'hung.tran'],
    people: ['hoa.do', 'tuan.vu'],
    peopleCount: [1, 2],
    units: [],
    unitCount: [0, 0],
    places: ['Nhà văn hóa khu phố {kp}'],
    at: { days: [2, 4, 6], times: ['19:00-21:00', 'afternoon'] },
    preparingUnit: 'vp',
  },
  {
    title: 'Đối thoại với hộ kinh doanh, doanh nghiệp trên địa bàn phường',
    chairs: ['lan.nguyen', 'hung.tran'],
    people: ['thao.ha', 'son.phan'],
    peopleCount: [1, 2],
    units: ['kt'],
    unitCount: [0, 1],
    places: ['room:hoi-truong'],
    at: { days: [3, 5], times: ['afternoon'] },
    preparingUnit: 'kt',
  },
  {
    title: 'Họp Hội đồng thi đua – khen thưởng phường',
    chairs: ['hung.tran'],
    people: ['hoa.do', 'yen.luong', 'tam.kieu'],
    peopleCount: [2, 3],
    units: [],
    unitCount: [0, 0],
    places: ['room:phong-hop-tang-3'],
    at: { days: [2, 5], times: ['15:00-16:30'] },
    preparingUnit: 'vp',
  },
  {
    title: 'Họp Ban Chỉ đạo chuyển đổi số phường',
    chairs: ['lan.nguyen'],
    people: ['tri.nguyen', 'binh.ta', 'an.nguyen'],
    peopleCount: [2, 3],
    units: [],
    unitCount: [0, 0],
    places: ['room:phong-hop-tang-3'],
    at: { days: [1, 4], times: ['09:30-11:00'] },
    preparingUnit: 'vp',
  },
  {
    title: 'Kiểm tra tiến độ công trình chỉnh trang đô thị tuyến phố chính',
    chairs: ['minh.le'],
    people: ['son.phan', 'khoa.ly'],
    peopleCount: [1, 2],
    units: [],
    unitCount: [0, 0],
    places: ['Tuyến phố chính, khu phố {kp}'],
    at: { days: [2, 4, 5], times: ['morning'] },
    preparingUnit: 'kt',
  },
  {
    title: 'Thăm, tặng quà gia đình chính sách, hộ nghèo trên địa bàn',
    chairs: ['thanh.pham', 'lan.nguyen'],
    people: ['yen.luong', 'hai.trinh'],
    peopleCount: [1, 2],
    units: [],
    unitCount: [0, 0],
    places: ['Khu phố {kp}'],
    at: { days: [3, 5], times: ['afternoon'] },
    preparingUnit: 'vhxh',
  },
  {
    title: 'Làm việc với Trạm Y tế phường về công tác phòng, chống dịch bệnh',
    chairs: ['lan.nguyen'],
    people: ['yen.luong', 'trang.duong'],
    peopleCount: [1, 2],
    units: [],
    unitCount: [0, 0],
    places: ['Trạm Y tế phường'],
    at: { days: [1, 3], times: ['14:00-16:00'] },
    preparingUnit: 'vhxh',
  },
  {
    title: 'Họp rà soát tiến độ giải ngân vốn đầu tư công',
    chairs: ['hung.tran', 'minh.le'],
    people: ['quang.dang', 'son.phan', 'hoa.do'],
    peopleCount: [2, 3],
    units: [],
    unitCount: [0, 0],
    places: ['room:phong-hop-tang-2'],
    at: { days: [2, 4], times: ['09:00-11:00'] },
    preparingUnit: 'vp',
  },
  {
    title: 'Hội nghị sơ kết công tác quý {quy}/{nam}',
    chairs: ['hung.tran'],
    people: [...LEADERS_UBND.slice(1), ...HEADS],
    peopleCount: [4, 6],
    units: ['vp', 'kt', 'vhxh', 'ttpvhcc'],
    unitCount: [2, 4],
    places: ['room:hoi-truong'],
    at: { days: [5], times: ['morning'] },
    preparingUnit: 'vp',
    priority: 'high',
    weight: 1,
  },
  {
    title: 'Ra quân tổng vệ sinh môi trường "Ngày Chủ nhật xanh"',
    chairs: ['minh.le', 'thanh.pham'],
    people: ['duc.vo', 'son.phan'],
    peopleCount: [1, 2],
    units: ['kt'],
    unitCount: [1, 1],
    places: ['Khu phố {kp}'],
    at: { days: [7], times: ['06:30-09:00'] },
    preparingUnit: 'kt',
  },
];

/** Why an entry of the leadership schedule was called off. */
export const CANCEL_REASONS: string[] = [
  'Lãnh đạo đi họp đột xuất tại UBND quận.',
  'Lùi sang tuần sau do trùng lịch làm việc của thành phố.',
  'Đoàn kiểm tra của quận thông báo hoãn.',
  'Nội dung đã được lồng ghép vào phiên giao ban.',
];

/** Why someone invited will not come. */
export const DECLINE_REASONS: string[] = [
  'Trùng lịch làm việc với Đoàn kiểm tra của quận.',
  'Đi công tác tại thành phố.',
  'Nghỉ phép theo kế hoạch đã đăng ký.',
  'Đang trực tiếp nhận hồ sơ tại bộ phận một cửa.',
  'Tham gia lớp bồi dưỡng tại Trường Chính trị thành phố.',
];

export const DELEGATE_NOTES: string[] = ['Cử đồng chí dự thay, báo cáo lại sau.', 'Đơn vị cử cán bộ phụ trách lĩnh vực dự.'];

export const EDIT_NOTES: string[] = [
  'Điều chỉnh theo chỉ đạo của Chủ tịch UBND phường.',
  'Đổi địa điểm do hội trường đã có lịch.',
  'Bổ sung thành phần theo đề nghị của đơn vị chuẩn bị.',
];

/** Why the leader sent the draft back to the office. */
export const RETURN_REASONS: string[] = [
  'Bổ sung lịch làm việc với Đoàn kiểm tra của quận.',
  'Điều chỉnh thành phần dự họp giao ban.',
  'Rà soát lại thời gian tiếp công dân cho đúng quy định.',
];

/** What a unit keeps on its own calendar. `{unit}` is the unit's name. */
export const UNIT_EVENTS: Record<DemoUnitId, { title: string; places: string[]; at: WeekTime }[]> = {
  vp: [
    {
      title: 'Họp giao ban Văn phòng HĐND – UBND tháng {thang}',
      places: ['Phòng làm việc Văn phòng'],
      at: { days: [1], times: ['14:00-15:30'] },
    },
    { title: 'Rà soát sổ đăng ký văn bản đi, đến tháng {thang}', places: ['Bộ phận Văn thư'], at: { days: [5], times: ['afternoon'] } },
    { title: 'Kiểm kê tài sản, trang thiết bị cơ quan', places: ['Trụ sở UBND phường'], at: { days: [3, 5], times: ['morning'] } },
    { title: 'Chỉnh lý tài liệu lưu trữ năm {namTruoc}', places: ['Kho lưu trữ'], at: { days: [2, 4], times: ['allDay'] } },
  ],
  kt: [
    {
      title: 'Họp giao ban Phòng Kinh tế – Hạ tầng – Đô thị tháng {thang}',
      places: ['Phòng làm việc'],
      at: { days: [1], times: ['14:00-15:30'] },
    },
    {
      title: 'Kiểm tra thực địa công trình xây dựng tại khu phố {kp}',
      places: ['Khu phố {kp}'],
      at: { days: [2, 3, 4], times: ['morning', 'afternoon'] },
    },
    { title: 'Đo đạc, xác minh ranh giới thửa đất tại khu phố {kp}', places: ['Khu phố {kp}'], at: { days: [2, 4], times: ['morning'] } },
    { title: 'Kiểm tra an toàn thực phẩm tại chợ Hòa Bình', places: ['Chợ Hòa Bình'], at: { days: [3, 5], times: ['07:30-10:00'] } },
  ],
  vhxh: [
    { title: 'Họp giao ban Phòng Văn hóa – Xã hội tháng {thang}', places: ['Phòng làm việc'], at: { days: [1], times: ['15:00-16:30'] } },
    { title: 'Chi trả trợ cấp xã hội tháng {thang}', places: ['Nhà văn hóa khu phố {kp}'], at: { days: [2, 3], times: ['morning'] } },
    { title: 'Tiêm chủng mở rộng đợt tháng {thang}', places: ['Trạm Y tế phường'], at: { days: [4], times: ['allDay'] } },
    { title: 'Kiểm tra cơ sở kinh doanh karaoke, internet', places: ['Khu phố {kp}'], at: { days: [3, 5], times: ['19:30-21:30'] } },
  ],
  ttpvhcc: [
    {
      title: 'Họp rà soát hồ sơ thủ tục hành chính trễ hạn tháng {thang}',
      places: ['Trung tâm Phục vụ hành chính công'],
      at: { days: [5], times: ['15:00-16:30'] },
    },
    {
      title: 'Hướng dẫn người dân nộp hồ sơ trực tuyến tại khu phố {kp}',
      places: ['Nhà văn hóa khu phố {kp}'],
      at: { days: [2, 4], times: ['afternoon'] },
    },
    { title: 'Trực tiếp nhận hồ sơ sáng thứ Bảy', places: ['Trung tâm Phục vụ hành chính công'], at: { days: [6], times: ['morning'] } },
  ],
  vpdu: [
    { title: 'Họp Văn phòng Đảng ủy tháng {thang}', places: ['Văn phòng Đảng ủy'], at: { days: [1], times: ['08:00-09:30'] } },
    {
      title: 'Hướng dẫn chi bộ khu phố {kp} tổ chức sinh hoạt chuyên đề',
      places: ['Nhà văn hóa khu phố {kp}'],
      at: { days: [3, 4], times: ['19:30-21:00'] },
    },
    { title: 'Thẩm định hồ sơ đề nghị kết nạp đảng viên', places: ['Văn phòng Đảng ủy'], at: { days: [2, 5], times: ['afternoon'] } },
  ],
};

/** Meetings staff book a room for (non-leadership entries of the org calendar). */
export const ROOM_BOOKINGS: Record<DemoUnitId, string[]> = {
  vp: ['Họp rà soát văn bản quy phạm pháp luật', 'Tập huấn sử dụng phần mềm quản lý văn bản', 'Họp chuẩn bị hội nghị tổng kết năm'],
  kt: [
    'Họp tổ công tác kiểm tra trật tự xây dựng',
    'Làm việc với chủ đầu tư công trình tại khu phố {kp}',
    'Họp với tổ trưởng các khu phố về vệ sinh môi trường',
  ],
  vhxh: ['Họp xét duyệt hồ sơ trợ cấp xã hội', 'Tập huấn công tác dân số cho cộng tác viên', 'Họp Ban vận động quỹ "Vì người nghèo"'],
  ttpvhcc: ['Tập huấn sử dụng Cổng dịch vụ công cho cán bộ khu phố', 'Họp rà soát quy trình tiếp nhận, trả kết quả'],
  vpdu: ['Họp chi bộ cơ quan', 'Họp chuẩn bị đại hội chi bộ khu phố {kp}'],
};

/** Personal calendars of a couple of demo users. */
export const PERSONAL_EVENTS: { title: string; places: string[]; at: WeekTime }[] = [
  { title: 'Khám sức khỏe định kỳ', places: ['Bệnh viện quận'], at: { days: [2, 3], times: ['morning'] } },
  { title: 'Học lớp bồi dưỡng kiến thức quản lý nhà nước', places: ['Trường Chính trị thành phố'], at: { days: [6], times: ['allDay'] } },
  { title: 'Nghỉ phép', places: [], at: { days: [5], times: ['allDay'] } },
  { title: 'Họp phụ huynh học sinh', places: ['Trường THCS Hòa Bình'], at: { days: [6], times: ['08:00-10:00'] } },
  { title: 'Chuẩn bị ý kiến phát biểu tại hội nghị', places: [], at: { days: [1, 2, 3, 4], times: ['16:00-17:00'] } },
  { title: 'Gặp tổ trưởng khu phố {kp}', places: ['Nhà văn hóa khu phố {kp}'], at: { days: [2, 4], times: ['17:00-18:00'] } },
];

export const PERSONAL_USERS = ['an.nguyen', 'linh.dinh', 'yen.luong'];
