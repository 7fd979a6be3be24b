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

import { decodeReturnCode, returnCodeAnswers, returnCodeBindsUdi } from '../codes/return-code.ts';
import { DomainError } from '../errors.ts';
import type { LedgerContext } from './context.ts';
import { type InstanceView, findInstance, markRemoved, markReserved, viewOf } from './instances.ts';
import { applyHolds } from './pool.ts';

export function remove(ctx: LedgerContext, instanceId: string, raw: string): InstanceView {
  const found = findInstance(ctx.state, instanceId);
  const code = decodeReturnCode(raw);
  if (found.state !== 'reserved' && found.state !== 'in-transit')
    throw new DomainError('INSTANCE_NOT_ACTIVE', { instanceId: found.id, state: found.state });
  const instance = found;
  if (!returnCodeBindsUdi(code, instance.udi, ctx.hasher))
    throw new DomainError('UDI_MISMATCH', { instanceId: instance.id, udi: instance.udiKey });
  const pending = instance.state === 'in-transit' ? instance.pending : undefined;
  const answersCurrent = returnCodeAnswers(code, instance.current.digest);
  const answersPending =
    pending !== undefined && returnCodeAnswers(code, pending.authorization.digest);
  if (!answersCurrent && !answersPending) {
    const stale = instance.retired.some((digest) => returnCodeAnswers(code, digest));
    throw new DomainError(stale ? 'RETURN_CODE_STALE' : 'RETURN_CODE_MISMATCH', {
      instanceId: instance.id,
    });
  }
  const now = ctx.clock.now();
  const returned = answersPending ? pending!.authorization : instance.current;
  const base = { va: instance.va, instanceId: instance.id, udi: instance.udiKey };
  const details = {
    sequence: returned.sequence,
    neverInstalled: code.neverInstalled,
    returnCode: code.text,
  };
  applyHolds(ctx.state, instance, -1);
  instance.lastContact = now;
  if (pending && code.neverInstalled) {
    instance.retired.push(returned.digest);
    if (answersPending) {
      markReserved(instance);
      applyHolds(ctx.state, instance, 1);
      ctx.emit({
        type: 'update-withdrawn',
        ...base,
        details: { ...details, licenses: { ...instance.licenses } },
      });
      return viewOf(instance);
    }
    instance.current = pending.authorization;
    instance.licenses = pending.licenses;
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
