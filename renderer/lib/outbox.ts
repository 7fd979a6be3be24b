// Finds a code among the transfer items waiting to go out, and writes chosen items to a drive.
import type { ErrorDto, ExportResultDto, TransferItemDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';
import { pageThrough } from './page-through.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

/** Codes compared as the domain normalises them for layout: no whitespace, no line breaks. */
export function sameCode(a: string, b: string): boolean {
  const squash = (s: string) => s.replace(/\s+/g, '');
  return squash(a) === squash(b);
}

/**
 * The newest outgoing item carrying this code. The outbox is read newest first, a window at a
 * time, and the search stops at the first match (a code just issued is in the first window).
 */
export async function findOutboxItem(
  workspaceId: string,
  code: string,
): Promise<Outcome<TransferItemDto | null>> {
  const result = await pageThrough(
    (offset, limit) => call('transfer.itemPage', { workspaceId, direction: 'out', offset, limit }),
    { limit: 500, until: (item) => sameCode(item.code, code) },
  );
  if (!result.ok) return result;
  return { ok: true, value: result.value.find((item) => sameCode(item.code, code)) ?? null };
}

/** The ids of every item waiting to go out (for "Export all waiting"). */
export async function waitingOutIds(workspaceId: string): Promise<Outcome<string[]>> {
  const result = await pageThrough((offset, limit) =>
    call('transfer.itemPage', { workspaceId, direction: 'out', status: 'waiting', offset, limit }),
  );
  return result.ok ? { ok: true, value: result.value.map((item) => item.id) } : result;
}

export async function exportItems(
  workspaceId: string,
  folder: string,
  itemIds: string[],
): Promise<Outcome<ExportResultDto>> {
  return call('transfer.export', { workspaceId, folder, itemIds });
}
