import type { MeResponse } from '../../model/api.ts';
import { ACTION_VIEWS } from '../../model/documents/inbox.ts';
import { type DocumentRow, listDocuments, subscribeDocuments } from '../../data/documents.ts';
import './messages.ts';

/** Documents asking this person to act (in any of the ACTION_VIEWS), each counted once. */
export const actionCount = (rows: readonly Pick<DocumentRow, 'views'>[]): number =>
  rows.filter((r) => ACTION_VIEWS.some((v) => r.views.has(v))).length;

/**
 * The count on the navigation's Documents item. One subscription for the shell, reusing the incremental
 * `listDocuments` index (the list page shares it), debounced because replication writes in bursts.
 */
export function watchActionCount(me: MeResponse, onCount: (count: number) => void, debounceMs = 400): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (): void => {
    timer = undefined;
    listDocuments(me).then(
      (rows) => {
        if (!stopped) onCount(actionCount(rows));
      },
      (err: unknown) => console.warn('Could not count documents', err),
    );
  };
  const unsubscribe = subscribeDocuments(me, () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
  });
  run();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    unsubscribe();
  };
}
