import { svg, type SVGTemplateResult } from 'lit';
import type { SyncState } from '../../sync/types.ts';

const path = (d: string): SVGTemplateResult =>
  svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d=${d}></path></svg>`;

const CLOUD = 'M7 18h10a4 4 0 0 0 .6-7.96A6 6 0 0 0 6.1 9.1 4.5 4.5 0 0 0 7 18z';

/** One icon per state, so that colour is never the only signal. */
export function stateIcon(state: SyncState): SVGTemplateResult {
  switch (state) {
    case 'upToDate':
      return path(`${CLOUD} M9.5 13.5l2 2 3.5-3.5`);
    case 'offline':
      return path(`${CLOUD} M4 4l16 16`);
    case 'syncing':
    case 'connecting':
      return path('M20 12a8 8 0 0 1-14.3 4.9M4 12a8 8 0 0 1 14.3-4.9M18.5 3v4.2h-4.2M5.5 21v-4.2h4.2');
    case 'needsSignIn':
      return path('M7 11V8a5 5 0 0 1 10 0v3M6 11h12v9H6zM12 15v2');
    case 'accessDenied':
      return path('M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM5.6 5.6l12.8 12.8');
    case 'error':
      return path('M12 3l10 18H2zM12 10v4M12 17.5v.5');
  }
}
