// Long batches (thousands of devices) run in chunks: each chunk one transaction, so what is done
// is committed as it goes; between chunks main reports progress (done, total, rate, time left)
// and looks whether the operator cancelled. A cancelled batch stops there and says how far it got.

import { setImmediate as nextTurn } from 'node:timers/promises';
import type { MainEvent } from '../../shared/ipc/dto.ts';

/** Items per transaction: big enough that commits cost little, small enough to report often. */
export const BATCH_CHUNK = 1000;

export interface BatchOutcome<R> {
  results: R[];
  /** Items processed (committed), from the first. */
  done: number;
  total: number;
  /** Stopped by the operator before the end: items `done` … `total - 1` were not processed. */
  cancelled: boolean;
}

export class BatchRunner {
  private readonly running = new Set<string>();
  private readonly cancelled = new Set<string>();

  constructor(
    private readonly emit: (event: MainEvent) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Asks a running batch to stop after its current chunk; false when none runs by that id. */
  cancel(batchId: string): boolean {
    if (!this.running.has(batchId)) return false;
    this.cancelled.add(batchId);
    return true;
  }

  /**
   * Runs `chunk` over `items` a slice at a time (`offset` is the slice's first index), yielding
   * to the event loop between slices. Without a `batchId` nobody can follow or cancel it, and it
   * still runs in slices. `prepare`, when given, is work for a slice that needs no transaction
   * (signatures checked on worker threads): it starts for the next slice before this one runs,
   * so the two overlap, and its answer is handed to `chunk` (undefined if it failed).
   */
  async run<I, R, P = never>(options: {
    batchId?: string | undefined;
    workspaceId: string;
    items: readonly I[];
    chunkSize?: number;
    chunk: (slice: readonly I[], offset: number, prepared: P | undefined) => R[] | Promise<R[]>;
    prepare?: (slice: readonly I[]) => Promise<P>;
  }): Promise<BatchOutcome<R>> {
    const { batchId, workspaceId, items, prepare } = options;
    const size = Math.max(1, options.chunkSize ?? BATCH_CHUNK);
    const total = items.length;
    const results: R[] = [];
    const started = this.now();
    const ahead = (from: number): Promise<P | undefined> | undefined =>
      prepare && from < total
        ? prepare(items.slice(from, from + size)).catch(() => undefined)
        : undefined;
    if (batchId) this.running.add(batchId);
    let done = 0;
    let next = ahead(0);
    try {
      while (done < total) {
        if (batchId && this.cancelled.has(batchId)) break;
        const slice = items.slice(done, done + size);
        const prepared = next ? await next : undefined;
        next = ahead(done + size);
        results.push(...(await options.chunk(slice, done, prepared)));
        done += slice.length;
        if (batchId) {
          const seconds = Math.max((this.now() - started) / 1000, 1e-3);
          const rate = done / seconds;
          this.emit({
            type: 'batch-progress',
            batchId,
            workspaceId,
            done,
            total,
            rate: Math.round(rate),
            etaMs: Math.round(((total - done) / rate) * 1000),
          });
        }
        // Let the window's cancel (and other calls) in between two transactions.
        if (done < total) await nextTurn();
      }
      return {
        results,
        done,
        total,
        cancelled: done < total,
      };
    } finally {
      if (batchId) {
        this.running.delete(batchId);
        this.cancelled.delete(batchId);
      }
    }
  }
}
