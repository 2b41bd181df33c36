import { consume } from '@lit/context';
import { LitElement, type TemplateResult, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { meContext } from '../../app/context.ts';
import { type Directory, displayNameOf, emptyDirectory, unitNameOf } from '../../data/directory.ts';
import { type DocumentRow, markDocumentRead, spaceForStep, userCtxOf } from '../../data/documents.ts';
import { LocaleController, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import { type AvailableAction, availableActions } from '../../model/documents/actions.ts';
import { myAssignments } from '../../model/documents/inbox.ts';
import type { Assignee, OfficialDocumentEventKind } from '../../model/documents/types.ts';
import type { AssignmentState } from '../../model/documents/workflow.ts';
import { hasRole } from '../../model/roles.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { completesDocument } from './dk-complete-form.ts';
import { stepLabel } from './labels.ts';
import './dk-approve-form.ts';
import './dk-complete-form.ts';
import './dk-direct-form.ts';
import './dk-extension-forms.ts';
import './dk-forward-form.ts';
import './dk-issue-forms.ts';
import './dk-replace-form.ts';
import './dk-progress-form.ts';
import './dk-return-form.ts';
import './dk-review-forms.ts';
import './messages-actions.ts';
import type { StepDoneDetail } from './step-form.ts';

/** One button: a step this person may take now, on one assignment node when it is an assignment step. */
interface Offer {
  id: string;
  action: AvailableAction;
  label: string;
}

/** Steps nobody takes from a button: written by the server, at registration, or when a document is opened. */
const NOT_OFFERED: readonly OfficialDocumentEventKind[] = ['registered', 'numbered', 'delivered', 'read'];

/**
 * The steps a person may take on a document now (`availableActions` of the model) as buttons; each opens a
 * small form inline below the buttons (one at a time), validated with the model and saved with `recordStep`.
 * After a step the form closes, focus returns to the buttons and a polite live region confirms it. Opening the
 * document records that it was read, once per opening, for each open assignment the person acts for (or, for
 * leaders and clerks, for the registry copy). Also: "awaiting number" for the clerk before issuing, and the link
 * to draft a reply to an incoming document.
 */
@customElement('dk-document-actions')
export class DkDocumentActions extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      section {
        display: grid;
        gap: var(--dk-space-3);
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
      }
      .buttons:focus {
        outline: none;
      }
      .buttons:focus-visible {
        outline: 3px solid var(--dk-color-focus);
        outline-offset: 2px;
      }
      .buttons .btn[aria-expanded='true'] {
        background: var(--dk-color-surface-muted);
        border-color: var(--dk-color-primary);
      }
      @media (max-width: 599px) {
        .buttons .btn {
          flex: 1 1 100%;
          justify-content: flex-start;
        }
      }
      .panel {
        padding: var(--dk-space-4);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-lg);
        background: var(--dk-color-surface);
      }
      .panel h3 {
        margin: 0 0 var(--dk-space-3);
        font-size: var(--dk-font-size-md, 1rem);
      }
      .none {
        margin: 0;
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
    `,
  ];

  @consume({ context: meContext, subscribe: true })
  @property({ attribute: false })
  me: MeResponse | null = null;

  @property({ attribute: false }) row?: DocumentRow;
  @property({ attribute: false }) directory: Directory = emptyDirectory();
  /** Today in the ward; pinned by tests. */
  @property() today?: string;

  @state() private _open: string | null = null;
  @state() private _announce = '';
  private _readFor: string | null = null;

  protected readonly _locale = new LocaleController(this);

  /** Buttons for the steps of this person now. */
  get offers(): Offer[] {
    const row = this.row;
    const me = this.me;
    if (!row || !me) return [];
    const user = userCtxOf(me);
    const actions = availableActions(row.state, user).filter((a) => !NOT_OFFERED.includes(a.kind));
    const kinds = new Set(actions.map((a) => a.kind));
    const count = (k: OfficialDocumentEventKind) => actions.filter((a) => a.kind === k).length;
    return actions
      .filter((a) => {
        // A unit head's own draft goes straight to the leader ("forwardedToLeader"), not to themselves.
        if (a.kind === 'submitted' && kinds.has('forwardedToLeader')) return false;
        return true;
      })
      .map((a) => {
        const node = this._node(a.assignmentKey);
        let label = this._label(a, node);
        const who = node ? this._whoOf(a, node) : '';
        if (who && (count(a.kind) > 1 || a.kind === 'extensionAnswered')) label = t('actions.btn.for', { step: label, who });
        return { id: `${a.kind}@${a.assignmentKey ?? ''}`, action: a, label };
      });
  }

  private _node(key: string | undefined): AssignmentState | undefined {
    const state = this.row?.state;
    return key && state?.direction === 'incoming' ? state.assignments.find((a) => a.key === key) : undefined;
  }

  private _assigneeName(a: Assignee): string {
    return a.kind === 'unit' ? unitNameOf(this.directory, a.unitId) : displayNameOf(this.directory, a.name);
  }

  /** Whose step it is: the requester for an extension answer, else the assignee acted for. */
  private _whoOf(a: AvailableAction, node: AssignmentState): string {
    if (a.kind === 'extensionAnswered') {
      const last = node.extensions[node.extensions.length - 1];
      return last?.requested.name ?? this._assigneeName(node.assignee);
    }
    return this._assigneeName(node.assignee);
  }

  private _label(a: AvailableAction, node: AssignmentState | undefined): string {
    const state = this.row!.state;
    switch (a.kind) {
      case 'directed':
        return state.direction === 'incoming' && state.directions.length > 0 ? t('actions.btn.redirect') : t('actions.btn.directed');
      case 'completed':
        return node && state.direction === 'incoming' && completesDocument(state, node)
          ? t('actions.btn.completeDocument')
          : t('actions.btn.completePart');
      default:
        return t(`actions.btn.${a.kind}`);
    }
  }

  protected override updated(changed: Map<string, unknown>): void {
    if ((changed.has('row') || changed.has('me')) && this.row && this.me && this._readFor !== this.row.id) {
      this._readFor = this.row.id;
      void this._markRead(this.me, this.row);
    }
    // A step taken meanwhile (another device, a sync) may have closed the open form's step.
    if (changed.has('row') && this._open && !this.offers.some((o) => o.id === this._open)) this._open = null;
  }

  /** Records "read" for each open assignment this person acts for, or for the registry copy (leader, clerk). */
  private async _markRead(me: MeResponse, row: DocumentRow): Promise<void> {
    if (row.doc.direction !== 'incoming' || row.state.direction !== 'incoming') return;
    const user = userCtxOf(me);
    // Only where this device holds the space the step goes to (a member reading the unit's copy, a person theirs).
    const reads = availableActions(row.state, user)
      .filter((a) => a.kind === 'read' && this._node(a.assignmentKey)?.state === 'open')
      .map((a) => this._node(a.assignmentKey)!)
      .filter((node) => spaceForStep(me, row, { kind: 'read', assignee: node.assignee, assignmentKey: node.key }));
    // Reading is bookkeeping: a refusal (e.g. the document was recalled meanwhile) must not disturb the page.
    const mark = (input?: { assignee: Assignee; assignmentKey: string }) =>
      markDocumentRead(me, row, input).catch((err: unknown) => console.warn('Could not record that the document was read', err));
    for (const node of reads) await mark({ assignee: node.assignee, assignmentKey: node.key });
    const registry = row.heldIn.some((s) => s.kind === 'registry');
    if (reads.length === 0 && registry && row.doc.createdBy !== me.name && (hasRole(user, 'leader') || hasRole(user, 'clerk')))
      await mark();
  }

  private async _toggle(offer: Offer): Promise<void> {
    this._open = this._open === offer.id ? null : offer.id;
    this._announce = '';
    if (!this._open) return;
    await this.updateComplete;
    const form = this.renderRoot.querySelector('.panel > *:last-child') as (LitElement & { focusFirst?: () => void }) | null;
    await form?.updateComplete;
    form?.focusFirst?.();
  }

  private async _done(e: CustomEvent<StepDoneDetail>): Promise<void> {
    const opened = this._open;
    this._open = null;
    this._announce = t('actions.done', { step: stepLabel(e.detail.kind) });
    await this.updateComplete;
    const again = opened ? this.renderRoot.querySelector<HTMLElement>(`.buttons button[data-offer="${CSS.escape(opened)}"]`) : null;
    (again ?? this.renderRoot.querySelector<HTMLElement>('.buttons'))?.focus();
  }

  private async _cancel(): Promise<void> {
    const opened = this._open;
    this._open = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`.buttons button[data-offer="${CSS.escape(opened ?? '')}"]`)?.focus();
  }

  private _form(offer: Offer): TemplateResult {
    const p = { me: this.me!, row: this.row!, directory: this.directory, action: offer.action, today: this.today };
    switch (offer.action.kind) {
      case 'directed':
        return html`<dk-direct-form
          .me=${p.me}
          .row=${p.row}
          .directory=${p.directory}
          .action=${p.action}
          .today=${p.today}
        ></dk-direct-form>`;
      case 'forwarded':
        return html`<dk-forward-form
          .me=${p.me}
          .row=${p.row}
          .directory=${p.directory}
          .action=${p.action}
          .today=${p.today}
        ></dk-forward-form>`;
      case 'progress':
        return html`<dk-progress-form
          .me=${p.me}
          .row=${p.row}
          .directory=${p.directory}
          .action=${p.action}
          .today=${p.today}
        ></dk-progress-form>`;
      case 'returned':
        return html`<dk-return-form
          .me=${p.me}
          .row=${p.row}
          .directory=${p.directory}
          .action=${p.action}
          .today=${p.today}
        ></dk-return-form>`;
      case 'extensionRequested':
        return html`<dk-extension-request-form
          .me=${p.me}
          .row=${p.row}
          .directory=${p.directory}
          .action=${p.action}
          .today=${p.today}
        ></dk-extension-request-form>`;
      case 'extensionAnswered':
        return html`<dk-extension-answer-form
          .me=${p.me}
          .row=${p.row}
          .directory=${p.directory}
          .action=${p.action}
          .today=${p.today}
        ></dk-extension-answer-form>`;
      case 'completed':
        return html`<dk-complete-form
          .me=${p.me}
          .row=${p.row}
          .directory=${p.directory}
          .action=${p.action}
          .today=${p.today}
        ></dk-complete-form>`;
      case 'newVersion':
        return html`<dk-version-form
          .me=${p.me}
          .row=${p.row}
          .directory=${p.directory}
          .action=${p.action}
          .today=${p.today}
        ></dk-version-form>`;
      case 'approved':
        return html`<dk-approve-form
          .me=${p.me}
          .row=${p.row}
          .directory=${p.directory}
          .action=${p.action}
          .today=${p.today}
        ></dk-approve-form>`;
      case 'replaced':
        return html`<dk-replace-form
          .me=${p.me}
          .row=${p.row}
          .directory=${p.directory}
          .action=${p.action}
          .today=${p.today}
        ></dk-replace-form>`;
      case 'dispatched':
        return html`<dk-dispatch-form
          .me=${p.me}
          .row=${p.row}
          .directory=${p.directory}
          .action=${p.action}
          .today=${p.today}
        ></dk-dispatch-form>`;
      default:
        return html`<dk-note-step-form
          .me=${p.me}
          .row=${p.row}
          .directory=${p.directory}
          .action=${p.action}
          .today=${p.today}
        ></dk-note-step-form>`;
    }
  }

  private get _canReply(): boolean {
    const row = this.row;
    const me = this.me;
    if (!row || !me || row.state.direction !== 'incoming' || row.state.phase === 'recalled') return false;
    const user = userCtxOf(me);
    return hasRole(user, 'leader') || myAssignments(row.state, user).length > 0;
  }

  /** The clerk sees why "Issue" is not there yet: the server has not numbered the approved document. */
  private get _awaitingNumber(): boolean {
    const row = this.row;
    return (
      !!row && !!this.me && row.state.direction === 'outgoing' && row.state.phase === 'approved' && hasRole(userCtxOf(this.me), 'clerk')
    );
  }

  override render() {
    const offers = this.offers;
    const open = offers.find((o) => o.id === this._open);
    const reply = this._canReply;
    const awaiting = this._awaitingNumber;
    const live = html`<p class="visually-hidden" role="status" aria-live="polite">${this._announce}</p>`;
    // The live region stays in place whatever else shows, so the confirmation after a step is announced.
    // Nothing to do here now: say so, rather than leave an empty section under the detail view's heading.
    if (offers.length === 0 && !reply && !awaiting)
      return html`${live}
        <p class="none">${t('actions.nothing')}</p>`;
    return html`${live}
      <section aria-labelledby="actions-heading">
        <!-- The detail view titles this column ("What you can do"); this heading is for screen readers only. -->
        <h2 id="actions-heading" class="visually-hidden">${t('actions.heading')}</h2>
        ${
          offers.length
            ? html`<div class="buttons" role="group" aria-label=${t('actions.heading')} tabindex="-1">
                ${offers.map(
                  (o) =>
                    html`<button
                      type="button"
                      class="btn ${o.action.kind === 'approved' || o.action.kind === 'completed' ? 'primary' : ''}"
                      data-offer=${o.id}
                      aria-expanded=${this._open === o.id ? 'true' : 'false'}
                      aria-controls="step-panel"
                      @click=${() => this._toggle(o)}
                    >
                      ${o.label}
                    </button>`,
                )}
              </div>`
            : nothing
        }
        ${awaiting ? html`<p class="banner info">${icons.clock} ${t('actions.awaitingNumber')}</p>` : nothing}
        ${
          reply
            ? html`<p class="none"><a href="/documents/new/draft?replyTo=${encodeURIComponent(this.row!.id)}">${t('actions.reply')}</a></p>`
            : nothing
        }
        ${
          open
            ? html`<div
                id="step-panel"
                class="panel"
                role="region"
                aria-label=${open.label}
                @dk-step-done=${this._done}
                @dk-cancel=${this._cancel}
              >
                <h3>${open.label}</h3>
                ${this._form(open)}
              </div>`
            : nothing
        }
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-document-actions': DkDocumentActions;
  }
}
