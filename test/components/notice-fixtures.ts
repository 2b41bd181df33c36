import type { NoticeView } from '../../src/data/notices.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { Space } from '../../src/model/spaces.ts';

export const ORG: Space = { kind: 'org', id: 'org', title: 'UBND phường', db: 'docket-org' };
export const UNIT: Space = { kind: 'unit', id: 'vhxh', title: 'Phòng Văn hóa – Xã hội', db: 'docket-unit-vhxh' };

export const ME: MeResponse = {
  name: 'lan.nguyen',
  displayName: 'Nguyễn Thị Lan',
  roles: ['clerk', 'unit:vp'],
  units: ['vp'],
  spaces: [ORG, UNIT, { kind: 'personal', id: 'lan.nguyen', title: 'Cá nhân', db: 'docket-user-6c616e' }],
};

let seq = 0;
export function notice(overrides: Partial<NoticeView> = {}): NoticeView {
  seq++;
  return {
    _id: `notice:01JD${String(seq).padStart(22, '0')}`,
    type: 'notice',
    schema: 1,
    createdAt: '2026-11-20T02:00:00.000Z',
    createdBy: 'lan.nguyen',
    authorName: 'Nguyễn Thị Lan',
    title: `Thông báo số ${seq}`,
    body: 'Nội dung thông báo.\nDòng thứ hai.',
    pinned: false,
    space: ORG,
    read: true,
    expired: false,
    pending: false,
    ...overrides,
  };
}
