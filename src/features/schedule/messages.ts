import { registerMessages } from '../../i18n/i18n.ts';

/** schedule: placeholder until its own issue is built (what it will do). */
export const scheduleMessages = {
  vi: {
    'schedule.intro': 'Lịch công tác dùng chung thay cho bảng lịch giấy.',
    'schedule.will.1': 'Lịch công tác tuần của lãnh đạo, công bố cho toàn phường.',
    'schedule.will.2': 'Lịch của từng đơn vị và lịch cá nhân.',
    'schedule.will.3': 'Đặt phòng họp và cảnh báo trùng lịch.',
  },
  en: {
    'schedule.intro': 'Shared work schedules instead of the paper board.',
    'schedule.will.1': 'The weekly leadership schedule, published to the whole ward.',
    'schedule.will.2': 'Unit schedules and personal calendars.',
    'schedule.will.3': 'Meeting room booking with clash warnings.',
  },
  ar: {
    'schedule.intro': 'جداول عمل مشتركة بدلًا من اللوحة الورقية.',
    'schedule.will.1': 'الجدول الأسبوعي للقيادة، منشورًا للحي كله.',
    'schedule.will.2': 'جداول الوحدات والتقويمات الشخصية.',
    'schedule.will.3': 'حجز قاعات الاجتماعات مع التنبيه إلى التعارضات.',
  },
};

registerMessages(scheduleMessages);
