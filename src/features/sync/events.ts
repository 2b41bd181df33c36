/** Events fired by the sync badge and panel (bubbles + composed). */
export interface DiscardRejectedDetail {
  id: string;
  spaceDb: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dk-open-sync-panel': CustomEvent<void>;
    'dk-sync-now': CustomEvent<void>;
    'dk-discard-rejected': CustomEvent<DiscardRejectedDetail>;
  }
}

export function fire<T>(target: EventTarget, name: string, detail?: T): void {
  target.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, ...(detail !== undefined ? { detail } : {}) }));
}
