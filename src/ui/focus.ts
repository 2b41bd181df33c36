/** The focused element, looking through open shadow roots. */
export function deepActiveElement(root: Document | ShadowRoot = document): HTMLElement | null {
  let active = root.activeElement as HTMLElement | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]';

/** Elements reachable with Tab inside `root`, in tree order, looking into open shadow roots. */
export function tabbablesIn(root: Element | ShadowRoot): HTMLElement[] {
  const out: HTMLElement[] = [];
  const visit = (node: Element | ShadowRoot): void => {
    for (const el of node.children) {
      if (el instanceof HTMLElement && el.matches(FOCUSABLE) && el.tabIndex >= 0 && el.getClientRects().length > 0) out.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
      visit(el);
    }
  };
  visit(root);
  return out;
}

/**
 * Keeps Tab and Shift+Tab inside a modal `<dialog>` (`@keydown=${trapTab}` on the dialog). Chromium
 * moves focus out of a modal dialog to the browser's own controls after its last element; this
 * wraps it round to the first one instead (and the other way with Shift+Tab).
 */
export function trapTab(e: KeyboardEvent): void {
  if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) return;
  const dialog = e.currentTarget as HTMLElement;
  const items = tabbablesIn(dialog);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const active = deepActiveElement();
  if (e.shiftKey && (active === first || active === dialog)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}
