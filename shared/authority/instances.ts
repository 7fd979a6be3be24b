// Product instances: how they are found, shown, named, and moved between states in place.

import { toHex } from '../codes/bytes.ts';
import { type Udi, instanceName } from '../codes/udi.ts';
import { DomainError } from '../errors.ts';
import type { Random } from '../ports.ts';
import { own } from './pool.ts';
import type {
  ActiveInstance,
  AuthorityState,
  InstanceRecord,
  InstanceState,
  PendingUpdate,
} from './state.ts';

export interface InstanceView {
  id: string;
  /** The UDI key (`P:Expressway,S:0B070519,V:1.0,H:320aa69d`). */
  udi: string;
  udiFields: Udi;
  /** As the authority lists it: `UDI_PID:Expressway; UDI_SN:0B070519; UDI_VID:1.0;`. */
  name: string;
  productType: string;
  va: string;
  state: InstanceState;
  reservationType: 'SLR' | 'PLR';
  /** PLR only: with (true) or without (false) Export Control. */
  exportControl?: boolean;
  sme: boolean;
  licenses: Record<string, number>;
  /** In transit: the counts the pending update asks for. */
  pendingLicenses?: Record<string, number>;
  /** Nothing left to confirm: the current authorization's confirmation came back (PLR: always). */
  confirmed: boolean;
  lastContact: number;
  createdAt: number;
  /** The latest live authorization code (the pending one while in transit), to download again. */
  authorizationCode: string;
  sequence: number;
  rehostedTo?: string;
  rehostedFrom?: string;
  reason?: string;
}

export function viewOf(instance: InstanceRecord): InstanceView {
  const latest =
    instance.state === 'in-transit' ? instance.pending.authorization : instance.current;
  const view: InstanceView = {
    id: instance.id,
    udi: instance.udiKey,
    udiFields: { ...instance.udi },
    name: instanceName(instance.udi),
    productType: instance.productType,
    va: instance.va,
    state: instance.state,
    reservationType: instance.reservation.type,
    sme: instance.reservation.type === 'SLR' && instance.reservation.sme,
    licenses: { ...instance.licenses },
    confirmed: instance.confirmed,
    lastContact: instance.lastContact,
    createdAt: instance.createdAt,
    authorizationCode: latest.code,
    sequence: latest.sequence,
  };
  if (instance.reservation.type === 'PLR') view.exportControl = instance.reservation.exportControl;
  if (instance.state === 'in-transit') view.pendingLicenses = { ...instance.pending.licenses };
  if (instance.state === 'rehosted') {
    view.rehostedTo = instance.rehostedTo;
    view.reason = instance.reason;
  }
  if (instance.rehostedFrom !== undefined) view.rehostedFrom = instance.rehostedFrom;
  return view;
}

/** A random (version 4) UUID from the injected source, never one already in use. */
export function newInstanceId(random: Random, taken: (id: string) => boolean): string {
  for (;;) {
    const b = random.bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = toHex(b);
    const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    if (!taken(id)) return id;
  }
}

/** By exact id, or by a prefix only one id starts with (ids are long to type). */
export function findInstance(state: AuthorityState, idOrPrefix: string): InstanceRecord {
  const key = typeof idOrPrefix === 'string' ? idOrPrefix.trim().toLowerCase() : '';
  const exact = key === '' ? undefined : own(state.instances, key);
  if (exact) return exact;
  if (key === '') throw new DomainError('INSTANCE_NOT_FOUND', { instanceId: String(idOrPrefix) });
  const matches: string[] = [];
  for (const id in state.instances) {
    if (id.startsWith(key) && matches.push(id) > 1) break;
  }
  if (matches.length === 0) throw new DomainError('INSTANCE_NOT_FOUND', { instanceId: key });
  if (matches.length > 1) throw new DomainError('INSTANCE_ID_AMBIGUOUS', { prefix: key });
  return state.instances[matches[0]!]!;
}

export function findActive(state: AuthorityState, idOrPrefix: string): ActiveInstance {
  const instance = findInstance(state, idOrPrefix);
  if (instance.state !== 'reserved' && instance.state !== 'in-transit') {
    throw new DomainError('INSTANCE_NOT_ACTIVE', {
      instanceId: instance.id,
      state: instance.state,
    });
  }
  return instance;
}

// The state field is the union's discriminant; these switch it (and its data) in place.

export function markInTransit(instance: ActiveInstance, pending: PendingUpdate): void {
  Object.assign(instance, { state: 'in-transit', pending });
}

export function markReserved(instance: ActiveInstance): void {
  delete (instance as { pending?: PendingUpdate }).pending;
  Object.assign(instance, { state: 'reserved' });
}

export function markRemoved(instance: ActiveInstance, at: number): void {
  delete (instance as { pending?: PendingUpdate }).pending;
  Object.assign(instance, { state: 'removed', removedAt: at });
}

export function markRehosted(
  instance: ActiveInstance,
  fields: { rehostedTo: string; reason: string; rehostedAt: number },
): void {
  Object.assign(instance, { state: 'rehosted', ...fields });
}
