// Remove Product Instance: a return code releases exactly the authorization it answers.
//
// Which authorizations are live: the current one and, in transit, the pending one. The outcomes:
// - the product returned what it had installed (or a code it never installed, and no other code
//   is live) → the instance is removed and every hold released;
// - in transit, the product never installed the pending update and returned it → only the update
//   is withdrawn: the instance is reserved again with its current licenses;
// - in transit, the product never installed the current code and returned it → the pending code
//   is the only live one left: it becomes current, still to be confirmed.
// Returning an installed code ends every other: a product with nothing installed and no request
// cannot install the remaining one.
//
// Which return codes count (return-key.ts, return-code.ts): an instance whose request nonce
// commits to the device's return key takes only codes that open that key, and only for what they
// prove — a withdrawal withdraws the pending update of that sequence and nothing else; an installed
// return names the sequence the device ran; a code from a finished request (cancelled, or already
// returned) may release any live authorization, since the device can install none of them again.
// A never-installed return of an authorization whose confirmation code was entered contradicts
// that confirmation (it was not the device's: anyone with the authorization can compute one) and
// is refused. Instances made from older requests (no commitment) take the older, unbound codes.

import {
  type BoundReturnCode,
  type LegacyReturnCode,
  decodeReturnCode,
  returnCodeAnswers,
  returnCodeBindsUdi,
} from '../codes/return-code.ts';
import { isCommittedNonce, verifyReturnOpening } from '../codes/return-key.ts';
import { DomainError } from '../errors.ts';
import type { LedgerContext } from './context.ts';
import { type InstanceView, findInstance, markRemoved, markReserved, viewOf } from './instances.ts';
import { applyHolds } from './pool.ts';
import type { ActiveInstance, AuthorizationRecord } from './state.ts';

type Action = 'remove' | 'withdraw-pending' | 'drop-current';

interface Decision {
  action: Action;
  returned: AuthorizationRecord;
}

/** Version 1 against an instance whose request carried no commitment: the digests it carries. */
function decideLegacy(
  ctx: LedgerContext,
  instance: ActiveInstance,
  code: LegacyReturnCode,
): Decision {
  if (!returnCodeBindsUdi(code, instance.udi, ctx.hasher))
    throw new DomainError('UDI_MISMATCH', { instanceId: instance.id, udi: instance.udiKey });
  const pending = instance.state === 'in-transit' ? instance.pending : undefined;
  const answersPending =
    pending !== undefined && returnCodeAnswers(code, pending.authorization.digest);
  if (!answersPending && !returnCodeAnswers(code, instance.current.digest)) {
    const stale = instance.retired.some((digest) => returnCodeAnswers(code, digest));
    throw new DomainError(stale ? 'RETURN_CODE_STALE' : 'RETURN_CODE_MISMATCH', {
      instanceId: instance.id,
    });
  }
  const returned = answersPending ? pending!.authorization : instance.current;
  if (!pending || !code.neverInstalled) return { action: 'remove', returned };
  return { action: answersPending ? 'withdraw-pending' : 'drop-current', returned };
}

function staleOrMismatch(instance: ActiveInstance, sequence: number): DomainError {
  return new DomainError(
    sequence <= instance.lastSequence ? 'RETURN_CODE_STALE' : 'RETURN_CODE_MISMATCH',
    { instanceId: instance.id },
  );
}

/** Which live authorization has this sequence; refuses an older one as stale. */
function liveBySequence(instance: ActiveInstance, sequence: number): AuthorizationRecord {
  if (instance.state === 'in-transit' && instance.pending.authorization.sequence === sequence)
    return instance.pending.authorization;
  if (instance.current.sequence === sequence) return instance.current;
  throw staleOrMismatch(instance, sequence);
}

/**
 * A code opening the device's key says the current authorization was never installed, yet its
 * confirmation code was entered: one of the two was not the device's (a confirmation can be
 * computed from the authorization alone), and the device may still run the code before it.
 */
function refuseIfConfirmed(instance: ActiveInstance): void {
  if (instance.confirmed && instance.reservation.type === 'SLR')
    throw new DomainError('RETURN_CODE_CONTRADICTS_CONFIRMATION', {
      instanceId: instance.id,
      sequence: instance.current.sequence,
    });
}

