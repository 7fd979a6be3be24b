// Alerts as CSSM groups them: major (shortage), minor (waiting too long, TERM ending), info.

import { DAY_MS, endOfDayMs } from '../codes/dates.ts';
import type { ErrorFacts } from '../errors.ts';
import { isExpired } from './pool.ts';
import type { AuthorityState, PoolEntry } from './state.ts';

export type AlertSeverity = 'major' | 'minor' | 'info';

export interface Alert {
  severity: AlertSeverity;
  code: string;
  facts: ErrorFacts;
}

/** An update or an authorization left unanswered longer than this is worth a minor alert. */
export const WAITING_ALERT_DAYS = 7;
export const TERM_ENDING_ALERT_DAYS = 30;

const RANK: Record<AlertSeverity, number> = { major: 0, minor: 1, info: 2 };

export function poolEntryAlerts(va: string, entry: PoolEntry, now: number): Alert[] {
  const out: Alert[] = [];
  const held = entry.reserved + entry.inTransit;
  const facts = { va, tag: entry.tag, displayName: entry.displayName };
  if (held > entry.purchased) {
    out.push({
      severity: 'major',
      code: 'LICENSE_SHORTAGE',
      facts: { ...facts, purchased: entry.purchased, held },
    });
  }
  if (entry.type === 'TERM' && entry.endDate !== undefined) {
    const end = endOfDayMs(entry.endDate);
    if (isExpired(entry, now)) {
      out.push(
        held > 0
          ? {
              severity: 'major',
              code: 'RESERVED_LICENSE_EXPIRED',
              facts: { ...facts, endDate: entry.endDate, held },
            }
          : {
              severity: 'info',
              code: 'LICENSE_EXPIRED',
              facts: { ...facts, endDate: entry.endDate },
            },
      );
    } else if (end - now <= TERM_ENDING_ALERT_DAYS * DAY_MS) {
      const days = Math.ceil((end - now) / DAY_MS);
      out.push({
        severity: 'minor',
        code: 'TERM_LICENSE_ENDING',
        facts: { ...facts, endDate: entry.endDate, days },
      });
    }
  }
  return out;
}

/** Everything worth the operator's attention at `now`, most severe first. Reads; changes nothing. */
export function authorityAlerts(state: AuthorityState, now: number): Alert[] {
  const out: Alert[] = [];
  if (!state.smartAccount.reservationEnabled) {
    out.push({
      severity: 'info',
      code: 'RESERVATION_DISABLED',
      facts: { smartAccount: state.smartAccount.name },
    });
  }
  for (const account of Object.values(state.virtualAccounts)) {
    for (const entry of Object.values(account.pool))
      out.push(...poolEntryAlerts(account.name, entry, now));
  }
  const limit = WAITING_ALERT_DAYS * DAY_MS;
  for (const instance of Object.values(state.instances)) {
    const facts = { va: instance.va, instanceId: instance.id, udi: instance.udiKey };
    if (instance.state === 'in-transit') {
      const since = instance.pending.authorization.issuedAt;
      if (now - since > limit)
        out.push({
          severity: 'minor',
          code: 'INSTANCE_IN_TRANSIT_LONG',
          facts: { ...facts, days: Math.floor((now - since) / DAY_MS) },
        });
    } else if (instance.state === 'reserved' && !instance.confirmed) {
      const since = instance.current.issuedAt;
      if (now - since > limit)
        out.push({
          severity: 'minor',
          code: 'AUTHORIZATION_NOT_CONFIRMED',
          facts: { ...facts, days: Math.floor((now - since) / DAY_MS) },
        });
    }
  }
  return out.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
