// The Licenses tab: one row per license in a virtual account, with CSSM's columns.

import { type Alert, poolEntryAlerts } from './alerts.ts';
import { balanceOf } from './pool.ts';
import type { PlrVariant } from '../catalog/catalog.ts';
import type { PoolEntry, VirtualAccount } from './state.ts';

export interface LicenseRow {
  tag: string;
  displayName: string;
  description: string;
  type: PoolEntry['type'];
  purchased: number;
  /**
   * CSSM's In Use: what product instances hold, reserved or in transit (everything in use at a
   * reservation desk is reserved: CSSM prints it `4 (4 Reserved)`).
   */
  inUse: number;
  reserved: number;
  inTransit: number;
  /** purchased − reserved − inTransit. */
  balance: number;
  /** TERM / SUBSCRIPTION end day, ISO; null when it does not end. */
  expires: string | null;
  level: number | null;
  /** The product release a user licence is for (`12`, `14`); null where it fits any. */
  version: string | null;
  exportControlled: boolean;
  plr: PlrVariant | null;
  /**
   * Higher-tier licenses of the same release with a balance that could cover a shortage of this
   * one. Display only: under SLR nothing is borrowed (seeds 000 and 004: borrowing from a higher
   * tier does not happen automatically; the reservation has to be updated), so CSSM's Substitution
   * column ("To Lower: -2") stays "-" at a reservation desk.
   */
  substitution: string[];
  alerts: Alert[];
}

function substitutesFor(entry: PoolEntry, entries: PoolEntry[]): string[] {
  if (entry.level === undefined || entry.plr !== undefined) return [];
  return entries
    .filter(
      (e) =>
        e.level !== undefined &&
        e.level > entry.level! &&
        e.version === entry.version &&
        e.plr === undefined &&
        balanceOf(e) > 0,
    )
    .sort((a, b) => a.level! - b.level! || (a.tag < b.tag ? -1 : 1))
    .map((e) => e.tag);
}

export function licenseRows(account: VirtualAccount, now: number): LicenseRow[] {
  const entries = Object.values(account.pool);
  return entries
    .map((entry) => ({
      tag: entry.tag,
      displayName: entry.displayName,
      description: entry.description,
      type: entry.type,
      purchased: entry.purchased,
      inUse: entry.reserved + entry.inTransit,
      reserved: entry.reserved,
      inTransit: entry.inTransit,
      balance: balanceOf(entry),
      expires: entry.endDate ?? null,
      level: entry.level ?? null,
      version: entry.version ?? null,
      exportControlled: entry.exportControlled === true,
      plr: entry.plr ?? null,
      substitution: substitutesFor(entry, entries),
      alerts: poolEntryAlerts(account.name, entry, now),
    }))
    .sort(
      (a, b) => (b.level ?? -1) - (a.level ?? -1) || a.displayName.localeCompare(b.displayName),
    );
}
