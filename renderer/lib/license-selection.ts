// Checks a "Reserve a specific license" selection against what main says is available.
import type { LicenseRowDto } from '../../shared/ipc/dto.ts';

export type QuantityProblem =
  | { tag: string; kind: 'not-a-number' }
  | { tag: string; kind: 'over-balance'; requested: number; available: number }
  | { tag: string; kind: 'below-sme-minimum'; requested: number; minimum: number };

export interface SelectionCheck {
  licenses: Record<string, number>;
  problems: QuantityProblem[];
  total: number;
}

/** Parses typed quantities ("" counts as 0) and lists every problem, by tag. */
export function checkSelection(
  quantities: Record<string, string>,
  available: readonly LicenseRowDto[],
  smeMinimum: Record<string, number> | null,
  headroom: Record<string, number> = {},
): SelectionCheck {
  const licenses: Record<string, number> = {};
  const problems: QuantityProblem[] = [];
  let total = 0;
  for (const row of available) {
    const raw = (quantities[row.tag] ?? '').trim();
    const value = raw === '' ? 0 : Number(raw);
    if (!Number.isInteger(value) || value < 0) {
      problems.push({ tag: row.tag, kind: 'not-a-number' });
      continue;
    }
    const limit = row.balance + (headroom[row.tag] ?? 0);
    if (value > limit) {
      problems.push({ tag: row.tag, kind: 'over-balance', requested: value, available: limit });
    }
    const minimum = smeMinimum?.[row.tag] ?? 0;
    if (value < minimum) {
      problems.push({ tag: row.tag, kind: 'below-sme-minimum', requested: value, minimum });
    }
    if (value > 0) licenses[row.tag] = value;
    total += value;
  }
  return { licenses, problems, total };
}

/** The three choices of CSSM's "Select Licenses" step. */
export type ReservationChoice = 'plr-export' | 'plr-no-export' | 'slr';

export type Selection =
  | { type: 'SLR'; licenses: Record<string, number>; sme?: boolean }
  | { type: 'PLR'; exportControl: boolean };

export function toSelection(
  choice: ReservationChoice,
  licenses: Record<string, number>,
  sme: boolean,
): Selection {
  if (choice === 'slr')
    return sme ? { type: 'SLR', licenses, sme: true } : { type: 'SLR', licenses };
  return { type: 'PLR', exportControl: choice === 'plr-export' };
}

/** Rows a specific reservation can draw from (PLR entitlements are chosen by the PLR options). */
export function specificRows(rows: readonly LicenseRowDto[]): LicenseRowDto[] {
  return rows.filter((row) => row.plr === null);
}

/** Multiplies each row's balance check for a batch of `devices` reservations. */
export function perDeviceRows(rows: readonly LicenseRowDto[], devices: number): LicenseRowDto[] {
  const n = Math.max(1, devices);
  return rows.map((row) => ({ ...row, balance: Math.floor(row.balance / n) }));
}
