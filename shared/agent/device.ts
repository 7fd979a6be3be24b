// The emulated product's Smart Agent: the reservation state machine, worked in place on its state.
//
// Each operation validates everything first and throws DomainError(code, facts) without touching
// the state; only then does it account for the time that passed, change the state, and settle
// the evaluation clock and alarms (timeline.ts). `status()` is a pure read.

import { catalogDisplayName } from '../catalog/index.ts';
import { encodeRequestCode } from '../codes/request-code.ts';
import { ensure } from '../errors.ts';
import type { Clock, Hasher, Random, Verifier } from '../ports.ts';
import { type Moment, momentOf } from './clock-honesty.ts';
import type { DeviceState } from './device-state.ts';
import { type BlockReason, provisioningBlock } from './enforcement.ts';
import { admitSessions, encryptedSessionLimit, endSessions } from './export-control.ts';
import { type CheckContext, planInstall, planReturnAuthorization } from './install.ts';
import { type DeviceStatus, deviceStatus } from './status.ts';
import { isUpgrade, validateSoftwareVersion } from './software-version.ts';
import { installedReturnCode, newReturnKey, unusedReturnCode } from './return-keys.ts';
import { recordSyslog } from './syslog.ts';
import { stoppingAtRestart } from './term-expiry.ts';
import { type AgentEvent, type AgentEventType, advance, settle } from './timeline.ts';

export interface AgentPorts {
  clock: Clock;
  random: Random;
  hasher: Hasher;
  /** The trusted authority's public key; without it nothing can be installed. */
  verifier?: Verifier;
}

export interface InstallResult {
  type: 'SLR' | 'PLR';
  update: boolean;
  digest: string;
  /** SLR only: what the operator carries back to the authority. */
  confirmationCode?: string;
}

export interface SessionAdmission {
  admitted: number;
  refused: number;
  /** Why sessions were refused: the export-control limit, or the device's provisioning block. */
  refusedBecause?: 'export-limit' | BlockReason;
  active: number;
  limit: number | null;
}

const TAG = /^[\x21-\x7e]{1,256}$/;

function ensureCount(value: number, code: string, field: string): void {
  ensure(Number.isSafeInteger(value) && value >= 0, code, { field, value: String(value) });
}

export class ProductAgent {
  private events: AgentEvent[] = [];

  constructor(
    readonly state: DeviceState,
    private readonly ports: AgentPorts,
  ) {}

  enable(): { changed: boolean } {
    const t = this.moment();
    if (this.state.reservation.mode !== 'disabled') return { changed: false };
    return this.commit(t, () => {
      this.state.reservation = { mode: 'enabled', pending: null };
      this.emit('reservation-enabled', t);
      return { changed: true };
    });
  }

  disable(): { changed: boolean } {
    const t = this.moment();
    const r = this.state.reservation;
    if (r.mode === 'disabled') return { changed: false };
    ensure(r.mode !== 'reserved', 'RESERVATION_INSTALLED');
    ensure(r.pending === null, 'REQUEST_PENDING', { requestCode: r.pending?.code });
    return this.commit(t, () => {
      this.state.reservation = { mode: 'disabled' };
      this.emit('reservation-disabled', t);
      return { changed: true };
    });
  }

  /** Idempotent while a request is pending: the same code again. */
  request(): { requestCode: string; reused: boolean } {
    const t = this.moment();
    const r = this.state.reservation;
    ensure(r.mode !== 'disabled', 'RESERVATION_NOT_ENABLED');
    ensure(r.mode !== 'reserved', 'ALREADY_REGISTERED');
    if (r.pending !== null) {
      const code = r.pending.code;
      return this.commit(t, () => ({ requestCode: code, reused: true }));
    }
    // The nonce commits to a secret only this device keeps: its return codes open it.
    const key = newReturnKey(this.state, this.ports.random, this.ports.hasher);
    const nonce = key.nonce;
    const requestCode = encodeRequestCode(this.state.udi, nonce);
    return this.commit(t, () => {
      (this.state.returnKeys ??= []).push(key);
      this.state.reservation = {
        mode: 'enabled',
        pending: { nonce, code: requestCode, requestedAt: t.now },
      };
      this.emit('request-created', t, { requestCode });
      return { requestCode, reused: false };
    });
  }

  cancel(): { cancelledRequestCode: string } {
    const t = this.moment();
    const r = this.state.reservation;
    ensure(r.mode !== 'disabled', 'RESERVATION_NOT_ENABLED');
    ensure(r.mode === 'enabled' && r.pending !== null, 'NO_PENDING_REQUEST', {
      installed: r.mode === 'reserved',
    });
    const pending = r.pending;
    return this.commit(t, () => {
      this.state.cancelledNonces.push(pending.nonce);
      this.state.reservation = { mode: 'enabled', pending: null };
      this.emit('request-cancelled', t, { requestCode: pending.code });
      return { cancelledRequestCode: pending.code };
    });
  }

