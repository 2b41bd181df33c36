import { expect } from '@open-wc/testing';
import {
  currentRoute,
  interceptLinks,
  navigate,
  documentPath,
  noticePath,
  parseRoute,
  pathOf,
  sectionOf,
  subscribeRoute,
  type Route,
} from '../../src/app/router.ts';

describe('router', () => {
  const start = location.pathname + location.search;
  after(() => history.replaceState(null, '', start));

  it('maps every app path to a route and back', () => {
    const routes: Array<[string, Route]> = [
      ['/notices', { name: 'notices' }],
      ['/documents', { name: 'documents' }],
      ['/tasks', { name: 'tasks' }],
      ['/schedule', { name: 'schedule' }],
      ['/messages', { name: 'messages' }],
      ['/settings', { name: 'settings' }],
      ['/sign-in', { name: 'signIn' }],
      ['/notices/notice%3A01JD0001', { name: 'notice', id: 'notice:01JD0001' }],
      ['/documents/officialDocument%3A01JD0001', { name: 'document', id: 'officialDocument:01JD0001' }],
      ['/documents/new/incoming', { name: 'newIncoming' }],
      ['/documents/new/draft', { name: 'newDraft' }],
      ['/documents/registers', { name: 'documentRegisters' }],
      ['/documents/report', { name: 'documentReport' }],
      ['/schedule?week=2026-W50&cal=leadership', { name: 'schedule', search: 'week=2026-W50&cal=leadership' }],
      ['/schedule/new?day=2026-12-07', { name: 'newEvent', search: 'day=2026-12-07' }],
      ['/schedule/events/calendarEvent%3A01JD0001', { name: 'event', id: 'calendarEvent:01JD0001' }],
      ['/schedule/events/calendarEvent%3A01JD0001/edit', { name: 'editEvent', id: 'calendarEvent:01JD0001' }],
      ['/messages/dm-0123456789abcdef01234567', { name: 'conversation', id: 'dm-0123456789abcdef01234567' }],
    ];
    for (const [path, route] of routes) {
      const [pathname, search] = path.split('?') as [string, string?];
      expect(parseRoute(pathname, search ?? ''), path).to.deep.equal(route);
      expect(pathOf(route), path).to.equal(path);
    }
  });

  it('keeps the documents list query and the draft reply link', () => {
    expect(parseRoute('/documents', '?view=overdue&q=quy%E1%BA%BFt')).to.deep.equal({
      name: 'documents',
      search: 'view=overdue&q=quy%E1%BA%BFt',
    });
    expect(pathOf({ name: 'documents', search: 'view=all&sort=oldest' })).to.equal('/documents?view=all&sort=oldest');
    expect(parseRoute('/documents', '')).to.deep.equal({ name: 'documents' });
    const draft = parseRoute('/documents/new/draft', '?replyTo=officialDocument%3A01JD0001');
    expect(draft).to.deep.equal({ name: 'newDraft', replyTo: 'officialDocument:01JD0001' });
    expect(parseRoute(new URL(pathOf(draft), location.origin).pathname, new URL(pathOf(draft), location.origin).search)).to.deep.equal(
      draft,
    );
    expect(documentPath('officialDocument:X')).to.equal('/documents/officialDocument%3AX');
    expect(parseRoute('/documents/new').name).to.equal('notFound');
  });

  it('lights up the Documents item on every documents page', () => {
    for (const path of [
      '/documents',
      '/documents/x',
      '/documents/new/incoming',
      '/documents/new/draft',
      '/documents/registers',
      '/documents/report',
    ]) {
      expect(sectionOf(parseRoute(path)), path).to.equal('documents');
    }
    expect(sectionOf(parseRoute('/notices/x'))).to.equal('notices');
    expect(sectionOf(parseRoute('/settings'))).to.equal('settings');
  });

  it('reads the query of the current location', () => {
    history.replaceState(null, '', '/documents?view=all');
    expect(currentRoute()).to.deep.equal({ name: 'documents', search: 'view=all' });
  });

  it('opens Notices at / and tolerates a trailing slash', () => {
    expect(parseRoute('/')).to.deep.equal({ name: 'notices' });
    expect(parseRoute('/settings/')).to.deep.equal({ name: 'settings' });
  });

  it('reports unknown and malformed paths as not found', () => {
    expect(parseRoute('/nope')).to.deep.equal({ name: 'notFound', path: '/nope' });
    expect(parseRoute('/notices/%E0%A4%A')).to.deep.equal({ name: 'notFound', path: '/notices/%E0%A4%A' });
    expect(parseRoute('/notices/a/b').name).to.equal('notFound');
  });

  it('navigates with the History API and notifies subscribers', () => {
    const seen: Route[] = [];
    const stop = subscribeRoute((r) => seen.push(r));
    navigate('/settings');
    navigate(noticePath('notice:X'));
    stop();
    navigate('/tasks');
    expect(seen).to.deep.equal([{ name: 'settings' }, { name: 'notice', id: 'notice:X' }]);
    expect(currentRoute()).to.deep.equal({ name: 'tasks' });
  });

  it('turns plain same-origin link clicks into navigation, but leaves others alone', () => {
    const root = document.createElement('div');
    root.innerHTML = `<a id="app" href="/schedule">x</a><a id="api" href="/api/health">x</a><a id="dl" href="/x.pdf" download>x</a><a id="ext" href="https://example.org/">x</a><a id="blank" href="/messages" target="_blank">x</a>`;
    document.body.append(root);
    const stop = interceptLinks(root);
    // After the router had its say, cancel every click so that no test link really opens a tab,
    // starts a download or leaves the page.
    let preventedByRouter = false;
    const stopBrowser = (e: Event) => {
      preventedByRouter = e.defaultPrevented;
      e.preventDefault();
    };
    document.addEventListener('click', stopBrowser);
    const click = (id: string, init: MouseEventInit = {}) => {
      const event = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: 0, ...init });
      root.querySelector(`#${id}`)!.dispatchEvent(event);
      return preventedByRouter;
    };
    try {
      navigate('/notices');
      expect(click('app')).to.equal(true);
      expect(location.pathname).to.equal('/schedule');
      expect(click('api')).to.equal(false);
      expect(click('dl')).to.equal(false);
      expect(click('ext')).to.equal(false);
      expect(click('blank')).to.equal(false);
      expect(click('app', { ctrlKey: true })).to.equal(false);
    } finally {
      stop();
      document.removeEventListener('click', stopBrowser);
      root.remove();
    }
  });
});
