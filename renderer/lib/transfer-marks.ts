// What the operator may say about a transfer row (main refuses anything else with
// TRANSFER_ITEM_NOT_MARKABLE): a code carried by hand or answered elsewhere is done, a row that
// failed or is not wanted is dismissed. Used codes then drop out of waiting lists and batches.
import type { TransferItemDto } from '../../shared/ipc/dto.ts';

export type Mark = 'done' | 'dismissed';

const ALLOWED: Record<Mark, ReadonlyArray<TransferItemDto['status']>> = {
  done: ['waiting', 'exported', 'imported'],
  dismissed: ['failed', 'imported'],
};

/** The marks a row in this status can take, in the order the buttons show them. */
export function marksFor(item: Pick<TransferItemDto, 'status'>): Mark[] {
  return (['done', 'dismissed'] as const).filter((mark) => ALLOWED[mark].includes(item.status));
}

export function canMark(item: Pick<TransferItemDto, 'status'>, mark: Mark): boolean {
  return ALLOWED[mark].includes(item.status);
}
