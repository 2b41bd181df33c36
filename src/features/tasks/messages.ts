import { registerMessages } from '../../i18n/i18n.ts';

/** tasks: placeholder until its own issue is built (what it will do). */
export const tasksMessages = {
  vi: {
    'tasks.intro': 'Giao việc và theo dõi công việc từ văn bản, cuộc họp hoặc chỉ đạo của lãnh đạo.',
    'tasks.will.1': 'Giao việc cho người chủ trì và người phối hợp, kèm hạn xử lý.',
    'tasks.will.2': 'Báo cáo tiến độ ngay trên điện thoại, kể cả khi mất kết nối.',
    'tasks.will.3': 'Theo dõi công việc quá hạn và thống kê theo đơn vị.',
  },
  en: {
    'tasks.intro': 'Assign and follow up tasks arising from documents, meetings or leaders.',
    'tasks.will.1': 'Assign a task to a lead person and coordinators, with a deadline.',
    'tasks.will.2': 'Report progress from a phone, even offline.',
    'tasks.will.3': 'Track overdue tasks and see statistics per unit.',
  },
  ar: {
    'tasks.intro': 'إسناد المهام ومتابعتها انطلاقًا من الوثائق أو الاجتماعات أو توجيهات القيادة.',
    'tasks.will.1': 'إسناد مهمة إلى مسؤول ومشاركين مع موعد نهائي.',
    'tasks.will.2': 'تقديم تقرير التقدم من الهاتف حتى دون اتصال.',
    'tasks.will.3': 'متابعة المهام المتأخرة والإحصاءات حسب الوحدة.',
  },
};

registerMessages(tasksMessages);
