import { EventEmitter } from 'node:events';

/**
 * In-process notices that accounts or the directory changed, so caches (sessions, units) drop
 * stale entries at once instead of waiting for their time-to-live.
 */
export const accountEvents = new EventEmitter();
export const notifyAccountsChanged = (): void => {
  accountEvents.emit('changed');
};
