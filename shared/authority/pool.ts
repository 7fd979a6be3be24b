// A virtual account's license pool: purchases, the holds instances place on it, and balances.

import { DomainError, ensure } from '../errors.ts';
import { endOfDayMs, isIsoDay } from '../codes/dates.ts';
import type { PlrVariant } from '../catalog/catalog.ts';
import type { AuthorityState, InstanceRecord, PoolEntry, VirtualAccount } from './state.ts';

/** What buying licenses says; `count` is added to `purchased`. */
export interface LicensePurchase {
  tag: string;
  displayName: string;
  description?: string;
  type: PoolEntry['type'];
  count: number;
  startDate?: string;
  endDate?: string;
  level?: number;
  version?: string;
  productType?: string;
  exportControlled?: boolean;
  plr?: PlrVariant;
}

/** Own-property lookup: tags and names are user text and must never reach the prototype. */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Names and tags become object keys; refuse the one key that would not be an own property. */
export function isSafeKey(key: string): boolean {
  return key !== '__proto__';
}

export function virtualAccount(state: AuthorityState, va: string): VirtualAccount {
  const account = own(state.virtualAccounts, va);
  if (!account) throw new DomainError('VIRTUAL_ACCOUNT_NOT_FOUND', { va });
  return account;
}

export function balanceOf(entry: PoolEntry): number {
  return entry.purchased - entry.reserved - entry.inTransit;
}

export function isExpired(entry: Pick<PoolEntry, 'type' | 'endDate'>, now: number): boolean {
  return entry.type === 'TERM' && entry.endDate !== undefined && now > endOfDayMs(entry.endDate);
}

export function isPositiveCount(count: unknown): count is number {
  return typeof count === 'number' && Number.isSafeInteger(count) && count > 0;
}

/** Per tag, what an active instance holds: its current counts, plus what a pending update adds. */
export function holdsOf(instance: InstanceRecord): Array<[string, number, number]> {
  if (instance.state !== 'reserved' && instance.state !== 'in-transit') return [];
  const out: Array<[string, number, number]> = [];
  const pending = instance.state === 'in-transit' ? instance.pending.licenses : {};
  for (const [tag, count] of Object.entries(instance.licenses)) {
    out.push([tag, count, Math.max(0, (own(pending, tag) ?? 0) - count)]);
  }
  for (const [tag, count] of Object.entries(pending)) {
    if (own(instance.licenses, tag) === undefined) out.push([tag, 0, count]);
  }
  return out;
}

/** Adds (sign 1) or takes away (sign -1) an instance's holds in its VA's running totals. */
export function applyHolds(state: AuthorityState, instance: InstanceRecord, sign: 1 | -1): void {
  const pool = virtualAccount(state, instance.va).pool;
  for (const [tag, reserved, inTransit] of holdsOf(instance)) {
    const entry = own(pool, tag);
    if (!entry) throw new Error(`pool entry ${tag} missing in ${instance.va}`);
    entry.reserved += sign * reserved;
    entry.inTransit += sign * inTransit;
  }
}

function datesInvalid(tag: string, reason: string): DomainError {
  return new DomainError('LICENSE_DATES_INVALID', { tag, reason });
}

