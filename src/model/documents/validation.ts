/**
 * Validation of what people type into the official-document forms → `FieldError[]` with message-catalog codes
 * (like `validateNoticeInput`). `today` is the ward's calendar day (`wardDay()`); dates are `YYYY-MM-DD`.
 * The limits are exported for the server (`validate-doc.ts` applies the structural ones to stored documents).
 */
import type { FieldError } from '../doc.ts';
import { isValidDay } from './dates.ts';
import { ATTACHMENT_LIMITS, DOCUMENT_LIMITS } from './limits.ts';
import { parseNumberSymbol } from './numbering.ts';
import {
  type Assignee,
  type DirectionAssignment,
  CONFIDENTIALITIES,
  DOCUMENT_KINDS,
  RECEIVED_VIA,
  RETURN_REASONS,
  URGENCIES,
  assigneeKey,
} from './types.ts';

export { ATTACHMENT_LIMITS, DOCUMENT_LIMITS };

export const ATTACHMENT_TYPES: readonly string[] = Object.keys(ATTACHMENT_LIMITS.types);
/** For `<input type="file" accept>`: the MIME types and the extensions. */
export const ATTACHMENT_ACCEPT = [
  ...ATTACHMENT_TYPES,
  ...Object.values(ATTACHMENT_LIMITS.types)
    .flat()
    .map((e) => `.${e}`),
].join(',');

export interface FileInput {
  name: string;
  /** MIME type as the browser reports it (may be empty, e.g. HEIC photos on some systems). */
  type: string;
  size: number;
}

const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
};

/**
 * The content type to store for a file, or null when the file is not allowed: a known type, or, when the
 * browser reports none (or `application/octet-stream`), the type its extension names.
 */
export function attachmentContentType(file: Pick<FileInput, 'name' | 'type'>): string | null {
  const type = file.type.trim().toLowerCase();
  if (ATTACHMENT_LIMITS.types[type]) return type;
  if (type && type !== 'application/octet-stream') return null;
  const ext = extensionOf(file.name);
  return ATTACHMENT_TYPES.find((t) => ATTACHMENT_LIMITS.types[t]!.includes(ext)) ?? null;
}

/** Errors for a list of files, as `<field>.<index>` (`attachments.2`) plus `<field>` for the count. */
export function validateAttachments(files: readonly FileInput[], field = 'attachments'): FieldError[] {
  const errors: FieldError[] = [];
  if (files.length > ATTACHMENT_LIMITS.maxFiles)
    errors.push({ field, code: 'error.tooManyFiles', params: { max: ATTACHMENT_LIMITS.maxFiles } });
  files.forEach((f, i) => {
    const at = `${field}.${i}`;
    if (!f.name.trim() || f.name.length > ATTACHMENT_LIMITS.nameMax) errors.push({ field: at, code: 'error.fileName' });
    else if (!attachmentContentType(f)) errors.push({ field: at, code: 'error.fileType' });
    else if (f.size <= 0) errors.push({ field: at, code: 'error.fileEmpty' });
    else if (f.size > ATTACHMENT_LIMITS.maxBytes)
      errors.push({ field: at, code: 'error.fileTooBig', params: { maxMb: ATTACHMENT_LIMITS.maxBytes / 1024 / 1024 } });
  });
  return errors;
}

// ————————————————————————————————————————————— small checks

/** Mật, Tối mật or Tuyệt mật, from a form value. */
const isConfidentialChoice = (c: string): boolean => c !== 'normal' && (CONFIDENTIALITIES as readonly string[]).includes(c);

function text(errors: FieldError[], field: string, value: string | undefined, max: number, required: boolean): void {
  const v = (value ?? '').trim();
  if (!v) {
    if (required) errors.push({ field, code: 'error.required' });
  } else if (v.length > max) errors.push({ field, code: 'error.tooLong', params: { max } });
}

function oneOf(errors: FieldError[], field: string, value: string | undefined, allowed: readonly string[]): void {
  if (!value) errors.push({ field, code: 'error.required' });
  else if (!allowed.includes(value)) errors.push({ field, code: 'error.choice' });
}

/** A required or optional day; returns it when valid. */
function day(errors: FieldError[], field: string, value: string | undefined, required: boolean): string | undefined {
  if (!value) {
    if (required) errors.push({ field, code: 'error.required' });
    return undefined;
  }
  if (!isValidDay(value)) {
    errors.push({ field, code: 'error.date' });
    return undefined;
  }
  return value;
}

