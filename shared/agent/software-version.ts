// A product's software release, and what it allows: CUCM takes version-independent licences from
// release 14 (seeds 000 and 004, "バージョンに依存しないライセンス": "this section applies to release 14
// and later") and Permanent License Reservation from 14SU3 (seed 000, "永久ライセンス予約対応システムの
// バージョン 14SU3 へのアップグレード"). A device whose release is not known is taken to be current.

import { DomainError } from '../errors.ts';
import type { DeviceState, Product } from './device-state.ts';

export interface UcmRelease {
  major: number;
  minor: number;
  /** Service update: `14SU3` → 3; none → 0. */
  su: number;
}

const UCM_VERSION = /^(\d{1,2})(?:\.(\d{1,2}))?(?:\s*SU(\d{1,2}))?$/i;
const EXPRESSWAY_VERSION = /^X\d{1,2}(?:\.\d{1,2}){0,2}$/;

export const PLR_FIRST_UCM_RELEASE = '14SU3';
export const VERSION_INDEPENDENT_FIRST_UCM_RELEASE = '14';

export function parseUcmRelease(text: string): UcmRelease | null {
  const m = UCM_VERSION.exec(text.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), su: Number(m[3] ?? 0) };
}

/** Negative, zero or positive as `a` is older than, the same as, or newer than `b`. */
export function compareUcmReleases(a: UcmRelease, b: UcmRelease): number {
  return a.major - b.major || a.minor - b.minor || a.su - b.su;
}

/** The release as the product writes it (`14SU3`, `12.5`); throws SOFTWARE_VERSION_INVALID. */
export function validateSoftwareVersion(product: Product, text: string): string {
  const clean = typeof text === 'string' ? text.trim() : '';
  if (product === 'ucm') {
    const release = parseUcmRelease(clean);
    if (release) {
      const base = release.minor ? `${release.major}.${release.minor}` : `${release.major}`;
      return release.su ? `${base}SU${release.su}` : base;
    }
  } else if (EXPRESSWAY_VERSION.test(clean)) return clean;
  throw new DomainError('SOFTWARE_VERSION_INVALID', { product, version: clean });
}

function ucmAtLeast(state: DeviceState, first: string): boolean {
  if (state.product !== 'ucm' || state.softwareVersion === undefined) return true;
  const release = parseUcmRelease(state.softwareVersion);
  return release === null || compareUcmReleases(release, parseUcmRelease(first)!) >= 0;
}

/** CUCM before 14SU3 cannot install a Permanent License Reservation. */
export function supportsPlr(state: DeviceState): boolean {
  return ucmAtLeast(state, PLR_FIRST_UCM_RELEASE);
}

/** CUCM before 14 cannot use version-independent licences. */
export function acceptsVersionIndependent(state: DeviceState): boolean {
  return state.product === 'ucm' && ucmAtLeast(state, VERSION_INDEPENDENT_FIRST_UCM_RELEASE);
}

/** Whether `next` is a newer release than the device runs (anything is, when it is not known). */
export function isUpgrade(state: DeviceState, next: string): boolean {
  if (state.softwareVersion === undefined) return true;
  if (state.product !== 'ucm') return next !== state.softwareVersion;
  const from = parseUcmRelease(state.softwareVersion);
  const to = parseUcmRelease(next);
  return from === null || to === null || compareUcmReleases(to, from) > 0;
}

/** A release upgrade the CUCM guide describes with a reservation (seed 000), and its target. */
export interface UpgradePath {
  kind: 'version-independent' | 'plr';
  target: string;
}

/**
 * The upgrade paths a device can still take: to 14 for version-independent licences, to 14SU3
 * for PLR. Offered only when the release is known and older (a current release needs neither).
 */
export function upgradePaths(product: Product, softwareVersion: string | null): UpgradePath[] {
  if (product !== 'ucm' || softwareVersion === null) return [];
  const release = parseUcmRelease(softwareVersion);
  if (release === null) return [];
  const paths: UpgradePath[] = [];
  if (compareUcmReleases(release, parseUcmRelease(VERSION_INDEPENDENT_FIRST_UCM_RELEASE)!) < 0)
    paths.push({ kind: 'version-independent', target: VERSION_INDEPENDENT_FIRST_UCM_RELEASE });
  if (compareUcmReleases(release, parseUcmRelease(PLR_FIRST_UCM_RELEASE)!) < 0)
    paths.push({ kind: 'plr', target: PLR_FIRST_UCM_RELEASE });
  return paths;
}
