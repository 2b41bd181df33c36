// Page-side checks shared by the audit tests. Functions passed to `page.evaluate` must not contain
// named inner functions (tsx adds a `__name` helper that does not exist in the page).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

// axe-core (the engine of @axe-core/playwright) injected once per page load and asked for violations
// only: five times faster than AxeBuilder.analyze(), which re-injects and collects every pass.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the whole page (shadow roots included); returns one line per serious/critical violation. */
export async function axeViolations(page: Page, label: string, within?: string[]): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (scope) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: object): Promise<AxeResults> } }).axe;
    // `within`: a path of selectors through shadow roots, to audit one open dialog or menu only.
    const context = scope ? { include: [{ fromShadowDom: scope }] } : document;
    const results = await axe.run(context, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  }, within);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label}: ${v.id} (${v.impact}) — ${v.help}: ${v.targets.join(', ')}`);
}

/** Describes the focused element (through shadow roots): tag, id/class, text, and whether its focus is visible. */
export function focusInfo(
  page: Page,
): Promise<{ path: string; inDialog: boolean; visible: boolean; rect: { w: number; h: number } } | null> {
  return page.evaluate(() => {
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    if (!el || el === document.body) return null;
    const chain: string[] = [];
    let inDialog = false;
    for (let n: Node | null = el; n;) {
      if (n instanceof HTMLElement) {
        if (n.tagName === 'DIALOG' && (n as HTMLDialogElement).open) inDialog = true;
        chain.unshift(n.tagName.toLowerCase() + (n.id ? `#${n.id}` : ''));
      }
      n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null);
    }
    const s = getComputedStyle(el);
    const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
    const r = el.getBoundingClientRect();
    const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
    return { path: `${chain.slice(-3).join(' > ')} "${text}"`, inDialog, visible, rect: { w: r.width, h: r.height } };
  });
}

/**
 * Marks every focusable, visible element of the page (through shadow roots, outside closed dialogs)
 * with `data-kbd` and returns their descriptions; `focusedKbd` then tells which one has focus.
 */
