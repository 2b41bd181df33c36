import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AdminUnit, AdminUser } from '../../model/admin.ts';
import { type UnitBranch, buildOrgChart } from '../../model/org-chart.ts';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import './messages.ts';

/**
 * The ward's org chart (sơ đồ tổ chức) as the accounts say it is: the leadership, then each unit in
 * its order with its head(s) and its people with their position titles. Read-only; the administrator
 * changes it through the accounts (unit, head, position) and the units (name, order). A list of lists,
 * not a drawing, so that it reads on a phone and to a screen reader alike.
 */
@customElement('dk-org-chart')
export class DkOrgChart extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: var(--dk-font-size-lg);
        margin: 0 0 var(--dk-space-3);
      }
      .tree {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr));
        gap: var(--dk-space-3);
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .box {
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        background: var(--dk-color-surface);
        padding: var(--dk-space-3);
      }
      .box.lead {
        border-color: var(--dk-color-primary);
        border-inline-start-width: 4px;
        margin-block-end: var(--dk-space-3);
      }
      h3 {
        font-size: var(--dk-font-size-md);
        margin: 0;
      }
      .count {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      ul.people {
        list-style: none;
        margin: var(--dk-space-2) 0 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-1);
      }
      .people li {
        display: grid;
      }
      .people .head .who {
        font-weight: 700;
      }
      .title {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      .mark {
        display: inline-block;
        padding-inline: var(--dk-space-1);
        margin-inline-end: var(--dk-space-1);
        border-radius: var(--dk-radius-sm);
        background: var(--dk-color-primary-soft);
        color: var(--dk-color-primary);
        font-weight: 600;
      }
      .empty {
        color: var(--dk-color-text-muted);
        font-style: italic;
        margin: var(--dk-space-2) 0 0;
      }
    `,
  ];

  @property({ attribute: false }) units: AdminUnit[] = [];
  @property({ attribute: false }) users: AdminUser[] = [];

  protected readonly _locale = new LocaleController(this);

  private _person(p: AdminUser, head: boolean) {
    return html`<li class=${head ? 'head' : nothing}>
      <span class="who"><bdi>${p.displayName}</bdi></span>
      <span class="title"
        >${head ? html`<span class="mark">${t('admin.chart.head')}</span> ` : nothing}${
          p.title ? html`<bdi>${p.title}</bdi>` : t('admin.chart.noTitle')
        }</span
      >
    </li>`;
  }

  private _branch(b: UnitBranch<AdminUser>) {
    const count = b.heads.length + b.members.length;
    return html`<li class="box" aria-labelledby="chart-${b.unit.unitId}">
      <h3 id="chart-${b.unit.unitId}"><bdi>${b.unit.name}</bdi></h3>
      <span class="count">${b.unit.shortName} · ${t('admin.chart.people', { n: formatNumber(count) })}</span>
      ${
        count
          ? html`<ul class="people">
              ${b.heads.map((p) => this._person(p, true))} ${b.members.map((p) => this._person(p, false))}
            </ul>`
          : html`<p class="empty">${t('admin.chart.emptyUnit')}</p>`
      }
      ${count && !b.heads.length ? html`<p class="empty">${t('admin.chart.noHead')}</p>` : nothing}
    </li>`;
  }

  override render() {
    const chart = buildOrgChart(this.units, this.users);
    return html`<section aria-labelledby="chart-h">
      <h2 id="chart-h">${t('admin.chart.heading')}</h2>
      <div class="box lead" role="group" aria-labelledby="chart-lead">
        <h3 id="chart-lead">${t('admin.chart.leadership')}</h3>
        ${
          chart.leadership.length
            ? html`<ul class="people">
                ${chart.leadership.map((p) => this._person(p, false))}
              </ul>`
            : html`<p class="empty">${t('admin.chart.noLeaders')}</p>`
        }
      </div>
      <ul class="tree">
        ${chart.units.map((b) => this._branch(b))}
        ${
          chart.others.length
            ? html`<li class="box" aria-labelledby="chart-others">
                <h3 id="chart-others">${t('admin.chart.others')}</h3>
                <ul class="people">
                  ${chart.others.map((p) => this._person(p, false))}
                </ul>
              </li>`
            : nothing
        }
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-org-chart': DkOrgChart;
  }
}
