import type { AttachmentStub, BaseDoc, FieldError } from './doc.ts';
import { ISO_DATE } from './doc.ts';
import { type UserCtx, hasRole, headedUnitsOf, isActive, unitRole } from './roles.ts';
import type { SpaceRef } from './spaces.ts';

/** A notice (thông báo) posted to the whole ward (org space) or to one unit (that unit's space). */
export interface Notice extends BaseDoc {
  type: 'notice';
  title: string;
  body: string;
  pinned: boolean;
  /** Last calendar day (Asia/Ho_Chi_Minh) the notice is shown as current; optional. */
  expiresOn?: string;
  /** Display name of the author at posting time, so readers need not look it up. */
  authorName: string;
  _attachments?: Record<string, AttachmentStub>;
}

/** A per-user read marker, kept in the reader's personal space. `_id` is `noticeRead:<notice ULID>`. */
export interface NoticeRead extends BaseDoc {
  type: 'noticeRead';
  noticeId: string;
  readAt: string;
}

export const NOTICE_SCHEMA = 1;
export const NOTICE_LIMITS = {
  titleMax: 200,
  bodyMax: 20_000,
  attachmentMaxBytes: 10 * 1024 * 1024,
  attachmentTypes: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'],
} as const;

export interface NoticeInput {
  title: string;
  body: string;
  pinned: boolean;
  expiresOn?: string;
  attachment?: { name: string; type: string; size: number };
}

/**
 * Validates what a person typed into the notice form. `today` is the current calendar day in
 * Asia/Ho_Chi_Minh (`YYYY-MM-DD`); an expiry in the past is refused.
 */
export function validateNoticeInput(input: NoticeInput, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const title = input.title.trim();
  if (!title) errors.push({ field: 'title', code: 'error.required' });
  else if (title.length > NOTICE_LIMITS.titleMax)
    errors.push({ field: 'title', code: 'error.tooLong', params: { max: NOTICE_LIMITS.titleMax } });
  const body = input.body.trim();
  if (!body) errors.push({ field: 'body', code: 'error.required' });
  else if (body.length > NOTICE_LIMITS.bodyMax)
    errors.push({ field: 'body', code: 'error.tooLong', params: { max: NOTICE_LIMITS.bodyMax } });
  if (input.expiresOn) {
    if (!ISO_DATE.test(input.expiresOn)) errors.push({ field: 'expiresOn', code: 'error.date' });
    else if (input.expiresOn < today) errors.push({ field: 'expiresOn', code: 'error.dateInPast' });
  }
  if (input.attachment) {
    if (!(NOTICE_LIMITS.attachmentTypes as readonly string[]).includes(input.attachment.type)) {
      errors.push({ field: 'attachment', code: 'error.fileType' });
    } else if (input.attachment.size > NOTICE_LIMITS.attachmentMaxBytes) {
      errors.push({ field: 'attachment', code: 'error.fileTooBig', params: { maxMb: NOTICE_LIMITS.attachmentMaxBytes / 1024 / 1024 } });
    }
  }
  return errors;
}

/**
 * Who may post a notice into a space. Org-wide (org space): leaders, clerks, unit heads and the
 * admin (IT officer); never plain staff. A unit (that unit's space): its members, leaders and
 * clerks. Nobody posts into a personal space. The server's `validate_doc_update` enforces the same
 * rule, so a modified client cannot get around it.
 */
export function canPostNotice(user: UserCtx, space: SpaceRef): boolean {
  if (!isActive(user)) return false;
  const leaderOrClerk = hasRole(user, 'leader') || hasRole(user, 'clerk');
  switch (space.kind) {
    case 'org':
      return leaderOrClerk || hasRole(user, 'admin') || headedUnitsOf(user).length > 0;
    case 'unit':
      return leaderOrClerk || hasRole(user, unitRole(space.id));
    case 'registry':
    case 'personal':
    case 'conversation':
      return false;
  }
}

/** The author may edit or delete their own notice (e.g. unpin, correct a typo). */
export const canEditNotice = (user: UserCtx, notice: Pick<Notice, 'createdBy'>): boolean => notice.createdBy === user.name;

/** Expired when the last day shown has passed. */
export const isExpired = (notice: Pick<Notice, 'expiresOn'>, today: string): boolean => !!notice.expiresOn && notice.expiresOn < today;

/** List order: pinned first, then newest first (createdAt, then _id as a stable tiebreak). */
export function compareNotices(a: Notice, b: Notice): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a._id < b._id ? 1 : a._id > b._id ? -1 : 0;
}

/** `noticeRead:<ULID>` for a notice `notice:<ULID>`: one marker per notice per reader, idempotent. */
export const noticeReadIdOf = (noticeId: string): string => `noticeRead:${noticeId.slice('notice:'.length)}`;
