import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { MeResponse } from '../../model/api.ts';
import { type TaskRow, listTasks, subscribeTasks } from '../../data/tasks.ts';
import { type Directory, displayNameOf, emptyDirectory, loadDirectory, subscribeDirectory, unitNameOf } from '../../data/directory.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { daysBetween } from '../../model/documents/dates.ts';
import { hasRole, headedUnitsOf } from '../../model/roles.ts';
import { wardDay } from '../../model/time.ts';
import { LocaleController, formatDateTime, formatDay, formatNumber, t } from '../../i18n/i18n.ts';
import { meContext } from '../../app/context.ts';
import { taskPath } from '../../app/router.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { backLinkStyles, pageColumnStyles, pageHeadStyles } from '../../ui/page-styles.ts';
import '../../ui/dk-empty-state.ts';
import { type Digest, type DigestItem, buildDigest, digestAllowed } from './digest.ts';
import './labels.ts';
import './messages-stats.ts';

type Section = 'overdue' | 'dueToday' | 'dueThisWeek' | 'awaitingAcceptance' | 'extensions' | 'doneYesterday';

/**
 * The leaders' daily digest (tổng hợp hằng ngày), `/tasks/digest`: today's date; overdue tasks by unit; due
 * today and this week; results awaiting my acceptance; extension requests awaiting my answer; done yesterday.
 * Each task links to its detail; an empty section says so. Unit heads get the same for their units.
 */
@customElement('dk-task-digest')
export class DkTaskDigest extends LitElement {
  static override styles = [
    sharedStyles,
    pageColumnStyles,
    backLinkStyles,
    pageHeadStyles,
    css`
      .back {
        justify-self: start;
      }
      .head {
        gap: var(--dk-space-2);
      }
      .date {
        margin: var(--dk-space-1) 0 0;
        font-weight: 600;
      }
      .scope {
        margin: 0;
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      .sections {
        display: grid;
        gap: var(--dk-space-4);
        grid-template-columns: minmax(0, 1fr);
      }
      @media (min-width: 1000px) {
        .sections {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        }
        section.overdue {
          grid-column: 1 / -1;
        }
      }
      section {
        display: grid;
        gap: var(--dk-space-2);
        align-content: start;
        padding: var(--dk-space-3) var(--dk-space-4);
        background: var(--dk-color-surface);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
      }
      h2 {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: var(--dk-space-2);
        font-size: var(--dk-font-size-lg);
      }
      h2 .n {
        font-size: var(--dk-font-size-sm);
        font-weight: 600;
        color: var(--dk-color-text-muted);
      }
      section.overdue h2 .n.some {
        color: var(--dk-color-danger);
      }
      h3 {
        font-size: var(--dk-font-size-md, 1rem);
        margin-block-start: var(--dk-space-2);
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
      }
      li {
        border-block-start: 1px solid var(--dk-color-border);
      }
      li:first-child {
        border-block-start: none;
      }
      li a {
        display: grid;
        gap: 2px;
        padding-block: var(--dk-space-2);
        min-block-size: var(--dk-touch-target);
        color: inherit;
        text-decoration: none;
      }
      li a:hover .title {
        text-decoration: underline;
      }
      .title {
        font-weight: 600;
        color: var(--dk-color-primary);
        overflow-wrap: anywhere;
      }
      .meta {
        font-size: var(--dk-font-size-sm);
        color: var(--dk-color-text-muted);
      }
      .late {
        color: var(--dk-color-danger);
        font-weight: 600;
      }
      .empty {
        margin: 0;
        color: var(--dk-color-text-muted);
      }
    `,
  ];

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  protected readonly _locale = new LocaleController(this);

  private readonly _rows = new LiveQueryController<TaskRow[]>(
    this,
    async () => (this._me ? listTasks(this._me) : []),
    (cb) => (this._me ? subscribeTasks(this._me, cb) : () => {}),
  );
  private readonly _dir = new LiveQueryController<Directory>(
    this,
    async () => (this._me ? loadDirectory(this._me) : emptyDirectory()),
    (cb) => (this._me ? subscribeDirectory(this._me, cb) : () => {}),
  );

