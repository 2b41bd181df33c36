import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Runs a query when the host connects and again (debounced) whenever `subscribe`'s change feed
 * fires, keeping the previous value on screen while re-running. Stops in `hostDisconnected`.
 *
 * ```ts
 * private notices = new LiveQueryController(this, () => listNotices(me), (cb) => subscribeNotices(me, cb));
 * ```
 */
export class LiveQueryController<T> implements ReactiveController {
  value?: T;
  error?: unknown;
  loading = false;
  /** Debounce of change-feed bursts (replication writes in batches). */
  debounceMs = 50;

  private stop?: () => void;
  private timer?: ReturnType<typeof setTimeout>;
  private generation = 0;
  private rerun = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly run: () => Promise<T>,
    private readonly subscribe: (onChange: () => void) => () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.stop = this.subscribe(() => this.schedule());
    this.refresh();
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.generation++;
    this.loading = false;
  }

  /** Re-runs the query now (e.g. after the inputs of `run` changed). */
  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.loading) {
      this.rerun = true;
      return;
    }
    void this.execute();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, this.debounceMs);
  }

  private async execute(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    this.rerun = false;
    this.host.requestUpdate();
    try {
      const value = await this.run();
      if (generation !== this.generation) return;
      this.value = value;
      this.error = undefined;
    } catch (err) {
      if (generation !== this.generation) return;
      this.error = err;
    }
    this.loading = false;
    this.host.requestUpdate();
    if (this.rerun) this.refresh();
  }
}