/** Version 2 against a committed request: the key must open, and only what it proves counts. */
function decideBound(
  ctx: LedgerContext,
  instance: ActiveInstance,
  code: BoundReturnCode,
): Decision {
  if (code.reservationType !== instance.reservation.type)
    throw new DomainError('RETURN_CODE_MISMATCH', { instanceId: instance.id });
  if (!verifyReturnOpening(instance.requestNonce, instance.udi, code.opening, ctx.hasher))
    throw new DomainError('RETURN_CODE_NOT_FROM_DEVICE', { instanceId: instance.id });
  const { statement } = code;
  if (statement.kind === 'withdraw') {
    // Proven: the device keeps an older code and will never install this one — the pending update.
    const pending = instance.state === 'in-transit' ? instance.pending.authorization : undefined;
    if (pending?.sequence === statement.sequence)
      return { action: 'withdraw-pending', returned: pending };
    if (statement.sequence === instance.current.sequence) refuseIfConfirmed(instance);
    throw staleOrMismatch(instance, statement.sequence);
  }
  const returned = liveBySequence(instance, code.sequence);
  if (statement.kind === 'installed' || !code.neverInstalled) return { action: 'remove', returned };
  // Finished, never installed: the device can install nothing of this request any more.
  if (returned === instance.current) refuseIfConfirmed(instance);
  if (instance.state !== 'in-transit') return { action: 'remove', returned };
  return {
    action: returned === instance.current ? 'drop-current' : 'withdraw-pending',
    returned,
  };
}

export function remove(ctx: LedgerContext, instanceId: string, raw: string): InstanceView {
  const found = findInstance(ctx.state, instanceId);
  const code = decodeReturnCode(raw);
  if (found.state !== 'reserved' && found.state !== 'in-transit')
    throw new DomainError('INSTANCE_NOT_ACTIVE', { instanceId: found.id, state: found.state });
  const instance = found;
  let decision: Decision;
  if (isCommittedNonce(instance.requestNonce)) {
    if (code.version === 1)
      throw new DomainError('RETURN_CODE_BINDING_MISSING', { instanceId: instance.id });
    decision = decideBound(ctx, instance, code);
  } else {
    if (code.version === 2)
      throw new DomainError('RETURN_CODE_MISMATCH', { instanceId: instance.id });
    decision = decideLegacy(ctx, instance, code);
  }
  return apply(ctx, instance, code, decision);
}

function apply(
  ctx: LedgerContext,
  instance: ActiveInstance,
  code: { neverInstalled: boolean; text: string },
  { action, returned }: Decision,
): InstanceView {
  const now = ctx.clock.now();
  const base = { va: instance.va, instanceId: instance.id, udi: instance.udiKey };
  const details = {
    sequence: returned.sequence,
    neverInstalled: code.neverInstalled,
    returnCode: code.text,
  };
  const pending = instance.state === 'in-transit' ? instance.pending : undefined;
  applyHolds(ctx.state, instance, -1);
  instance.lastContact = now;
  if (action === 'withdraw-pending' || action === 'drop-current') {
    instance.retired.push(returned.digest);
    if (action === 'withdraw-pending') {
      markReserved(instance);
      applyHolds(ctx.state, instance, 1);
      ctx.emit({
        type: 'update-withdrawn',
        ...base,
        details: { ...details, licenses: { ...instance.licenses } },
      });
      return viewOf(instance);
    }
    instance.current = pending!.authorization;
    instance.licenses = pending!.licenses;
    instance.confirmed = false;
    markReserved(instance);
    applyHolds(ctx.state, instance, 1);
    ctx.emit({
      type: 'authorization-returned',
      ...base,
      details: { ...details, licenses: { ...instance.licenses } },
    });
    return viewOf(instance);
  }
  const released = pending ? maxOf(instance.licenses, pending.licenses) : { ...instance.licenses };
  markRemoved(instance, now);
  delete ctx.state.activeByUdi[instance.udiKey];
  ctx.emit({ type: 'removed', ...base, details: { ...details, released } });
  return viewOf(instance);
}

function maxOf(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [tag, n] of Object.entries(b)) out[tag] = Math.max(out[tag] ?? 0, n);
  return out;
}
