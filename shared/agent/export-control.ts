// Export control: whether export-controlled functionality is allowed, and Expressway's limit on
// encrypted sessions when it is not.
//
// The Expressway guide: 2500 encrypted calls and registrations (2244 with WebRTC enabled, since
// WebRTC may hold 256), alarms at 90 % and 100 %, and once the limit was reached new sessions are
// admitted again only below 99 % (2475 of 2500), so usage hovering at the limit does not flap.

import {
  type DeviceState,
  type EncryptedSessions,
  type ExportControlStatus,
  installedOf,
} from './device-state.ts';
import { termState } from './term-expiry.ts';

export const ENCRYPTED_SESSION_LIMIT = 2500;
export const ENCRYPTED_SESSION_LIMIT_WEBRTC = 2244;

export function exportControlStatus(state: DeviceState, now: number): ExportControlStatus {
  const installed = installedOf(state);
  if (installed === null) return 'Not Allowed';
  if (installed.type === 'PLR') return installed.exportControl ? 'Allowed' : 'Not Allowed';
  const allowed = installed.entitlements.some(
    (e) =>
      e.exportControlled === true &&
      e.count > 0 &&
      termState(e, state.product, now, state.bootedAt) !== 'expired',
  );
  return allowed ? 'Allowed' : 'Not Allowed';
}

/** The encrypted-session limit in force, or null where none applies (UCM, or export allowed). */
export function encryptedSessionLimit(state: DeviceState, now: number): number | null {
  if (state.product !== 'expressway' || exportControlStatus(state, now) === 'Allowed') return null;
  return state.webRtc ? ENCRYPTED_SESSION_LIMIT_WEBRTC : ENCRYPTED_SESSION_LIMIT;
}

export function isApproachingLimit(active: number, limit: number): boolean {
  return active * 100 >= limit * 90;
}

export function isBelowReadmission(active: number, limit: number): boolean {
  return active * 100 < limit * 99;
}

/** The limit flag after a change of count or limit: set at the limit, cleared only below 99 %. */
export function settleSessions(
  sessions: EncryptedSessions,
  limit: number | null,
): EncryptedSessions {
  if (limit === null) return { active: sessions.active, limitReached: false };
  if (sessions.active >= limit) return { active: sessions.active, limitReached: true };
  if (sessions.limitReached && isBelowReadmission(sessions.active, limit))
    return { active: sessions.active, limitReached: false };
  return { ...sessions };
}

export interface Admission {
  admitted: number;
  refused: number;
  sessions: EncryptedSessions;
}

export function admitSessions(
  sessions: EncryptedSessions,
  limit: number | null,
  requested: number,
): Admission {
  const before = settleSessions(sessions, limit);
  if (limit === null) {
    return {
      admitted: requested,
      refused: 0,
      sessions: { active: before.active + requested, limitReached: false },
    };
  }
  const room = before.limitReached ? 0 : Math.max(0, limit - before.active);
  const admitted = Math.min(requested, room);
  return {
    admitted,
    refused: requested - admitted,
    sessions: settleSessions(
      { active: before.active + admitted, limitReached: before.limitReached },
      limit,
    ),
  };
}

export function endSessions(
  sessions: EncryptedSessions,
  limit: number | null,
  ended: number,
): EncryptedSessions {
  return settleSessions(
    { active: sessions.active - ended, limitReached: sessions.limitReached },
    limit,
  );
}
