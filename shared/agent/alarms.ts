// The device's active alarms, derived from its state and the honest time.
//
// Every alarm is a consequence of state (clock set back, evaluation running out, a TERM license
// past its end date, out of compliance and its overage spent, encrypted sessions near the export
// limit), so the list is recomputed rather than edited by hand; the stored copy only keeps when
// each alarm was first raised.

import type { Moment } from './clock-honesty.ts';
import { type Alarm, type DeviceState, installedOf } from './device-state.ts';
import {
  EVALUATION_WARNING_THRESHOLDS_MS,
  describeThreshold,
  evaluationExpiredAt,
  evaluationRemaining,
} from './evaluation.ts';
import { overageApplies, overageStatus } from './enforcement.ts';
import { encryptedSessionLimit, isApproachingLimit, settleSessions } from './export-control.ts';
import { termState } from './term-expiry.ts';

/** Same key, same alarm: its first raise time is kept while it stays active. */
export function alarmKey(alarm: Alarm): string {
  const { tag, remainingDays, remainingHours } = alarm.facts;
  const threshold =
    alarm.code === 'EVALUATION_WILL_EXPIRE'
      ? `${remainingDays ?? ''}d${remainingHours ?? ''}h`
      : '';
  return `${alarm.code}|${tag ?? ''}|${threshold}`;
}

function evaluationAlarm(state: DeviceState, t: Moment): Alarm | null {
  const remaining = evaluationRemaining(state.evaluation, t.now);
  if (remaining <= 0) {
    const expiredAt = evaluationExpiredAt(state.evaluation, t.now) ?? t.now;
    return {
      code: 'EVALUATION_EXPIRED',
      severity: 'major',
      facts: { expiredAt },
      raisedAt: expiredAt,
    };
  }
  const last = EVALUATION_WARNING_THRESHOLDS_MS.filter((ms) => ms >= remaining).at(-1);
  if (last === undefined) return null;
  const threshold = describeThreshold(last);
  const facts =
    'days' in threshold ? { remainingDays: threshold.days } : { remainingHours: threshold.hours };
  return { code: 'EVALUATION_WILL_EXPIRE', severity: 'minor', facts, raisedAt: t.now };
}

function termAlarms(state: DeviceState, t: Moment): Alarm[] {
  const installed = installedOf(state);
  if (installed?.type !== 'SLR') return [];
  const out: Alarm[] = [];
  for (const e of installed.entitlements) {
    const term = termState(e, state.product, t.now, state.bootedAt);
    if (term === 'valid') continue;
    out.push({
      code: term === 'expired' ? 'TERM_LICENSE_EXPIRED' : 'TERM_LICENSE_STOPS_AT_RESTART',
      severity: term === 'expired' ? 'major' : 'minor',
      facts: { tag: e.tag, endDate: e.endDate },
      raisedAt: t.now,
    });
  }
  return out;
}

function complianceAlarms(state: DeviceState, t: Moment): Alarm[] {
  if (!overageApplies(state, t.now)) return [];
  const overage = overageStatus(state, t.now);
  if (overage.remainingMs > 0)
    return [
      {
        code: 'OUT_OF_COMPLIANCE',
        severity: 'major',
        facts: { overageRemainingDays: overage.remainingDays },
        raisedAt: t.now,
      },
    ];
  const expiredAt = overage.expiredAt ?? t.now;
  return [
    { code: 'OVERAGE_EXPIRED', severity: 'major', facts: { expiredAt }, raisedAt: expiredAt },
  ];
}

function sessionAlarms(state: DeviceState, t: Moment): Alarm[] {
  const limit = encryptedSessionLimit(state, t.now);
  if (limit === null) return [];
  const { active, limitReached } = settleSessions(state.encryptedSessions, limit);
  if (limitReached)
    return [
      {
        code: 'EXPORT_LIMIT_REACHED',
        severity: 'major',
        facts: { active, limit },
        raisedAt: t.now,
      },
    ];
  if (isApproachingLimit(active, limit))
    return [
      {
        code: 'EXPORT_LIMIT_APPROACHING',
        severity: 'minor',
        facts: { active, limit },
        raisedAt: t.now,
      },
    ];
  return [];
}

/** The alarms that should be active now (raisedAt = now unless the cause says when). */
export function desiredAlarms(state: DeviceState, t: Moment): Alarm[] {
  const out: Alarm[] = [];
  if (t.setBack) {
    out.push({
      code: 'CLOCK_SET_BACK',
      severity: 'major',
      facts: { observedAt: t.observed, latestSeenAt: t.now },
      raisedAt: t.now,
    });
  }
  if (installedOf(state) === null) {
    const evaluation = evaluationAlarm(state, t);
    if (evaluation) out.push(evaluation);
  }
  out.push(...termAlarms(state, t), ...complianceAlarms(state, t), ...sessionAlarms(state, t));
  const seen = new Set<string>();
  return out.filter((a) => !seen.has(alarmKey(a)) && seen.add(alarmKey(a)));
}

export interface AlarmChange {
  alarms: Alarm[];
  raised: Alarm[];
  cleared: Alarm[];
}

/** The new alarm list, keeping the first raise time of alarms that stay. */
export function mergeAlarms(previous: Alarm[], desired: Alarm[]): AlarmChange {
  const before = new Map(previous.map((a) => [alarmKey(a), a]));
  const keys = new Set(desired.map(alarmKey));
  const alarms = desired.map((a) => {
    const kept = before.get(alarmKey(a));
    return kept ? { ...a, raisedAt: kept.raisedAt } : a;
  });
  return {
    alarms,
    raised: desired.filter((a) => !before.has(alarmKey(a))),
    cleared: previous.filter((a) => !keys.has(alarmKey(a))),
  };
}
