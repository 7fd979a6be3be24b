// The authority's stored state: smart account, virtual accounts with their pools, product instances.
//
// Plain JSON, worked on in place by AuthorityLedger. Each pool entry carries running totals of
// what instances hold, kept up to date by every operation, so nothing ever rescans the instances.

import type { Udi } from '../codes/udi.ts';
import type { LicenseType, PlrVariant } from '../catalog/catalog.ts';

export const AUTHORITY_SCHEMA_VERSION = 1;

export interface PoolEntry {
  tag: string;
  displayName: string;
  description: string;
  type: LicenseType;
  purchased: number;
  /** ISO days; TERM always has both. */
  startDate?: string;
  endDate?: string;
  level?: number;
  /** The product release a user licence is for (`12`, `14`), from its catalog. */
  version?: string;
  /** The product type the licence is for (`UCL`, `EXPY`), from its catalog. */
  productType?: string;
  exportControlled?: boolean;
  plr?: PlrVariant;
  /** Σ of active instances' installed (current) counts. */
  reserved: number;
  /** Σ over in-transit instances of what the pending update asks above the current count. */
  inTransit: number;
}

export interface VirtualAccount {
  name: string;
  pool: Record<string, PoolEntry>;
}

/** A live authorization the authority issued, with its code so it can be downloaded again. */
export interface AuthorizationRecord {
  digest: string;
  sequence: number;
  issuedAt: number;
  code: string;
}

export type Reservation =
  { type: 'SLR'; sme: boolean } | { type: 'PLR'; exportControl: boolean; tag: string };

interface InstanceCommon {
  id: string;
  va: string;
  udi: Udi;
  udiKey: string;
  productType: string;
  reservation: Reservation;
  /** The licenses of the current authorization (for PLR: its PLR license, count 1). */
  licenses: Record<string, number>;
  /** The nonce of the request the instance was created from; every later code answers it. */
  requestNonce: string;
  current: AuthorizationRecord;
  /** The current authorization's confirmation code came back (always true for PLR). */
  confirmed: boolean;
  /** Highest sequence issued, including updates later withdrawn. */
  lastSequence: number;
  /** Digests of authorizations no longer live (superseded or returned): their return is stale. */
  retired: string[];
  createdAt: number;
  lastContact: number;
  rehostedFrom?: string;
}

export interface PendingUpdate {
  licenses: Record<string, number>;
  authorization: AuthorizationRecord;
}

export type InstanceRecord =
  | (InstanceCommon & { state: 'reserved' })
  | (InstanceCommon & { state: 'in-transit'; pending: PendingUpdate })
  | (InstanceCommon & { state: 'removed'; removedAt: number })
  | (InstanceCommon & {
      state: 'rehosted';
      rehostedTo: string;
      reason: string;
      rehostedAt: number;
    });

export type InstanceState = InstanceRecord['state'];
export type ActiveInstance = Extract<InstanceRecord, { state: 'reserved' | 'in-transit' }>;

export interface AuthorityState {
  schemaVersion: typeof AUTHORITY_SCHEMA_VERSION;
  smartAccount: { name: string; reservationEnabled: boolean };
  virtualAccounts: Record<string, VirtualAccount>;
  instances: Record<string, InstanceRecord>;
  /** udiKey → id of the instance that holds an active reservation for that UDI. */
  activeByUdi: Record<string, string>;
}

export function createAuthorityState(
  options: { smartAccount?: string; virtualAccounts?: string[] } = {},
): AuthorityState {
  const state: AuthorityState = {
    schemaVersion: AUTHORITY_SCHEMA_VERSION,
    smartAccount: { name: options.smartAccount ?? 'Smart Account', reservationEnabled: false },
    virtualAccounts: {},
    instances: {},
    activeByUdi: {},
  };
  for (const name of options.virtualAccounts ?? []) {
    state.virtualAccounts[name] = { name, pool: {} };
  }
  return state;
}

export function isActive(instance: InstanceRecord): instance is ActiveInstance {
  return instance.state === 'reserved' || instance.state === 'in-transit';
}
