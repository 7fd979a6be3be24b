// What every workload agrees on: the devices' UDIs, the licenses each reservation takes, names.

import { UCM_CATALOG } from '../shared/catalog/index.ts';
import type { Udi } from '../shared/codes/udi.ts';

export const PASSPHRASE = 'bench passphrase, long enough';
export const VA = 'Bench';

/** The SLR licenses every reservation takes, one of each. */
export function benchLicenses(count: number): Record<string, number> {
  const tags = UCM_CATALOG.entries.filter((e) => e.plr === undefined).map((e) => e.tag);
  return Object.fromEntries(tags.slice(0, count).map((tag) => [tag, 1]));
}

/** Device n's UDI: a UCM node with a serial and a UUID derived from n. */
export function benchUdi(n: number): Udi {
  const hex = n.toString(16).padStart(8, '0');
  return { pid: 'UCM', sn: `B${n.toString().padStart(6, '0')}`, uuid: `${hex}${'c0de'.repeat(6)}` };
}
