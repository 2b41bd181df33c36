import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { LiveQueryController } from '../../src/data/live-query.ts';
import { listNotices, postNotice, subscribeNotices } from '../../src/data/notices.ts';
import { destroyMe, testMe } from './data-helpers.ts';

/** A tiny feed the test controls. */
function feed() {
  const listeners = new Set<() => void>();
  return {
    subscribe: (cb: () => void) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    fire: () => listeners.forEach((cb) => cb()),
    get size() {
      return listeners.size;
    },
  };
}

class LqHost extends LitElement {
  runs = 0;
  value = 0;
  fail = false;
  delay = 0;
  f = feed();
  q = new LiveQueryController<number>(
    this,
    async () => {
      this.runs++;
      if (this.delay) await new Promise((r) => setTimeout(r, this.delay));
      if (this.fail) throw new Error('boom');
      return this.value;
    },
    (cb) => this.f.subscribe(cb),
  );
  override render() {
    return html`${this.q.loading ? 'loading ' : ''}${this.q.value ?? '-'}`;
  }
}
customElements.define('lq-host', LqHost);

describe('LiveQueryController', () => {
  it('runs on connect, re-runs (debounced) when the feed fires, and stops on disconnect', async () => {
    const el = await fixture<LqHost>(html`<lq-host></lq-host>`);
    await waitUntil(() => el.q.value === 0);
    expect(el.runs).to.equal(1);
    el.value = 7;
    el.f.fire();
    el.f.fire();
    el.f.fire();
    await waitUntil(() => el.q.value === 7);
    expect(el.runs).to.equal(2, 'a burst of changes runs the query once');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('7');
    el.remove();
    expect(el.f.size).to.equal(0, 'unsubscribed');
    el.f.fire();
    await new Promise((r) => setTimeout(r, 80));
    expect(el.runs).to.equal(2);
  });

  it('keeps the previous value on screen while re-running, and reports errors', async () => {
    const el = await fixture<LqHost>(html`<lq-host></lq-host>`);
    await waitUntil(() => el.q.value === 0);
    el.delay = 60;
    el.value = 1;
    el.q.refresh();
    expect(el.q.loading).to.equal(true);
    expect(el.q.value).to.equal(0, 'stale value kept');
    await waitUntil(() => !el.q.loading && el.q.value === 1);
    el.fail = true;
    el.q.refresh();
    await waitUntil(() => !el.q.loading);
    expect((el.q.error as Error).message).to.equal('boom');
    expect(el.q.value).to.equal(1);
  });

  it('updates a notice list when a notice is posted (real PouchDB change feed)', async () => {
    const me = testMe();
    class NoticeHost extends LitElement {
      q = new LiveQueryController(
        this,
        () => listNotices(me),
        (cb) => subscribeNotices(me, cb),
      );
      override render() {
        return html`${this.q.value?.length ?? '-'}`;
      }
    }
    customElements.define(`nq-host-${me.name}`, NoticeHost);
    const el = document.createElement(`nq-host-${me.name}`) as NoticeHost;
    document.body.append(el);
    try {
      await waitUntil(() => el.q.value?.length === 0, 'empty first');
      await postNotice(me, me.spaces[0]!, { title: 'Lịch tiếp dân', body: 'Thứ Năm hằng tuần', pinned: false });
      await waitUntil(() => el.q.value?.length === 1, 'live update', { timeout: 3000 });
    } finally {
      el.remove();
      await destroyMe(me);
    }
  });
});
