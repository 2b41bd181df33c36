import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { spaceDb } from '../../src/data/db.ts';
import { storeNewFiles } from '../../src/data/files.ts';
import { createDraft, getDocument, recordStep, registerIncoming } from '../../src/data/documents.ts';
import '../../src/features/documents/dk-document-detail.ts';
import type { DkDocumentDetail } from '../../src/features/documents/dk-document-detail.ts';
import type { DkDocumentFiles } from '../../src/features/documents/dk-document-files.ts';
import { setLocale, t } from '../../src/i18n/i18n.ts';
import '../../src/i18n/messages.ts';
import type { MeResponse } from '../../src/model/api.ts';
import { deliveredEventId, numberedEventId } from '../../src/model/documents/event-ids.ts';
import type { Assignee, IncomingDocument, OfficialDocumentEvent } from '../../src/model/documents/types.ts';
import type { RegistrationInput } from '../../src/model/documents/validation.ts';
import { addDays } from '../../src/model/documents/dates.ts';
import { wardDay } from '../../src/model/time.ts';
import { destroyMe, testMe } from './data-helpers.ts';

/** A clerk who is also a leader and heads VP, so one account can walk a document through its life. */
function officeMe(): MeResponse {
  const me = testMe(['clerk', 'leader', 'head:vp'], ['vp']);
  me.displayName = 'Hoàng Thị Mai';
  me.spaces.splice(1, 0, { kind: 'registry', id: 'registry', title: 'Sổ văn bản', db: 'docket-registry' });
  return me;
}

const VP: Assignee = { kind: 'unit', unitId: 'vp' };
const KT: Assignee = { kind: 'unit', unitId: 'kt' };
const AN: Assignee = { kind: 'person', name: 'an.nguyen' };
const today = wardDay();

async function seedDirectory(me: MeResponse): Promise<void> {
  const org = spaceDb(me, me.spaces[0]!);
  const base = { schema: 1, createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'system' };
  await org.bulkDocs([
    { _id: 'unit:vp', type: 'unit', unitId: 'vp', name: 'Văn phòng HĐND – UBND', shortName: 'VP', order: 1, ...base },
    { _id: 'unit:kt', type: 'unit', unitId: 'kt', name: 'Phòng Kinh tế', shortName: 'KT', order: 2, ...base },
    {
      _id: 'person:an.nguyen',
      type: 'person',
      name: 'an.nguyen',
      displayName: 'Nguyễn Văn An',
      title: 'Chuyên viên',
      role: 'staff',
      unitId: 'vp',
      isHead: false,
      disabled: false,
      ...base,
    },
    {
      _id: `person:${me.name}`,
      type: 'person',
      name: me.name,
      displayName: 'Hoàng Thị Mai',
      title: 'Văn thư',
      role: 'leader',
      unitId: 'vp',
      isHead: true,
      disabled: false,
      ...base,
    },
  ]);
}

const registration = (over: Partial<RegistrationInput> = {}): RegistrationInput => ({
  issuingBody: 'Sở Nội vụ thành phố Hà Nội',
  numberSymbol: '15/QĐ-SNV',
  issuedOn: today,
  kind: 'quyetDinh',
  summary: 'Về việc kiện toàn Ban Chỉ đạo chuyển đổi số phường',
  urgency: 'immediate',
  confidentiality: 'normal',
  arrivedOn: today,
  receivedVia: 'paper',
  signer: 'Trần Văn Bình',
  pageCount: '3',
  attachments: [],
  ...over,
});

const pdf = () => new File(['%PDF-1.4\n%%EOF\n'], 'quyet-dinh.pdf', { type: 'application/pdf' });
// A 1×1 PNG.
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='), (c) =>
  c.charCodeAt(0),
);

/** Stored records as written here. */
type RawEvent = Omit<OfficialDocumentEvent, '_attachments'>;

let clock = Date.now();
/** An event written straight into a local database (server steps, and steps by other people). */
function event(documentId: string, kind: OfficialDocumentEvent['kind'], by: string, extra: Partial<RawEvent> = {}): RawEvent {
  clock += 1000;
  const system = by === 'system';
  return {
    _id: `officialDocumentEvent:T${clock.toString(36)}${Math.random().toString(36).slice(2, 8)}`,
    type: 'officialDocumentEvent',
    schema: 1,
    createdAt: new Date(clock).toISOString(),
    createdBy: by,
    documentId,
    kind,
    actorName: system ? 'system' : by === 'an.nguyen' ? 'Nguyễn Văn An' : by,
    ...(system ? {} : { actorRoles: by === 'an.nguyen' ? ['staff', 'unit:vp'] : ['staff', 'unit:kt'] }),
    ...extra,
  };
}

