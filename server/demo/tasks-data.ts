/**
 * Words of the demo ward's tasks (issue 4 "Demo data"): what each unit is given to do in a year, what people write
 * while doing it. `{tdp}` is a residential group (tổ dân phố), `{thang}`/`{quy}`/`{nam}` the month, quarter and year
 * of the task's creation.
 */
import type { DemoUnitId } from './documents-data.ts';

export interface TaskTemplate {
  unit: DemoUnitId;
  title: string;
  description?: string;
  checklist?: string[];
  /** Calendar days from assignment to deadline. */
  days: [number, number];
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  /** Relative frequency (default 1). */
  weight?: number;
}

export const TASK_TEMPLATES: TaskTemplate[] = [
  // Văn phòng HĐND – UBND
  {
    unit: 'vp',
    title: 'Xây dựng báo cáo tình hình kinh tế – xã hội, quốc phòng – an ninh tháng {thang}',
    description:
      'Tổng hợp số liệu của các phòng, ban, Công an phường, Ban Chỉ huy quân sự; trình lãnh đạo UBND phường trước phiên họp thường kỳ.',
    checklist: ['Đôn đốc các đơn vị gửi số liệu', 'Dự thảo báo cáo', 'Trình Chánh Văn phòng cho ý kiến', 'Trình Chủ tịch ký'],
    days: [7, 12],
    priority: 'high',
    weight: 3,
  },
  { unit: 'vp', title: 'Chuẩn bị tài liệu phiên họp thường kỳ UBND phường tháng {thang}', days: [5, 9], weight: 2 },
  { unit: 'vp', title: 'Rà soát, cập nhật danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của phường', days: [14, 30] },
  {
    unit: 'vp',
    title: 'Tự kiểm tra công tác cải cách hành chính quý {quy}/{nam}',
    checklist: ['Lập kế hoạch kiểm tra', 'Kiểm tra tại các bộ phận', 'Báo cáo kết quả'],
    days: [20, 40],
  },
  { unit: 'vp', title: 'Rà soát văn bản quy phạm pháp luật do HĐND, UBND phường ban hành năm {nam}', days: [30, 60], priority: 'low' },
  { unit: 'vp', title: 'Lập dự toán thu, chi ngân sách phường năm {namSau}', days: [30, 60], priority: 'high' },
  { unit: 'vp', title: 'Quyết toán kinh phí tổ chức các hoạt động quý {quy}/{nam}', days: [10, 20] },
  { unit: 'vp', title: 'Chỉnh lý, số hóa hồ sơ lưu trữ năm {namTruoc} đưa vào lưu trữ cơ quan', days: [45, 90], priority: 'low' },
  { unit: 'vp', title: 'Tổng hợp hồ sơ đề nghị khen thưởng các tập thể, cá nhân có thành tích xuất sắc', days: [10, 25] },
  { unit: 'vp', title: 'Chuẩn bị nội dung tiếp công dân định kỳ của Chủ tịch UBND phường', days: [3, 6], weight: 2 },
  { unit: 'vp', title: 'Phối hợp Công an phường tổng hợp tình hình an ninh trật tự trên địa bàn tháng {thang}', days: [5, 10], weight: 2 },
  { unit: 'vp', title: 'Triển khai ứng dụng chữ ký số cho cán bộ, công chức phường', days: [20, 45] },
  // Phòng Kinh tế – Hạ tầng – Đô thị
  {
    unit: 'kt',
    title: 'Kiểm tra trật tự xây dựng tại tổ dân phố số {tdp}',
    checklist: ['Kiểm tra thực địa', 'Lập biên bản các trường hợp vi phạm', 'Báo cáo Trưởng phòng'],
    days: [3, 7],
    priority: 'high',
    weight: 3,
  },
  { unit: 'kt', title: 'Ra quân tổng vệ sinh môi trường, khơi thông cống rãnh khu vực tổ dân phố số {tdp}', days: [3, 8], weight: 2 },
  { unit: 'kt', title: 'Xử lý tình trạng lấn chiếm vỉa hè, lòng đường tuyến phố chính', days: [5, 12], priority: 'high', weight: 2 },
  {
    unit: 'kt',
    title: 'Thẩm định hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình tổ dân phố số {tdp}',
    days: [10, 25],
    weight: 2,
  },
  { unit: 'kt', title: 'Đo đạc, xác minh nguồn gốc đất phục vụ giải phóng mặt bằng tuyến đường nội phường', days: [20, 45] },
  { unit: 'kt', title: 'Thống kê đất đai năm {nam}', days: [30, 60] },
  { unit: 'kt', title: 'Kiểm tra an toàn thực phẩm tại các cơ sở kinh doanh dịch vụ ăn uống', days: [7, 15], weight: 2 },
  { unit: 'kt', title: 'Rà soát hộ kinh doanh cá thể, đôn đốc thu thuế khoán quý {quy}', days: [10, 20] },
  { unit: 'kt', title: 'Kiểm tra hệ thống chiếu sáng công cộng và cây xanh trước mùa mưa bão', days: [7, 14] },
  { unit: 'kt', title: 'Tổng hợp phản ánh của người dân về thu gom rác thải sinh hoạt', days: [5, 10] },
  { unit: 'kt', title: 'Cập nhật dữ liệu đất đai vào cơ sở dữ liệu của thành phố', days: [20, 40], priority: 'high' },
  // Phòng Văn hóa – Xã hội
  {
    unit: 'vhxh',
    title: 'Rà soát hộ nghèo, hộ cận nghèo năm {nam}',
    checklist: ['Họp các tổ dân phố', 'Phỏng vấn hộ gia đình', 'Niêm yết công khai danh sách', 'Trình UBND phường phê duyệt'],
    days: [20, 40],
    priority: 'high',
  },
  { unit: 'vhxh', title: 'Lập danh sách, chi trả trợ cấp xã hội tháng {thang}', days: [5, 10], weight: 3 },
  { unit: 'vhxh', title: 'Cập nhật biến động dân số, tình hình sinh – tử tại các tổ dân phố tháng {thang}', days: [7, 14], weight: 2 },
  { unit: 'vhxh', title: 'Triển khai chiến dịch truyền thông dân số và phát triển năm {nam}', days: [20, 45] },
  { unit: 'vhxh', title: 'Tổ chức tiêm chủng mở rộng đợt tháng {thang}', days: [5, 12], priority: 'high' },
  { unit: 'vhxh', title: 'Phun hóa chất phòng chống sốt xuất huyết tại tổ dân phố số {tdp}', days: [2, 5], priority: 'urgent' },
  { unit: 'vhxh', title: 'Bình xét danh hiệu "Gia đình văn hóa", "Tổ dân phố văn hóa" năm {nam}', days: [20, 40] },
  { unit: 'vhxh', title: 'Thăm hỏi, tặng quà gia đình chính sách, người có công với cách mạng', days: [7, 14], weight: 2 },
  { unit: 'vhxh', title: 'Điều tra trẻ em trong độ tuổi đến trường, chuẩn bị tuyển sinh đầu cấp', days: [14, 30] },
  { unit: 'vhxh', title: 'Kiểm tra hoạt động kinh doanh dịch vụ karaoke, internet trên địa bàn', days: [7, 15] },
  { unit: 'vhxh', title: 'Rà soát lao động thất nghiệp, giới thiệu việc làm tại tổ dân phố số {tdp}', days: [10, 20] },
  // Trung tâm Phục vụ hành chính công
  {
    unit: 'ttpvhcc',
    title: 'Rà soát hồ sơ thủ tục hành chính quá hạn, sắp quá hạn tháng {thang}',
    days: [3, 7],
    priority: 'high',
    weight: 3,
  },
  { unit: 'ttpvhcc', title: 'Hướng dẫn người dân nộp hồ sơ trực tuyến toàn trình trên Cổng dịch vụ công', days: [10, 30], weight: 2 },
  { unit: 'ttpvhcc', title: 'Tổ chức khảo sát mức độ hài lòng của người dân quý {quy}/{nam}', days: [14, 30] },
  { unit: 'ttpvhcc', title: 'Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực', days: [20, 45] },
  { unit: 'ttpvhcc', title: 'Cập nhật niêm yết công khai thủ tục hành chính mới được công bố', days: [3, 7] },
  { unit: 'ttpvhcc', title: 'Báo cáo tình hình tiếp nhận, giải quyết hồ sơ tháng {thang}', days: [3, 6], weight: 2 },
  // Văn phòng Đảng ủy
  { unit: 'vpdu', title: 'Chuẩn bị nội dung hội nghị Ban Chấp hành Đảng bộ phường tháng {thang}', days: [7, 14], weight: 2 },
  { unit: 'vpdu', title: 'Tổng hợp hồ sơ đề nghị kết nạp đảng viên mới', days: [14, 30] },
  { unit: 'vpdu', title: 'Tổ chức học tập, quán triệt nghị quyết cho cán bộ, đảng viên', days: [10, 20] },
  { unit: 'vpdu', title: 'Báo cáo kết quả thực hiện nhiệm vụ công tác đảng tháng {thang}', days: [3, 6], weight: 2 },
];

