import { css, type ReactiveController, type ReactiveControllerHost } from 'lit';

/**
 * Closes a popup when the user clicks anywhere outside its element (the top bar's menus and panels): calls
 * `close` on every document click whose path does not go through the host.
 */
export class OutsideClickController implements ReactiveController {
  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement,
    private readonly _close: () => void,
  ) {
    _host.addController(this);
  }

  private readonly _onDocClick = (e: Event): void => {
    if (!e.composedPath().includes(this._host)) this._close();
  };

  hostConnected(): void {
    document.addEventListener('click', this._onDocClick);
  }

  hostDisconnected(): void {
    document.removeEventListener('click', this._onDocClick);
  }
}

/** A top bar button that opens a popup: the host anchors the popup, the trigger is a quiet button on the bar. */
export const topBarTriggerStyles = css`
  :host {
    position: relative;
    display: inline-block;
    color: inherit;
  }
  .trigger {
    border-color: transparent;
    background: transparent;
    color: inherit;
    padding-inline: var(--dk-space-2);
  }
  .trigger:hover {
    background: rgb(255 255 255 / 12%);
  }
`;
