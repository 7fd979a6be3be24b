// Sends a batch in at most five calls (see batchChunks) and gathers the per-item results as one
// list, numbered by their place in the whole batch, reporting after each call.
import type { BatchItemDto, ErrorDto } from '../../shared/ipc/dto.ts';
import { batchChunks } from './code-list.ts';

export interface BatchAnswer {
  items: BatchItemDto[];
  outboxCount: number;
}

export type BatchCall<T> = (
  part: T[],
) => Promise<{ ok: true; value: BatchAnswer } | { ok: false; error: ErrorDto }>;

export interface BatchProgress {
  /** How many of the batch's items have been sent and answered. */
  done: number;
  /** Every result so far, `index` counted from the start of the whole batch. */
  items: BatchItemDto[];
  /** Codes waiting in the outbox after the last call. */
  outboxCount: number;
}

/**
 * Sends `ids` part by part; after each answer calls `onPart` with the progress so far. Stops at
 * the first call that fails (the parts already answered stay done in main) and returns its error.
 */
export async function sendInParts<T>(
  ids: readonly T[],
  send: BatchCall<T>,
  onPart: (progress: BatchProgress) => void,
): Promise<ErrorDto | null> {
  let items: BatchItemDto[] = [];
  let done = 0;
  for (const part of batchChunks(ids)) {
    const result = await send(part);
    if (!result.ok) return result.error;
    const offset = done;
    items = [...items, ...result.value.items.map((i) => ({ ...i, index: i.index + offset }))];
    done += part.length;
    onPart({ done, items, outboxCount: result.value.outboxCount });
  }
  return null;
}
