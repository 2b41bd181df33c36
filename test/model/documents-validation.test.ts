import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldError } from '../../src/model/doc.ts';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_LIMITS,
  type DraftInput,
  type RegistrationInput,
  attachmentContentType,
  validateAttachments,
  validateComment,
  validateDirection,
  validateDraft,
  validateExtensionAnswer,
  validateExtensionRequest,
  validateProgress,
  validateRegistration,
  validateReturn,
} from '../../src/model/documents/validation.ts';
import { AN, KT, TUAN, VP } from './documents-fixtures.ts';

const TODAY = '2026-11-25';
const MB = 1024 * 1024;
const pdf = { name: 'cong-van.pdf', type: 'application/pdf', size: 200_000 };

const codes = (errors: FieldError[]): string[] => errors.map((e) => `${e.field}:${e.code}`);

const registration = (over: Partial<RegistrationInput> = {}): RegistrationInput => ({
  issuingBody: 'UBND Quận 1',
  numberSymbol: '15/QĐ-UBND',
  issuedOn: '2026-11-18',
  kind: 'quyetDinh',
  summary: 'Về việc tổ chức Ngày hội Đại đoàn kết',
  signer: 'Nguyễn Văn B',
  pageCount: 3,
  urgency: 'urgent',
  confidentiality: 'normal',
  arrivedOn: '2026-11-20',
  receivedVia: 'paper',
  deadline: '2026-12-10',
  attachments: [pdf],
  ...over,
});

describe('validateRegistration', () => {
  it('accepts a complete registration, and one with only the required fields', () => {
    assert.deepEqual(validateRegistration(registration(), TODAY), []);
    assert.deepEqual(validateRegistration(registration({ signer: '', pageCount: '', deadline: '', attachments: [] }), TODAY), []);
    assert.deepEqual(validateRegistration(registration({ pageCount: ' 12 ' }), TODAY), []);
  });

  it('requires the fields of the incoming register', () => {
    const empty = registration({
      issuingBody: ' ',
      numberSymbol: '',
      issuedOn: '',
      kind: '',
      summary: '',
      urgency: '',
      confidentiality: '',
      arrivedOn: '',
      receivedVia: '',
    });
    assert.deepEqual(codes(validateRegistration(empty, TODAY)), [
      'issuingBody:error.required',
      'numberSymbol:error.required',
      'kind:error.required',
      'summary:error.required',
      'urgency:error.required',
      'confidentiality:error.required',
      'receivedVia:error.required',
      'issuedOn:error.required',
      'arrivedOn:error.required',
    ]);
  });

  it('checks choices, lengths and formats', () => {
    assert.deepEqual(
      codes(validateRegistration(registration({ kind: 'memo', urgency: 'fast', confidentiality: 'x', receivedVia: 'fax' }), TODAY)),
      ['kind:error.choice', 'urgency:error.choice', 'confidentiality:error.choice', 'receivedVia:error.choice'],
    );
    assert.deepEqual(codes(validateRegistration(registration({ summary: 'x'.repeat(2001) }), TODAY)), ['summary:error.tooLong']);
    assert.deepEqual(codes(validateRegistration(registration({ numberSymbol: 'Quyết định' }), TODAY)), ['numberSymbol:error.numberSymbol']);
    assert.deepEqual(codes(validateRegistration(registration({ issuedOn: '18/11/2026' }), TODAY)), ['issuedOn:error.date']);
    assert.deepEqual(codes(validateRegistration(registration({ arrivedOn: '2026-02-30' }), TODAY)), ['arrivedOn:error.date']);
  });

  it('wants a positive whole page count', () => {
    for (const bad of [0, -2, 1.5, 'ba', '2a'])
      assert.deepEqual(
        codes(validateRegistration(registration({ pageCount: bad }), TODAY)),
        ['pageCount:error.positiveInteger'],
        String(bad),
      );
    assert.deepEqual(codes(validateRegistration(registration({ pageCount: 10_001 }), TODAY)), ['pageCount:error.tooLarge']);
  });

  it('keeps the dates in order: issued ≤ arrived ≤ today, deadline not past and not before issue', () => {
    assert.deepEqual(codes(validateRegistration(registration({ issuedOn: '2026-11-21' }), TODAY)), ['issuedOn:error.issuedAfterArrival']);
    assert.deepEqual(codes(validateRegistration(registration({ arrivedOn: '2026-11-26' }), TODAY)), ['arrivedOn:error.dateInFuture']);
    assert.deepEqual(codes(validateRegistration(registration({ issuedOn: '2026-11-26', arrivedOn: '2026-11-26' }), TODAY)), [
      'issuedOn:error.dateInFuture',
      'arrivedOn:error.dateInFuture',
    ]);
    assert.deepEqual(codes(validateRegistration(registration({ deadline: '2026-11-24' }), TODAY)), ['deadline:error.dateInPast']);
    assert.deepEqual(validateRegistration(registration({ deadline: TODAY, issuedOn: TODAY, arrivedOn: TODAY }), TODAY), []);
    assert.deepEqual(codes(validateRegistration(registration({ deadline: '2026-13-01' }), TODAY)), ['deadline:error.date']);
  });

  it('needs the leader to route a confidential document to', () => {
    assert.deepEqual(codes(validateRegistration(registration({ confidentiality: 'secret' }), TODAY)), ['routeTo:error.required']);
    assert.deepEqual(validateRegistration(registration({ confidentiality: 'secret', routeTo: 'lan.nguyen' }), TODAY), []);
  });
});

