// The emulated device's stored state: a plain JSON document the agent works on in place.

import type { Entitlement } from '../codes/entitlement.ts';
import { type Udi, validateUdi } from '../codes/udi.ts';
import type { ErrorFacts } from '../errors.ts';

export const DEVICE_SCHEMA_VERSION = 1;

export type Product = 'ucm' | 'expressway';

/** Registration status as the Smart Agent prints it. */
export type RegistrationStatus =
  | 'Unregistered'
  | 'Reservation In Progress'
  | 'Registered - Specific License Reservation'
  | 'Registered - Universal License Reservation';

/** License authorization status as the Smart Agent prints it. */
export type AuthorizationStatus =
  | 'Authorized - Reserved'
  | 'Out of Compliance'
  | 'No Licenses in Use'
  | 'Evaluation Mode'
  | 'Evaluation Expired'
  | 'Authorization Expired';

/**
 * Per-license status. `Evaluation Mode` / `Evaluation Expired` are in the Expressway guide's list
 * of per-license states too: they are what a consumed license shows while nothing is reserved.
 */
export type LicenseStatus =
  | 'InCompliance'
  | 'OutOfCompliance'
  | 'Init'
  | 'Waiting'
  | 'Expired'
  | 'Not Authorized'
  | 'Evaluation Mode'
  | 'Evaluation Expired';

export type ExportControlStatus = 'Allowed' | 'Not Allowed';

export interface PendingRequest {
  nonce: string;
  /** The request code exactly as the device printed it. */
  code: string;
  requestedAt: number;
}

/**
 * The device's secret for one request: the seed of the return key its nonce commits to
 * (return-key.ts). It never leaves the device; return codes reveal points derived from it.
 */
export interface ReturnKey {
  nonce: string;
  /** 32 random bytes, hex. */
  seed: string;
}

export interface InstalledSlr {
  type: 'SLR';
  piid: string;
  sequence: number;
  /** The nonce of the request that created this instance; updates keep it. */
  requestNonce: string;
  /** Hex SHA-256 naming the authorization (what return and confirmation codes bind to). */
  digest: string;
  entitlements: Entitlement[];
  confirmationCode: string;
  installedAt: number;
  updatedAt: number | null;
}

export interface InstalledPlr {
  type: 'PLR';
  sequence: number;
  requestNonce: string;
  digest: string;
  exportControl: boolean;
  installedAt: number;
  updatedAt: number | null;
}

export type InstalledAuthorization = InstalledSlr | InstalledPlr;

/** Where the reservation stands; a pending request and an installed code cannot coexist. */
export type Reservation =
  | { mode: 'disabled' }
  | { mode: 'enabled'; pending: PendingRequest | null }
  | { mode: 'reserved'; installed: InstalledAuthorization };

export interface UsageEntry {
  tag: string;
  count: number;
  displayName?: string;
}

export type AlarmSeverity = 'major' | 'minor' | 'info';

export type AlarmCode =
  | 'CLOCK_SET_BACK'
  | 'EVALUATION_WILL_EXPIRE'
  | 'EVALUATION_EXPIRED'
  | 'TERM_LICENSE_EXPIRED'
  | 'TERM_LICENSE_STOPS_AT_RESTART'
  | 'EXPORT_LIMIT_APPROACHING'
  | 'EXPORT_LIMIT_REACHED'
  | 'OUT_OF_COMPLIANCE'
  | 'OVERAGE_EXPIRED';

export interface Alarm {
  code: AlarmCode;
  severity: AlarmSeverity;
  facts: ErrorFacts;
  raisedAt: number;
}

/** A period that is used up while its clock runs (evaluation, overage) and never given back. */
export interface PeriodState {
  /** Time used so far. */
  consumedMs: number;
  /** Set while the clock runs: the time up to which `consumedMs` is accounted. */
  countingSince: number | null;
  expiredAt: number | null;
}

/** The evaluation clock runs only while licenses are consumed and nothing is installed. */
export type EvaluationState = PeriodState;

/** One syslog-style line the agent sent (`%SMART_LIC-…`), kept for the device's log. */
export interface SyslogEntry {
  at: number;
  message: string;
}

/** How many syslog lines a device keeps, newest last. */
export const SYSLOG_KEPT = 50;

export interface EncryptedSessions {
  active: number;
  /** Set when the export-control limit was reached; cleared only below 99 % (hysteresis). */
  limitReached: boolean;
}

export interface DeviceState {
  schemaVersion: typeof DEVICE_SCHEMA_VERSION;
  kind: 'emulated';
  product: Product;
  udi: Udi;
  createdAt: number;
  /** The latest time the agent has seen: a clock set back never moves expiry decisions back. */
  latestSeenAt: number;
  /** Last (re)start, on the honest timeline: Expressway enforces TERM expiry only at restart. */
  bootedAt: number;
  reservation: Reservation;
  cancelledNonces: string[];
  /** Authorizations this device gave a return code for: never installable again. */
  returnedDigests: string[];
  /** Authorizations an update replaced: once installed, so return-authorization refuses them. */
  supersededDigests?: string[];
  /**
   * One secret per request made since device-bound returns (return-keys.ts). Absent on devices
   * stored before: a request without a key is returned with the older, unbound return code.
   */
  returnKeys?: ReturnKey[];
  lastConfirmationCode: string | null;
  lastReturnCode: string | null;
  usage: UsageEntry[];
  evaluation: EvaluationState;
  /**
   * The overage period: its clock runs while a reservation is installed and the device is out of
   * compliance. Absent on devices stored before it existed (read as unused).
   */
  overage?: PeriodState;
  /** What the agent sent to syslog, oldest first, at most SYSLOG_KEPT. */
  syslog?: SyslogEntry[];
  /**
   * The product's software release (`12.5`, `14SU2`, `14SU3`, `X14.2`), when the operator gave
   * it; unknown means a current release. Upgrades change it.
   */
  softwareVersion?: string;
  webRtc: boolean;
  encryptedSessions: EncryptedSessions;
  alarms: Alarm[];
}

export interface NewDevice {
  udi: Udi;
  product: Product;
  now: number;
  softwareVersion?: string;
}

/** A factory-fresh device: reservation disabled, 90 evaluation days unused. Throws UDI_INVALID. */
export function createDeviceState({ udi, product, now, softwareVersion }: NewDevice): DeviceState {
  const state: DeviceState = {
    schemaVersion: DEVICE_SCHEMA_VERSION,
    kind: 'emulated',
    product,
    udi: validateUdi(udi),
    createdAt: now,
    latestSeenAt: now,
    bootedAt: now,
    reservation: { mode: 'disabled' },
    cancelledNonces: [],
    returnedDigests: [],
    lastConfirmationCode: null,
    lastReturnCode: null,
    usage: [],
    evaluation: { consumedMs: 0, countingSince: null, expiredAt: null },
    webRtc: false,
    encryptedSessions: { active: 0, limitReached: false },
    alarms: [],
  };
  if (softwareVersion !== undefined) state.softwareVersion = softwareVersion;
  return state;
}

export function installedOf(state: DeviceState): InstalledAuthorization | null {
  return state.reservation.mode === 'reserved' ? state.reservation.installed : null;
}

export function pendingOf(state: DeviceState): PendingRequest | null {
  return state.reservation.mode === 'enabled' ? state.reservation.pending : null;
}

export function totalUsage(state: DeviceState): number {
  return state.usage.reduce((sum, entry) => sum + entry.count, 0);
}