  install(code: string): InstallResult {
    const t = this.moment();
    const plan = planInstall(this.state, code, this.checkContext(t));
    return this.commit(t, () => {
      const installed = plan.installed;
      const previous = this.state.reservation;
      // The code an update replaces was installed once: it can never be "returned unused".
      if (plan.update && previous.mode === 'reserved') {
        (this.state.supersededDigests ??= []).push(previous.installed.digest);
      }
      this.state.reservation = { mode: 'reserved', installed };
      const result: InstallResult = {
        type: installed.type,
        update: plan.update,
        digest: installed.digest,
      };
      if (installed.type === 'SLR') {
        this.state.lastConfirmationCode = installed.confirmationCode;
        result.confirmationCode = installed.confirmationCode;
      }
      this.emit(plan.update ? 'authorization-updated' : 'authorization-installed', t, {
        type: installed.type,
        sequence: installed.sequence,
        digest: installed.digest,
        confirmationCode: result.confirmationCode,
      });
      return result;
    });
  }

  /** Removes the installed authorization and prints the code that releases it at the authority. */
  returnReservation(): { returnCode: string } {
    const t = this.moment();
    const r = this.state.reservation;
    ensure(r.mode !== 'disabled', 'RESERVATION_NOT_ENABLED');
    ensure(r.mode === 'reserved', 'NO_RESERVATION_INSTALLED');
    const installed = r.installed;
    const returnCode = installedReturnCode(this.state, installed, this.ports.hasher, t.now);
    return this.commit(t, () => {
      this.state.reservation = { mode: 'enabled', pending: null };
      this.remember(installed.digest, returnCode);
      this.emit('reservation-returned', t, { digest: installed.digest, returnCode });
      return { returnCode };
    });
  }

  /**
   * A return code for an authorization that was never installed (e.g. after a cancel, or an update
   * not wanted). For a request with a return key, what the code may prove is in return-keys.ts.
   */
  returnAuthorization(code: string): { returnCode: string } {
    const t = this.moment();
    const { auth, digest } = planReturnAuthorization(this.state, code, this.checkContext(t));
    const returnCode = unusedReturnCode(this.state, auth, digest, this.ports.hasher, t.now);
    return this.commit(t, () => {
      this.remember(digest, returnCode);
      this.emit('authorization-returned', t, { digest, returnCode });
      return { returnCode };
    });
  }

  /**
   * Simulated consumption of one license tag (0 stops consuming it). Once the evaluation or the
   * overage period is spent, new users and devices are refused: consumption may only go down.
   */
  setUsage(tag: string, count: number, displayName?: string): void {
    const t = this.moment();
    ensure(typeof tag === 'string' && TAG.test(tag), 'USAGE_INVALID', { field: 'tag' });
    ensureCount(count, 'USAGE_INVALID', 'count');
    const known = this.state.usage.find((u) => u.tag === tag);
    const inUse = known?.count ?? 0;
    const name = displayName || known?.displayName || catalogDisplayName(tag);
    const blocked = count > inUse ? provisioningBlock(this.state, t.now) : null;
    ensure(blocked === null, 'PROVISIONING_BLOCKED', {
      reason: blocked ?? undefined,
      product: this.state.product,
      tag,
      displayName: name,
      inUse,
      requested: count,
    });
    this.commit(t, () => {
      const usage = this.state.usage;
      const index = usage.findIndex((u) => u.tag === tag);
      const entry = index >= 0 ? usage[index]! : { tag, count: 0 };
      entry.count = count;
      if (name) entry.displayName = name;
      if (index < 0 && count > 0) usage.push(entry);
      if (index >= 0 && count === 0) usage.splice(index, 1);
      this.emit('usage-changed', t, { tag, count });
    });
  }

  /** A restart: Expressway enforces TERM expiry here; active sessions drop. */
  restart(): { stopped: string[] } {
    const t = this.moment();
    const stopped = stoppingAtRestart(this.state, t.now);
    return this.commit(t, () => {
      this.state.bootedAt = t.now;
      this.state.encryptedSessions = { active: 0, limitReached: false };
      this.emit('restarted', t, { stopped: stopped.join(' ') || undefined });
      return { stopped };
    });
  }

  /** Records the current time: evaluation accounting, warnings, clock set back, alarms. */
  observeTime(): { now: number; clockSetBack: boolean } {
    const t = this.moment();
    return this.commit(t, () => ({ now: t.now, clockSetBack: t.setBack }));
  }

  setWebRtc(enabled: boolean): void {
    const t = this.moment();
    ensure(this.state.product === 'expressway', 'SESSIONS_NOT_APPLICABLE', {
      product: this.state.product,
    });
    this.commit(t, () => {
      this.state.webRtc = enabled;
    });
  }

