import { registerMessages } from '../../i18n/i18n.ts';

/** documents: placeholder until its own issue is built (what it will do). */
export const documentsMessages = {
  vi: {
    'documents.intro': 'Quản lý văn bản đến và văn bản đi của phường, thay cho sổ sách giấy.',
    'documents.will.1': 'Vào sổ văn bản đến, cấp số đến tự động theo sổ đăng ký văn bản.',
    'documents.will.2': 'Trình lãnh đạo cho ý kiến chỉ đạo (bút phê), giao đơn vị chủ trì, phối hợp và hạn xử lý.',
    'documents.will.3': 'Soạn dự thảo văn bản đi, trình duyệt, cấp số, ký hiệu và ban hành.',
    'documents.will.4': 'Theo dõi tiến độ xử lý, cảnh báo văn bản quá hạn.',
  },
  en: {
    'documents.intro': "Manage the ward's incoming and outgoing documents instead of paper registers.",
    'documents.will.1': 'Register incoming documents with arrival numbers allocated per registry book.',
    'documents.will.2': 'Route them to a leader for direction, assign a lead unit, coordinating units and a deadline.',
    'documents.will.3': 'Draft outgoing documents, review, approve, number and issue them.',
    'documents.will.4': 'Track processing and see overdue documents at a glance.',
  },
  ar: {
    'documents.intro': 'إدارة الوثائق الواردة والصادرة للحي بدلًا من السجلات الورقية.',
    'documents.will.1': 'تسجيل الوثائق الواردة مع تخصيص رقم الوارد تلقائيًا حسب سجل الوثائق.',
    'documents.will.2': 'إحالتها إلى القيادة للتوجيه، وتحديد الجهة المسؤولة والجهات المشاركة والموعد النهائي.',
    'documents.will.3': 'إعداد مسودات الوثائق الصادرة ومراجعتها واعتمادها وترقيمها وإصدارها.',
    'documents.will.4': 'متابعة المعالجة ومعرفة الوثائق المتأخرة بسرعة.',
  },
};

registerMessages(documentsMessages);
