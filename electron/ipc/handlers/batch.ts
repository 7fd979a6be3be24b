// batch.*: cancelling a running batch; and what every batch channel answers — its chunks'
// results as one list, and how far it got.

import type { BatchItemDto, BatchResultDto } from '../../../shared/ipc/dto.ts';
import type { AppServices } from '../../app-services.ts';
import type { WorkspaceBase } from '../../services/workspaces/workspace-base.ts';
import type { HandlersOf } from './index.ts';

export function batchHandlers(services: AppServices): HandlersOf<'batch'> {
  return {
    'batch.cancel': ({ batchId }) => ({ cancelled: services.batches.cancel(batchId) }),
  };
}

/**
 * What every batch channel does: back the workspace up, run the items in chunks (each chunk one
 * transaction, its results numbered from the batch's first item), and answer with every result,
 * how far it got and how many codes now wait in the outbox.
 */
export async function runBatch<I, P = never>(
  services: AppServices,
  ws: WorkspaceBase,
  batch: {
    batchId?: string | undefined;
    items: readonly I[];
    prepare?: (slice: readonly I[]) => Promise<P>;
    chunk: (
      slice: readonly I[],
      prepared: P | undefined,
    ) => BatchItemDto[] | Promise<BatchItemDto[]>;
  },
): Promise<BatchResultDto> {
  await services.workspaces.backup(ws.id, 'batch');
  const outcome = await services.batches.run({
    batchId: batch.batchId,
    workspaceId: ws.id,
    items: batch.items,
    ...(batch.prepare ? { prepare: batch.prepare } : {}),
    chunk: async (slice, offset, prepared: P | undefined) => {
      const items = await batch.chunk(slice, prepared);
      return offset === 0 ? items : items.map((item) => ({ ...item, index: item.index + offset }));
    },
  });
  return {
    items: outcome.results,
    outboxCount: ws.items.count({ direction: 'out', status: 'waiting' }),
    done: outcome.done,
    total: outcome.total,
    cancelled: outcome.cancelled,
  };
}