/** Checks a purchase and returns the pool entry it describes (with no holds). */
export function poolEntryOf(purchase: LicensePurchase): PoolEntry {
  const tag = typeof purchase.tag === 'string' ? purchase.tag.trim() : '';
  ensure(tag !== '' && tag.length <= 300 && isSafeKey(tag) && !/\s/.test(tag), 'LICENSE_INVALID', {
    field: 'tag',
    tag,
  });
  const displayName = typeof purchase.displayName === 'string' ? purchase.displayName.trim() : '';
  ensure(displayName !== '', 'LICENSE_INVALID', { field: 'displayName', tag });
  ensure(['PERPETUAL', 'TERM', 'SUBSCRIPTION'].includes(purchase.type), 'LICENSE_INVALID', {
    field: 'type',
    tag,
  });
  ensure(isPositiveCount(purchase.count), 'INVALID_COUNT', { tag, count: purchase.count });
  const { startDate, endDate } = purchase;
  if (startDate !== undefined && !isIsoDay(startDate)) throw datesInvalid(tag, 'start-not-a-day');
  if (endDate !== undefined && !isIsoDay(endDate)) throw datesInvalid(tag, 'end-not-a-day');
  if (purchase.type === 'TERM' && (startDate === undefined || endDate === undefined))
    throw datesInvalid(tag, 'term-needs-dates');
  if (purchase.type === 'PERPETUAL' && (startDate !== undefined || endDate !== undefined))
    throw datesInvalid(tag, 'perpetual-has-dates');
  if (startDate !== undefined && endDate !== undefined && startDate > endDate)
    throw datesInvalid(tag, 'start-after-end');
  const entry: PoolEntry = {
    tag,
    displayName,
    description: purchase.description?.trim() || displayName,
    type: purchase.type,
    purchased: purchase.count,
    reserved: 0,
    inTransit: 0,
  };
  if (startDate !== undefined) entry.startDate = startDate;
  if (endDate !== undefined) entry.endDate = endDate;
  if (purchase.level !== undefined) {
    ensure(Number.isSafeInteger(purchase.level) && purchase.level >= 0, 'LICENSE_INVALID', {
      field: 'level',
      tag,
    });
    entry.level = purchase.level;
  }
  if (purchase.version !== undefined) {
    ensure(/^\d{1,2}$/.test(purchase.version), 'LICENSE_INVALID', { field: 'version', tag });
    entry.version = purchase.version;
  }
  if (purchase.productType !== undefined) {
    ensure(/^[A-Z0-9]{1,12}$/.test(purchase.productType), 'LICENSE_INVALID', {
      field: 'productType',
      tag,
    });
    entry.productType = purchase.productType;
  }
  if (purchase.exportControlled) entry.exportControlled = true;
  if (purchase.plr !== undefined) {
    ensure(
      ['with-export-control', 'without-export-control'].includes(purchase.plr),
      'LICENSE_INVALID',
      {
        field: 'plr',
        tag,
      },
    );
    entry.plr = purchase.plr;
  }
  return entry;
}

const IDENTITY_FIELDS = ['type', 'startDate', 'endDate', 'plr', 'exportControlled'] as const;

/** The same tag bought again must be the same license: only the count may differ. */
export function ensureSameLicense(existing: PoolEntry, incoming: PoolEntry): void {
  for (const field of IDENTITY_FIELDS) {
    const a = existing[field] ?? (field === 'exportControlled' ? false : undefined);
    const b = incoming[field] ?? (field === 'exportControlled' ? false : undefined);
    if (a !== b) {
      throw new DomainError('LICENSE_CONFLICT', {
        tag: existing.tag,
        field,
        existing: a === undefined ? '' : String(a),
        given: b === undefined ? '' : String(b),
      });
    }
  }
}

/**
 * The VA's license of a PLR variant for the product type (a licence with no product type fits
 * any) with a count to spare, the first by tag.
 */
export function plrLicenseFor(
  pool: Record<string, PoolEntry>,
  variant: PlrVariant,
  productType: string,
): PoolEntry {
  const candidates = Object.values(pool)
    .filter(
      (e) => e.plr === variant && (e.productType === undefined || e.productType === productType),
    )
    .sort((a, b) => (a.tag < b.tag ? -1 : 1));
  ensure(candidates.length > 0, 'PLR_LICENSE_NOT_FOUND', { variant, productType });
  const spare = candidates.find((e) => balanceOf(e) > 0);
  if (!spare) {
    throw new DomainError('INSUFFICIENT_BALANCE', {
      tag: candidates[0]!.tag,
      requested: 1,
      available: 0,
    });
  }
  return spare;
}
