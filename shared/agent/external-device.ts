// The operator's ledger for a real device: records each code it printed or received after checking
// its shape and UDI, says what the device waits for, and gives the exact command to paste.
//
// Cisco's own codes are welcome but only partly checkable (their check groups and signatures need
// Cisco's algorithms and key); what could not be checked is written down as a note, never hidden.

import { confirmationCodeFor, decodeConfirmationCode } from '../codes/confirmation-code.ts';
import { decodeRequestCode } from '../codes/request-code.ts';
import { DomainError, ensure } from '../errors.ts';
import type { Clock, Hasher, Verifier } from '../ports.ts';
import { type CommandArguments, type DeviceAction, deviceCommand } from './device-commands.ts';
import {
  checkAuthorization,
  checkReturn,
  ensureNewer,
  ensureUdiMatches,
  readAuthorization,
} from './external-checks.ts';
import type {
  ExternalDeviceState,
  ExternalStage,
  LedgerAction,
  LedgerNote,
  RecordedAuthorization,
} from './external-device-state.ts';

export interface LedgerPorts {
  clock: Clock;
  hasher: Hasher;
  /** If given, Airlock-issued authorization codes are signature-checked too. */
  verifier?: Verifier;
}

export type ExternalWaitingFor =
  'request-code' | 'authorization-code' | 'install' | 'confirmation-code' | 'nothing';

export interface ExternalStatus {
  stage: ExternalStage;
  waitingFor: ExternalWaitingFor;
  /** The commands to paste next, in order (empty when nothing is to be typed on the device). */
  commands: string[];
  notes: LedgerNote[];
}

/** Where the install line tells an IOS-XE operator to copy the authorization code's plain file. */
export const IOS_XE_CODE_FILE = 'usbflash0:authorization-code.txt';

export class ExternalDevice {
  constructor(
    readonly state: ExternalDeviceState,
    private readonly ports: LedgerPorts,
  ) {}

  recordRequest(raw: string): { code: string } {
    const progress = this.state.progress;
    ensure(progress.stage !== 'installed', 'RESERVATION_INSTALLED');
    ensure(
      !(progress.stage === 'authorization-received' && progress.replaces),
      'RESERVATION_INSTALLED',
    );
    const request = decodeRequestCode(raw);
    ensureUdiMatches(request.udi, this.state.udi, request.origin === 'cisco');
    const notes: LedgerNote[] = [];
    if (request.origin === 'cisco') notes.push('CISCO_REQUEST_CHECK_UNVERIFIABLE');
    if (progress.stage === 'authorization-received') notes.push('AUTHORIZATION_NOT_RETURNED');
    const now = this.ports.clock.now();
    this.state.progress = {
      stage: 'request-recorded',
      request: {
        code: request.text,
        nonce: request.nonce,
        origin: request.origin,
        recordedAt: now,
      },
    };
    this.log('request', now, request.text, notes);
    return { code: request.text };
  }

  recordAuthorization(raw: string): { type: 'SLR' | 'PLR'; update: boolean; notes: LedgerNote[] } {
    const progress = this.state.progress;
    ensure(
      progress.stage === 'request-recorded' ||
        progress.stage === 'authorization-received' ||
        progress.stage === 'installed',
      'NO_REQUEST_RECORDED',
    );
    const read = readAuthorization(raw);
    const notes: LedgerNote[] = [];
    const now = this.ports.clock.now();
    let recorded: RecordedAuthorization;
    if (read.kind === 'cisco-grouped') {
      notes.push('PLR_UDI_NOT_CHECKABLE', 'CISCO_SIGNATURE_UNVERIFIABLE');
      recorded = {
        code: read.code,
        type: 'PLR',
        origin: 'cisco',
        digest: null,
        piid: null,
        sequence: null,
        udiChecked: false,
        recordedAt: now,
      };
    } else {
      const nonce = progress.request.origin === 'airlock' ? progress.request.nonce : null;
      recorded = checkAuthorization(read.auth, this.state.udi, nonce, this.ports, notes, now);
    }
    const installed =
      progress.stage === 'installed'
        ? progress.authorization
        : progress.stage === 'authorization-received'
          ? progress.replaces
          : null;
    if (installed) ensureNewer(recorded, installed);
    this.state.progress = {
      stage: 'authorization-received',
      request: progress.request,
      authorization: recorded,
      replaces: installed,
    };
    this.log('authorization', now, recorded.code, notes);
    return { type: recorded.type, update: installed !== null, notes };
  }

