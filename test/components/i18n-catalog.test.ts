import { expect } from '@open-wc/testing';
import { LOCALES, type Catalog, registeredCatalogs, setLocale, t } from '../../src/i18n/i18n.ts';
import { commonMessages } from '../../src/i18n/messages.ts';
import { authMessages } from '../../src/features/auth/messages.ts';
import { noticesMessages } from '../../src/features/notices/messages.ts';
import { settingsMessages } from '../../src/features/settings/messages.ts';
import { documentsMessages } from '../../src/features/documents/messages.ts';
import { documentLabels } from '../../src/features/documents/labels.ts';
import { documentDetailMessages } from '../../src/features/documents/messages-detail.ts';
import { workflowMessages } from '../../src/features/documents/messages-workflow.ts';
import { formsMessages } from '../../src/features/documents/messages-forms.ts';
import { actionsMessages } from '../../src/features/documents/messages-actions.ts';
import { taskLabels } from '../../src/features/tasks/labels.ts';
import { taskFormMessages } from '../../src/features/tasks/messages-form.ts';
import { taskDetailMessages } from '../../src/features/tasks/messages-detail.ts';
import { taskRuleMessages } from '../../src/features/tasks/messages-rules.ts';
import { taskStatsMessages } from '../../src/features/tasks/messages-stats.ts';
import { taskRemindersMessages } from '../../src/features/tasks/messages-reminders.ts';
import { listsMessages } from '../../src/features/tasks/messages-lists.ts';
import { scheduleMessages } from '../../src/features/schedule/messages.ts';
import { messagesMessages } from '../../src/features/messages/messages.ts';
import { syncMessages } from '../../src/features/sync/messages.ts';
import { adminMessages } from '../../src/features/admin/messages.ts';
import { adminBackupsMessages } from '../../src/features/admin/messages-backups.ts';
import { searchMessages } from '../../src/features/search/messages.ts';
import { hubMessages } from '../../src/features/hub/messages.ts';

const CATALOGS: Record<string, Catalog> = {
  common: commonMessages,
  auth: authMessages,
  notices: noticesMessages,
  settings: settingsMessages,
  admin: adminMessages,
  adminBackups: adminBackupsMessages,
  documents: documentsMessages,
  documentLabels,
  documentDetail: documentDetailMessages,
  workflow: workflowMessages,
  forms: formsMessages,
  actions: actionsMessages,
  taskLabels,
  taskForm: taskFormMessages,
  taskDetail: taskDetailMessages,
  taskRules: taskRuleMessages,
  taskStats: taskStatsMessages,
  taskReminders: taskRemindersMessages,
  taskLists: listsMessages,
  schedule: scheduleMessages,
  messages: messagesMessages,
  sync: syncMessages,
  search: searchMessages,
  hub: hubMessages,
};

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('message catalogs', () => {
  after(() => setLocale('vi'));

  for (const [name, catalog] of Object.entries(CATALOGS)) {
    it(`${name}: every key exists in vi, en and ar, and nowhere else`, () => {
      const vi = Object.keys(catalog.vi).sort();
      expect(vi.length).to.be.greaterThan(0);
      for (const locale of LOCALES) {
        const keys = Object.keys(catalog[locale]).sort();
        expect(keys, `${name}: keys of ${locale} vs vi`).to.deep.equal(vi);
      }
    });

    it(`${name}: no empty message, and the same placeholders in every language`, () => {
      for (const key of Object.keys(catalog.vi)) {
        const expected = placeholders(catalog.vi[key]!);
        for (const locale of LOCALES) {
          const message = catalog[locale][key]!;
          expect(message.trim(), `${name}/${locale}/${key}`).to.not.equal('');
          expect(placeholders(message), `${name}/${locale}/${key} placeholders`).to.deep.equal(expected);
        }
      }
    });
  }

  it('registers every imported catalog, with no key defined twice across catalogs', () => {
    const registered = registeredCatalogs();
    for (const catalog of Object.values(CATALOGS)) expect(registered).to.include(catalog);
    const seen = new Map<string, string>();
    for (const [name, catalog] of Object.entries(CATALOGS)) {
      for (const key of Object.keys(catalog.vi)) {
        expect(seen.get(key), `${key} is defined in ${seen.get(key)} and ${name}`).to.equal(undefined);
        seen.set(key, name);
      }
    }
  });

  it('has a message for every validation code the notice model returns', () => {
    for (const code of ['error.required', 'error.tooLong', 'error.date', 'error.dateInPast', 'error.fileType', 'error.fileTooBig']) {
      for (const locale of LOCALES) {
        setLocale(locale);
        expect(t(code, { max: 200, maxMb: 10 }), `${locale} ${code}`).to.not.equal(code);
      }
    }
  });

  it('uses Vietnamese office words with proper diacritics', () => {
    setLocale('vi');
    expect(t('nav.notices')).to.equal('Thông báo');
    expect(t('nav.documents')).to.equal('Văn bản');
    expect(t('nav.tasks')).to.equal('Công việc');
    expect(t('nav.schedule')).to.equal('Lịch công tác');
    expect(t('nav.messages')).to.equal('Tin nhắn');
    expect(t('nav.settings')).to.equal('Cài đặt');
    expect(t('auth.signIn')).to.equal('Đăng nhập');
    expect(t('shell.signOut')).to.equal('Đăng xuất');
    expect(t('notices.allAudience')).to.equal('Toàn phường');
    expect(t('notices.pending')).to.equal('Chờ đồng bộ');
  });
});
