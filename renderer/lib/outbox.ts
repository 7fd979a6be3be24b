// Finds a code among the transfer items waiting to go out, and writes chosen items to a drive.
import type { ErrorDto, ExportResultDto, TransferItemDto } from '../../shared/ipc/dto.ts';
import { call } from './api.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorDto };

/** Codes compared as the domain normalises them for layout: no whitespace, no line breaks. */
export function sameCode(a: string, b: string): boolean {
  const squash = (s: string) => s.replace(/\s+/g, '');
  return squash(a) === squash(b);
}

export async function findOutboxItem(
  workspaceId: string,
  code: string,
): Promise<Outcome<TransferItemDto | null>> {
  const result = await call('transfer.items', { workspaceId, direction: 'out' });
  if (!result.ok) return result;
  const found = result.value.filter((item) => sameCode(item.code, code));
  return { ok: true, value: found.at(-1) ?? null };
}

export async function exportItems(
  workspaceId: string,
  directory: string,
  itemIds: string[],
): Promise<Outcome<ExportResultDto>> {
  return call('transfer.export', { workspaceId, directory, itemIds });
}