export function markFocusables(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const selector = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]';
    // Each root with whether its host sits in a closed dialog (closest() stops at shadow boundaries).
    const stack: Array<[Document | ShadowRoot, boolean]> = [[document, false]];
    const all: HTMLElement[] = [];
    while (stack.length) {
      const [root, hidden] = stack.pop()!;
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        // A closed dialog hides everything; a closed <details> (a tools menu on phones) all but its summary.
        const closedDetails = el.closest('details:not([open])');
        const inClosed = hidden || !!el.closest('dialog:not([open])') || (!!closedDetails && !el.closest('summary'));
        if (el.matches(selector) && !inClosed) all.push(el);
        if (el.shadowRoot) stack.push([el.shadowRoot, inClosed]);
      }
    }
    for (const el of all) {
      if (el.tabIndex < 0 || el.closest('[inert]')) continue;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.display === 'none' || (r.width === 0 && r.height === 0)) continue;
      // The skip link sits off screen until focused; it counts.
      el.dataset.kbd = String(found.length);
      found.push(`${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return found;
  });
}

export function focusedKbd(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    return el?.dataset.kbd ?? null;
  });
}

/**
 * Layout problems at the current size: horizontal scrolling, elements sticking out of the viewport,
 * text clipped by `overflow: hidden` (ellipsis and line clamps are deliberate and allowed), and, when
 * `touch` is set, interactive elements smaller than 44×44 px (a checkbox counts with its label).
 */
export function layoutProblems(page: Page, touch: boolean): Promise<string[]> {
  return page.evaluate((checkTouch) => {
    const problems: string[] = [];
    const se = document.scrollingElement!;
    if (se.scrollWidth > se.clientWidth) problems.push(`page scrolls sideways: ${se.scrollWidth} > ${se.clientWidth}`);
    const vw = window.innerWidth;
    const stack: Array<[Document | ShadowRoot, boolean]> = [[document, false]];
    const interactive = 'a[href], button, input, select, textarea, [role=menuitem], summary';
    while (stack.length) {
      const [root, hidden] = stack.pop()!;
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        // A closed dialog hides everything; a closed <details> (a tools menu on phones) all but its summary.
        const closedDetails = el.closest('details:not([open])');
        const inClosed = hidden || !!el.closest('dialog:not([open])') || (!!closedDetails && !el.closest('summary'));
        if (el.shadowRoot) stack.push([el.shadowRoot, inClosed]);
        if (inClosed || el.closest('.visually-hidden, .skip, [inert]')) continue;
        const s = getComputedStyle(el);
        if (s.display === 'none' || s.visibility === 'hidden') continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const name = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
        // Content of a horizontal scroller (a strip of tabs that scrolls sideways on phones) may lie outside the
        // viewport when the scroller itself fits: the page does not scroll, the strip does. (No helper
        // functions in here: tsx would wrap them in a `__name` the page does not have.)
        let inFittingScroller = false;
        if (r.right > vw + 1 || r.left < -1) {
          let n: Element | null = el;
          for (;;) {
            const root: Node = n.getRootNode();
            n = n.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
            if (!n) break;
            const cs = getComputedStyle(n);
            if ((cs.overflowX === 'auto' || cs.overflowX === 'scroll') && n.scrollWidth > n.clientWidth) {
              const rr = n.getBoundingClientRect();
              inFittingScroller = rr.left >= -1 && rr.right <= vw + 1;
              break;
            }
          }
        }
        if ((r.right > vw + 1 || r.left < -1) && !inFittingScroller)
          problems.push(`sticks out of the viewport (${Math.round(r.left)}…${Math.round(r.right)} of ${vw}): ${name}`);
        const clipsX = s.overflowX === 'hidden' || s.overflowX === 'clip';
        const clipsY = s.overflowY === 'hidden' || s.overflowY === 'clip';
        if (clipsX && s.textOverflow !== 'ellipsis' && el.scrollWidth > el.clientWidth + 1) problems.push(`text clipped sideways: ${name}`);
        if (clipsY && s.webkitLineClamp === 'none' && el.scrollHeight > el.clientHeight + 1)
          problems.push(`text clipped vertically: ${name}`);
        if (checkTouch && el.matches(interactive) && !el.matches('input[type=hidden]')) {
          let box = r;
          if (el.matches('input[type=checkbox], input[type=radio]')) {
            const label = (el.closest('label') ??
              (el.id ? (el.getRootNode() as ParentNode).querySelector(`label[for="${el.id}"]`) : null)) as HTMLElement | null;
            if (label) {
              const l = label.getBoundingClientRect();
              box = new DOMRect(
                Math.min(l.left, r.left),
                Math.min(l.top, r.top),
                Math.max(l.right, r.right) - Math.min(l.left, r.left),
                Math.max(l.bottom, r.bottom) - Math.min(l.top, r.top),
              );
            }
          }
          if (box.width < 43.5 || box.height < 43.5)
            problems.push(`touch target ${Math.round(box.width)}×${Math.round(box.height)}: ${name}`);
        }
      }
    }
    return problems;
  }, touch);
}

/** Visible text and accessible-name attributes of the page, outside elements marked with another `lang`. */
export function visibleTexts(page: Page): Promise<Array<{ text: string; where: string }>> {
  return page.evaluate(() => {
    const out: Array<{ text: string; where: string }> = [];
    const lang = document.documentElement.lang;
    const stack: Array<[Document | ShadowRoot, boolean]> = [[document, false]];
    while (stack.length) {
      const [root, hidden] = stack.pop()!;
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        // A closed dialog hides everything; a closed <details> (a tools menu on phones) all but its summary.
        const closedDetails = el.closest('details:not([open])');
        const inClosed = hidden || !!el.closest('dialog:not([open])') || (!!closedDetails && !el.closest('summary'));
        if (el.shadowRoot) stack.push([el.shadowRoot, inClosed]);
        if (inClosed || el.matches('style, script, noscript, template') || el.closest('dk-app > *')) continue;
        const other = el.closest('[lang]');
        if (other && other.getAttribute('lang') !== lang) continue;
        const where = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`;
        for (const n of el.childNodes) {
          if (n.nodeType === Node.TEXT_NODE && n.textContent!.trim()) out.push({ text: n.textContent!.trim(), where });
        }
        for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
          const v = el.getAttribute(attr);
          if (v?.trim()) out.push({ text: v.trim(), where: `${where}[${attr}]` });
        }
      }
    }
    return out;
  });
}
