import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { spaceDb } from '../../src/data/db.ts';
import { setKeyRegistrar } from '../../src/data/device-keys.ts';
import type { Directory } from '../../src/data/directory.ts';
import { createDraft, getDocument, recordStep, registerIncoming } from '../../src/data/documents.ts';
import '../../src/features/documents/dk-document-actions.ts';
import type { DkDocumentActions } from '../../src/features/documents/dk-document-actions.ts';
import { verifyApproval } from '../../src/features/documents/approval.ts';
import { setLocale, t } from '../../src/i18n/i18n.ts';
import type { MeResponse } from '../../src/model/api.ts';
import type { OfficialDocumentEvent } from '../../src/model/documents/types.ts';
import { wardDay } from '../../src/model/time.ts';
import {
  REGISTRY,
  account,
  addDays,
  copySpace,
  directoryOf,
  draft,
  numberedEvent,
  pdf,
  registration,
  spaceOf,
} from './actions-fixtures.ts';
import { destroyMe } from './data-helpers.ts';

type FormEl = HTMLElement & { updateComplete: Promise<boolean>; shadowRoot: ShadowRoot };

async function mount(me: MeResponse, id: string, directory: Directory): Promise<DkDocumentActions> {
  const row = (await getDocument(me, id))!;
  return fixture<DkDocumentActions>(
    html`<dk-document-actions .me=${me} .row=${row} .directory=${directory} .today=${wardDay()}></dk-document-actions>`,
  );
}

async function refresh(el: DkDocumentActions, me: MeResponse, id: string): Promise<void> {
  el.row = (await getDocument(me, id))!;
  await el.updateComplete;
}

const buttons = (el: DkDocumentActions): HTMLButtonElement[] => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.buttons button')];
const labels = (el: DkDocumentActions): string[] => buttons(el).map((b) => b.textContent!.trim());

async function open(el: DkDocumentActions, label: string): Promise<FormEl> {
  const b = buttons(el).find((x) => x.textContent!.trim().startsWith(label));
  expect(b, `button "${label}" among ${JSON.stringify(labels(el))}`).to.not.equal(undefined);
  b!.click();
  await el.updateComplete;
  const form = el.shadowRoot!.querySelector('.panel > *:last-child') as FormEl;
  await form.updateComplete;
  return form;
}

async function fill(form: FormEl, name: string, value: string): Promise<void> {
  const input = form.shadowRoot.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await form.updateComplete;
}

function pick(form: FormEl, value: unknown[]): Promise<boolean> {
  const picker = form.shadowRoot.querySelector('dk-assignee-picker')!;
  picker.dispatchEvent(new CustomEvent('dk-assignees-change', { detail: { value } }));
  return form.updateComplete;
}

/** Submits and waits for the step to be saved (the panel closes) or for an error to show. */
async function submit(el: DkDocumentActions, form: FormEl): Promise<void> {
  form.shadowRoot.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await waitUntil(
    () => !el.shadowRoot!.querySelector('.panel') || form.shadowRoot.querySelector('.error, .banner.danger'),
    'the step neither saved nor showed an error',
    { timeout: 5000 },
  );
  await el.updateComplete;
}

async function eventsIn(me: MeResponse, kind: string, id?: string): Promise<OfficialDocumentEvent[]> {
  const res = await spaceDb(me, spaceOf(me, kind, id)).allDocs({
    include_docs: true,
    startkey: 'officialDocumentEvent:',
    endkey: 'officialDocumentEvent:\ufff0',
  });
  return res.rows.map((r) => r.doc as unknown as OfficialDocumentEvent);
}