function notPast(errors: FieldError[], field: string, value: string | undefined, today: string): void {
  if (value && value < today) errors.push({ field, code: 'error.dateInPast' });
}

// ————————————————————————————————————————————— incoming registration

export interface RegistrationInput {
  issuingBody: string;
  numberSymbol: string;
  issuedOn: string;
  kind: string;
  summary: string;
  signer?: string;
  /** As typed; empty for none. */
  pageCount?: number | string;
  urgency: string;
  confidentiality: string;
  arrivedOn: string;
  receivedVia: string;
  deadline?: string;
  /** Confidential documents: the leader to route to (required for them). */
  routeTo?: string;
  attachments: FileInput[];
}

/**
 * Registration form. Date rules: issue date not after arrival date, arrival date not in the future, the
 * document's deadline not in the past and not before its issue date. The duplicate check is a warning, done
 * by the caller with `duplicateKey` (numbering.ts).
 */
export function validateRegistration(input: RegistrationInput, today: string): FieldError[] {
  const errors: FieldError[] = [];
  text(errors, 'issuingBody', input.issuingBody, DOCUMENT_LIMITS.issuingBodyMax, true);
  text(errors, 'numberSymbol', input.numberSymbol, DOCUMENT_LIMITS.numberSymbolMax, true);
  if (
    input.numberSymbol.trim() &&
    input.numberSymbol.trim().length <= DOCUMENT_LIMITS.numberSymbolMax &&
    !parseNumberSymbol(input.numberSymbol)
  )
    errors.push({ field: 'numberSymbol', code: 'error.numberSymbol' });
  oneOf(errors, 'kind', input.kind, Object.keys(DOCUMENT_KINDS));
  text(errors, 'summary', input.summary, DOCUMENT_LIMITS.summaryMax, true);
  text(errors, 'signer', input.signer, DOCUMENT_LIMITS.signerMax, false);
  const pages = input.pageCount;
  if (pages !== undefined && pages !== '') {
    const n = typeof pages === 'number' ? pages : /^\d+$/.test(pages.trim()) ? Number(pages.trim()) : NaN;
    if (!Number.isInteger(n) || n < 1) errors.push({ field: 'pageCount', code: 'error.positiveInteger' });
    else if (n > DOCUMENT_LIMITS.pageCountMax)
      errors.push({ field: 'pageCount', code: 'error.tooLarge', params: { max: DOCUMENT_LIMITS.pageCountMax } });
  }
  oneOf(errors, 'urgency', input.urgency, URGENCIES);
  oneOf(errors, 'confidentiality', input.confidentiality, CONFIDENTIALITIES);
  oneOf(errors, 'receivedVia', input.receivedVia, RECEIVED_VIA);
  const issuedOn = day(errors, 'issuedOn', input.issuedOn, true);
  const arrivedOn = day(errors, 'arrivedOn', input.arrivedOn, true);
  if (issuedOn && issuedOn > today) errors.push({ field: 'issuedOn', code: 'error.dateInFuture' });
  if (arrivedOn && arrivedOn > today) errors.push({ field: 'arrivedOn', code: 'error.dateInFuture' });
  if (issuedOn && arrivedOn && issuedOn > arrivedOn) errors.push({ field: 'issuedOn', code: 'error.issuedAfterArrival' });
  const deadline = day(errors, 'deadline', input.deadline, false);
  notPast(errors, 'deadline', deadline, today);
  if (deadline && issuedOn && deadline < issuedOn) errors.push({ field: 'deadline', code: 'error.deadlineBeforeIssue' });
  if (isConfidentialChoice(input.confidentiality) && !input.routeTo?.trim()) errors.push({ field: 'routeTo', code: 'error.required' });
  errors.push(...validateAttachments(input.attachments));
  return errors;
}

// ————————————————————————————————————————————— direction and forwarding

export interface DirectionInput {
  /** The direction (ý kiến chỉ đạo / bút phê). */
  note: string;
  assignments: DirectionAssignment[];
}

export interface DirectionOptions {
  /** Confidential documents go to persons only. */
  confidential?: boolean;
  /** Forwarding by a unit head: persons only, deadlines not after `parentDeadline`. */
  forwarding?: boolean;
  parentDeadline?: string;
  /** Forwarding a for-information assignment: the persons are for information too. */
  forInformationOnly?: boolean;
}

