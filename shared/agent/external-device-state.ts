// The ledger kept for a real CUCM / Expressway / IOS-XE box: Airlock is not its agent, only the
// operator's record of which code went where and what the device waits for.

import { type Udi, validateUdi } from '../codes/udi.ts';
import type { ExternalPlatform } from './device-commands.ts';

export const EXTERNAL_SCHEMA_VERSION = 1;

export type ExternalStage =
  'new' | 'request-recorded' | 'authorization-received' | 'installed' | 'return-recorded';

/** Why a recorded code could only be checked in part (or a loose end the operator should see). */
export type LedgerNote =
  | 'CISCO_REQUEST_CHECK_UNVERIFIABLE'
  | 'CISCO_SIGNATURE_UNVERIFIABLE'
  | 'SIGNATURE_NOT_CHECKED'
  | 'PLR_UDI_NOT_CHECKABLE'
  | 'AUTHORIZATION_NOT_RETURNED'
  | 'CISCO_RETURN_CODE_UNCHECKED'
  | 'RETURN_BINDING_UNCHECKED'
  | 'RETURN_NOT_MATCHED';

export interface RecordedRequest {
  code: string;
  nonce: string;
  origin: 'airlock' | 'cisco';
  recordedAt: number;
}

export interface RecordedAuthorization {
  code: string;
  type: 'SLR' | 'PLR';
  origin: 'airlock' | 'cisco';
  /** Hex digest naming it; null for a Cisco grouped PLR code, which cannot be decoded here. */
  digest: string | null;
  piid: string | null;
  sequence: number | null;
  udiChecked: boolean;
  recordedAt: number;
}

/** Where the device stands; each stage carries exactly what it needs. */
export type ExternalProgress =
  | { stage: 'new' }
  | { stage: 'request-recorded'; request: RecordedRequest }
  | {
      stage: 'authorization-received';
      request: RecordedRequest;
      authorization: RecordedAuthorization;
      /** Set when this is an update: what the device still runs until it installs the new one. */
      replaces: RecordedAuthorization | null;
    }
  | {
      stage: 'installed';
      request: RecordedRequest;
      authorization: RecordedAuthorization;
      confirmationCode: string | null;
    }
  | { stage: 'return-recorded'; returnCode: string; returned: RecordedAuthorization | null };

export type LedgerAction =
  'request' | 'authorization' | 'confirmation' | 'installed' | 'cancel' | 'return';

export interface LedgerEntry {
  at: number;
  action: LedgerAction;
  code?: string;
  notes: LedgerNote[];
}

export interface ExternalDeviceState {
  schemaVersion: typeof EXTERNAL_SCHEMA_VERSION;
  kind: 'external';
  udi: Udi;
  platform: ExternalPlatform;
  createdAt: number;
  progress: ExternalProgress;
  lastConfirmationCode: string | null;
  lastReturnCode: string | null;
  history: LedgerEntry[];
}

export function createExternalDeviceState({
  udi,
  platform,
  now,
}: {
  udi: Udi;
  platform: ExternalPlatform;
  now: number;
}): ExternalDeviceState {
  return {
    schemaVersion: EXTERNAL_SCHEMA_VERSION,
    kind: 'external',
    udi: validateUdi(udi),
    platform,
    createdAt: now,
    progress: { stage: 'new' },
    lastConfirmationCode: null,
    lastReturnCode: null,
    history: [],
  };
}
