import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/features/documents/dk-assignee-picker.ts';
import type { AssigneePick, DkAssigneePicker } from '../../src/features/documents/dk-assignee-picker.ts';
import { setLocale } from '../../src/i18n/i18n.ts';
import '../../src/i18n/messages.ts';
import type { AssignmentRole } from '../../src/model/documents/workflow.ts';
import { directoryOf } from './forms-fixtures.ts';

const $ = <T extends Element>(el: DkAssigneePicker, selector: string) => el.shadowRoot!.querySelector(selector) as T;
const options = (el: DkAssigneePicker) =>
  [...el.shadowRoot!.querySelectorAll('#add option')].map((o) => (o as HTMLOptionElement).value).filter(Boolean);

async function pick(el: DkAssigneePicker, key: string): Promise<AssigneePick[]> {
  const select = $<HTMLSelectElement>(el, '#add');
  select.value = key;
  select.dispatchEvent(new Event('change'));
  const changed = oneEvent(el, 'dk-assignees-change');
  $<HTMLButtonElement>(el, '#add-button').click();
  const event = await changed;
  await el.updateComplete;
  return event.detail.value;
}

describe('<dk-assignee-picker>', () => {
  beforeEach(() => setLocale('vi'));

  it('offers units and active people, adds and removes picks, and no one twice', async () => {
    const el = await fixture<DkAssigneePicker>(
      html`<dk-assignee-picker label="Nơi nhận" .directory=${directoryOf()}></dk-assignee-picker>`,
    );
    expect(options(el)).to.deep.equal([
      'unit:vp',
      'unit:vhxh',
      'person:hung.tran',
      'person:lan.nguyen',
      'person:hoa.do',
      'person:an.nguyen',
      'person:binh.le',
    ]);
    let value = await pick(el, 'unit:vhxh');
    expect(value).to.deep.equal([{ assignee: { kind: 'unit', unitId: 'vhxh' } }]);
    value = await pick(el, 'person:an.nguyen');
    expect(value.map((p) => p.assignee)).to.deep.equal([
      { kind: 'unit', unitId: 'vhxh' },
      { kind: 'person', name: 'an.nguyen' },
    ]);
    expect(options(el)).to.not.include('unit:vhxh');
    expect(options(el)).to.not.include('person:an.nguyen');
    expect(el.shadowRoot!.querySelector('li')!.textContent).to.contain('Phòng Văn hóa – Xã hội');
    // Focus stays on the select for the next pick.
    expect(el.shadowRoot!.activeElement?.id).to.equal('add');

    const changed = oneEvent(el, 'dk-assignees-change');
    $<HTMLButtonElement>(el, '#remove-0').click();
    expect((await changed).detail.value).to.deep.equal([{ assignee: { kind: 'person', name: 'an.nguyen' } }]);
    await el.updateComplete;
    expect(options(el)).to.include('unit:vhxh');
    expect(el.shadowRoot!.activeElement?.id).to.equal('remove-0');
  });

  it('does nothing but explain when Add is pressed with nothing chosen', async () => {
    const el = await fixture<DkAssigneePicker>(html`<dk-assignee-picker .directory=${directoryOf()}></dk-assignee-picker>`);
    $<HTMLButtonElement>(el, '#add-button').click();
    await el.updateComplete;
    expect(el.value).to.deep.equal([]);
    expect($(el, '[role="status"]').textContent).to.contain('Hãy chọn');
  });

  it("persons only: no units offered; members-of-unit mode: only that unit's active members", async () => {
    const el = await fixture<DkAssigneePicker>(html`<dk-assignee-picker persons-only .directory=${directoryOf()}></dk-assignee-picker>`);
    expect(options(el).some((k) => k.startsWith('unit:'))).to.equal(false);
    el.unitId = 'vp';
    el.exclude = ['person:hoa.do'];
    await el.updateComplete;
    expect(options(el)).to.deep.equal(['person:an.nguyen']);
  });

  it('gives the first pick the lead role and later ones coordinating; roles and deadlines can be changed', async () => {
    const roles: AssignmentRole[] = ['lead', 'coordinating', 'forInformation'];
    const el = await fixture<DkAssigneePicker>(
      html`<dk-assignee-picker deadlines today="2026-11-25" .roles=${roles} .directory=${directoryOf()}></dk-assignee-picker>`,
    );
    await pick(el, 'unit:vp');
    let value = await pick(el, 'unit:vhxh');
    expect(value.map((p) => p.role)).to.deep.equal(['lead', 'coordinating']);
    expect($<HTMLInputElement>(el, '#deadline-0').min).to.equal('2026-11-25');

    const deadline = $<HTMLInputElement>(el, '#deadline-1');
    deadline.value = '2026-12-05';
    let changed = oneEvent(el, 'dk-assignees-change');
    deadline.dispatchEvent(new Event('change'));
    value = (await changed).detail.value;
    expect(value[1]).to.deep.equal({ assignee: { kind: 'unit', unitId: 'vhxh' }, role: 'coordinating', deadline: '2026-12-05' });

    // For-information recipients have nothing to do: no deadline, and the field goes away.
    const role = $<HTMLSelectElement>(el, '#role-1');
    role.value = 'forInformation';
    changed = oneEvent(el, 'dk-assignees-change');
    role.dispatchEvent(new Event('change'));
    value = (await changed).detail.value;
    expect(value[1]).to.deep.equal({ assignee: { kind: 'unit', unitId: 'vhxh' }, role: 'forInformation' });
    await el.updateComplete;
    expect($(el, '#deadline-1')).to.equal(null);
    expect($(el, '#deadline-0')).to.not.equal(null);
  });

  it("shows the model's errors on the pick and on the list, and focuses the first wrong pick", async () => {
    const el = await fixture<DkAssigneePicker>(
      html`<dk-assignee-picker
        field="assignments"
        .roles=${['lead', 'coordinating'] as AssignmentRole[]}
        .directory=${directoryOf()}
        .value=${
          [
            { assignee: { kind: 'unit', unitId: 'vp' }, role: 'lead' },
            { assignee: { kind: 'unit', unitId: 'vhxh' }, role: 'lead' },
          ] as AssigneePick[]
        }
        .errors=${[
          { field: 'assignments', code: 'error.tooMany', params: { max: 100 } },
          { field: 'assignments.1.role', code: 'error.choice' },
        ]}
      ></dk-assignee-picker>`,
    );
    expect($(el, '#list-error').textContent).to.contain('tối đa 100');
    expect($(el, '#pick-1-errors').textContent).to.contain('Hãy chọn một mục');
    expect($(el, '#pick-0-errors')).to.equal(null);
    expect($(el, '#role-1').getAttribute('aria-invalid')).to.equal('true');
    await el.focusFirstError();
    expect(el.shadowRoot!.activeElement?.id).to.equal('role-1');
  });

  it('is accessible', async () => {
    const el = await fixture<DkAssigneePicker>(
      html`<dk-assignee-picker
        label="Giao xử lý"
        deadlines
        .roles=${['lead', 'coordinating'] as AssignmentRole[]}
        .directory=${directoryOf()}
      ></dk-assignee-picker>`,
    );
    await pick(el, 'unit:vp');
    await expect(el).to.be.accessible();
  });
});
