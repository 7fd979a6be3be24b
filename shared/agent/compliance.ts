// Compliance: each license's status from what is reserved and what is consumed, and the overall
// authorization status.
//
// Under SLR each tag stands alone: consumption above the reserved count is out of compliance and a
// higher tier is never borrowed for a lower one (the CUCM guide: the reservation must be updated).
// One exception is what "version-independent" means: on CUCM 14 and later a reserved
// version-independent licence covers the consumption of the 12.x licences of its tier (seeds 000
// and 004: release 14 takes version-independent licences and "continues to use version 12.x
// licences"; the tier mapping is the catalog's). PLR authorizes everything up to the platform's
// capacity.

import { VERSION_INDEPENDENT_COVERAGE } from '../catalog/index.ts';
import type { Entitlement } from '../codes/entitlement.ts';
import {
  type AuthorizationStatus,
  type DeviceState,
  type LicenseStatus,
  installedOf,
  pendingOf,
  totalUsage,
} from './device-state.ts';
import { evaluationRemaining } from './evaluation.ts';
import { acceptsVersionIndependent } from './software-version.ts';
import { termState } from './term-expiry.ts';

export interface LicenseLine {
  tag: string;
  displayName: string;
  description: string;
  /** Reserved count; null under PLR (everything, up to the platform's capacity). */
  reserved: number | null;
  inUse: number;
  status: LicenseStatus;
  licenseType?: string;
  /** ISO day; for dated licenses, the last end date among the tag's lines. */
  endDate?: string;
  exportControlled?: boolean;
  /** Consumption counted against a reserved version-independent licence (its tag). */
  coveredBy?: string;
}

function inUseOf(state: DeviceState, tag: string): number {
  return state.usage.find((u) => u.tag === tag)?.count ?? 0;
}

function groupByTag(entitlements: Entitlement[]): Map<string, Entitlement[]> {
  const groups = new Map<string, Entitlement[]>();
  for (const e of entitlements) groups.set(e.tag, [...(groups.get(e.tag) ?? []), e]);
  return groups;
}

function reservedLine(
  state: DeviceState,
  tag: string,
  lines: Entitlement[],
  now: number,
  covered = 0,
) {
  const states = lines.map((e) => termState(e, state.product, now, state.bootedAt));
  const validCount = lines.reduce(
    (sum, e, i) => (states[i] === 'expired' ? sum : sum + e.count),
    0,
  );
  const allExpired = states.every((s) => s === 'expired');
  const inUse = inUseOf(state, tag) + covered;
  const status: LicenseStatus = allExpired
    ? 'Expired'
    : inUse === 0
      ? 'Init'
      : inUse <= validCount
        ? 'InCompliance'
        : 'OutOfCompliance';
  const first = lines[0]!;
  const line: LicenseLine = {
    tag,
    displayName: first.displayName || usageName(state, tag),
    description: first.description,
    reserved: allExpired ? lines.reduce((sum, e) => sum + e.count, 0) : validCount,
    inUse,
    status,
    licenseType: first.licenseType,
  };
  const ends = lines.map((e) => e.endDate).filter((d): d is string => d !== undefined);
  if (ends.length > 0) line.endDate = ends.sort().at(-1)!;
  if (lines.some((e) => e.exportControlled)) line.exportControlled = true;
  return line;
}

function usageName(state: DeviceState, tag: string): string {
  return state.usage.find((u) => u.tag === tag)?.displayName ?? '';
}

function consumedLine(
  state: DeviceState,
  tag: string,
  status: LicenseStatus,
  reserved: number | null = 0,
): LicenseLine {
  return {
    tag,
    displayName: usageName(state, tag),
    description: '',
    reserved,
    inUse: inUseOf(state, tag),
    status,
  };
}

/** Every reserved license and every consumed one, reserved first, in the order they appear. */
export function licenseLines(state: DeviceState, now: number): LicenseLine[] {
  const installed = installedOf(state);
  const consumed = state.usage.filter((u) => u.count > 0).map((u) => u.tag);
  if (installed === null) {
    const status: LicenseStatus =
      pendingOf(state) !== null
        ? 'Waiting'
        : evaluationRemaining(state.evaluation, now) > 0
          ? 'Evaluation Mode'
          : 'Evaluation Expired';
    return consumed.map((tag) => consumedLine(state, tag, status));
  }
  if (installed.type === 'PLR')
    return consumed.map((tag) => consumedLine(state, tag, 'InCompliance', null));
  const groups = groupByTag(installed.entitlements);
  const coverer = coveringLicences(state, groups);
  const covered = new Map<string, number>();
  for (const tag of consumed) {
    const by = groups.has(tag) ? undefined : coverer.get(tag);
    if (by !== undefined) covered.set(by, (covered.get(by) ?? 0) + inUseOf(state, tag));
  }
  const lines = [...groups].map(([tag, group]) =>
    reservedLine(state, tag, group, now, covered.get(tag)),
  );
  for (const tag of consumed) {
    if (groups.has(tag)) continue;
    const by = coverer.get(tag);
    const line = by === undefined ? undefined : lines.find((l) => l.tag === by);
    if (!line) {
      lines.push(consumedLine(state, tag, 'Not Authorized'));
      continue;
    }
    const status: LicenseStatus =
      line.status === 'InCompliance' || line.status === 'OutOfCompliance'
        ? line.status
        : 'Not Authorized';
    lines.push({ ...consumedLine(state, tag, status), coveredBy: by });
  }
  return lines;
}

/** 12.x tag → the reserved version-independent licence that covers it, where the release takes it. */
function coveringLicences(state: DeviceState, groups: Map<string, Entitlement[]>) {
  const out = new Map<string, string>();
  if (!acceptsVersionIndependent(state)) return out;
  for (const tag of groups.keys()) {
    for (const older of VERSION_INDEPENDENT_COVERAGE[tag] ?? []) out.set(older, tag);
  }
  return out;
}

/**
 * The overall status. Nothing installed: the evaluation decides. SLR: an expired license still in
 * use is worse than a shortage, which is worse than nothing wrong.
 */
export function authorizationStatus(
  state: DeviceState,
  lines: LicenseLine[],
  now: number,
): AuthorizationStatus {
  const installed = installedOf(state);
  if (installed === null) {
    if (evaluationRemaining(state.evaluation, now) <= 0) return 'Evaluation Expired';
    return totalUsage(state) === 0 ? 'No Licenses in Use' : 'Evaluation Mode';
  }
  if (installed.type === 'PLR') return 'Authorized - Reserved';
  if (lines.some((l) => l.status === 'Expired' && l.inUse > 0)) return 'Authorization Expired';
  if (lines.some((l) => l.status === 'OutOfCompliance' || l.status === 'Not Authorized'))
    return 'Out of Compliance';
  return 'Authorized - Reserved';
}
