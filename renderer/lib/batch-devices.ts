// Which of the site's devices a batch request or a batch return applies to, as main describes them
// (its `nextActions`), and how a long list of them is named in one line.
import type { DeviceRowDto } from '../../shared/ipc/dto.ts';

type Row = Pick<DeviceRowDto, 'kind' | 'nextActions' | 'pendingRequestCode'>;

/** Emulated devices main offers a new reservation to and that have no request code waiting. */
export function requestable<T extends Row>(devices: readonly T[]): T[] {
  return devices.filter(
    (d) => d.kind === 'emulated' && d.nextActions.includes('reserve') && !d.pendingRequestCode,
  );
}

/** Emulated devices that printed a request code and still wait for its authorization. */
export function requestWaiting<T extends Row>(devices: readonly T[]): T[] {
  return devices.filter((d) => d.kind === 'emulated' && !!d.pendingRequestCode);
}

/** Emulated devices that hold a reservation main offers to return. */
export function returnable<T extends Row>(devices: readonly T[]): T[] {
  return devices.filter((d) => d.kind === 'emulated' && d.nextActions.includes('return'));
}

/** The devices still chosen: every eligible one the operator did not leave out, in list order. */
export function chosen<T extends { id: string }>(
  eligible: readonly T[],
  leftOut: ReadonlySet<string>,
): T[] {
  return leftOut.size === 0 ? [...eligible] : eligible.filter((d) => !leftOut.has(d.id));
}

/** The first few names of a list, and how many more there are. */
export function namePreview(names: readonly string[], max = 5): { shown: string[]; more: number } {
  // Naming all but one would read worse than naming them all.
  const limit = names.length === max + 1 ? names.length : max;
  return { shown: names.slice(0, limit), more: Math.max(0, names.length - limit) };
}