  override render() {
    const me = this._me;
    if (!me) return nothing;
    const back = html`<a class="back" href="/tasks">${icons.back}${t('tasks.stats.back')}</a>`;
    if (!digestAllowed(me)) {
      return html`${back}<dk-empty-state .heading=${t('tasks.digest.title')} .icon=${icons.info}>
          <p>${t('tasks.digest.notAllowed')}</p>
        </dk-empty-state>`;
    }
    const dir = this._dir.value ?? emptyDirectory();
    const rows = this._rows.value;
    const digest = rows ? buildDigest(rows, me, new Date()) : undefined;
    const leader = hasRole(me, 'leader');
    const scope = leader
      ? t('tasks.digest.scopeWard')
      : t('tasks.digest.scopeUnits', {
          units: headedUnitsOf(me)
            .map((u) => unitNameOf(dir, u))
            .join(', '),
        });
    return html`${back}
      <div class="head">
        <div>
          <h1>${t('tasks.digest.title')}</h1>
          <p class="date">${t('tasks.digest.today', { date: formatDay(digest?.today ?? wardDay()) })}</p>
          <p class="scope">${scope}</p>
        </div>
        <a class="btn" href="/tasks/stats">${t('tasks.digest.stats')}</a>
      </div>
      ${digest ? this._renderSections(digest, dir) : html`<div class="skeleton" style="block-size: 240px"></div>`}`;
  }

  private _renderSections(d: Digest, dir: Directory) {
    const overdueCount = d.overdueByUnit.reduce((n, u) => n + u.items.length, 0);
    return html`<div class="sections">
      ${this._section(
        'overdue',
        overdueCount,
        d.overdueByUnit.map(
          (u) =>
            html`<h3 dir="auto">${u.unitId ? unitNameOf(dir, u.unitId) : t('tasks.stats.personal')} (${formatNumber(u.items.length)})</h3>
              ${this._list(u.items, dir, d.today, 'overdue')}`,
        ),
      )}
      ${this._section('dueToday', d.dueToday.length, this._list(d.dueToday, dir, d.today, 'due'))}
      ${this._section('dueThisWeek', d.dueThisWeek.length, this._list(d.dueThisWeek, dir, d.today, 'due'))}
      ${this._section('awaitingAcceptance', d.awaitingAcceptance.length, this._list(d.awaitingAcceptance, dir, d.today, 'submitted'))}
      ${this._section('extensions', d.extensions.length, this._list(d.extensions, dir, d.today, 'extension'))}
      ${this._section('doneYesterday', d.doneYesterday.length, this._list(d.doneYesterday, dir, d.today, 'done'))}
    </div>`;
  }

  private _section(key: Section, count: number, body: unknown) {
    return html`<section class=${key} aria-labelledby=${`h-${key}`} data-count=${count}>
      <h2 id=${`h-${key}`}>
        <span>${t(`tasks.digest.${key}`)}</span>
        <span class=${`n ${count ? 'some' : ''}`}>${t('tasks.digest.count', { count })}</span>
      </h2>
      ${count ? body : html`<p class="empty">${t(`tasks.digest.empty.${key}`)}</p>`}
    </section>`;
  }

  private _list(items: DigestItem[], dir: Directory, today: string, what: 'overdue' | 'due' | 'submitted' | 'extension' | 'done') {
    return html`<ul>
      ${items.map(({ id, state: s }) => {
        const due = s.deadline
          ? t('tasks.digest.due', { date: formatDay(s.deadline) + (s.deadlineTime ? ` ${s.deadlineTime}` : '') })
          : t('task.flag.noDeadline');
        const late = what === 'overdue' && s.deadline ? daysBetween(s.deadline, today) : 0;
        const ext = s.pendingExtension;
        const extra =
          what === 'submitted' && s.submittedAt
            ? t('tasks.digest.submittedAt', { time: formatDateTime(s.submittedAt) })
            : what === 'extension' && ext
              ? t('tasks.digest.askedUntil', { name: ext.byName, date: formatDay(ext.deadline) })
              : what === 'done' && s.doneAt
                ? t('tasks.digest.doneAt', { time: formatDateTime(s.doneAt) })
                : '';
        return html`<li data-id=${id}>
          <a href=${taskPath(id)}>
            <span class="title" dir="auto">${s.title}</span>
            <span class="meta">
              ${t('tasks.digest.lead', { name: displayNameOf(dir, s.lead) })} · ${due}
              ${late > 0 ? html` · <span class="late">${t('tasks.digest.overdueBy', { days: late })}</span>` : nothing}
              ${extra ? html` · ${extra}` : nothing}
            </span>
          </a>
        </li>`;
      })}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-digest': DkTaskDigest;
  }
}