/**
 * Direction by a leader, or forwarding by a unit head (`opts.forwarding`). Errors on `assignments` (the
 * whole list) and `assignments.<i>.<field>`. Rules: at least one assignee; no one twice; at most one lead; a
 * lead whenever there are coordinators (a leader's direction only); deadlines valid, not in the past, none on
 * for-information recipients; persons only when confidential or forwarding; forwarding deadlines not after the
 * unit's own.
 */
export function validateDirection(input: DirectionInput, today: string, opts: DirectionOptions = {}): FieldError[] {
  const errors: FieldError[] = [];
  text(errors, 'note', input.note, DOCUMENT_LIMITS.noteMax, !opts.forwarding);
  const list = input.assignments;
  if (list.length === 0) errors.push({ field: 'assignments', code: 'error.required' });
  if (list.length > DOCUMENT_LIMITS.assignmentsMax)
    errors.push({ field: 'assignments', code: 'error.tooMany', params: { max: DOCUMENT_LIMITS.assignmentsMax } });
  const seen = new Set<string>();
  let leads = 0;
  let coordinating = 0;
  list.forEach((a, i) => {
    const at = `assignments.${i}`;
    if (!validAssignee(a.assignee)) {
      errors.push({ field: `${at}.assignee`, code: 'error.required' });
      return;
    }
    const key = assigneeKey(a.assignee);
    if (seen.has(key)) errors.push({ field: `${at}.assignee`, code: 'error.duplicate' });
    seen.add(key);
    if ((opts.confidential || opts.forwarding) && a.assignee.kind !== 'person')
      errors.push({ field: `${at}.assignee`, code: opts.forwarding ? 'error.personsOnly' : 'error.confidentialPersonsOnly' });
    if (a.role === 'lead') leads++;
    else if (a.role === 'coordinating') coordinating++;
    else if (a.role !== 'forInformation') errors.push({ field: `${at}.role`, code: 'error.choice' });
    if (opts.forInformationOnly && a.role !== 'forInformation') errors.push({ field: `${at}.role`, code: 'error.forInformationOnly' });
    if (a.deadline) {
      if (a.role === 'forInformation') errors.push({ field: `${at}.deadline`, code: 'error.noDeadlineForInformation' });
      else if (!isValidDay(a.deadline)) errors.push({ field: `${at}.deadline`, code: 'error.date' });
      else if (a.deadline < today) errors.push({ field: `${at}.deadline`, code: 'error.dateInPast' });
      else if (opts.parentDeadline && a.deadline > opts.parentDeadline)
        errors.push({ field: `${at}.deadline`, code: 'error.deadlineAfterParent', params: { max: opts.parentDeadline } });
    }
  });
  if (leads > 1) errors.push({ field: 'assignments', code: 'error.oneLead' });
  if (coordinating > 0 && leads === 0 && !opts.forwarding) errors.push({ field: 'assignments', code: 'error.leadRequired' });
  return errors;
}

function validAssignee(a: Assignee | undefined): a is Assignee {
  if (!a) return false;
  return a.kind === 'unit' ? !!a.unitId : a.kind === 'person' ? !!a.name : false;
}

// ————————————————————————————————————————————— outgoing draft

export interface DraftInput {
  kind: string;
  summary: string;
  unitId: string;
  signer: string;
  urgency: string;
  confidentiality: string;
  internalRecipients: Assignee[];
  externalRecipients: string[];
  pageCount?: number | string;
  repliesTo?: string;
  attachments: FileInput[];
}