  /**
   * Expressway: new encrypted calls/registrations, admitted up to the export-control limit; none
   * once the evaluation is spent and nothing is installed (seed 001: unregistered after the
   * evaluation, "新しいデバイスを登録することはできません").
   */
  admitEncryptedSessions(count: number): SessionAdmission {
    const t = this.moment();
    ensure(this.state.product === 'expressway', 'SESSIONS_NOT_APPLICABLE', {
      product: this.state.product,
    });
    ensureCount(count, 'SESSION_COUNT_INVALID', 'count');
    return this.commit(t, () => this.admit(t, count));
  }

  /**
   * Expressway: brings the encrypted sessions to `active` (new ones admitted as the limit and the
   * provisioning block allow, or sessions ended), with WebRTC switched on or off first if given.
   */
  setEncryptedSessions(active: number, webRtc?: boolean): SessionAdmission {
    const t = this.moment();
    ensure(this.state.product === 'expressway', 'SESSIONS_NOT_APPLICABLE', {
      product: this.state.product,
    });
    ensureCount(active, 'SESSION_COUNT_INVALID', 'count');
    return this.commit(t, () => {
      if (webRtc !== undefined && webRtc !== this.state.webRtc) {
        this.state.webRtc = webRtc;
        this.emit('webrtc-changed', t, { webRtc });
      }
      const current = this.state.encryptedSessions.active;
      if (active >= current) return this.admit(t, active - current);
      const limit = encryptedSessionLimit(this.state, t.now);
      this.state.encryptedSessions = endSessions(
        this.state.encryptedSessions,
        limit,
        current - active,
      );
      this.emit('sessions-changed', t, { ended: current - active });
      return { admitted: 0, refused: 0, active: this.state.encryptedSessions.active, limit };
    });
  }

  private admit(t: Moment, count: number): SessionAdmission {
    const limit = encryptedSessionLimit(this.state, t.now);
    const blocked = count > 0 ? provisioningBlock(this.state, t.now) : null;
    const admission = blocked
      ? { admitted: 0, refused: count, sessions: this.state.encryptedSessions }
      : admitSessions(this.state.encryptedSessions, limit, count);
    this.state.encryptedSessions = { ...admission.sessions };
    this.emit('sessions-changed', t, { admitted: admission.admitted, refused: admission.refused });
    const result: SessionAdmission = {
      admitted: admission.admitted,
      refused: admission.refused,
      active: admission.sessions.active,
      limit,
    };
    if (admission.refused > 0) result.refusedBecause = blocked ?? 'export-limit';
    return result;
  }

  /**
   * The product is upgraded to another release (the operator did it outside; the emulated device
   * records it). What it may install or use follows the release: software-version.ts.
   */
  upgrade(version: string): { from: string | null; to: string } {
    const t = this.moment();
    const to = validateSoftwareVersion(this.state.product, version);
    ensure(isUpgrade(this.state, to), 'UPGRADE_NOT_NEWER', {
      from: this.state.softwareVersion,
      to,
    });
    const from = this.state.softwareVersion ?? null;
    return this.commit(t, () => {
      this.state.softwareVersion = to;
      this.emit('upgraded', t, { from: from ?? undefined, to });
      return { from, to };
    });
  }

  endEncryptedSessions(count: number): { active: number } {
    const t = this.moment();
    ensure(this.state.product === 'expressway', 'SESSIONS_NOT_APPLICABLE', {
      product: this.state.product,
    });
    ensureCount(count, 'SESSION_COUNT_INVALID', 'count');
    const active = this.state.encryptedSessions.active;
    ensure(count <= active, 'SESSION_COUNT_INVALID', {
      field: 'count',
      value: String(count),
      active,
    });
    return this.commit(t, () => {
      const limit = encryptedSessionLimit(this.state, t.now);
      this.state.encryptedSessions = endSessions(this.state.encryptedSessions, limit, count);
      this.emit('sessions-changed', t, { ended: count });
      return { active: this.state.encryptedSessions.active };
    });
  }

  status(): DeviceStatus {
    return deviceStatus(this.state, this.moment());
  }

  /** What happened since the last drain, oldest first, for the site's log. */
  drainEvents(): AgentEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  private moment(): Moment {
    return momentOf(this.ports.clock.now(), this.state.latestSeenAt);
  }

  private checkContext(t: Moment): CheckContext {
    return { hasher: this.ports.hasher, verifier: this.ports.verifier, now: t.now };
  }

  private commit<T>(t: Moment, change: () => T): T {
    const first = this.events.length;
    advance(this.state, t, this.events);
    const result = change();
    settle(this.state, t, this.events);
    recordSyslog(this.state, this.events.slice(first));
    return result;
  }

  private remember(digest: string, returnCode: string): void {
    if (!this.state.returnedDigests.includes(digest)) this.state.returnedDigests.push(digest);
    this.state.lastReturnCode = returnCode;
  }

  private emit(type: AgentEventType, t: Moment, facts: AgentEvent['facts'] = {}): void {
    const clean = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
    this.events.push({ type, at: t.now, facts: clean });
  }
}
