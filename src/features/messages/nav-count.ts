import type { MeResponse } from '../../model/api.ts';
import { subscribeMessages, unreadMessages } from '../../data/messages.ts';
import './messages.ts';

/** The count on the navigation's Messages item: unread messages over my conversations, debounced like documents'. */
export function watchUnreadMessages(me: MeResponse, onCount: (count: number) => void, debounceMs = 400): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (): void => {
    timer = undefined;
    unreadMessages(me).then(
      (n) => {
        if (!stopped) onCount(n);
      },
      (err: unknown) => console.warn('Could not count messages', err),
    );
  };
  const unsubscribe = subscribeMessages(me, () => {
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
