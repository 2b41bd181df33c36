import { registerMessages } from '../../i18n/i18n.ts';

/** messages: placeholder until its own issue is built (what it will do). */
export const messagesMessages = {
  vi: {
    'messages.intro': 'Trao đổi nội bộ giữa cán bộ, công chức trong phường.',
    'messages.will.1': 'Tin nhắn trực tiếp và nhóm.',
    'messages.will.2': 'Trao đổi ý kiến ngay trên từng văn bản, công việc và cuộc họp.',
    'messages.will.3': 'Trung tâm thông báo cho mọi việc cần bạn xử lý.',
  },
  en: {
    'messages.intro': 'Internal communication between staff of the ward.',
    'messages.will.1': 'Direct and group messages.',
    'messages.will.2': 'Discussion on every document, task and meeting.',
    'messages.will.3': 'A notification centre for everything that needs you.',
  },
  ar: {
    'messages.intro': 'التواصل الداخلي بين موظفي الحي.',
    'messages.will.1': 'رسائل مباشرة وجماعية.',
    'messages.will.2': 'النقاش على كل وثيقة ومهمة واجتماع.',
    'messages.will.3': 'مركز إشعارات لكل ما يحتاج إلى تدخلك.',
  },
};

registerMessages(messagesMessages);
