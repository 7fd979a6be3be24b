// Checks a "Reserve a specific license" selection as the operator types, with the domain's own
// rule (shared/authority/selection.ts: balance, expiry, counts) run on the pool main sent, one
// licence at a time so each row can say what is wrong with it. Main checks again when it issues.
import { balanceOf } from '../../shared/authority/pool.ts';
import { type Selection, checkSlrLicenses } from '../../shared/authority/selection.ts';
import type { PoolEntry } from '../../shared/authority/state.ts';
import { isDomainError } from '../../shared/errors.ts';
import type { LicenseRowDto } from '../../shared/ipc/dto.ts';

export type QuantityProblem =
  | { tag: string; kind: 'not-a-number' }
  | { tag: string; kind: 'over-balance'; requested: number; available: number }
  | { tag: string; kind: 'expired'; endDate: string }
  | { tag: string; kind: 'below-sme-minimum'; requested: number; minimum: number };

export interface SelectionCheck {
  licenses: Record<string, number>;
  problems: QuantityProblem[];
  total: number;
}

export interface CheckOptions {
  /** SME's minimum per tag, when the operator chose SME. */
  smeMinimum?: Record<string, number> | null;
  /** An update: what the instance holds now, which it may keep or give back. */
  current?: Record<string, number>;
  /** A batch: every device gets the same counts, so each row's balance is shared among them. */
  devices?: number;
  now?: number;
}

/** The pool as the domain keeps it, from the rows main sent (the same purchases and holds). */
export function poolOf(rows: readonly LicenseRowDto[]): Record<string, PoolEntry> {
  const pool: Record<string, PoolEntry> = {};
  for (const row of rows) {
    pool[row.tag] = {
      tag: row.tag,
      displayName: row.displayName,
      description: row.description,
      type: row.type as PoolEntry['type'],
      purchased: row.purchased,
      reserved: row.reserved,
      inTransit: row.inTransit,
      ...(row.expires ? { endDate: row.expires } : {}),
      ...(row.level !== null ? { level: row.level } : {}),
      ...(row.plr ? { plr: row.plr } : {}),
    };
  }
  return pool;
}

/** One licence's count checked by the domain: null when it is good, else the problem. */
function problemOf(
  pool: Record<string, PoolEntry>,
  tag: string,
  count: number,
  devices: number,
  options: CheckOptions,
): QuantityProblem | null {
  try {
    checkSlrLicenses(
      pool,
      { [tag]: count * devices },
      {
        now: options.now ?? Date.now(),
        sme: false,
        smeMinimum: {},
        ...(options.current ? { current: { [tag]: options.current[tag] ?? 0 } } : {}),
      },
    );
    return null;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.code === 'INSUFFICIENT_BALANCE')
      return {
        tag,
        kind: 'over-balance',
        requested: count,
        available: Math.floor(Number(error.facts.available ?? 0) / devices),
      };
    if (error.code === 'LICENSE_EXPIRED')
      return { tag, kind: 'expired', endDate: String(error.facts.endDate ?? '') };
    return { tag, kind: 'not-a-number' };
  }
}

/** Parses typed quantities ("" counts as 0) and lists every problem, by tag. */
export function checkSelection(
  quantities: Record<string, string>,
  rows: readonly LicenseRowDto[],
  options: CheckOptions = {},
): SelectionCheck {
  const pool = poolOf(rows);
  const devices = Math.max(1, options.devices ?? 1);
  const licenses: Record<string, number> = {};
  const problems: QuantityProblem[] = [];
  let total = 0;
  for (const row of rows) {
    const raw = (quantities[row.tag] ?? '').trim();
    const value = raw === '' ? 0 : Number(raw);
    if (!/^\d*$/.test(raw) || !Number.isSafeInteger(value)) {
      problems.push({ tag: row.tag, kind: 'not-a-number' });
      continue;
    }
    const problem = value > 0 ? problemOf(pool, row.tag, value, devices, options) : null;
    if (problem) problems.push(problem);
    // SME: the minimum set main requires (SME_MINIMUM_NOT_MET), shown where it falls short.
    const minimum = options.smeMinimum?.[row.tag] ?? 0;
    if (value < minimum)
      problems.push({ tag: row.tag, kind: 'below-sme-minimum', requested: value, minimum });
    if (value > 0) licenses[row.tag] = value;
    total += value;
  }
  return { licenses, problems, total };
}

/** What one device may still take of a licence: the pool's balance (plus what it holds), shared. */
export function availableFor(
  row: LicenseRowDto,
  options: Pick<CheckOptions, 'current' | 'devices'> = {},
): number {
  const devices = Math.max(1, options.devices ?? 1);
  const entry = poolOf([row])[row.tag]!;
  return Math.floor((balanceOf(entry) + (options.current?.[row.tag] ?? 0)) / devices);
}

/** The three choices of CSSM's "Select Licenses" step. */
export type ReservationChoice = 'plr-export' | 'plr-no-export' | 'slr';

export type { Selection };

export function toSelection(
  choice: ReservationChoice,
  licenses: Record<string, number>,
  sme: boolean,
  /** A licence taken from another product's, unfolded for it: meant, not a slip. */
  anyProduct = false,
): Selection {
  if (choice === 'slr')
    return {
      type: 'SLR',
      licenses,
      ...(sme ? { sme: true } : {}),
      ...(anyProduct ? { anyProduct: true } : {}),
    };
  return { type: 'PLR', exportControl: choice === 'plr-export' };
}

/** Rows a specific reservation can draw from (PLR entitlements are chosen by the PLR options). */
export function specificRows(rows: readonly LicenseRowDto[]): LicenseRowDto[] {
  return rows.filter((row) => row.plr === null);
}
