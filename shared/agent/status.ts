// What the device shows: registration, authorization, licenses, evaluation, alarms — and what it
// is waiting for, for the dashboard. A pure read: it never changes the state.

import { udiKey } from '../codes/udi.ts';
import { mergeAlarms, desiredAlarms } from './alarms.ts';
import { withSyslog } from './syslog.ts';
import { evaluationSince } from './timeline.ts';
import { type Banner, licensingBanner } from './banners.ts';
import type { Moment } from './clock-honesty.ts';
import { type LicenseLine, authorizationStatus, licenseLines } from './compliance.ts';
import {
  type Alarm,
  type AuthorizationStatus,
  type DeviceState,
  type ExportControlStatus,
  type Product,
  type RegistrationStatus,
  type SyslogEntry,
  installedOf,
  pendingOf,
  totalUsage,
} from './device-state.ts';
import { evaluationExpiredAt, evaluationRemaining, remainingDays } from './evaluation.ts';
import {
  type BlockReason,
  type OverageStatus,
  overageStatus,
  provisioningBlock,
} from './enforcement.ts';
import { encryptedSessionLimit, exportControlStatus, settleSessions } from './export-control.ts';

/** What the device needs next: reservation enabled, a request made, an authorization installed. */
export type WaitingFor = 'enable' | 'request' | 'authorization' | 'nothing';

export interface EvaluationStatus {
  mode: 'In Use' | 'Not In Use';
  remainingMs: number;
  remainingDays: number;
  expiredAt: number | null;
}

export interface InstalledSummary {
  type: 'SLR' | 'PLR';
  sequence: number;
  piid: string | null;
  installedAt: number;
  updatedAt: number | null;
  exportControl: boolean | null;
}

export interface DeviceStatus {
  product: Product;
  udi: string;
  now: number;
  reservationEnabled: boolean;
  registrationStatus: RegistrationStatus;
  authorizationStatus: AuthorizationStatus;
  reservationType: 'SLR' | 'PLR' | null;
  installed: InstalledSummary | null;
  pendingRequestCode: string | null;
  exportControlled: ExportControlStatus;
  licenses: LicenseLine[];
  evaluation: EvaluationStatus;
  overage: OverageStatus;
  /** Why new users and devices are refused now; null while the device provisions them. */
  provisioningBlocked: BlockReason | null;
  /** The licensing banner the product shows, in its own words; null when it shows none. */
  banner: Banner | null;
  /** What the agent sent to syslog, oldest first. */
  syslog: SyslogEntry[];
  softwareVersion: string | null;
  lastConfirmationCode: string | null;
  lastReturnCode: string | null;
  alarms: Alarm[];
  encryptedSessions: {
    active: number;
    limit: number | null;
    limitReached: boolean;
    webRtc: boolean;
  };
  waitingFor: WaitingFor;
}

export function registrationStatusOf(state: DeviceState): RegistrationStatus {
  const r = state.reservation;
  if (r.mode === 'disabled') return 'Unregistered';
  if (r.mode === 'enabled') return 'Reservation In Progress';
  return r.installed.type === 'SLR'
    ? 'Registered - Specific License Reservation'
    : 'Registered - Universal License Reservation';
}

function waitingForOf(state: DeviceState): WaitingFor {
  const r = state.reservation;
  if (r.mode === 'disabled') return 'enable';
  if (r.mode === 'reserved') return 'nothing';
  return r.pending === null ? 'request' : 'authorization';
}

export function deviceStatus(state: DeviceState, t: Moment): DeviceStatus {
  const installed = installedOf(state);
  const licenses = licenseLines(state, t.now);
  const remaining = evaluationRemaining(state.evaluation, t.now);
  const limit = encryptedSessionLimit(state, t.now);
  const sessions = settleSessions(state.encryptedSessions, limit);
  const authorization = authorizationStatus(state, licenses, t.now);
  const alarms = mergeAlarms(state.alarms, desiredAlarms(state, t));
  // What the device would have logged by now, had it been watching since the last operation.
  const pending = [
    ...evaluationSince(state, t).events,
    ...alarms.raised.map((a) => ({
      type: 'alarm-raised' as const,
      at: t.now,
      facts: { alarm: a.code },
    })),
  ];
  return {
    product: state.product,
    udi: udiKey(state.udi),
    now: t.now,
    reservationEnabled: state.reservation.mode !== 'disabled',
    registrationStatus: registrationStatusOf(state),
    authorizationStatus: authorization,
    reservationType: installed?.type ?? null,
    installed: installed && {
      type: installed.type,
      sequence: installed.sequence,
      piid: installed.type === 'SLR' ? installed.piid : null,
      installedAt: installed.installedAt,
      updatedAt: installed.updatedAt,
      exportControl: installed.type === 'PLR' ? installed.exportControl : null,
    },
    pendingRequestCode: pendingOf(state)?.code ?? null,
    exportControlled: exportControlStatus(state, t.now),
    licenses,
    evaluation: {
      mode: installed === null && totalUsage(state) > 0 && remaining > 0 ? 'In Use' : 'Not In Use',
      remainingMs: remaining,
      remainingDays: remainingDays(remaining),
      expiredAt: evaluationExpiredAt(state.evaluation, t.now),
    },
    overage: overageStatus(state, t.now),
    provisioningBlocked: provisioningBlock(state, t.now),
    banner: licensingBanner(state.product, authorization, remainingDays(remaining)),
    syslog: withSyslog(state.syslog ?? [], pending),
    softwareVersion: state.softwareVersion ?? null,
    lastConfirmationCode: state.lastConfirmationCode,
    lastReturnCode: state.lastReturnCode,
    alarms: alarms.alarms,
    encryptedSessions: { ...sessions, limit, webRtc: state.webRtc },
    waitingFor: waitingForOf(state),
  };
}
