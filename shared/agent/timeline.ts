// Moving a device through time: evaluation and overage accounting, the evaluation's warnings, and
// the alarms that follow.
//
// Every successful operation runs `advance` (account for the time that passed, under the rules in
// force until now) before it changes anything and `settle` (start or stop the evaluation clock,
// recompute alarms) after. Refused operations run neither, so they change nothing.

import type { ErrorFacts } from '../errors.ts';
import { desiredAlarms, mergeAlarms } from './alarms.ts';
import type { Moment } from './clock-honesty.ts';
import { type DeviceState, installedOf, totalUsage } from './device-state.ts';
import {
  EVALUATION_PERIOD_MS,
  describeThreshold,
  evaluationConsumed,
  evaluationWarningsCrossed,
  expiredReminders,
  periodConsumed,
} from './evaluation.ts';
import { OVERAGE_PERIOD_MS, overageApplies } from './enforcement.ts';
import { encryptedSessionLimit, settleSessions } from './export-control.ts';

export type AgentEventType =
  | 'reservation-enabled'
  | 'reservation-disabled'
  | 'request-created'
  | 'request-cancelled'
  | 'authorization-installed'
  | 'authorization-updated'
  | 'reservation-returned'
  | 'authorization-returned'
  | 'usage-changed'
  | 'restarted'
  | 'sessions-changed'
  | 'webrtc-changed'
  | 'evaluation-warning'
  | 'evaluation-expired'
  | 'evaluation-expired-reminder'
  | 'overage-expired'
  | 'upgraded'
  | 'alarm-raised'
  | 'alarm-cleared';

/** What happened, for the site's log; the agent never writes a log itself. */
export interface AgentEvent {
  type: AgentEventType;
  at: number;
  facts: ErrorFacts;
}

/**
 * What the evaluation clock did between the last observation and `t` — time used, its end, the
 * warnings and weekly reminders due — without changing anything: `advance` applies it, and
 * `status` shows the syslog lines a device that had been watching would already have sent.
 */
export function evaluationSince(
  state: DeviceState,
  t: Moment,
): { consumedMs: number; expiredAt: number | null; events: AgentEvent[] } {
  const evaluation = state.evaluation;
  const events: AgentEvent[] = [];
  let consumedMs = evaluation.consumedMs;
  let expiredAt = evaluation.expiredAt;
  if (evaluation.countingSince !== null) {
    const since = evaluation.countingSince;
    const before = EVALUATION_PERIOD_MS - consumedMs;
    consumedMs = evaluationConsumed(evaluation, t.now);
    const crossed = evaluationWarningsCrossed(before, EVALUATION_PERIOD_MS - consumedMs);
    for (const threshold of crossed.warnings) {
      events.push({
        type: 'evaluation-warning',
        at: since + (before - threshold),
        facts: { ...describeThreshold(threshold) },
      });
    }
    if (crossed.expired) {
      expiredAt = since + before;
      events.push({ type: 'evaluation-expired', at: expiredAt, facts: {} });
    }
  }
  if (expiredAt !== null && installedOf(state) === null) {
    for (const at of expiredReminders(expiredAt, state.latestSeenAt, t.now)) {
      events.push({ type: 'evaluation-expired-reminder', at, facts: { expiredAt } });
    }
  }
  return { consumedMs, expiredAt, events };
}

export function advance(state: DeviceState, t: Moment, events: AgentEvent[]): void {
  const evaluation = state.evaluation;
  const elapsed = evaluationSince(state, t);
  events.push(...elapsed.events);
  state.latestSeenAt = t.now;
  evaluation.consumedMs = elapsed.consumedMs;
  evaluation.expiredAt = elapsed.expiredAt;
  if (evaluation.countingSince !== null) evaluation.countingSince = t.now;
  const overage = state.overage;
  if (overage && overage.countingSince !== null) {
    const since = overage.countingSince;
    const before = OVERAGE_PERIOD_MS - overage.consumedMs;
    overage.consumedMs = periodConsumed(overage, OVERAGE_PERIOD_MS, t.now);
    if (before > 0 && overage.consumedMs >= OVERAGE_PERIOD_MS) {
      overage.expiredAt = since + before;
      events.push({ type: 'overage-expired', at: overage.expiredAt, facts: {} });
    }
    overage.countingSince = t.now;
  }
}

export function settle(state: DeviceState, t: Moment, events: AgentEvent[]): void {
  const evaluation = state.evaluation;
  const counting =
    installedOf(state) === null &&
    totalUsage(state) > 0 &&
    evaluation.consumedMs < EVALUATION_PERIOD_MS;
  evaluation.countingSince = counting ? (evaluation.countingSince ?? t.now) : null;

  // The overage clock runs while a reservation is installed and the device is out of compliance.
  const outOfCompliance = overageApplies(state, t.now);
  if (outOfCompliance && !state.overage)
    state.overage = { consumedMs: 0, countingSince: null, expiredAt: null };
  const overage = state.overage;
  if (overage) {
    const running = outOfCompliance && overage.consumedMs < OVERAGE_PERIOD_MS;
    overage.countingSince = running ? (overage.countingSince ?? t.now) : null;
  }

  const sessions = settleSessions(state.encryptedSessions, encryptedSessionLimit(state, t.now));
  state.encryptedSessions.active = sessions.active;
  state.encryptedSessions.limitReached = sessions.limitReached;

  const change = mergeAlarms(state.alarms, desiredAlarms(state, t));
  state.alarms.splice(0, state.alarms.length, ...change.alarms);
  for (const a of change.raised) {
    events.push({
      type: 'alarm-raised',
      at: t.now,
      facts: { alarm: a.code, severity: a.severity, ...a.facts },
    });
  }
  for (const a of change.cleared) {
    events.push({ type: 'alarm-cleared', at: t.now, facts: { alarm: a.code, ...a.facts } });
  }
}
