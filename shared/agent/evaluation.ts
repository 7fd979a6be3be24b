// The 90-day evaluation period: how much is left, and when the agent warns about it.
//
// The period runs only while licenses are consumed and nothing is installed (the CUCM guide:
// "Start with 90 and will decrement if UCM is consuming licenses"). Warnings follow the licensing
// guide's syslog schedule: 60 and 30 days before expiry, weekly in the last 30 days, daily in the
// last week, hourly on the last day; weekly after expiry.

import { DAY_MS } from '../codes/dates.ts';
import type { EvaluationState, PeriodState } from './device-state.ts';

export const HOUR_MS = 3_600_000;
export const WEEK_MS = 7 * DAY_MS;
export const EVALUATION_PERIOD_MS = 90 * DAY_MS;

/** Evaluation time left (ms) at which a "will expire" warning falls due, largest first. */
export const EVALUATION_WARNING_THRESHOLDS_MS: readonly number[] = (() => {
  const at = new Set<number>([60 * DAY_MS, 30 * DAY_MS]);
  for (let days = 30; days > 0; days -= 7) at.add(days * DAY_MS);
  for (let days = 7; days >= 1; days--) at.add(days * DAY_MS);
  for (let hours = 24; hours >= 1; hours--) at.add(hours * HOUR_MS);
  return [...at].sort((a, b) => b - a);
})();

/** Time used of a period of `lengthMs` by `now` (its clock runs from `countingSince`), capped. */
export function periodConsumed(period: PeriodState, lengthMs: number, now: number): number {
  const running = period.countingSince === null ? 0 : Math.max(0, now - period.countingSince);
  return Math.min(lengthMs, period.consumedMs + running);
}

/** When a period ran out (possibly between two observations), or null while time is left. */
export function periodExpiredAt(period: PeriodState, lengthMs: number, now: number): number | null {
  if (period.expiredAt !== null) return period.expiredAt;
  if (period.countingSince === null || periodConsumed(period, lengthMs, now) < lengthMs)
    return null;
  return period.countingSince + (lengthMs - period.consumedMs);
}

/** Evaluation time used by `now` (the clock runs from `countingSince`), capped at the period. */
export function evaluationConsumed(evaluation: EvaluationState, now: number): number {
  return periodConsumed(evaluation, EVALUATION_PERIOD_MS, now);
}

export function evaluationRemaining(evaluation: EvaluationState, now: number): number {
  return EVALUATION_PERIOD_MS - evaluationConsumed(evaluation, now);
}

/** When the period ran out (possibly between two observations), or null while time is left. */
export function evaluationExpiredAt(evaluation: EvaluationState, now: number): number | null {
  return periodExpiredAt(evaluation, EVALUATION_PERIOD_MS, now);
}

export interface CrossedWarnings {
  /** Thresholds (remaining ms) passed on the way, largest first. */
  warnings: number[];
  /** The period ran out on the way. */
  expired: boolean;
}

/**
 * Warnings due when the remaining time goes from `beforeMs` down to `afterMs`: a threshold fires
 * when the remaining time reaches it (before > t ≥ after), expiry when it reaches zero.
 */
export function evaluationWarningsCrossed(beforeMs: number, afterMs: number): CrossedWarnings {
  return {
    warnings: EVALUATION_WARNING_THRESHOLDS_MS.filter((t) => t < beforeMs && t >= afterMs),
    expired: beforeMs > 0 && afterMs <= 0,
  };
}

export interface NextWarning {
  kind: 'will-expire' | 'expired';
  /** The remaining evaluation time at which it falls due. */
  atRemainingMs: number;
}

/** The next warning after the remaining time `remainingMs` (null once expired: see weekly). */
export function nextEvaluationWarning(remainingMs: number): NextWarning | null {
  if (remainingMs <= 0) return null;
  const next = EVALUATION_WARNING_THRESHOLDS_MS.find((t) => t < remainingMs);
  return next === undefined
    ? { kind: 'expired', atRemainingMs: 0 }
    : { kind: 'will-expire', atRemainingMs: next };
}

/** Weekly reminders after expiry (expiredAt + k weeks, k ≥ 1) that fall in (fromMs, toMs]. */
export function expiredReminders(expiredAt: number, fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  const first = Math.max(1, Math.floor((fromMs - expiredAt) / WEEK_MS) + 1);
  for (let k = first; expiredAt + k * WEEK_MS <= toMs; k++) {
    const at = expiredAt + k * WEEK_MS;
    if (at > fromMs) out.push(at);
  }
  return out;
}

/** Whole days left, as the device prints them ("with 89 days remaining"). */
export function remainingDays(remainingMs: number): number {
  return Math.max(0, Math.floor(remainingMs / DAY_MS));
}

/** How a warning names its threshold: days while a day or more is left, then hours. */
export function describeThreshold(remainingMs: number): { days: number } | { hours: number } {
  return remainingMs >= DAY_MS
    ? { days: Math.round(remainingMs / DAY_MS) }
    : { hours: Math.round(remainingMs / HOUR_MS) };
}
