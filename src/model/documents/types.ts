import type { BaseDoc } from '../doc.ts';
import type { FileMeta } from '../files.ts';

/**
 * Official documents (văn bản) under Decree 30/2020/NĐ-CP. See docs/decisions/0001 for where they live.
 * The document holds what was registered or drafted; everything that happens to it afterwards is an
 * `OfficialDocumentEvent`, and its state is derived from those events (`./workflow.ts`).
 */

/** Document types of the Decree with the abbreviation used in number/symbols (`15/QĐ-UBND`). */
export const DOCUMENT_KINDS = {
  nghiQuyet: { vi: 'Nghị quyết', abbr: 'NQ' },
  quyetDinh: { vi: 'Quyết định', abbr: 'QĐ' },
  chiThi: { vi: 'Chỉ thị', abbr: 'CT' },
  quyChe: { vi: 'Quy chế', abbr: 'QC' },
  quyDinh: { vi: 'Quy định', abbr: 'QyĐ' },
  thongBao: { vi: 'Thông báo', abbr: 'TB' },
  huongDan: { vi: 'Hướng dẫn', abbr: 'HD' },
  chuongTrinh: { vi: 'Chương trình', abbr: 'CTr' },
  keHoach: { vi: 'Kế hoạch', abbr: 'KH' },
  phuongAn: { vi: 'Phương án', abbr: 'PA' },
  deAn: { vi: 'Đề án', abbr: 'ĐA' },
  baoCao: { vi: 'Báo cáo', abbr: 'BC' },
  bienBan: { vi: 'Biên bản', abbr: 'BB' },
  toTrinh: { vi: 'Tờ trình', abbr: 'TTr' },
  hopDong: { vi: 'Hợp đồng', abbr: 'HĐ' },
  congDien: { vi: 'Công điện', abbr: 'CĐ' },
  giayMoi: { vi: 'Giấy mời', abbr: 'GM' },
  giayGioiThieu: { vi: 'Giấy giới thiệu', abbr: 'GGT' },
  giayUyQuyen: { vi: 'Giấy ủy quyền', abbr: 'GUQ' },
  phieuGui: { vi: 'Phiếu gửi', abbr: 'PG' },
  phieuChuyen: { vi: 'Phiếu chuyển', abbr: 'PC' },
  /** Công văn has no abbreviation: its symbol is `<nn>/<ISSUER>-<UNIT>`. */
  congVan: { vi: 'Công văn', abbr: '' },
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export const URGENCIES = ['normal', 'urgent', 'veryUrgent', 'immediate'] as const; // Thường, Khẩn, Thượng khẩn, Hỏa tốc
export type Urgency = (typeof URGENCIES)[number];
export const CONFIDENTIALITIES = ['normal', 'confidential', 'secret', 'topSecret'] as const; // Thường, Mật, Tối mật, Tuyệt mật
export type Confidentiality = (typeof CONFIDENTIALITIES)[number];
/** `internal`: a document the ward issued itself, delivered to one of its units or people by the server. */
export const RECEIVED_VIA = ['paper', 'email', 'nationalExchange', 'hand', 'internal'] as const;
export type ReceivedVia = (typeof RECEIVED_VIA)[number];

/** Why an assignee hands a document back (trả lại). */
export const RETURN_REASONS = ['wrongRecipient', 'needsDirection', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
/** How an issued document was sent to an external recipient. */
export const DISPATCH_METHODS = ['post', 'email', 'nationalExchange', 'hand'] as const;
export type DispatchMethod = (typeof DISPATCH_METHODS)[number];

/** Schema versions written today (`BaseDoc.schema`). */
export const OFFICIAL_DOCUMENT_SCHEMA = 1;
export const OFFICIAL_DOCUMENT_EVENT_SCHEMA = 1;
/** `createdBy` of events written by server workers (DESIGN.md, decision 0001). */
export const SYSTEM_ACTOR = 'system';

export const isConfidential = (c: Confidentiality): boolean => c !== 'normal';
export const isUrgent = (u: Urgency): boolean => u !== 'normal';

/** Someone a document is routed to: a whole unit, or one person (confidential documents: persons only). */
export type Assignee = { kind: 'unit'; unitId: string } | { kind: 'person'; name: string };
export const assigneeKey = (a: Assignee): string => (a.kind === 'unit' ? `unit:${a.unitId}` : `person:${a.name}`);

/** Registry books (sổ đăng ký): one number series per book per year. */
export type RegistryBook = 'incoming' | 'incomingConfidential' | 'outgoing' | 'outgoingConfidential';

interface OfficialDocumentBase extends BaseDoc {
  type: 'officialDocument';
  kind: DocumentKind;
  /** Trích yếu nội dung. */
  summary: string;
  urgency: Urgency;
  confidentiality: Confidentiality;
  pageCount?: number;
  /** Files (version 1 of an outgoing draft): metadata here, bytes in the files database (`../files.ts`). */
  files?: FileMeta[];
}

/** Văn bản đến, as registered by a clerk. The arrival number comes later, in a `numbered` event. */
export interface IncomingDocument extends OfficialDocumentBase {
  direction: 'incoming';
  /** Cơ quan ban hành, as written on the document. */
  issuingBody: string;
  /** Số, ký hiệu as printed, e.g. `15/QĐ-UBND`. */
  numberSymbol: string;
  /** Ngày ban hành, YYYY-MM-DD. */
  issuedOn: string;
  signer?: string;
  /** Ngày đến, YYYY-MM-DD. */
  arrivedOn: string;
  receivedVia: ReceivedVia;
  /** Deadline set by the document itself, if any. */
  deadline?: string;
  /** Confidential documents: the leader the clerk routes it to (they are delivered person to person). */
  routeTo?: string;
  /** For documents issued inside the ward: the outgoing document this copy came from. */
  sourceDocumentId?: string;
}

/** Văn bản đi, from draft to issuance. Number/symbol and issue date come in a `numbered` event. */
export interface OutgoingDocument extends OfficialDocumentBase {
  direction: 'outgoing';
  /** Drafting unit; the draft lives in that unit's space until approved. */
  unitId: string;
  /** Chosen leader who signs. */
  signer: string;
  internalRecipients: Assignee[];
  /** External bodies, free text (from the directory of bodies when possible). */
  externalRecipients: string[];
  /** The incoming document this answers, if any. */
  repliesTo?: string;
}

export type OfficialDocument = IncomingDocument | OutgoingDocument;

/** Every step in a document's life. `createdBy` is the actor (`system` for server workers). */
export const OFFICIAL_DOCUMENT_EVENT_KINDS = [
  // incoming
  'registered',
  'numbered', // server: arrival number (incoming) or number/symbol + issue date (outgoing)
  'directed', // leader: direction text, lead, coordinators, for-information, deadlines
  'delivered', // server: copied into an assignee's space
  'forwarded', // unit head: passes it on to a person of the unit
  'read',
  'progress',
  'returned', // assignee: wrong recipient / needs direction (with reason)
  'extensionRequested',
  'extensionAnswered',
  'completed', // lead: whole document; coordinator: their part
  // outgoing
  'submitted', // staff → unit head
  'reviewComment',
  'forwardedToLeader', // unit head → leader
  'changesRequested', // unit head or leader returns the draft
  'newVersion', // a new file version (never overwrites)
  'approved', // leader, with the tamper-evidence record
  'issued', // clerk: issuance after numbering
  'dispatched', // external dispatch record
  'recalled',
  'replaced',
] as const;
export type OfficialDocumentEventKind = (typeof OFFICIAL_DOCUMENT_EVENT_KINDS)[number];

export interface DirectionAssignment {
  assignee: Assignee;
  role: 'lead' | 'coordinating' | 'forInformation';
  deadline?: string;
}

/**
 * Tamper-evidence record made on approval: a device key (WebCrypto, public key registered to the account)
 * signs a digest of the metadata and the attachment hashes. Not the legal digital signature.
 */
export interface ApprovalRecord {
  /** e.g. `ECDSA-P256-SHA256`. */
  algorithm: string;
  /** Id of the public key registered to the account. */
  keyId: string;
  /** Base64 SHA-256 of the canonical metadata + attachment digests. */
  digest: string;
  /** Base64 signature over `digest`. */
  signature: string;
}

export interface OfficialDocumentEvent extends BaseDoc {
  type: 'officialDocumentEvent';
  documentId: string;
  kind: OfficialDocumentEventKind;
  /** Display name of the actor when written, so timelines read without a lookup. */
  actorName: string;
  /**
   * The author's account roles when writing (`userCtx.roles`); `validate_doc_update` refuses roles the session
   * does not have. The workflow checks each event with these, so later role changes do not rewrite history.
   * Absent on server events (`createdBy: "system"`).
   */
  actorRoles?: string[];
  /** Free text: direction, progress note, reason for return, comment. */
  note?: string;
  /** `directed`, `forwarded`: who gets what, with deadlines. */
  assignments?: DirectionAssignment[];
  /** Which assignee this step is about (`read`, `progress`, `completed`, `returned`, `delivered`, `forwarded`: the unit). */
  assignee?: Assignee;
  /** The node of the direction tree meant, when `assignee` alone is ambiguous (`unit:vp>person:an.nguyen`). */
  assignmentKey?: string;
  /** `numbered`: the allocated number in its book/year; `numberSymbol` for outgoing. */
  book?: RegistryBook;
  year?: number;
  number?: number;
  numberSymbol?: string;
  issuedOn?: string;
  /** `progress`: percent done 0–100. */
  percent?: number;
  /** `extensionRequested` / `extensionAnswered`. */
  requestedDeadline?: string;
  accepted?: boolean;
  /** `returned`: why. `note` carries the words. */
  returnReason?: ReturnReason;
  /** `newVersion` (the new version number, from 2), `reviewComment`/`changesRequested` (the version meant). */
  version?: number;
  /** `approved`: the tamper-evidence record. */
  approval?: ApprovalRecord;
  /** `numbered`: the document revision that was numbered (later edits of the document are visible as such). */
  documentRev?: string;
  /** `replaced`: the document that replaces this one. */
  replacementId?: string;
  /** `dispatched`: external dispatch record. */
  dispatchMethod?: DispatchMethod;
  recipients?: string[];
  dispatchedOn?: string;
  /** Files of the step (a new version, a progress report, …): metadata; bytes in the files database. */
  files?: FileMeta[];
}

/** Derived status of one assignee, or of the document overall (`./status.ts`). */
export type AssigneeStatus =
  | 'awaitingDirection'
  | 'inProgress'
  | 'dueSoon'
  | 'overdue'
  | 'doneOnTime'
  | 'doneLate'
  | 'returned'
  /** `forInformation` recipients (để biết): nothing to process. */
  | 'forInformation'
  /** Dropped by a later direction or forwarding; kept for the history. */
  | 'withdrawn';