/** What a staff member writes on their own list (a unit task for themselves). */
export const SELF_TASKS: string[] = [
  'Sắp xếp lại hồ sơ theo dõi công việc của bộ phận',
  'Hoàn thiện sổ theo dõi văn bản đi, đến của bộ phận',
  'Cập nhật số liệu vào phần mềm chuyên ngành',
  'Chuẩn bị báo cáo cá nhân cuối tháng',
  'Đối chiếu danh sách với tổ trưởng tổ dân phố số {tdp}',
];

/** Personal to-dos (no unit, no one else on them). */
export const PERSONAL_TASKS: string[] = [
  'Đọc kỹ Nghị định 30/2020/NĐ-CP về công tác văn thư',
  'Gọi lại cho tổ trưởng tổ dân phố số {tdp}',
  'Chuẩn bị ý kiến phát biểu tại hội nghị sơ kết',
  'Ôn tập bồi dưỡng kiến thức quản lý nhà nước',
  'Đăng ký lớp tập huấn chuyển đổi số',
  'Viết bản kiểm điểm cá nhân cuối năm',
];

/** Coordinators report what they contributed. */
export const PART_NOTES: string[] = [
  'Đã cung cấp số liệu phần việc được giao cho đồng chí chủ trì.',
  'Đã cùng tổ công tác kiểm tra thực địa.',
  'Đã gửi ý kiến góp ý dự thảo.',
  'Đã liên hệ các tổ dân phố, đang chờ phản hồi.',
];

