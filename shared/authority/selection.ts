// What the wizard's step 2 asks for, checked against the pool: SLR counts per license, or PLR.

import { DomainError } from '../errors.ts';
import { balanceOf, isExpired, own, plrLicenseFor } from './pool.ts';
import type { PoolEntry, Reservation } from './state.ts';

export type Selection =
  | {
      type: 'SLR';
      licenses: Record<string, number>;
      sme?: boolean;
      /** Licences a catalog gives another product than the request's, taken deliberately. */
      anyProduct?: boolean;
    }
  | { type: 'PLR'; exportControl: boolean };

export interface ResolvedSelection {
  reservation: Reservation;
  /** Positive counts only. */
  licenses: Record<string, number>;
}

export interface SlrCheck {
  now: number;
  sme: boolean;
  smeMinimum: Readonly<Record<string, number>>;
  /** Update: the instance's current counts, which it already holds; zero then means "drop". */
  current?: Record<string, number>;
  /**
   * The product the reservation is for: a licence its catalog gives another product is refused
   * (the device would hold it and never use it), unless `anyProduct` says it is meant.
   */
  productType?: string;
  anyProduct?: boolean;
}

/** Checks SLR counts against the pool; returns the positive counts, or throws the first refusal. */
export function checkSlrLicenses(
  pool: Record<string, PoolEntry>,
  licenses: Record<string, number>,
  check: SlrCheck,
): Record<string, number> {
  if (typeof licenses !== 'object' || licenses === null) throw new DomainError('EMPTY_SELECTION');
  const out: Record<string, number> = {};
  for (const [tag, count] of Object.entries(licenses)) {
    const zeroAllowed = check.current !== undefined && count === 0;
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || (count <= 0 && !zeroAllowed))
      throw new DomainError('INVALID_COUNT', { tag, count: String(count) });
    const entry = own(pool, tag);
    if (!entry) throw new DomainError('LICENSE_NOT_FOUND', { tag });
    if (entry.plr !== undefined) throw new DomainError('LICENSE_IS_PLR', { tag });
    if (count === 0) continue;
    if (
      check.productType !== undefined &&
      !check.anyProduct &&
      entry.productType !== undefined &&
      entry.productType !== check.productType
    )
      throw new DomainError('LICENSE_OTHER_PRODUCT', {
        tag,
        displayName: entry.displayName,
        licenseProduct: entry.productType,
        productType: check.productType,
      });
    if (isExpired(entry, check.now))
      throw new DomainError('LICENSE_EXPIRED', { tag, endDate: entry.endDate });
    const available = balanceOf(entry) + (check.current ? (own(check.current, tag) ?? 0) : 0);
    if (count > available)
      throw new DomainError('INSUFFICIENT_BALANCE', { tag, requested: count, available });
    out[tag] = count;
  }
  if (Object.keys(out).length === 0) throw new DomainError('EMPTY_SELECTION');
  if (check.sme) {
    for (const [tag, required] of Object.entries(check.smeMinimum)) {
      const requested = own(out, tag) ?? 0;
      if (requested < required)
        throw new DomainError('SME_MINIMUM_NOT_MET', {
          tag,
          displayName: own(pool, tag)?.displayName,
          required,
          requested,
        });
    }
  }
  return out;
}

export function resolveSelection(
  pool: Record<string, PoolEntry>,
  selection: Selection,
  now: number,
  smeMinimum: Readonly<Record<string, number>>,
  productType: string,
): ResolvedSelection {
  if (selection?.type === 'PLR') {
    const exportControl = selection.exportControl === true;
    const entry = plrLicenseFor(
      pool,
      exportControl ? 'with-export-control' : 'without-export-control',
      productType,
    );
    return {
      reservation: { type: 'PLR', exportControl, tag: entry.tag },
      licenses: { [entry.tag]: 1 },
    };
  }
  if (selection?.type !== 'SLR') throw new DomainError('SELECTION_INVALID');
  const sme = selection.sme === true;
  return {
    reservation: { type: 'SLR', sme },
    licenses: checkSlrLicenses(pool, selection.licenses, {
      now,
      sme,
      smeMinimum,
      productType,
      anyProduct: selection.anyProduct === true,
    }),
  };
}
