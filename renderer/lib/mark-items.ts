// The operator's word on transfer rows, through main: done or dismissed (see transfer-marks.ts).
import type { ErrorDto, TransferItemDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';
import type { Mark } from './transfer-marks.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

/** Marks rows through main; the rows as they are now. */
export async function markItems(
  workspaceId: string,
  itemIds: string[],
  status: Mark,
): Promise<Outcome<TransferItemDto[]>> {
  const result = await call('transfer.mark', { workspaceId, itemIds, status });
  return result.ok ? { ok: true, value: result.value.items } : result;
}