export const LEAD_NOTES: string[] = [
  'Đã nghiên cứu nội dung, lập kế hoạch và phân công.',
  'Đã làm việc với tổ trưởng tổ dân phố số {tdp}.',
  'Đã hoàn thành khoảng một nửa khối lượng công việc.',
  'Đang tổng hợp số liệu, dự kiến hoàn thành trong tuần.',
  'Dự thảo đã xong, đang xin ý kiến đơn vị phối hợp.',
  'Đã kiểm tra thực địa, đang hoàn thiện biên bản.',
];

export const SUBMIT_NOTES: string[] = [
  'Đã hoàn thành, gửi kèm báo cáo kết quả.',
  'Đã xong các nội dung được giao, kính đề nghị xem xét.',
  'Hoàn thành; hồ sơ lưu tại bộ phận.',
];

export const RETURN_NOTES: string[] = [
  'Số liệu chưa khớp với báo cáo tháng trước, đề nghị rà soát lại.',
  'Bổ sung danh sách chi tiết kèm theo.',
  'Chưa đánh giá nguyên nhân tồn tại, hạn chế; đề nghị bổ sung.',
  'Đề nghị làm rõ kiến nghị, đề xuất.',
];

export const ACCEPT_NOTES: string[] = ['Đồng ý.', 'Tốt, cảm ơn các đồng chí.', 'Đạt yêu cầu.'];

export const CANCEL_NOTES: string[] = [
  'Nội dung đã được lồng ghép vào kế hoạch chung của phường.',
  'Thành phố đã điều chỉnh, không còn yêu cầu thực hiện.',
  'Trùng với nhiệm vụ đã giao trước đó.',
];

export const EXTENSION_NOTES: string[] = [
  'Đang chờ số liệu của các tổ dân phố, đề nghị gia hạn.',
  'Khối lượng công việc lớn, cần thêm thời gian kiểm tra thực địa.',
  'Đơn vị phối hợp chưa gửi ý kiến; đề nghị cho gia hạn để hoàn thiện.',
];

export const REFUSE_NOTES: string[] = [
  'Không gia hạn; đề nghị tập trung hoàn thành đúng hạn.',
  'Thời hạn do thành phố quy định, không thể lùi.',
];

export const COMMENTS: string[] = [
  'Đề nghị đồng chí lưu ý thời hạn.',
  'Đã nhận, sẽ triển khai ngay.',
  'Gửi kèm số liệu tháng trước để tham khảo.',
  'Đề nghị phối hợp chặt chẽ với tổ trưởng tổ dân phố.',
  'Tuần sau họp giao ban sẽ nghe báo cáo nội dung này.',
];

/** The two "Báo cáo tuần" series: due every Friday at 16:00. */
export const WEEKLY_SERIES: { unit: DemoUnitId; lead: string; title: string; checklist: string[]; weeks: number }[] = [
  {
    unit: 'vp',
    lead: 'an.nguyen',
    title: 'Báo cáo tuần tình hình kinh tế – xã hội, quốc phòng – an ninh',
    checklist: ['Nhận số liệu các phòng, ban', 'Tổng hợp, dự thảo', 'Gửi Chánh Văn phòng'],
    weeks: 26,
  },
  {
    unit: 'kt',
    lead: 'duc.vo',
    title: 'Báo cáo tuần công tác vệ sinh môi trường, trật tự đô thị',
    checklist: ['Tổng hợp biên bản kiểm tra', 'Dự thảo báo cáo'],
    weeks: 18,
  },
];