  /** SLR: the device printed its confirmation code, so the authorization is installed. */
  recordConfirmation(raw: string): { code: string } {
    const progress = this.state.progress;
    ensure(progress.stage === 'authorization-received', 'NO_AUTHORIZATION_RECORDED');
    const authorization = progress.authorization;
    ensure(authorization.type === 'SLR', 'PLR_HAS_NO_CONFIRMATION');
    const code = decodeConfirmationCode(raw);
    if (authorization.origin === 'airlock' && authorization.digest !== null) {
      const expected = confirmationCodeFor(authorization.digest, this.state.udi, this.ports.hasher);
      ensure(code === expected, 'CONFIRMATION_CODE_MISMATCH');
    }
    const now = this.ports.clock.now();
    this.state.progress = {
      stage: 'installed',
      request: progress.request,
      authorization,
      confirmationCode: code,
    };
    this.state.lastConfirmationCode = code;
    this.log('confirmation', now, code, []);
    return { code };
  }

  /** PLR prints no confirmation code: the operator says it is installed. */
  markInstalled(): void {
    const progress = this.state.progress;
    ensure(progress.stage === 'authorization-received', 'NO_AUTHORIZATION_RECORDED');
    ensure(progress.authorization.type === 'PLR', 'CONFIRMATION_REQUIRED');
    const now = this.ports.clock.now();
    this.state.progress = {
      stage: 'installed',
      request: progress.request,
      authorization: progress.authorization,
      confirmationCode: null,
    };
    this.log('installed', now, undefined, []);
  }

  recordCancel(): void {
    const progress = this.state.progress;
    const cancellable =
      progress.stage === 'request-recorded' ||
      (progress.stage === 'authorization-received' && progress.replaces === null);
    ensure(cancellable, 'NO_PENDING_REQUEST');
    const notes: LedgerNote[] =
      progress.stage === 'authorization-received' ? ['AUTHORIZATION_NOT_RETURNED'] : [];
    this.state.progress = { stage: 'new' };
    this.log('cancel', this.ports.clock.now(), undefined, notes);
  }

  /** A return code the device printed, for its installed authorization or one never installed. */
  recordReturn(raw: string): { code: string; notes: LedgerNote[] } {
    const progress = this.state.progress;
    const candidates =
      progress.stage === 'installed'
        ? [progress.authorization]
        : progress.stage === 'authorization-received'
          ? [progress.replaces, progress.authorization].filter((a) => a !== null)
          : [];
    const notes: LedgerNote[] = [];
    const request =
      progress.stage === 'installed' || progress.stage === 'authorization-received'
        ? progress.request
        : null;
    const requestNonce = request?.origin === 'airlock' ? request.nonce : null;
    const { code, answers } = checkReturn(
      raw,
      this.state.udi,
      candidates,
      { hasher: this.ports.hasher, requestNonce },
      notes,
    );
    const now = this.ports.clock.now();
    if (
      progress.stage === 'authorization-received' &&
      progress.replaces &&
      answers === progress.authorization
    ) {
      // The update was returned uninstalled: the device still runs what it ran.
      this.state.progress = {
        stage: 'installed',
        request: progress.request,
        authorization: progress.replaces,
        confirmationCode: this.state.lastConfirmationCode,
      };
    } else if (candidates.length > 0) {
      this.state.progress = {
        stage: 'return-recorded',
        returnCode: code,
        returned: answers ?? candidates[0]!,
      };
    } else {
      notes.push('RETURN_NOT_MATCHED');
    }
    this.state.lastReturnCode = code;
    this.log('return', now, code, notes);
    return { code, notes };
  }

  commandFor(action: DeviceAction, args: CommandArguments = {}): string {
    return deviceCommand(this.state.platform, action, args);
  }

  status(): ExternalStatus {
    const progress = this.state.progress;
    const notes = [...new Set(this.state.history.at(-1)?.notes ?? [])];
    const command = (action: DeviceAction, args?: CommandArguments): string[] => {
      try {
        return [this.commandFor(action, args)];
      } catch (error) {
        if (error instanceof DomainError) return [];
        throw error;
      }
    };
    switch (progress.stage) {
      case 'new':
      case 'return-recorded':
        return {
          stage: progress.stage,
          waitingFor: 'request-code',
          commands: [...command('enable'), ...command('request')],
          notes,
        };
      case 'request-recorded':
        return { stage: progress.stage, waitingFor: 'authorization-code', commands: [], notes };
      case 'authorization-received':
        return {
          stage: progress.stage,
          waitingFor: progress.authorization.type === 'SLR' ? 'confirmation-code' : 'install',
          // IOS-XE takes an XML code only from a file: show that line, with where to put the file.
          commands: (() => {
            const inline = command('install', { code: progress.authorization.code });
            return inline.length > 0
              ? inline
              : command('install-file', { fileUrl: IOS_XE_CODE_FILE });
          })(),
          notes,
        };
      case 'installed':
        return { stage: progress.stage, waitingFor: 'nothing', commands: [], notes };
    }
  }

  private log(
    action: LedgerAction,
    at: number,
    code: string | undefined,
    notes: LedgerNote[],
  ): void {
    this.state.history.push(
      code === undefined ? { at, action, notes } : { at, action, code, notes },
    );
  }
}
