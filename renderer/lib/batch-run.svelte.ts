// One batch as a screen follows it: which action, what was sent (and how to name each item),
// progress between calls, the per-item results and what waits in the outbox afterwards. The batch
// screens (reserve at the desk; install, request and return at the site) all keep their run here.
import type { BatchItemDto, ErrorDto } from '../../shared/ipc/dto.ts';
import { type BatchCall, sendInParts } from './batch-parts.ts';

export class BatchRun<Action extends string = string> {
  action = $state<Action | null>(null);
  running = $state(false);
  done = $state(0);
  total = $state(0);
  /** A name for each item in the order sent, when the screen has one (device names). */
  names = $state.raw<string[]>([]);
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
    this.action = action;
    this.running = true;
    this.done = 0;
    this.total = items.length;
    this.names = [...names];
    this.items = [];
    this.error = await sendInParts(items, send, (progress) => {
      this.done = progress.done;
      this.items = progress.items;
      this.outboxCount = progress.outboxCount;
    });
    this.running = false;
  }
}
