// One batch as a screen follows it: which action, what was sent (and how to name each item), one
// call to main under a batch id, the progress main reports between its chunks (done, total, rate,
// time left), a Cancel that stops it between chunks, and the per-item results and the outbox
// afterwards. The batch screens (reserve at the desk; install, request and return at the site)
// all keep their run here.
import type { BatchResultDto, ErrorDto, MainEvent } from '../../shared/ipc/dto.ts';
import { call, onMainEvent } from './api.ts';
import { newBatchId } from './batch-progress.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

export class BatchRun<Action extends string = string> {
  action = $state<Action | null>(null);
  running = $state(false);
  /** The id main reports this batch's progress under (and cancels it by). */
  batchId = $state<string | null>(null);
  /** Items processed so far (committed), from main's progress events, then its answer. */
  done = $state(0);
  total = $state(0);
  /** Whether main has reported at least once (before that, the bar shows no value). */
  reported = $state(false);
  /** Items a second so far, and the time left at that rate (ms), as main last reported. */
  rate = $state(0);
  etaMs = $state(0);
  /** A name for each item in the order sent, when the screen has one (device names). */
  names = $state.raw<string[]>([]);
  items = $state.raw<BatchResultDto['items']>([]);
  outboxCount = $state(0);
  error = $state<ErrorDto | null>(null);
  /** The operator asked to stop; main stops after the chunk it is committing. */
  cancelling = $state(false);
  /** Stopped by the operator: items `done` … `total - 1` were not processed at all. */
  cancelled = $state(false);
  readonly succeeded = $derived(this.items.filter((i) => i.ok).length);
  readonly refused = $derived(this.items.length - this.succeeded);

  /**
   * Runs the batch as one call (`send` is given the batch id to pass to main), about `expected`
   * items — the ids sent, or as many as main is expected to pick when none are — and follows it
   * to the end.
   */
  async run(
    action: Action,
    expected: number,
    send: (batchId: string) => Promise<Outcome<BatchResultDto>>,
    names: readonly string[] = [],
  ): Promise<void> {
    if (this.running) return;
    const batchId = newBatchId();
    this.#start(action, batchId, expected);
    this.names = [...names];
    const stop = onMainEvent((event) => this.#progress(batchId, event));
    try {
      const result = await send(batchId);
      if (result.ok) {
        const value = result.value;
        this.items = value.items;
        this.done = value.done;
        this.total = value.total;
        this.cancelled = value.cancelled;
        this.outboxCount = value.outboxCount;
      } else this.error = result.error;
    } finally {
      stop();
      this.running = false;
      this.cancelling = false;
    }
  }

  /** Asks main to stop after the chunk it is committing; what is committed stays done. */
  async cancel(): Promise<void> {
    if (!this.running || !this.batchId || this.cancelling) return;
    this.cancelling = true;
    const result = await call('batch.cancel', { batchId: this.batchId });
    // Main had nothing to stop (the batch just ended): its answer tells how it went.
    if (!result.ok || !result.value.cancelled) this.cancelling = false;
  }

  #progress(batchId: string, event: MainEvent): void {
    if (event.type !== 'batch-progress' || event.batchId !== batchId || !this.running) return;
    this.done = event.done;
    this.total = event.total;
    this.rate = event.rate;
    this.etaMs = event.etaMs;
    this.reported = true;
  }

  #start(action: Action, batchId: string, total: number): void {
    this.action = action;
    this.batchId = batchId;
    this.running = true;
    this.done = 0;
    this.total = total;
    this.reported = false;
    this.rate = 0;
    this.etaMs = 0;
    this.names = [];
    this.items = [];
    this.error = null;
    this.cancelling = false;
    this.cancelled = false;
  }
}