const $ = (el: Element, sel: string) => el.shadowRoot!.querySelector(sel);
const $$ = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll(sel)];
const sub = (el: DkDocumentDetail, tag: string) => $(el, tag) as HTMLElement & { updateComplete: Promise<boolean> };

describe('<dk-document-detail>', () => {
  let me: MeResponse;
  beforeEach(async () => {
    setLocale('vi');
    me = officeMe();
    clock = Date.now();
    await seedDirectory(me);
  });
  afterEach(async () => {
    fixtureCleanup(); // before the databases go, so nothing on screen reads them any more
    await destroyMe(me);
  });
  after(() => setLocale('vi'));

  async function open(id: string): Promise<DkDocumentDetail> {
    const el = await fixture<DkDocumentDetail>(html`<dk-document-detail .me=${me} .documentId=${id}></dk-document-detail>`);
    // The first read opens and indexes every space database: allow for a loaded CI machine.
    await waitUntil(() => $(el, 'h1#doc-title') || $(el, 'dk-empty-state'), 'the document loads', { timeout: 10_000 });
    // Names come from the directory, which loads on its own: wait for it too.
    const tree = $(el, 'dk-direction-tree') as (HTMLElement & { directory: { units: unknown[] } }) | null;
    if (tree) await waitUntil(() => tree.directory.units.length > 0, 'the directory loads', { timeout: 10_000 });
    return el;
  }

  it('says clearly when the document is not on this device, with a way back', async () => {
    const el = await open('officialDocument:01NOTHERE0000000000000000');
    const empty = $(el, 'dk-empty-state') as HTMLElement & { heading: string };
    expect(empty.heading).to.equal('Văn bản này chưa có trên thiết bị');
    expect(empty.textContent).to.contain('đang được đồng bộ');
    expect(empty.querySelector('a')!.getAttribute('href')).to.equal('/documents');
  });

  it('shows an incoming document: urgent flag, awaiting number until the server numbers it, metadata, tree, timeline', async () => {
    const id = await registerIncoming(me, registration(), [pdf()]);
    const registry = spaceDb(me, me.spaces[1]!);
    const el = await open(id);

    // Header before the number: urgent, awaiting number with its hint, not yet synced.
    expect($(el, 'h1')!.textContent).to.equal('Về việc kiện toàn Ban Chỉ đạo chuyển đổi số phường');
    expect($(el, '.kind')!.textContent).to.equal('Quyết định');
    expect($(el, '.chip.urgent')!.textContent).to.contain('Hỏa tốc');
    expect($(el, '.card.urgent')).to.not.equal(null);
    expect($(el, '[data-awaiting] .chip.awaiting')!.textContent).to.contain('Chờ cấp số');
    expect($(el, '[data-awaiting]')!.textContent).to.contain('không bao giờ thay đổi');
    expect($(el, '.chip.pending')!.textContent).to.contain('Chờ đồng bộ');
    expect($(el, '.chip.status')!.textContent).to.equal('Chờ chỉ đạo');
    expect(sub(el, 'dk-direction-tree').shadowRoot!.querySelector('[data-empty]')!.textContent).to.contain('chờ lãnh đạo');
    // The actions component sits in its own "What you can do" section with the row and the directory.
    const actions = $(el, 'aside dk-document-actions') as HTMLElement & { row: { id: string } };
    expect(actions.row.id).to.equal(id);
    expect($(el, '#actions-title')!.textContent).to.equal('Việc bạn có thể làm');

    // Metadata as a definition list.
    const field = (k: string) => $(el, `dd[data-field="${k}"]`)!.textContent!.trim();
    expect(field('issuingBody')).to.equal('Sở Nội vụ thành phố Hà Nội');
    expect(field('numberSymbol')).to.equal('15/QĐ-SNV');
    expect(field('signer')).to.equal('Trần Văn Bình');
    expect(field('pageCount')).to.equal('3');
    expect(field('receivedVia')).to.equal('Bản giấy');
    expect(field('registered')).to.contain('Hoàng Thị Mai');

    // The server numbers it: the number shows, live, and "awaiting" goes.
    await registry.put({
      ...event(id, 'numbered', 'system', { book: 'incoming', year: Number(today.slice(0, 4)), number: 5 }),
      _id: numberedEventId(id),
      createdAt: new Date().toISOString(),
    });
    await waitUntil(() => $(el, '[data-number]'), 'the number appears', { timeout: 10_000 });
    expect($(el, '[data-number]')!.textContent).to.contain('Số đến');
    expect($(el, '[data-number] strong')!.textContent).to.equal('05');
    expect($(el, '[data-awaiting]')).to.equal(null);

    // The leader directs; the server delivers; the head of VP passes it to An, who reads and reports progress.
    const deadline = addDays(today, 10);
    await recordStep(me, id, {
      kind: 'directed',
      note: 'Giao Văn phòng chủ trì, Phòng Kinh tế phối hợp.',
      assignments: [
        { assignee: VP, role: 'lead', deadline },
        { assignee: KT, role: 'coordinating', deadline },
      ],
    });
    clock = Date.now();
    const delivered = { ...event(id, 'delivered', 'system', { assignee: VP, assignmentKey: 'unit:vp' }), _id: deliveredEventId(id, VP) };
    const forwarded: RawEvent = {
      ...event(id, 'forwarded', me.name, {
        assignee: VP,
        note: 'Đồng chí An dự thảo báo cáo.',
        assignments: [{ assignee: AN, role: 'lead', deadline: addDays(today, 7) }],
      }),
      actorName: 'Hoàng Thị Mai',
      actorRoles: [...me.roles],
    };
    const read = event(id, 'read', 'an.nguyen', { assignee: AN, assignmentKey: 'unit:vp>person:an.nguyen' });
    // An's photo, stored in the registry's files database as the app stores new files (metadata on the step).
    const progress = event(id, 'progress', 'an.nguyen', {
      assignee: AN,
      assignmentKey: 'unit:vp>person:an.nguyen',
      percent: 40,
      note: 'Đã có dự thảo.',
    });
    progress.files = await storeNewFiles(me, me.spaces[1]!, progress._id, [new File([PNG], 'anh-chup.png', { type: 'image/png' })]);
    await registry.bulkDocs([
      delivered,
      forwarded,
      read,
      progress,
      // Not An's to complete: recorded, but not counted.
      event(id, 'completed', 'tuan.pham', { assignee: AN, assignmentKey: 'unit:vp>person:an.nguyen' }),
    ]);
    const tree = sub(el, 'dk-direction-tree');
    await waitUntil(() => tree.shadowRoot!.querySelector('[data-key="unit:vp>person:an.nguyen"]'), 'the forwarded node appears', {
      timeout: 10_000,
    });

    // Direction tree: the leader's direction, VP leading with KT coordinating, An indented under VP.
    const tr = tree.shadowRoot!;
    expect(tr.querySelector('[data-direction] blockquote')!.textContent).to.contain('Giao Văn phòng chủ trì');
    const vp = tr.querySelector('[data-key="unit:vp"] > .node')!;
    expect(vp.querySelector('.name')!.textContent).to.equal('Văn phòng HĐND – UBND');
    expect(vp.querySelector('.chip.role')!.textContent).to.equal('Chủ trì');
    expect(vp.querySelector('.chip.status')!.textContent).to.equal('Đang xử lý');
    expect(vp.querySelector('[data-delivered]')).to.not.equal(null);
    expect(vp.querySelector('[data-deadline]')!.textContent).to.contain('còn 10 ngày');
    const kt = tr.querySelector('[data-key="unit:kt"] > .node')!;
    expect(kt.querySelector('.name')!.textContent).to.equal('Phòng Kinh tế');
    expect(kt.querySelector('.chip.role')!.textContent).to.equal('Phối hợp');
    expect(kt.querySelector('[data-reads]')!.textContent).to.contain('Chưa ai xem');
    const an = tr.querySelector('[data-key="unit:vp"] > ul > [data-key="unit:vp>person:an.nguyen"] > .node')!;
    expect(an, 'An is nested under VP').to.not.equal(null);
    expect(an.querySelector('.name')!.textContent).to.equal('Nguyễn Văn An');
    expect(an.textContent).to.contain('Giao bởi Hoàng Thị Mai');
    expect(an.querySelector('.direction')!.textContent).to.equal('Đồng chí An dự thảo báo cáo.');
    expect(an.querySelector('[data-progress]')!.textContent).to.contain('Tiến độ 40%');
    expect(an.querySelector('[data-progress]')!.textContent).to.contain('Đã có dự thảo.');
    expect(an.querySelector('[data-reads]')!.textContent).to.contain('Đã xem: Nguyễn Văn An');

    // Timeline: every counted step in order, server steps as "System"; the refused one apart, with its reason.
    const timeline = sub(el, 'dk-document-timeline');
    await timeline.updateComplete;
    const tl = timeline.shadowRoot!;
    const kinds = [...tl.querySelectorAll('ol > li')].map((li) => li.getAttribute('data-kind'));
    expect(kinds).to.deep.equal(['registered', 'numbered', 'directed', 'delivered', 'forwarded', 'read', 'progress']);
    const numbered = tl.querySelector('li[data-kind="numbered"]')!;
    expect(numbered.querySelector('.who')!.textContent).to.equal('Hệ thống');
    expect(numbered.textContent).to.contain('Số đến: 05');
    expect(tl.querySelector('li[data-kind="progress"]')!.textContent).to.contain('anh-chup.png');
    expect(tl.querySelector('li[data-kind="directed"]')!.textContent).to.contain('Phối hợp: Phòng Kinh tế');
    const ignored = tl.querySelector('details.ignored')!;
    expect(ignored.querySelector('summary')!.textContent).to.contain('Không được tính (1)');
    expect(ignored.querySelector('[data-reason]')!.getAttribute('data-reason')).to.equal('notAssignee');
    expect(ignored.querySelector('[data-reason]')!.textContent).to.equal(t('workflow.notAssignee'));

    // Files: the document's PDF shows inline (from the device), the progress photo under its step.
    const files = sub(el, 'dk-document-files') as unknown as DkDocumentFiles;
    const fr = files.shadowRoot!;
    if ((navigator as { pdfViewerEnabled?: boolean }).pdfViewerEnabled === false) {
      // Headless Chromium has no PDF viewer: the PDF opens in a new tab instead, said so.
      await waitUntil(() => fr.querySelector('li[data-file="quyet-dinh.pdf"] a[target="_blank"]'), 'the PDF can be opened', {
        timeout: 10_000,
      });
      expect(fr.querySelector('li[data-file="quyet-dinh.pdf"] a[target="_blank"]')!.getAttribute('href')).to.match(/^blob:/);
      expect(fr.querySelector('li[data-file="quyet-dinh.pdf"] .hint')!.textContent).to.contain('thẻ mới');
      Object.defineProperty(navigator, 'pdfViewerEnabled', { configurable: true, get: () => true });
      files.requestUpdate();
    }
    try {
      await waitUntil(() => fr.querySelector('iframe.pdf'), 'the PDF shows inline', { timeout: 10_000 });
      expect(fr.querySelector('iframe.pdf')!.getAttribute('src')).to.match(/^blob:/);
    } finally {
      delete (navigator as { pdfViewerEnabled?: boolean }).pdfViewerEnabled;
    }
    expect(fr.querySelector('li[data-file="quyet-dinh.pdf"] .meta')!.textContent).to.contain('PDF');
    const groups = [...fr.querySelectorAll('[data-group] h3')].map((h) => h.textContent!);
    expect(groups[1]).to.contain('Báo cáo tiến độ');
    expect(groups[1]).to.contain('Nguyễn Văn An');
  });

  it('opens an image full size with zoom, and closes it with Esc', async () => {
    const png = new File([PNG], 'cong-van.png', { type: 'image/png' });
    const id = await registerIncoming(me, registration({ urgency: 'normal' }), [png]);
    const el = await open(id);
    expect($(el, '.chip.urgent')).to.equal(null);
    const files = sub(el, 'dk-document-files');
    const fr = files.shadowRoot!;
    await waitUntil(() => fr.querySelector('button.thumb img'), 'the image preview shows', { timeout: 10_000 });
    (fr.querySelector('button.thumb') as HTMLButtonElement).click();
    await waitUntil(() => (fr.querySelector('dialog.viewer') as HTMLDialogElement | null)?.open, 'the viewer opens', { timeout: 10_000 });
    const dialog = fr.querySelector('dialog.viewer') as HTMLDialogElement;
    expect(dialog.querySelector('.zoom')!.textContent).to.equal('100%');
    (dialog.querySelector(`[aria-label="${t('docdetail.files.zoomIn')}"]`) as HTMLButtonElement).click();
    await files.updateComplete;
    expect(dialog.querySelector('.zoom')!.textContent).to.equal('125%');
    expect(dialog.querySelector('img')!.getAttribute('style')).to.contain('125%');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !fr.querySelector('dialog.viewer'), 'Esc closes the viewer', { timeout: 10_000 });
  });

  it('shows an outgoing document: review path, comments, number, recipients and their copies, recall banner, approval record', async () => {
    const id = await createDraft(
      me,
      {
        kind: 'congVan',
        summary: 'V/v báo cáo kết quả chuyển đổi số quý IV',
        urgency: 'normal',
        confidentiality: 'normal',
        unitId: 'vp',
        signer: me.name,
        internalRecipients: [KT],
        externalRecipients: ['UBND quận Ba Đình'],
        attachments: [],
      } as Parameters<typeof createDraft>[1],
      [new File(['draft'], 'du-thao.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })],
    );
    await recordStep(me, id, { kind: 'submitted' });
    await recordStep(me, id, { kind: 'reviewComment', note: 'Bổ sung số liệu tháng 12.' });
    await recordStep(me, id, { kind: 'forwardedToLeader' });
    const unit = spaceDb(
      me,
      me.spaces.find((s) => s.kind === 'unit')!,
    );
    const approval = { algorithm: 'ECDSA-P256-SHA256', keyId: 'k1', digest: 'AAAA', signature: 'BBBB' };
    await recordStep(me, id, { kind: 'approved', approval });
    clock = Date.now();
    const year = Number(today.slice(0, 4));
    const mine = { actorName: 'Hoàng Thị Mai', actorRoles: [...me.roles] };
    await unit.bulkDocs([
      {
        ...event(id, 'numbered', 'system', { book: 'outgoing', year, number: 5, numberSymbol: '05/UBND-VP', issuedOn: today }),
        _id: numberedEventId(id),
      },
      { ...event(id, 'issued', me.name), ...mine },
      { ...event(id, 'delivered', 'system', { assignee: KT }), _id: deliveredEventId(id, KT) },
      { ...event(id, 'dispatched', me.name, { dispatchMethod: 'post', recipients: ['UBND quận Ba Đình'], dispatchedOn: today }), ...mine },
    ]);
    // KT's copy, mirrored read-only into the sender's unit space, read by someone in KT.
    const copyId = `${id}.to.unit:kt`;
    const copy: Omit<IncomingDocument, '_attachments'> = {
      _id: copyId,
      type: 'officialDocument',
      schema: 1,
      createdAt: new Date(clock).toISOString(),
      createdBy: 'system',
      direction: 'incoming',
      kind: 'congVan',
      summary: 'V/v báo cáo kết quả chuyển đổi số quý IV',
      urgency: 'normal',
      confidentiality: 'normal',
      issuingBody: 'UBND phường',
      numberSymbol: '05/UBND-VP',
      issuedOn: today,
      arrivedOn: today,
      receivedVia: 'nationalExchange',
      sourceDocumentId: id,
    };
    await unit.bulkDocs([
      copy,
      { ...event(copyId, 'registered', 'system', { assignee: KT }) },
      event(copyId, 'read', 'tuan.pham', { actorName: 'Phạm Văn Tuấn', actorRoles: ['staff', 'unit:kt'] }),
    ]);
    const el = await open(id);

    expect($(el, '.chip.info')!.textContent).to.equal('Văn bản đi');
    expect($(el, '[data-number] strong')!.textContent).to.equal('05/UBND-VP');
    expect($(el, '.chip.phase')!.textContent).to.equal('Đã ban hành');
    const field = (k: string) => $(el, `dd[data-field="${k}"]`)!.textContent!.replace(/\s+/g, ' ').trim();
    expect(field('unit')).to.equal('Văn phòng HĐND – UBND');
    expect(field('internalRecipients')).to.equal('Phòng Kinh tế');
    expect(field('externalRecipients')).to.equal('UBND quận Ba Đình');
    expect(field('approved')).to.contain('Hoàng Thị Mai');
    expect(field('dispatches')).to.contain('Bưu điện');

    const tree = sub(el, 'dk-direction-tree');
    const tr = tree.shadowRoot!;
    const steps = [...tr.querySelectorAll('ol.path > li')].map((li) => `${li.getAttribute('data-step')}:${li.className}`);
    expect(steps).to.deep.equal(['draft:done', 'unitHead:done', 'leader:done', 'issue:done']);
    expect(tr.querySelector('.comments[data-version="1"]')!.textContent).to.contain('Bổ sung số liệu tháng 12.');
    await waitUntil(() => tr.querySelector('[data-recipient="unit:kt"] .chip'), "the recipient's copy status shows");
    const kt = tr.querySelector('[data-recipient="unit:kt"]')!;
    expect(kt.textContent).to.contain('Phòng Kinh tế');
    expect(kt.textContent).to.contain('Đã chuyển đến');
    expect(kt.textContent).to.contain('Đã xem: Phạm Văn Tuấn');
    expect(kt.querySelector('a')!.getAttribute('href')).to.equal(`/documents/${encodeURIComponent(copyId)}`);

    // The approval's record: named as tamper evidence, not a legal signature, and checked (this one does not match).
    const tl = sub(el, 'dk-document-timeline').shadowRoot!;
    const record = tl.querySelector('li[data-kind="approved"] [data-record]')!;
    expect(record.textContent).to.contain('Bản ghi chống sửa đổi');
    expect(record.textContent).to.contain('không phải chữ ký số pháp lý');
    await waitUntil(() => record.querySelector('[data-verification]')!.getAttribute('data-verification') !== 'checking', 'verified', {
      timeout: 10_000,
    });
    expect(record.querySelector('[data-verification]')!.getAttribute('data-verification')).to.equal('invalid');

    // The other file type downloads (no inline viewer) and shows its size.
    const fr = sub(el, 'dk-document-files').shadowRoot!;
    const docx = fr.querySelector('li[data-file="du-thao.docx"]')!;
    expect(docx.getAttribute('data-kind')).to.equal('other');
    expect(docx.querySelector('.meta')!.textContent).to.contain('DOCX');
    expect(docx.querySelector('button')!.textContent).to.contain('Tải về');
    expect(fr.querySelector('h3')!.textContent).to.contain('Phiên bản 1 (hiện tại)');

    // Recall: a banner with who, when and why, live.
    await unit.put({ ...event(id, 'recalled', me.name, { note: 'Sai số liệu.' }), ...mine });
    await waitUntil(() => $(el, '[data-recall]'), 'the recall banner shows', { timeout: 10_000 });
    expect($(el, '[data-recall]')!.textContent).to.contain('Văn bản đã bị thu hồi.');
    expect($(el, '[data-recall]')!.textContent).to.contain('Lý do: Sai số liệu.');
  });

  it('shows download progress, and says the file opens when online when it is not on the device', async () => {
    const id = await registerIncoming(me, registration(), [pdf()]);
    const row = (await getDocument(me, id))!;
    let finish: (b: Blob | null) => void = () => undefined;
    const el = await fixture<DkDocumentFiles>(
      html`<dk-document-files
        .row=${row}
        .loadFile=${(_f: unknown, progress: (r: number, total: number) => void) =>
          new Promise<Blob | null>((resolve) => {
            progress(50, 200);
            finish = resolve;
          })}
      ></dk-document-files>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('progress'), 'progress shows', { timeout: 10_000 });
    expect((el.shadowRoot!.querySelector('progress') as HTMLProgressElement).value).to.equal(50);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('25%');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      finish(null);
      await waitUntil(() => el.shadowRoot!.querySelector('.banner.warning'), 'offline message shows', { timeout: 10_000 });
      expect(el.shadowRoot!.querySelector('.banner.warning')!.textContent).to.contain('khi có mạng');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine; // back to the prototype's getter
    }
    // Online, but the author's device has not uploaded it yet: said so.
    (el.shadowRoot!.querySelector('li[data-file] .actions button') as HTMLButtonElement).click();
    finish(null);
    await waitUntil(() => el.shadowRoot!.querySelector('.banner.warning')?.textContent?.includes('chưa được tải lên'), 'not uploaded yet', {
      timeout: 10_000,
    });
  });

  it('reads in Arabic, right to left', async () => {
    setLocale('ar');
    const id = await registerIncoming(me, registration(), []);
    const el = await open(id);
    expect($(el, '.chip.urgent')!.textContent).to.contain('فوري');
    expect($(el, '[data-awaiting]')!.textContent).to.contain('بانتظار الرقم');
    expect($(el, '#meta-title')!.textContent).to.equal('بيانات الوثيقة');
    expect($$(el, 'dd[data-field]').length).to.be.greaterThan(5);
  });
});
