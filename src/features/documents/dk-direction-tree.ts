import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DocumentRow } from '../../data/documents.ts';
import { type Directory, displayNameOf, emptyDirectory, unitNameOf } from '../../data/directory.ts';
import { LocaleController, formatDateTime, formatDay, formatNumber, t } from '../../i18n/i18n.ts';
import { assignmentStatus, deadlineInfo, overallStatus } from '../../model/documents/status.ts';
import { assigneeKey } from '../../model/documents/types.ts';
import type { AssignmentState, IncomingState, OutgoingState, Stamp } from '../../model/documents/workflow.ts';
import { wardDay } from '../../model/time.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { documentChipStyles } from './chip-styles.ts';
import { actorLabel, assigneeName, ti } from './detail-names.ts';
import { returnReasonLabel, roleLabel, statusLabel, statusTone, stepLabel } from './labels.ts';
import './messages-detail.ts';

/**
 * Incoming: the leader's direction(s) and the assignment tree (unit or person, role, deadline, status, delivery,
 * who read it, latest progress), with what a unit head passed on to a person indented under the unit.
 * Outgoing: the review path (author → unit head → leader → clerk), comments per version, and the delivery to
 * each internal recipient with the processing status of their copy when it is on this device.
 */
@customElement('dk-direction-tree')
export class DkDirectionTree extends LitElement {
  static override styles = [
    sharedStyles,
    documentChipStyles,
    css`
      p {
        margin: 0;
      }
      .muted,
      .none {
        color: var(--dk-color-text-muted);
      }
      .directions {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-2);
      }
      blockquote,
      .direction {
        margin: 0;
        padding: var(--dk-space-2) var(--dk-space-3);
        border-inline-start: 4px solid var(--dk-color-accent);
        background: var(--dk-color-accent-soft);
        border-radius: var(--dk-radius-sm);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .by {
        font-size: var(--dk-font-size-sm);
        color: var(--dk-color-text-muted);
      }
      ul.tree,
      ul.tree ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-2);
      }
      ul.tree {
        margin-block-start: var(--dk-space-3);
      }
      ul.tree ul {
        margin-block-start: var(--dk-space-2);
        padding-inline-start: var(--dk-space-4);
        border-inline-start: 2px solid var(--dk-color-border);
      }
      .node {
        display: grid;
        gap: var(--dk-space-1);
        padding: var(--dk-space-2) var(--dk-space-3);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        background: var(--dk-color-surface);
        font-size: var(--dk-font-size-sm);
        min-inline-size: 0;
      }
      .node.withdrawn {
        opacity: 0.7;
        background: var(--dk-color-surface-muted);
      }
      .node .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-1) var(--dk-space-2);
      }
      .node .name {
        font-weight: 700;
        font-size: var(--dk-font-size-md);
        overflow-wrap: anywhere;
      }
      .node .direction {
        font-size: var(--dk-font-size-sm);
        border-inline-start-color: var(--dk-color-border-strong);
        background: var(--dk-color-surface-muted);
      }
      .node .by {
        display: block;
      }
      .late {
        color: var(--dk-color-danger);
        font-weight: 600;
      }
      .soon {
        color: var(--dk-color-warning);
        font-weight: 600;
      }
      ol.path {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-2);
      }
      ol.path li {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: var(--dk-space-1) var(--dk-space-3);
        align-items: start;
      }
      .dot {
        inline-size: 1.5rem;
        block-size: 1.5rem;
        border-radius: 50%;
        display: grid;
        place-items: center;
        font-size: var(--dk-font-size-xs);
        font-weight: 700;
        border: 2px solid var(--dk-color-border-strong);
        background: var(--dk-color-surface);
      }
      li.done .dot {
        background: var(--dk-color-success);
        border-color: var(--dk-color-success);
        color: #fff;
      }
      li.current .dot {
        background: var(--dk-color-primary);
        border-color: var(--dk-color-primary);
        color: #fff;
      }
      li.current .step {
        font-weight: 700;
      }
      h3 {
        font-size: var(--dk-font-size-md);
        margin-block: var(--dk-space-4) var(--dk-space-2);
      }
      .comments,
      .deliveries {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-2);
        font-size: var(--dk-font-size-sm);
      }
      .deliveries li,
      .comments li {
        padding: var(--dk-space-2) var(--dk-space-3);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        display: grid;
        gap: var(--dk-space-1);
      }
      .comments .note {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      a {
        color: var(--dk-color-primary);
      }
    `,
  ];

  @property({ attribute: false }) row?: DocumentRow;
  @property({ attribute: false }) directory: Directory = emptyDirectory();
  /** Outgoing: the recipients' incoming copies on this device (`doc.sourceDocumentId` = this document). */
  @property({ attribute: false }) copies: DocumentRow[] = [];
  @property({ attribute: false }) today = wardDay();

  protected readonly _locale = new LocaleController(this);

  override render() {
    const row = this.row;
    if (!row) return nothing;
    return row.state.direction === 'incoming' ? this._renderIncoming(row.state) : this._renderOutgoing(row, row.state);
  }

