// batch.*: cancelling a running batch; and what every batch channel answers — its chunks'
// results as one list, and how far it got.

import type { BatchItemDto, BatchResultDto } from '../../../shared/ipc/dto.ts';
import type { AppServices } from '../../app-services.ts';
import type { BatchOutcome } from '../../services/batches.ts';
import type { HandlersOf } from './index.ts';

export function batchHandlers(services: AppServices): HandlersOf<'batch'> {
  return {
    'batch.cancel': ({ batchId }) => ({ cancelled: services.batches.cancel(batchId) }),
  };
}

/** A chunk's results, numbered from the batch's first item rather than the chunk's. */
export function reindexed(items: BatchItemDto[], offset: number): BatchItemDto[] {
  return offset === 0 ? items : items.map((item) => ({ ...item, index: item.index + offset }));
}

export function batchResult(
  outcome: BatchOutcome<BatchItemDto>,
  outboxCount: number,
): BatchResultDto {
  return {
    items: outcome.results,
    outboxCount,
    done: outcome.done,
    total: outcome.total,
    cancelled: outcome.cancelled,
  };
}
