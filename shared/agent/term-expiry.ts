// When a dated (TERM) entitlement stops working on each product.
//
// A license is valid through the end of its end date (UTC). CUCM stops it at once; Expressway
// keeps the feature running until the next restart ("hard enforcement at restart") and raises an
// alarm meanwhile. All times are on the honest timeline (clock-honesty.ts).

import { endOfDayMs } from '../codes/dates.ts';
import type { Entitlement } from '../codes/entitlement.ts';
import { type DeviceState, type Product, installedOf } from './device-state.ts';

export type TermState = 'valid' | 'expired' | 'stops-at-restart';

export function termState(
  entitlement: Entitlement,
  product: Product,
  now: number,
  bootedAt: number,
): TermState {
  if (!entitlement.endDate) return 'valid';
  const end = endOfDayMs(entitlement.endDate);
  if (end >= now) return 'valid';
  if (product === 'ucm' || end < bootedAt) return 'expired';
  return 'stops-at-restart';
}

/** The tags whose features the next restart stops (Expressway, past their end date). */
export function stoppingAtRestart(state: DeviceState, now: number): string[] {
  const installed = installedOf(state);
  if (installed?.type !== 'SLR') return [];
  return installed.entitlements
    .filter((e) => termState(e, state.product, now, state.bootedAt) === 'stops-at-restart')
    .map((e) => e.tag);
}