/** Draft form (dự thảo): type, summary, drafting unit, signer, at least one recipient; confidential drafts go to persons only. */
export function validateDraft(input: DraftInput): FieldError[] {
  const errors: FieldError[] = [];
  oneOf(errors, 'kind', input.kind, Object.keys(DOCUMENT_KINDS));
  text(errors, 'summary', input.summary, DOCUMENT_LIMITS.summaryMax, true);
  if (!input.unitId) errors.push({ field: 'unitId', code: 'error.required' });
  text(errors, 'signer', input.signer, DOCUMENT_LIMITS.signerMax, true);
  oneOf(errors, 'urgency', input.urgency, URGENCIES);
  oneOf(errors, 'confidentiality', input.confidentiality, CONFIDENTIALITIES);
  const total = input.internalRecipients.length + input.externalRecipients.length;
  if (total === 0) errors.push({ field: 'recipients', code: 'error.required' });
  if (total > DOCUMENT_LIMITS.recipientsMax)
    errors.push({ field: 'recipients', code: 'error.tooMany', params: { max: DOCUMENT_LIMITS.recipientsMax } });
  const seen = new Set<string>();
  const confidential = isConfidentialChoice(input.confidentiality);
  input.internalRecipients.forEach((r, i) => {
    if (!validAssignee(r)) {
      errors.push({ field: `internalRecipients.${i}`, code: 'error.required' });
      return;
    }
    const key = assigneeKey(r);
    if (seen.has(key)) errors.push({ field: `internalRecipients.${i}`, code: 'error.duplicate' });
    seen.add(key);
    if (confidential && r.kind !== 'person') errors.push({ field: `internalRecipients.${i}`, code: 'error.confidentialPersonsOnly' });
  });
  input.externalRecipients.forEach((r, i) => text(errors, `externalRecipients.${i}`, r, DOCUMENT_LIMITS.externalRecipientMax, true));
  const pages = input.pageCount;
  if (pages !== undefined && pages !== '' && !(Number.isInteger(Number(pages)) && Number(pages) >= 1))
    errors.push({ field: 'pageCount', code: 'error.positiveInteger' });
  if (input.repliesTo !== undefined && input.repliesTo !== '' && !input.repliesTo.startsWith('officialDocument:'))
    errors.push({ field: 'repliesTo', code: 'error.reference' });
  errors.push(...validateAttachments(input.attachments));
  return errors;
}

// ————————————————————————————————————————————— processing steps

export interface ProgressInput {
  note: string;
  /** Percent done, 0–100, optional. */
  percent?: number | string;
  attachments: FileInput[];
}

/** Progress note (báo cáo tiến độ): words or files required; percent a whole number 0–100. */
export function validateProgress(input: ProgressInput): FieldError[] {
  const errors: FieldError[] = [];
  text(errors, 'note', input.note, DOCUMENT_LIMITS.noteMax, input.attachments.length === 0);
  const p = input.percent;
  if (p !== undefined && p !== '') {
    const n = typeof p === 'number' ? p : /^\d+$/.test(p.trim()) ? Number(p.trim()) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > 100) errors.push({ field: 'percent', code: 'error.percent' });
  }
  errors.push(...validateAttachments(input.attachments));
  return errors;
}

export interface ReturnInput {
  reason: string;
  note: string;
}

/** Return (trả lại): a reason; words required when the reason is `other`. */
export function validateReturn(input: ReturnInput): FieldError[] {
  const errors: FieldError[] = [];
  oneOf(errors, 'reason', input.reason, RETURN_REASONS);
  text(errors, 'note', input.note, DOCUMENT_LIMITS.noteMax, input.reason === 'other');
  return errors;
}

export interface ExtensionInput {
  requestedDeadline: string;
  note: string;
}

/** Extension request: a new deadline later than the current one and not in the past, with a reason. */
export function validateExtensionRequest(input: ExtensionInput, currentDeadline: string | undefined, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const d = day(errors, 'requestedDeadline', input.requestedDeadline, true);
  notPast(errors, 'requestedDeadline', d, today);
  if (d && currentDeadline && d <= currentDeadline)
    errors.push({ field: 'requestedDeadline', code: 'error.notLaterThanDeadline', params: { deadline: currentDeadline } });
  text(errors, 'note', input.note, DOCUMENT_LIMITS.noteMax, true);
  return errors;
}

export interface ExtensionAnswerInput {
  accepted: boolean;
  /** The deadline granted, when accepting (defaults to the one requested). */
  deadline?: string;
  note: string;
}

/** Answer to an extension request: a granted deadline must be valid, not in the past; refusals need a reason. */
export function validateExtensionAnswer(input: ExtensionAnswerInput, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (input.accepted) notPast(errors, 'deadline', day(errors, 'deadline', input.deadline, false), today);
  text(errors, 'note', input.note, DOCUMENT_LIMITS.noteMax, !input.accepted);
  return errors;
}

/** A comment or a request for changes on a draft: words required. */
export function validateComment(input: { note: string }): FieldError[] {
  const errors: FieldError[] = [];
  text(errors, 'note', input.note, DOCUMENT_LIMITS.noteMax, true);
  return errors;
}