describe('attachments', () => {
  it('accepts PDF, images from phones, Office and ODF files up to 25 MB', () => {
    const ok = [
      pdf,
      { name: 'anh.jpg', type: 'image/jpeg', size: 3 * MB },
      { name: 'anh.png', type: 'image/png', size: 1 },
      { name: 'anh.webp', type: 'image/webp', size: 1 },
      { name: 'IMG_0001.HEIC', type: '', size: 2 * MB },
      { name: 'bang.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 1 },
      { name: 'du-thao.docx', type: 'application/octet-stream', size: 1 },
      { name: 'bao-cao.doc', type: 'application/msword', size: 1 },
      { name: 'bang.xls', type: 'application/vnd.ms-excel', size: 1 },
      { name: 'trinh-chieu.pptx', type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', size: 1 },
      { name: 'van-ban.odt', type: 'application/vnd.oasis.opendocument.text', size: ATTACHMENT_LIMITS.maxBytes },
    ];
    assert.deepEqual(validateAttachments(ok), []);
    assert.equal(attachmentContentType({ name: 'IMG_0001.HEIC', type: '' }), 'image/heic');
    assert.equal(attachmentContentType({ name: 'x.PDF', type: 'Application/PDF' }), 'application/pdf');
  });

  it('refuses other types, empty and oversized files, bad names and too many files', () => {
    assert.deepEqual(
      codes(
        validateAttachments([
          { name: 'virus.exe', type: 'application/x-msdownload', size: 1 },
          { name: 'trang.html', type: 'text/html', size: 1 },
          { name: 'khong-duoi', type: '', size: 1 },
          { name: 'fake.pdf', type: 'text/plain', size: 1 },
          { name: 'rong.pdf', type: 'application/pdf', size: 0 },
          { name: 'lon.pdf', type: 'application/pdf', size: ATTACHMENT_LIMITS.maxBytes + 1 },
          { name: ' ', type: 'application/pdf', size: 1 },
        ]),
      ),
      [
        'attachments.0:error.fileType',
        'attachments.1:error.fileType',
        'attachments.2:error.fileType',
        'attachments.3:error.fileType',
        'attachments.4:error.fileEmpty',
        'attachments.5:error.fileTooBig',
        'attachments.6:error.fileName',
      ],
    );
    assert.deepEqual(validateAttachments([{ name: 'lon.pdf', type: 'application/pdf', size: 26 * MB }])[0]?.params, { maxMb: 25 });
    assert.deepEqual(codes(validateAttachments(Array.from({ length: 21 }, () => pdf))), ['attachments:error.tooManyFiles']);
  });

  it('offers an accept list for file inputs', () => {
    for (const part of ['application/pdf', '.heic', '.docx', '.odt', 'image/webp'])
      assert.ok(ATTACHMENT_ACCEPT.split(',').includes(part), part);
  });
});

describe('validateDirection', () => {
  const lead = { assignee: VP, role: 'lead' as const, deadline: '2026-12-10' };
  it('accepts a lead with coordinators and for-information recipients', () => {
    assert.deepEqual(
      validateDirection(
        {
          note: 'Giao VP chủ trì',
          assignments: [lead, { assignee: KT, role: 'coordinating' }, { assignee: TUAN, role: 'forInformation' }],
        },
        TODAY,
      ),
      [],
    );
    assert.deepEqual(validateDirection({ note: 'Để biết', assignments: [{ assignee: TUAN, role: 'forInformation' }] }, TODAY), []);
  });

  it('requires the direction text and at least one assignee', () => {
    assert.deepEqual(codes(validateDirection({ note: ' ', assignments: [] }, TODAY)), [
      'note:error.required',
      'assignments:error.required',
    ]);
  });

  it('allows one lead, needs one when there are coordinators, and no one twice', () => {
    assert.deepEqual(codes(validateDirection({ note: 'x', assignments: [lead, { ...lead, assignee: KT }] }, TODAY)), [
      'assignments:error.oneLead',
    ]);
    assert.deepEqual(codes(validateDirection({ note: 'x', assignments: [{ assignee: KT, role: 'coordinating' }] }, TODAY)), [
      'assignments:error.leadRequired',
    ]);
    assert.deepEqual(codes(validateDirection({ note: 'x', assignments: [lead, { assignee: VP, role: 'coordinating' }] }, TODAY)), [
      'assignments.1.assignee:error.duplicate',
    ]);
    assert.deepEqual(
      codes(
        validateDirection(
          {
            note: 'x',
            assignments: [
              { assignee: { kind: 'unit', unitId: '' }, role: 'lead' },
              { assignee: AN, role: 'boss' as never },
            ],
          },
          TODAY,
        ),
      ),
      ['assignments.0.assignee:error.required', 'assignments.1.role:error.choice'],
    );
  });

  it('checks deadlines: a real date, not past, none for information', () => {
    assert.deepEqual(codes(validateDirection({ note: 'x', assignments: [{ ...lead, deadline: '2026-11-24' }] }, TODAY)), [
      'assignments.0.deadline:error.dateInPast',
    ]);
    assert.deepEqual(codes(validateDirection({ note: 'x', assignments: [{ ...lead, deadline: '10/12' }] }, TODAY)), [
      'assignments.0.deadline:error.date',
    ]);
    assert.deepEqual(
      codes(validateDirection({ note: 'x', assignments: [{ assignee: TUAN, role: 'forInformation', deadline: '2026-12-01' }] }, TODAY)),
      ['assignments.0.deadline:error.noDeadlineForInformation'],
    );
  });

  it('sends confidential documents to persons only', () => {
    assert.deepEqual(codes(validateDirection({ note: 'x', assignments: [lead] }, TODAY, { confidential: true })), [
      'assignments.0.assignee:error.confidentialPersonsOnly',
    ]);
    assert.deepEqual(validateDirection({ note: 'x', assignments: [{ assignee: AN, role: 'lead' }] }, TODAY, { confidential: true }), []);
  });

  it('forwarding: persons of the unit, optional text, deadlines within the unit’s, for information stays for information', () => {
    const opts = { forwarding: true, parentDeadline: '2026-12-10' };
    assert.deepEqual(
      validateDirection({ note: '', assignments: [{ assignee: AN, role: 'lead', deadline: '2026-12-10' }] }, TODAY, opts),
      [],
    );
    assert.deepEqual(validateDirection({ note: '', assignments: [{ assignee: AN, role: 'coordinating' }] }, TODAY, opts), []);
    assert.deepEqual(
      codes(validateDirection({ note: '', assignments: [{ assignee: AN, role: 'lead', deadline: '2026-12-11' }] }, TODAY, opts)),
      ['assignments.0.deadline:error.deadlineAfterParent'],
    );
    assert.deepEqual(codes(validateDirection({ note: '', assignments: [{ assignee: KT, role: 'lead' }] }, TODAY, opts)), [
      'assignments.0.assignee:error.personsOnly',
    ]);
    assert.deepEqual(
      codes(
        validateDirection({ note: '', assignments: [{ assignee: AN, role: 'lead' }] }, TODAY, {
          forwarding: true,
          forInformationOnly: true,
        }),
      ),
      ['assignments.0.role:error.forInformationOnly'],
    );
  });
});

describe('validateDraft', () => {
  const draft = (over: Partial<DraftInput> = {}): DraftInput => ({
    kind: 'congVan',
    summary: 'V/v báo cáo',
    unitId: 'vp',
    signer: 'lan.nguyen',
    urgency: 'normal',
    confidentiality: 'normal',
    internalRecipients: [KT],
    externalRecipients: ['UBND Quận 1'],
    attachments: [{ name: 'du-thao.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 10_000 }],
    ...over,
  });

  it('accepts a draft with internal or external recipients', () => {
    assert.deepEqual(validateDraft(draft()), []);
    assert.deepEqual(validateDraft(draft({ internalRecipients: [], repliesTo: 'officialDocument:01JX', pageCount: 2 })), []);
  });

  it('requires type, summary, unit, signer, a recipient', () => {
    assert.deepEqual(
      codes(validateDraft(draft({ kind: '', summary: '', unitId: '', signer: '', internalRecipients: [], externalRecipients: [] }))),
      ['kind:error.required', 'summary:error.required', 'unitId:error.required', 'signer:error.required', 'recipients:error.required'],
    );
  });

  it('checks recipients, page count, the answered document and files', () => {
    assert.deepEqual(
      codes(
        validateDraft(
          draft({
            internalRecipients: [KT, KT, { kind: 'person', name: '' }],
            externalRecipients: [' '],
            pageCount: 0,
            repliesTo: 'task:1',
            attachments: [{ name: 'a.exe', type: 'application/x-msdownload', size: 1 }],
          }),
        ),
      ),
      [
        'internalRecipients.1:error.duplicate',
        'internalRecipients.2:error.required',
        'externalRecipients.0:error.required',
        'pageCount:error.positiveInteger',
        'repliesTo:error.reference',
        'attachments.0:error.fileType',
      ],
    );
    assert.deepEqual(codes(validateDraft(draft({ confidentiality: 'topSecret' }))), ['internalRecipients.0:error.confidentialPersonsOnly']);
    assert.deepEqual(codes(validateDraft(draft({ externalRecipients: Array.from({ length: 200 }, (_, i) => `Cơ quan ${i}`) }))), [
      'recipients:error.tooMany',
    ]);
  });
});

describe('processing inputs', () => {
  it('progress: words or files; percent 0–100', () => {
    assert.deepEqual(validateProgress({ note: 'Đã họp', percent: 50, attachments: [] }), []);
    assert.deepEqual(validateProgress({ note: '', attachments: [pdf] }), []);
    assert.deepEqual(validateProgress({ note: 'x', percent: '', attachments: [] }), []);
    assert.deepEqual(codes(validateProgress({ note: '', attachments: [] })), ['note:error.required']);
    for (const bad of [-1, 101, 2.5, 'nửa'])
      assert.deepEqual(codes(validateProgress({ note: 'x', percent: bad, attachments: [] })), ['percent:error.percent'], String(bad));
  });

  it('return: a reason; words when it is "other"', () => {
    assert.deepEqual(validateReturn({ reason: 'wrongRecipient', note: '' }), []);
    assert.deepEqual(codes(validateReturn({ reason: 'other', note: '' })), ['note:error.required']);
    assert.deepEqual(codes(validateReturn({ reason: '', note: 'x' })), ['reason:error.required']);
    assert.deepEqual(codes(validateReturn({ reason: 'tired', note: 'x' })), ['reason:error.choice']);
  });

  it('extension request: later than the current deadline, not past, with a reason', () => {
    assert.deepEqual(validateExtensionRequest({ requestedDeadline: '2026-12-15', note: 'Chờ số liệu' }, '2026-12-10', TODAY), []);
    assert.deepEqual(codes(validateExtensionRequest({ requestedDeadline: '2026-12-10', note: 'x' }, '2026-12-10', TODAY)), [
      'requestedDeadline:error.notLaterThanDeadline',
    ]);
    assert.deepEqual(codes(validateExtensionRequest({ requestedDeadline: '2026-11-20', note: '' }, '2026-11-01', TODAY)), [
      'requestedDeadline:error.dateInPast',
      'note:error.required',
    ]);
    assert.deepEqual(codes(validateExtensionRequest({ requestedDeadline: '', note: 'x' }, undefined, TODAY)), [
      'requestedDeadline:error.required',
    ]);
  });

  it('extension answer: a granted date not past; a refusal explains itself', () => {
    assert.deepEqual(validateExtensionAnswer({ accepted: true, note: '' }, TODAY), []);
    assert.deepEqual(validateExtensionAnswer({ accepted: true, deadline: '2026-12-01', note: '' }, TODAY), []);
    assert.deepEqual(codes(validateExtensionAnswer({ accepted: true, deadline: '2026-11-01', note: '' }, TODAY)), [
      'deadline:error.dateInPast',
    ]);
    assert.deepEqual(codes(validateExtensionAnswer({ accepted: false, note: ' ' }, TODAY)), ['note:error.required']);
  });

  it('comments need words', () => {
    assert.deepEqual(validateComment({ note: 'Sửa trích yếu' }), []);
    assert.deepEqual(codes(validateComment({ note: '' })), ['note:error.required']);
    assert.deepEqual(codes(validateComment({ note: 'x'.repeat(10_001) })), ['note:error.tooLong']);
  });
});
