// Enforcement: when the device stops provisioning new users and devices, and the overage period.
//
// The CUCM mediated-model note (seed 002, its status table) gives the rules: unregistered in
// Evaluation Mode, no enforcement while evaluation days remain; Evaluation Expired, enforcement
// ("Do not allow provisioning of users/devices"); out of compliance, a 90-day overage period
// ("No till overage period is applicable Yes after overage days(90 days) are over"). The CUCM
// guides (seeds 000, 004) say the same of the evaluation: at its end, no new users or devices until
// registered. The Expressway guide (seed 001): after the evaluation, unregistered, it registers no
// new devices. The licensing guide (seed 003) gives the 90 days after an out-of-compliance notice
// for products in general, so the overage applies to both.
//
// The seeds do not say whether a spent overage is given back when the device is compliant again.
// Like the evaluation period it is a count of days that "decrement", so it is kept, never reset:
// toggling compliance cannot buy a new 90 days. The block itself lasts only while the device is
// out of compliance.

import { DAY_MS } from '../codes/dates.ts';
import { authorizationStatus, licenseLines } from './compliance.ts';
import {
  type AuthorizationStatus,
  type DeviceState,
  type PeriodState,
  installedOf,
} from './device-state.ts';
import {
  evaluationRemaining,
  periodConsumed,
  periodExpiredAt,
  remainingDays,
} from './evaluation.ts';

/** Seed 002: "Overage period(90 days)". */
export const OVERAGE_PERIOD_DAYS = 90;
export const OVERAGE_PERIOD_MS = OVERAGE_PERIOD_DAYS * DAY_MS;

/** Why new users and devices (consumption) are refused. */
export type BlockReason = 'evaluation-expired' | 'overage-expired';

export interface OverageStatus {
  /** The overage clock runs now (a reservation is installed and the device is out of compliance). */
  running: boolean;
  remainingMs: number;
  remainingDays: number;
  expiredAt: number | null;
}

export const UNUSED_PERIOD: Readonly<PeriodState> = Object.freeze({
  consumedMs: 0,
  countingSince: null,
  expiredAt: null,
});

export function overageOf(state: DeviceState): PeriodState {
  return state.overage ?? { ...UNUSED_PERIOD };
}

/** The statuses under which the overage period runs (table rows "OOC" and "Authorization Expired"). */
export function isOutOfCompliance(status: AuthorizationStatus): boolean {
  return status === 'Out of Compliance' || status === 'Authorization Expired';
}

/** Out of compliance with a reservation installed: what starts the overage clock. */
export function overageApplies(state: DeviceState, now: number): boolean {
  if (installedOf(state)?.type !== 'SLR') return false;
  return isOutOfCompliance(authorizationStatus(state, licenseLines(state, now), now));
}

export function overageStatus(state: DeviceState, now: number): OverageStatus {
  const period = overageOf(state);
  const remainingMs = OVERAGE_PERIOD_MS - periodConsumed(period, OVERAGE_PERIOD_MS, now);
  return {
    running: period.countingSince !== null && remainingMs > 0,
    remainingMs,
    remainingDays: remainingDays(remainingMs),
    expiredAt: periodExpiredAt(period, OVERAGE_PERIOD_MS, now),
  };
}

/** Whether the device refuses new users and devices now, and why; null when it provisions. */
export function provisioningBlock(state: DeviceState, now: number): BlockReason | null {
  if (installedOf(state) === null)
    return evaluationRemaining(state.evaluation, now) <= 0 ? 'evaluation-expired' : null;
  if (!overageApplies(state, now)) return null;
  return overageStatus(state, now).remainingMs <= 0 ? 'overage-expired' : null;
}