describe('dk-document-actions', () => {
  let leader: MeResponse;
  let head: MeResponse;
  let staff: MeResponse;
  let outsider: MeResponse;
  let clerk: MeResponse;
  let dir: Directory;

  before(() => setLocale('vi'));
  beforeEach(() => {
    leader = account(['leader'], ['vp'], 'Trần Văn Hùng');
    head = account(['staff', 'head:vp'], ['vp'], 'Đỗ Thị Hoa');
    staff = account(['staff'], ['vp'], 'Nguyễn Văn An');
    outsider = account(['staff'], ['kt'], 'Lê Văn Kế');
    clerk = account(['clerk'], ['vp'], 'Hoàng Thị Mai');
    dir = directoryOf([
      { me: leader, role: 'leader' },
      { me: head, unitId: 'vp', role: 'staff', head: true },
      { me: staff, unitId: 'vp', role: 'staff' },
      { me: outsider, unitId: 'kt', role: 'staff' },
      { me: clerk, unitId: 'vp', role: 'clerk' },
    ]);
    setKeyRegistrar(async () => true);
  });
  afterEach(async () => {
    setKeyRegistrar(null);
    for (const me of [leader, head, staff, outsider, clerk]) await destroyMe(me);
  });

  /** Clerk registers; the leader's device receives the registry. */
  async function registered(): Promise<string> {
    const id = await registerIncoming(clerk, registration(), []);
    await copySpace(clerk, 'registry', leader, 'registry');
    return id;
  }

  /** Leader directs to unit vp as lead (deadline default). */
  async function directedToVp(id: string): Promise<void> {
    await recordStep(leader, id, {
      kind: 'directed',
      note: 'Giao VP chủ trì',
      assignments: [{ assignee: { kind: 'unit', unitId: 'vp' }, role: 'lead' }],
    });
    // The server delivers the document and its steps into the unit's space.
    await copySpace(leader, 'registry', head, 'unit', undefined, 'vp');
  }

  it('a staff member sees no step on an incoming document that is not theirs', async () => {
    const id = await registered();
    await copySpace(leader, 'registry', staff, 'unit', undefined, 'vp');
    const el = await mount(staff, id, dir);
    expect(buttons(el)).to.have.length(0);
    expect(el.shadowRoot!.querySelector('section')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.none')!.textContent).to.equal(t('actions.nothing'));
  });

  it('leader directs: inline errors first, then the direction with its assignments is saved in the registry', async () => {
    const id = await registered();
    const el = await mount(leader, id, dir);
    expect(labels(el)).to.include(t('actions.btn.directed'));
    const form = await open(el, t('actions.btn.directed'));
    await submit(el, form);
    expect(form.shadowRoot.querySelector('#note-error')!.textContent).to.equal(t('error.required'));
    expect(form.shadowRoot.activeElement?.getAttribute('name')).to.equal('note');
    expect((await eventsIn(leader, 'registry')).filter((e) => e.kind === 'directed')).to.have.length(0);

    await fill(form, 'note', 'Đề nghị VP chủ trì, KT phối hợp.');
    await pick(form, [
      { assignee: { kind: 'unit', unitId: 'vp' }, role: 'lead' },
      { assignee: { kind: 'unit', unitId: 'kt' }, role: 'coordinating' },
      { assignee: { kind: 'person', name: staff.name }, role: 'forInformation' },
    ]);
    await submit(el, form);
    expect(el.shadowRoot!.querySelector('.panel')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain(t('step.directed'));
    expect(el.shadowRoot!.activeElement?.classList.contains('buttons') || el.shadowRoot!.activeElement?.tagName === 'BUTTON').to.equal(
      true,
    );
    const [directed] = (await eventsIn(leader, 'registry')).filter((e) => e.kind === 'directed');
    expect(directed!.note).to.equal('Đề nghị VP chủ trì, KT phối hợp.');
    const deadline = registration().deadline;
    expect(directed!.assignments).to.deep.equal([
      { assignee: { kind: 'unit', unitId: 'vp' }, role: 'lead', deadline },
      { assignee: { kind: 'unit', unitId: 'kt' }, role: 'coordinating', deadline },
      { assignee: { kind: 'person', name: staff.name }, role: 'forInformation' },
    ]);
    await refresh(el, leader, id);
    expect(labels(el)).to.include(t('actions.btn.redirect'));
  });

  it('two leads are refused inline by the model', async () => {
    const id = await registered();
    const el = await mount(leader, id, dir);
    const form = await open(el, t('actions.btn.directed'));
    await fill(form, 'note', 'Chỉ đạo');
    await pick(form, [
      { assignee: { kind: 'unit', unitId: 'vp' }, role: 'lead' },
      { assignee: { kind: 'unit', unitId: 'kt' }, role: 'lead' },
    ]);
    await submit(el, form);
    const picker = form.shadowRoot.querySelector('dk-assignee-picker') as HTMLElement & { errors: { code: string }[] };
    expect(picker.errors.map((e) => e.code)).to.include('error.oneLead');
  });

  it('unit head forwards to a member of the unit, and is refused for a non-member', async () => {
    const id = await registered();
    await directedToVp(id);
    const el = await mount(head, id, dir);
    expect(labels(el)).to.include(t('actions.btn.forwarded'));
    // Opening the document recorded that the unit read it.
    await waitUntil(
      async () => (await eventsIn(head, 'unit', 'vp')).some((e) => e.kind === 'read' && e.createdBy === head.name),
      'read stored',
      {
        timeout: 10_000,
      },
    );

    let form = await open(el, t('actions.btn.forwarded'));
    await pick(form, [{ assignee: { kind: 'person', name: outsider.name }, role: 'lead' }]);
    await submit(el, form);
    expect(form.shadowRoot.querySelector('.banner.danger')!.textContent).to.contain(t('workflow.notMember'));
    expect((await eventsIn(head, 'unit', 'vp')).filter((e) => e.kind === 'forwarded')).to.have.length(0);

    await refresh(el, head, id);
    form = el.shadowRoot!.querySelector('dk-forward-form') as unknown as FormEl;
    await pick(form, [{ assignee: { kind: 'person', name: staff.name }, role: 'lead' }]);
    await fill(form, 'note', 'An xử lý, báo cáo trước hạn.');
    await submit(el, form);
    const [fwd] = (await eventsIn(head, 'unit', 'vp')).filter((e) => e.kind === 'forwarded');
    expect(fwd!.assignmentKey).to.equal('unit:vp');
    expect(fwd!.assignments).to.deep.equal([
      { assignee: { kind: 'person', name: staff.name }, role: 'lead', deadline: registration().deadline },
    ]);
  });

  it('assignee reports progress, asks for more time, the head answers, and the assignee completes the document', async () => {
    const id = await registered();
    await directedToVp(id);
    await recordStep(
      head,
      id,
      {
        kind: 'forwarded',
        assignee: { kind: 'unit', unitId: 'vp' },
        assignmentKey: 'unit:vp',
        assignments: [{ assignee: { kind: 'person', name: staff.name }, role: 'lead' }],
      },
      [],
      {},
    );
    await copySpace(head, 'unit', staff, 'personal', 'vp', staff.name);

    const el = await mount(staff, id, dir);
    expect(labels(el)).to.include.members([
      t('actions.btn.progress'),
      t('actions.btn.returned'),
      t('actions.btn.extensionRequested'),
      t('actions.btn.completeDocument'),
    ]);
    await waitUntil(async () => (await eventsIn(staff, 'personal', staff.name)).some((e) => e.kind === 'read'), 'read stored', {
      timeout: 10_000,
    });

    let form = await open(el, t('actions.btn.progress'));
    await fill(form, 'percent', '150');
    await fill(form, 'note', 'Đã làm việc với các tổ dân phố.');
    await submit(el, form);
    expect(form.shadowRoot.querySelector('#percent-error')!.textContent).to.equal(t('error.percent'));
    await fill(form, 'percent', '60');
    await submit(el, form);
    const [progress] = (await eventsIn(staff, 'personal', staff.name)).filter((e) => e.kind === 'progress');
    expect(progress).to.include({ percent: 60, note: 'Đã làm việc với các tổ dân phố.', assignmentKey: 'unit:vp>person:' + staff.name });

    await refresh(el, staff, id);
    form = await open(el, t('actions.btn.extensionRequested'));
    const wanted = addDays(registration().deadline!, 5);
    await fill(form, 'requestedDeadline', wanted);
    await fill(form, 'note', 'Chờ số liệu của quận.');
    await submit(el, form);
    expect(
      (await eventsIn(staff, 'personal', staff.name)).some((e) => e.kind === 'extensionRequested' && e.requestedDeadline === wanted),
    ).to.equal(true);

    // The server relays the request home; the unit head answers it.
    await copySpace(staff, 'personal', head, 'unit', staff.name, 'vp');
    const headEl = await mount(head, id, dir);
    const answerLabel = labels(headEl).find((l) => l.startsWith(t('actions.btn.extensionAnswered')))!;
    expect(answerLabel).to.contain(staff.displayName);
    form = await open(headEl, answerLabel);
    form.shadowRoot.querySelector<HTMLInputElement>('#accepted-true')!.click();
    await form.updateComplete;
    expect(form.shadowRoot.querySelector<HTMLInputElement>('[name="deadline"]')!.value).to.equal(wanted);
    await submit(headEl, form);
    const answered = (await getDocument(head, id))!.state;
    expect(answered.direction === 'incoming' && answered.assignments.find((a) => a.key.endsWith(staff.name))!.deadline).to.equal(wanted);

    await copySpace(head, 'unit', staff, 'personal', 'vp', staff.name);
    await refresh(el, staff, id);
    form = await open(el, t('actions.btn.completeDocument'));
    expect(form.shadowRoot.textContent).to.contain(t('actions.complete.documentHint'));
    await fill(form, 'note', 'Đã hoàn thành báo cáo.');
    await submit(el, form);
    const done = (await getDocument(staff, id))!;
    expect(done.state.direction === 'incoming' && done.state.completed?.by).to.equal(staff.name);
    await refresh(el, staff, id);
    expect(labels(el)).to.deep.equal([]);
  });

  it('draft: submit → head sends to the leader → leader approves with a record that verifies → clerk issues only once numbered', async () => {
    const id = await createDraft(staff, draft(leader.name), [pdf()]);
    let el = await mount(staff, id, dir);
    expect(labels(el)).to.include(t('actions.btn.submitted'));
    let form = await open(el, t('actions.btn.submitted'));
    await submit(el, form);
    expect((await eventsIn(staff, 'unit', 'vp')).some((e) => e.kind === 'submitted')).to.equal(true);

    await copySpace(staff, 'unit', head, 'unit', 'vp');
    el = await mount(head, id, dir);
    expect(labels(el)).to.include.members([
      t('actions.btn.forwardedToLeader'),
      t('actions.btn.reviewComment'),
      t('actions.btn.changesRequested'),
    ]);
    form = await open(el, t('actions.btn.forwardedToLeader'));
    await submit(el, form);

    await copySpace(head, 'unit', leader, 'unit', 'vp');
    el = await mount(leader, id, dir);
    form = await open(el, t('actions.btn.approved'));
    expect(form.shadowRoot.textContent).to.contain('Bản ghi chống sửa đổi, không phải chữ ký số hợp pháp bằng chứng thư số / USB token');
    await submit(el, form);
    const approvedRow = (await getDocument(leader, id))!;
    const approvedEvent = approvedRow.events.find((e) => e.kind === 'approved')!;
    expect(approvedEvent.approval?.algorithm).to.equal('ECDSA-P256-SHA256');
    expect(await verifyApproval(approvedRow, approvedEvent, leader)).to.equal('valid');

    // The approved document reaches the registry (server); the clerk cannot issue before the number.
    await copySpace(leader, 'unit', clerk, 'registry', 'vp', 'registry');
    el = await mount(clerk, id, dir);
    expect(labels(el)).to.not.include(t('actions.btn.issued'));
    expect(el.shadowRoot!.querySelector('.banner.info')!.textContent).to.contain(t('actions.awaitingNumber'));
    try {
      await recordStep(clerk, id, { kind: 'issued' });
      expect.fail('issuing before the number must be refused');
    } catch (err) {
      expect((err as { errors: { code: string }[] }).errors[0]!.code).to.equal('workflow.wrongPhase');
    }
    await spaceDb(clerk, REGISTRY).put(numberedEvent(id, true) as unknown as PouchDB.Core.PutDocument<object>);
    await refresh(el, clerk, id);
    expect(el.shadowRoot!.querySelector('.banner.info')).to.equal(null);
    form = await open(el, t('actions.btn.issued'));
    expect(form.shadowRoot.textContent).to.contain('07/UBND-VP');
    await submit(el, form);
    expect((await eventsIn(clerk, 'registry')).some((e) => e.kind === 'issued' && e.createdBy === clerk.name)).to.equal(true);
    await refresh(el, clerk, id);
    expect(labels(el)).to.include.members([t('actions.btn.dispatched'), t('actions.btn.recalled'), t('actions.btn.replaced')]);
    // Replacement needs the replacing document: refused inline without one, nothing saved.
    form = await open(el, t('actions.btn.replaced'));
    await submit(el, form);
    expect(form.shadowRoot.querySelector('#replacementId')!.getAttribute('aria-invalid')).to.equal('true');
    expect((await eventsIn(clerk, 'registry')).some((e) => e.kind === 'replaced')).to.equal(false);
  });

  it('a head’s own draft goes straight to the leader (no "submit to the unit head")', async () => {
    const id = await createDraft(head, draft(leader.name), [pdf()]);
    const el = await mount(head, id, dir);
    expect(labels(el)).to.include(t('actions.btn.forwardedToLeader'));
    expect(labels(el)).to.not.include(t('actions.btn.submitted'));
  });

  it('offers the reply link to an assignee of an incoming document', async () => {
    const id = await registered();
    const el = await mount(leader, id, dir);
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>(`a[href^="/documents/new/draft?replyTo="]`)!;
    expect(link.textContent).to.equal(t('actions.reply'));
    expect(decodeURIComponent(link.getAttribute('href')!.split('replyTo=')[1]!)).to.equal(id);
  });
});
