// One batch as a screen follows it: which action, what was sent (and how to name each item),
// progress between calls, the per-item results and what waits in the outbox afterwards. The batch
// screens (reserve at the desk; install, request and return at the site) all keep their run here.
import type { BatchItemDto, ErrorDto } from '../../shared/ipc/dto.ts';
import { type BatchAnswer, type BatchCall, sendInParts } from './batch-parts.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

export class BatchRun<Action extends string = string> {
  action = $state<Action | null>(null);
  running = $state(false);
  done = $state(0);
  total = $state(0);
  /** A name for each item in the order sent, when the screen has one (device names). */
  names = $state.raw<string[]>([]);
  /** Whether the items went by id, in parts (progress known) or as "every one", in one call. */
  inParts = $state(true);
  items = $state.raw<BatchItemDto[]>([]);
  outboxCount = $state(0);
  error = $state<ErrorDto | null>(null);
  readonly succeeded = $derived(this.items.filter((i) => i.ok).length);
  readonly refused = $derived(this.items.length - this.succeeded);

  /** Sends the items, in the order given, and follows the calls to the end. */
  async run<T>(
    action: Action,
    items: readonly T[],
    send: BatchCall<T>,
    names: readonly string[] = [],
  ): Promise<void> {
    if (this.running || items.length === 0) return;
    this.#start(action, items.length, true);
    this.names = [...names];
    this.error = await sendInParts(items, send, (progress) => {
      this.done = progress.done;
      this.items = progress.items;
      this.outboxCount = progress.outboxCount;
    });
    this.running = false;
  }

  /**
   * "Every one": one call that names no item, main picks them (as many as `expected`, it
   * thinks); the results come back together.
   */
  async runAll(
    action: Action,
    expected: number,
    send: () => Promise<Outcome<BatchAnswer>>,
  ): Promise<void> {
    if (this.running) return;
    this.#start(action, expected, false);
    const result = await send();
    if (result.ok) {
      this.items = result.value.items;
      this.done = this.total = result.value.items.length;
      this.outboxCount = result.value.outboxCount;
      this.error = null;
    } else this.error = result.error;
    this.running = false;
  }

  #start(action: Action, total: number, inParts: boolean): void {
    this.action = action;
    this.running = true;
    this.inParts = inParts;
    this.done = 0;
    this.total = total;
    this.names = [];
    this.items = [];
    this.error = null;
  }
}
