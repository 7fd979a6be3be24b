// The reservation wizard's decision: a request code and a selection become a new instance.

import type { IssuedAuthorization } from '../codes/authorization.ts';
import { type RequestCode, decodeRequestCode } from '../codes/request-code.ts';
import { instanceName, productTypeOf, udiKey } from '../codes/udi.ts';
import { DomainError } from '../errors.ts';
import {
  type LedgerContext,
  ensureRequestUnused,
  requireReservationEnabled,
  requireSigner,
} from './context.ts';
import { type InstanceView, newInstanceId, viewOf } from './instances.ts';
import { issue } from './issue.ts';
import { applyHolds, own, virtualAccount } from './pool.ts';
import { type Selection, resolveSelection } from './selection.ts';
import type { InstanceRecord, Reservation } from './state.ts';

export interface ReservationResult {
  instance: InstanceView;
  authorizationCode: string;
  /** SLR only: what the product will print when it installs the code. */
  confirmationCode?: string;
}

export interface RequestPreview {
  udi: RequestCode['udi'];
  udiKey: string;
  productType: string;
  instanceName: string;
  existingInstanceId?: string;
  /** Our own request code with its check group verified; false for a device's Cisco-shaped code. */
  checkVerified: boolean;
  /**
   * A real Cisco product printed it (Cisco's shape): only Cisco's CSSM can authorize it, so this
   * desk refuses to reserve for it (ensureAuthorizable).
   */
  ciscoProduct: boolean;
}

export function resultOf(instance: InstanceRecord, issued: IssuedAuthorization): ReservationResult {
  const result: ReservationResult = { instance: viewOf(instance), authorizationCode: issued.text };
  if (issued.confirmationCode) result.confirmationCode = issued.confirmationCode;
  return result;
}

/**
 * Refuses a request printed by a real Cisco product. An authorization code installs only if it is
 * signed with the key the product trusts — for a Cisco product, Cisco's, which only CSSM holds —
 * so a code from this desk could never install there, and licences held for it would be held for
 * nothing. The request goes to CSSM; Cisco's answer is recorded on the site's external device.
 */
export function ensureAuthorizable(request: RequestCode): void {
  if (request.origin === 'cisco')
    throw new DomainError('CISCO_REQUEST_NOT_AUTHORIZABLE', {
      udi: udiKey(request.udi),
      productType: productTypeOf(request.udi.pid),
    });
}

/** Refuses a UDI that already holds a reservation: the way forward is Update. */
export function ensureUdiFree(ctx: LedgerContext, key: string): void {
  const existing = own(ctx.state.activeByUdi, key);
  if (existing !== undefined)
    throw new DomainError('UDI_ALREADY_RESERVED', { instanceId: existing, udi: key });
}

/** Builds (without storing) a new reserved instance and its first authorization. */
export function newInstance(
  ctx: LedgerContext,
  fields: {
    va: string;
    request: RequestCode;
    reservation: Reservation;
    licenses: Record<string, number>;
  },
): { instance: InstanceRecord; issued: IssuedAuthorization } {
  const { state } = ctx;
  const pool = virtualAccount(state, fields.va).pool;
  const id = newInstanceId(
    ctx.random,
    (candidate) => own(state.instances, candidate) !== undefined,
  );
  const { issued, record } = issue(ctx, {
    udi: fields.request.udi,
    piid: id,
    requestNonce: fields.request.nonce,
    sequence: 1,
    reservation: fields.reservation,
    licenses: fields.licenses,
    pool,
  });
  const instance: InstanceRecord = {
    id,
    va: fields.va,
    udi: fields.request.udi,
    udiKey: udiKey(fields.request.udi),
    productType: productTypeOf(fields.request.udi.pid),
    reservation: fields.reservation,
    licenses: fields.licenses,
    requestNonce: fields.request.nonce,
    current: record,
    confirmed: fields.reservation.type === 'PLR',
    lastSequence: 1,
    retired: [],
    createdAt: record.issuedAt,
    lastContact: record.issuedAt,
    state: 'reserved',
  };
  return { instance, issued };
}

/** Stores a new instance, indexes its UDI and places its holds. */
export function admit(ctx: LedgerContext, instance: InstanceRecord): void {
  ctx.state.instances[instance.id] = instance;
  ctx.state.activeByUdi[instance.udiKey] = instance.id;
  applyHolds(ctx.state, instance, 1);
}

export function previewRequest(ctx: LedgerContext, requestCode: string): RequestPreview {
  const request = decodeRequestCode(requestCode);
  const key = udiKey(request.udi);
  const preview: RequestPreview = {
    udi: request.udi,
    udiKey: key,
    productType: productTypeOf(request.udi.pid),
    instanceName: instanceName(request.udi),
    checkVerified: request.origin === 'airlock',
    ciscoProduct: request.origin === 'cisco',
  };
  const existing = own(ctx.state.activeByUdi, key);
  if (existing !== undefined) preview.existingInstanceId = existing;
  return preview;
}

export function reserve(
  ctx: LedgerContext,
  va: string,
  requestCode: string,
  selection: Selection,
): ReservationResult {
  requireReservationEnabled(ctx);
  requireSigner(ctx);
  const request = decodeRequestCode(requestCode);
  ensureAuthorizable(request);
  const pool = virtualAccount(ctx.state, va).pool;
  ensureUdiFree(ctx, udiKey(request.udi));
  ensureRequestUnused(ctx, requestCode, request.text);
  const resolved = resolveSelection(
    pool,
    selection,
    ctx.clock.now(),
    ctx.smeMinimum,
    productTypeOf(request.udi.pid),
  );
  const { instance, issued } = newInstance(ctx, { va, request, ...resolved });
  admit(ctx, instance);
  ctx.emit({
    type: 'reserved',
    va,
    instanceId: instance.id,
    udi: instance.udiKey,
    details: {
      reservationType: resolved.reservation.type,
      licenses: { ...resolved.licenses },
      sequence: 1,
      ...(resolved.reservation.type === 'PLR'
        ? { exportControl: resolved.reservation.exportControl }
        : { sme: resolved.reservation.sme }),
      digest: issued.digest,
    },
  });
  return resultOf(instance, issued);
}
