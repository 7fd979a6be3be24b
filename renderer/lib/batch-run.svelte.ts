// One batch over the site's devices as a screen follows it: which action, the devices it was sent
// for, progress between calls, the per-device results and what waits in the outbox afterwards.
import type { BatchItemDto, ErrorDto } from '../../shared/ipc/dto.ts';
import { type BatchCall, sendInParts } from './batch-parts.ts';

export type BatchAction = 'request' | 'return';

export class BatchRun {
  action = $state<BatchAction | null>(null);
  running = $state(false);
  done = $state(0);
  total = $state(0);
  /** The device names in the order sent, so each result can be named. */
  names = $state.raw<string[]>([]);
  items = $state.raw<BatchItemDto[]>([]);
  outboxCount = $state(0);
  error = $state<ErrorDto | null>(null);

  get succeeded(): number {
    return this.items.filter((i) => i.ok).length;
  }

  get refused(): number {
    return this.items.length - this.succeeded;
  }

  /** Sends the devices (their ids, in the order shown) and follows the calls to the end. */
  async run(
    action: BatchAction,
    devices: readonly { id: string; name: string }[],
    send: BatchCall<string>,
  ): Promise<void> {
    if (this.running || devices.length === 0) return;
    this.action = action;
    this.running = true;
    this.done = 0;
    this.total = devices.length;
    this.names = devices.map((d) => d.name);
    this.items = [];
    this.error = null;
    this.error = await sendInParts(
      devices.map((d) => d.id),
      send,
      (progress) => {
        this.done = progress.done;
        this.items = progress.items;
        this.outboxCount = progress.outboxCount;
      },
    );
    this.running = false;
  }
}
