import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Route } from '../../app/router.ts';
import './labels.ts';
import './dk-task-list-page.ts';
import './dk-task-detail.ts';
import './dk-task-form.ts';
import './dk-task-board.ts';
import './dk-task-calendar.ts';
import './dk-task-stats.ts';
import './dk-task-digest.ts';

/**
 * The tasks feature (issue 4, docs/decisions/0003-tasks.md): one lazily loaded chunk whose shell picks the
 * screen for the route (my tasks, a task, the new-task form, the unit board, the deadline calendar,
 * statistics, the leaders' daily digest).
 */
@customElement('dk-tasks-page')
export class DkTasksPage extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  @property({ attribute: false }) route: Route = { name: 'tasks' };

  override render() {
    const r = this.route;
    switch (r.name) {
      case 'tasks':
        return html`<dk-task-list-page .search=${r.search ?? ''}></dk-task-list-page>`;
      case 'task':
        return html`<dk-task-detail .taskId=${r.id}></dk-task-detail>`;
      case 'newTask':
        return html`<dk-task-form .search=${r.search ?? ''}></dk-task-form>`;
      case 'taskBoard':
        return html`<dk-task-board .search=${r.search ?? ''}></dk-task-board>`;
      case 'taskCalendar':
        return html`<dk-task-calendar .search=${r.search ?? ''}></dk-task-calendar>`;
      case 'taskStats':
        return html`<dk-task-stats .search=${r.search ?? ''}></dk-task-stats>`;
      case 'taskDigest':
        return html`<dk-task-digest></dk-task-digest>`;
      default:
        return nothing;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-tasks-page': DkTasksPage;
  }
}