  private _by(s: Stamp) {
    return html`<span class="by">${ti('docdetail.byAt', { name: actorLabel(s), time: formatDateTime(s.at) })}</span>`;
  }

  // ——————————————————————————————————————————— incoming

  private _renderIncoming(s: IncomingState) {
    const top = s.assignments.filter((a) => !a.parentKey);
    return html`${
      s.directions.length === 0
        ? top.length
          ? nothing
          : html`<p class="none" data-empty>${s.phase === 'recalled' ? t('docdetail.tree.noneRecalled') : t('docdetail.tree.none')}</p>`
        : html`<ul class="directions" aria-label=${t('docdetail.tree.directions')}>
            ${s.directions.map(
              (d) =>
                html`<li data-direction>
                  ${d.note ? html`<blockquote dir="auto">${d.note}</blockquote>` : html`<p class="muted">${t('docdetail.tree.noText')}</p>`}
                  ${this._by(d)}
                </li>`,
            )}
          </ul>`
    }
    ${
      top.length
        ? html`<ul class="tree">
            ${top.map((a) => this._renderNode(s, a))}
          </ul>`
        : nothing
    }`;
  }

  private _renderNode(s: IncomingState, a: AssignmentState): unknown {
    const children = s.assignments.filter((c) => c.parentKey === a.key);
    const status = assignmentStatus(a, this.today);
    const latest = a.progress[a.progress.length - 1];
    return html`<li data-key=${a.key}>
      <div class="node ${a.state}">
        <div class="top">
          <span class="name" dir="auto">${assigneeName(this.directory, a.assignee)}</span>
          <span class="chip role">${roleLabel(a.role)}</span>
          ${status === 'forInformation' ? nothing : html`<span class="chip status ${statusTone(status)}">${statusLabel(status)}</span>`}
        </div>
        ${a.parentKey ? html`<p>${ti('docdetail.tree.assignedBy', { name: actorLabel(a.assigned), time: formatDateTime(a.assigned.at) })}</p>` : nothing}
        ${a.parentKey && a.direction ? html`<p class="direction" dir="auto">${a.direction}</p>` : nothing} ${this._renderDeadline(a)}
        ${
          a.delivered
            ? html`<p data-delivered>${ti('docdetail.tree.delivered', { time: formatDateTime(a.delivered.at) })}</p>`
            : a.state === 'open'
              ? html`<p class="muted">${t('docdetail.tree.notDelivered')}</p>`
              : nothing
        }
        <p data-reads>
          ${
            a.reads.length
              ? ti('docdetail.tree.readBy', {
                  names: a.reads.map((r) => ti('docdetail.nameAt', { name: r.name || r.by, time: formatDateTime(r.at) })).join('; '),
                })
              : html`<span class="muted">${t('docdetail.tree.unread')}</span>`
          }
        </p>
        ${
          latest
            ? html`<p data-progress>
                ${
                  latest.percent !== undefined
                    ? t('docdetail.tree.progressPercent', { percent: formatNumber(latest.percent) })
                    : t('docdetail.tree.progress')
                }${latest.note ? html`: <span dir="auto">${latest.note}</span>` : nothing}
                ${this._by(latest)}
              </p>`
            : nothing
        }
        ${
          a.returned
            ? html`<p data-returned>
                <strong>${t('docdetail.tree.returned')}</strong>
                ${a.returned.reason ? returnReasonLabel(a.returned.reason) : nothing}${a.returned.note ? html` — <span dir="auto">${a.returned.note}</span>` : nothing}
                ${this._by(a.returned)}
              </p>`
            : nothing
        }
        ${
          a.completed
            ? html`<p data-completed>
                ${ti('docdetail.tree.completed', { time: formatDateTime(a.completed.at) })}${
                  a.completed.note ? html` — <span dir="auto">${a.completed.note}</span>` : nothing
                }
              </p>`
            : nothing
        }
        ${a.withdrawn ? html`<p class="muted">${ti('docdetail.tree.withdrawn', { time: formatDateTime(a.withdrawn.at) })}</p>` : nothing}
      </div>
      ${
        children.length
          ? html`<ul>
              ${children.map((c) => this._renderNode(s, c))}
            </ul>`
          : nothing
      }
    </li>`;
  }

  private _renderDeadline(a: AssignmentState) {
    if (a.role === 'forInformation') return nothing;
    const info = deadlineInfo(a, this.today);
    if (!info.current) return html`<p class="muted" data-deadline>${t('docdetail.tree.noDeadline')}</p>`;
    const left = info.daysLeft;
    const when =
      left === undefined
        ? nothing
        : left < 0
          ? html` · <span class="late">${t('docdetail.tree.daysOver', { count: formatNumber(-left) })}</span>`
          : left === 0
            ? html` · <span class="soon">${t('docdetail.tree.dueToday')}</span>`
            : html` · <span class=${left < 2 ? 'soon' : ''}>${t('docdetail.tree.daysLeft', { count: formatNumber(left) })}</span>`;
    return html`<p data-deadline>
      ${ti('docdetail.tree.deadline', { day: formatDay(info.current) })}${
        info.extended && info.original ? html` (${ti('docdetail.tree.extendedFrom', { day: formatDay(info.original) })})` : nothing
      }${when}
      ${info.requested ? html`<span class="chip warn" data-requested>${ti('docdetail.tree.requested', { day: formatDay(info.requested) })}</span>` : nothing}
    </p>`;
  }

