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
  reserved: number;
  inTransit: number;
  /** purchased − reserved − inTransit. */
  balance: number;
  /** TERM / SUBSCRIPTION end day, ISO; null when it does not end. */
  expires: string | null;
  level: number | null;
  exportControlled: boolean;
  plr: PlrVariant | null;
  /**
   * Higher-tier licenses with a balance that could cover a shortage of this one. Display only:
   * under SLR nothing is borrowed; the reservation has to be updated.
   */
  substitution: string[];
  alerts: Alert[];
}

function substitutesFor(entry: PoolEntry, entries: PoolEntry[]): string[] {
  if (entry.level === undefined || entry.plr !== undefined) return [];
  return entries
    .filter(
      (e) =>
        e.level !== undefined && e.level > entry.level! && e.plr === undefined && balanceOf(e) > 0,
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
      reserved: entry.reserved,
      inTransit: entry.inTransit,
      balance: balanceOf(entry),
      expires: entry.endDate ?? null,
      level: entry.level ?? null,
      exportControlled: entry.exportControlled === true,
      plr: entry.plr ?? null,
      substitution: substitutesFor(entry, entries),
      alerts: poolEntryAlerts(account.name, entry, now),
    }))
    .sort(
      (a, b) => (b.level ?? -1) - (a.level ?? -1) || a.displayName.localeCompare(b.displayName),
    );
}
