// A device list (CSV) on the add-many screen: the size main accepts, the example shown, and what a
// checked or added list comes to. Main reads and checks every row; this only counts its answers.
import { DEVICE_LIST_MAX_CHARS, type DeviceListRowDto } from '../../shared/ipc/dto.ts';

/** The most text `site.addDevices` takes (in UTF-16 units, as zod counts them). */
export const MAX_LIST_CHARS = DEVICE_LIST_MAX_CHARS;

/** The header and one row shown as the example (all columns, so none is a surprise). */
export const LIST_EXAMPLE = [
  'name,product,pid,sn,vid,hostId,uuid,external',
  'cucm-a,ucm,UCM,EDB16,,,d9a2c661-8fe1-4ce7-9e6f-bbc68a3edb16,',
].join('\n');

export interface ListCounts {
  ready: number;
  refused: number;
}

/** Rows main found ready to add, and rows it refused. */
export function listCounts(rows: readonly DeviceListRowDto[]): ListCounts {
  const ready = rows.filter((row) => row.ok).length;
  return { ready, refused: rows.length - ready };
}

export function refusedRows(rows: readonly DeviceListRowDto[]): DeviceListRowDto[] {
  return rows.filter((row) => !row.ok);
}

/** Whether the text is too long to send (the operator can still edit it). */
export function listTooLarge(text: string): boolean {
  return text.length > MAX_LIST_CHARS;
}