  // ——————————————————————————————————————————— outgoing

  private _renderOutgoing(row: DocumentRow, s: OutgoingState) {
    const doc = row.doc.direction === 'outgoing' ? row.doc : undefined;
    if (!doc) return nothing;
    const dir = this.directory;
    const p = s.phase;
    const after = (phases: string[]) => phases.includes(p);
    const steps: { key: string; label: string; who: string; done?: Stamp; current: boolean }[] = [
      {
        key: 'draft',
        label: t('docdetail.review.draft'),
        who: displayNameOf(dir, doc.createdBy),
        ...(s.submitted ? { done: s.submitted } : s.forwardedToLeader ? { done: s.forwardedToLeader } : {}),
        current: p === 'draft' || p === 'changesRequested',
      },
      {
        key: 'unitHead',
        label: t('docdetail.review.unitHead'),
        who: unitNameOf(dir, doc.unitId),
        ...(s.forwardedToLeader ? { done: s.forwardedToLeader } : {}),
        current: p === 'submitted',
      },
      {
        key: 'leader',
        label: t('docdetail.review.leader'),
        who: displayNameOf(dir, doc.signer),
        ...(s.approved ? { done: s.approved } : {}),
        current: p === 'withLeader',
      },
      {
        key: 'issue',
        label: t('docdetail.review.issue'),
        who: t('docdetail.review.clerk'),
        ...(s.issued ? { done: s.issued } : {}),
        current: after(['approved', 'numbered']),
      },
    ];
    const versions = [...new Set(s.comments.map((c) => c.version))].sort((a, b) => b - a);
    return html`<ol class="path" aria-label=${t('docdetail.review.path')}>
        ${steps.map(
          (st, i) =>
            html`<li
              class=${st.done ? 'done' : st.current ? 'current' : ''}
              data-step=${st.key}
              aria-current=${st.current ? 'step' : 'false'}
            >
              <span class="dot" aria-hidden="true">${formatNumber(i + 1)}</span>
              <div>
                <div class="step">${st.label}: <span dir="auto">${st.who}</span></div>
                ${st.done ? this._by(st.done) : st.current ? html`<span class="by">${t('docdetail.review.now')}</span>` : nothing}
              </div>
            </li>`,
        )}
      </ol>
      ${
        versions.length
          ? html`<h3>${t('docdetail.review.comments')}</h3>
              ${versions.map(
                (v) =>
                  html`<p class="muted">${t('docdetail.versionN', { version: v })}</p>
                    <ul class="comments" data-version=${v}>
                      ${s.comments
                        .filter((c) => c.version === v)
                        .map(
                          (c) =>
                            html`<li>
                              <strong>${stepLabel(c.kind)}</strong>
                              ${c.note ? html`<span class="note" dir="auto">${c.note}</span>` : nothing} ${this._by(c)}
                            </li>`,
                        )}
                    </ul>`,
              )}`
          : nothing
      }
      ${doc.internalRecipients.length && after(['issued', 'recalled', 'replaced']) ? this._renderDeliveries(row, s) : nothing}`;
  }

  private _renderDeliveries(row: DocumentRow, s: OutgoingState) {
    if (row.doc.direction !== 'outgoing') return nothing;
    return html`<h3>${t('docdetail.review.deliveries')}</h3>
      <ul class="deliveries">
        ${row.doc.internalRecipients.map((r) => {
          const key = assigneeKey(r);
          const delivered = s.deliveries[key];
          const copy = this.copies.find((c) => c.id === `${row.id}.to.${key}`);
          const copyState = copy?.state.direction === 'incoming' ? copy.state : undefined;
          const status = copyState ? overallStatus(copyState, this.today) : undefined;
          return html`<li data-recipient=${key}>
            <strong dir="auto">${assigneeName(this.directory, r)}</strong>
            ${
              delivered
                ? html`<span>${ti('docdetail.tree.delivered', { time: formatDateTime(delivered.at) })}</span>`
                : html`<span class="muted">${t('docdetail.review.notDelivered')}</span>`
            }
            ${
              copyState
                ? html`<span>
                    ${status ? html`<span class="chip ${statusTone(status)}">${statusLabel(status)}</span>` : nothing}
                    ${
                      copyState.reads.length
                        ? ti('docdetail.tree.readBy', {
                            names: copyState.reads
                              .map((x) => ti('docdetail.nameAt', { name: x.name || x.by, time: formatDateTime(x.at) }))
                              .join('; '),
                          })
                        : t('docdetail.tree.unread')
                    }
                    · <a href=${`/documents/${encodeURIComponent(copy!.id)}`}>${t('docdetail.review.openCopy')}</a>
                  </span>`
                : nothing
            }
          </li>`;
        })}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-direction-tree': DkDirectionTree;
  }
}
