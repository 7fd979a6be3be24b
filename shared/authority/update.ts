// Update Reserved Licenses and the confirmation codes that settle what was issued.
//
// An update puts the instance in transit: until its confirmation code comes back the pool holds,
// per license, the larger of the old and new counts, since the product may run either code.
//
// A confirmation code is 8 hex digits computed from the authorization and the UDI: anyone holding
// the authorization code can compute it (confirmation-code.ts says why, and what that allows).

import { decodeConfirmationCode, confirmationCodeFor } from '../codes/confirmation-code.ts';
import { RETURN_SEQUENCE_LIMIT, isCommittedNonce } from '../codes/return-key.ts';
import { DomainError } from '../errors.ts';
import { type LedgerContext, requireReservationEnabled, requireSigner } from './context.ts';
import { type InstanceView, findActive, markInTransit, markReserved, viewOf } from './instances.ts';
import { issue } from './issue.ts';
import { applyHolds, own, virtualAccount } from './pool.ts';
import { type ReservationResult, resultOf } from './reserve.ts';
import { checkSlrLicenses } from './selection.ts';
import type { ActiveInstance, AuthorizationRecord } from './state.ts';

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => own(b, k) === a[k]);
}

/** `licenses` is the complete new set: a license left out (or at 0) is given back. */
export function update(
  ctx: LedgerContext,
  instanceId: string,
  licenses: Record<string, number>,
): ReservationResult {
  const instance = findActive(ctx.state, instanceId);
  if (instance.reservation.type === 'PLR')
    throw new DomainError('UPDATE_NOT_APPLICABLE', {
      instanceId: instance.id,
      reservationType: 'PLR',
    });
  if (instance.state === 'in-transit')
    throw new DomainError('INSTANCE_IN_TRANSIT', { instanceId: instance.id });
  requireReservationEnabled(ctx);
  requireSigner(ctx);
  const pool = virtualAccount(ctx.state, instance.va).pool;
  const next = checkSlrLicenses(pool, licenses, {
    now: ctx.clock.now(),
    sme: instance.reservation.sme,
    smeMinimum: ctx.smeMinimum,
    current: instance.licenses,
  });
  if (sameCounts(next, instance.licenses))
    throw new DomainError('UPDATE_UNCHANGED', { instanceId: instance.id });
  const sequence = instance.lastSequence + 1;
  // The device's return key proves sequences 1 … S (return-key.ts); past that, a fresh request.
  if (isCommittedNonce(instance.requestNonce) && sequence > RETURN_SEQUENCE_LIMIT)
    throw new DomainError('UPDATE_LIMIT_REACHED', {
      instanceId: instance.id,
      limit: RETURN_SEQUENCE_LIMIT,
    });
  const { issued, record } = issue(ctx, {
    udi: instance.udi,
    piid: instance.id,
    requestNonce: instance.requestNonce,
    sequence,
    reservation: instance.reservation,
    licenses: next,
    pool,
  });
  applyHolds(ctx.state, instance, -1);
  markInTransit(instance, { licenses: next, authorization: record });
  instance.lastSequence = sequence;
  instance.lastContact = record.issuedAt;
  applyHolds(ctx.state, instance, 1);
  ctx.emit({
    type: 'update-issued',
    va: instance.va,
    instanceId: instance.id,
    udi: instance.udiKey,
    details: { from: { ...instance.licenses }, to: { ...next }, sequence, digest: issued.digest },
  });
  return resultOf(instance, issued);
}

function confirms(
  ctx: LedgerContext,
  instance: ActiveInstance,
  auth: AuthorizationRecord,
  code: string,
) {
  return confirmationCodeFor(auth.digest, instance.udi, ctx.hasher) === code;
}

/**
 * In transit, the pending update's code completes it (holds drop to the new counts); a late code
 * for the current authorization just marks that one confirmed. Reserved, it confirms the code
 * that was issued but not yet confirmed.
 */
export function confirm(ctx: LedgerContext, instanceId: string, raw: string): InstanceView {
  const instance = findActive(ctx.state, instanceId);
  if (instance.reservation.type === 'PLR')
    throw new DomainError('CONFIRMATION_NOT_APPLICABLE', {
      instanceId: instance.id,
      reservationType: 'PLR',
    });
  const code = decodeConfirmationCode(raw);
  const now = ctx.clock.now();
  const base = { va: instance.va, instanceId: instance.id, udi: instance.udiKey };
  if (
    instance.state === 'in-transit' &&
    confirms(ctx, instance, instance.pending.authorization, code)
  ) {
    const { pending } = instance;
    applyHolds(ctx.state, instance, -1);
    instance.retired.push(instance.current.digest);
    instance.current = pending.authorization;
    instance.licenses = pending.licenses;
    instance.confirmed = true;
    instance.lastContact = now;
    markReserved(instance);
    applyHolds(ctx.state, instance, 1);
    ctx.emit({
      type: 'update-confirmed',
      ...base,
      details: {
        sequence: pending.authorization.sequence,
        licenses: { ...pending.licenses },
        code,
      },
    });
    return viewOf(instance);
  }
  const matchesCurrent = confirms(ctx, instance, instance.current, code);
  if (instance.confirmed && (matchesCurrent || instance.state === 'reserved'))
    throw new DomainError('ALREADY_CONFIRMED', { instanceId: instance.id });
  if (!matchesCurrent)
    throw new DomainError('CONFIRMATION_CODE_MISMATCH', { instanceId: instance.id, code });
  instance.confirmed = true;
  instance.lastContact = now;
  ctx.emit({ type: 'confirmed', ...base, details: { sequence: instance.current.sequence, code } });
  return viewOf(instance);
}
