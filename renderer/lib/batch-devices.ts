// Which of the site's devices a batch request or a batch return applies to — the same devices main
// takes when a batch names none — as `site.devicePage` queries, and how a long list of them is
// named in one line.
import type { Request } from '../../shared/ipc/contract.ts';

export type DeviceQuery = Pick<Request<'site.devicePage'>, 'kind' | 'waitingFor'>;

/** Emulated devices with no reservation and no request code: reservation off, or on and idle. */
export const REQUESTABLE: readonly DeviceQuery[] = [
  { kind: 'emulated', waitingFor: 'enable' },
  { kind: 'emulated', waitingFor: 'request' },
];

/** Emulated devices that printed a request code and still wait for its authorization. */
export const REQUEST_WAITING: DeviceQuery = { kind: 'emulated', waitingFor: 'authorization' };

/** Emulated devices that hold a reservation (the batch return's devices). */
export const RETURNABLE: DeviceQuery = { kind: 'emulated', waitingFor: 'nothing' };

/** The first few names of a list, and how many more there are. */
export function namePreview(
  names: readonly string[],
  max = 5,
  total = names.length,
): { shown: string[]; more: number } {
  // Naming all but one would read worse than naming them all.
  const limit = total === max + 1 && names.length === total ? total : max;
  const shown = names.slice(0, limit);
  return { shown, more: Math.max(0, total - shown.length) };
}
