// Moving reservations: Transfer to another virtual account, and Rehost from a failed product.
//
// Transfer moves the licenses with the instance: the purchased counts it holds leave the source
// pool and join the target's (the entry is created there if needed). Holding licenses in one VA
// against purchases in another would break "reserved ≤ purchased" per pool, so they travel.

import { decodeRequestCode } from '../codes/request-code.ts';
import { productTypeOf, udiKey } from '../codes/udi.ts';
import { DomainError } from '../errors.ts';
import { type LedgerContext, requireReservationEnabled, requireSigner } from './context.ts';
import { type InstanceView, findActive, markRehosted, viewOf } from './instances.ts';
import { applyHolds, ensureSameLicense, own, virtualAccount } from './pool.ts';
import { type ReservationResult, admit, ensureUdiFree, newInstance, resultOf } from './reserve.ts';
import type { ActiveInstance } from './state.ts';

function ensureSettled(instance: ActiveInstance): void {
  if (instance.state === 'in-transit')
    throw new DomainError('INSTANCE_IN_TRANSIT', { instanceId: instance.id });
}

export function transfer(ctx: LedgerContext, instanceId: string, toVa: string): InstanceView {
  const instance = findActive(ctx.state, instanceId);
  ensureSettled(instance);
  const source = virtualAccount(ctx.state, instance.va);
  const target = virtualAccount(ctx.state, toVa);
  if (source === target)
    throw new DomainError('TRANSFER_SAME_VA', { instanceId: instance.id, va: toVa });
  const tags = Object.keys(instance.licenses);
  for (const tag of tags) {
    const existing = own(target.pool, tag);
    if (existing) ensureSameLicense(existing, source.pool[tag]!);
  }
  applyHolds(ctx.state, instance, -1);
  for (const tag of tags) {
    const count = instance.licenses[tag]!;
    const from = source.pool[tag]!;
    from.purchased -= count;
    const to =
      own(target.pool, tag) ??
      (target.pool[tag] = { ...from, purchased: 0, reserved: 0, inTransit: 0 });
    to.purchased += count;
  }
  instance.va = toVa;
  applyHolds(ctx.state, instance, 1);
  ctx.emit({
    type: 'transferred',
    va: toVa,
    instanceId: instance.id,
    udi: instance.udiKey,
    details: { from: source.name, to: toVa, licenses: { ...instance.licenses } },
  });
  return viewOf(instance);
}

/**
 * Rehost Licenses from a Failed Product (RMA): the failed product can give no return code, so its
 * reservation moves to the replacement — same licenses, a new authorization (sequence 1) for the
 * new UDI — and the old instance is kept as 'rehosted' with the reason. Holds move, never grow.
 */
export function rehost(
  ctx: LedgerContext,
  instanceId: string,
  requestCode: string,
  reason: string,
): ReservationResult {
  const old = findActive(ctx.state, instanceId);
  ensureSettled(old);
  const why = typeof reason === 'string' ? reason.trim() : '';
  if (why === '') throw new DomainError('REHOST_REASON_REQUIRED', { instanceId: old.id });
  requireReservationEnabled(ctx);
  requireSigner(ctx);
  const request = decodeRequestCode(requestCode);
  const key = udiKey(request.udi);
  if (key === old.udiKey)
    throw new DomainError('REHOST_SAME_UDI', { instanceId: old.id, udi: key });
  ensureUdiFree(ctx, key);
  const productType = productTypeOf(request.udi.pid);
  if (productType !== old.productType) {
    throw new DomainError('REHOST_PRODUCT_MISMATCH', {
      instanceId: old.id,
      from: old.productType,
      to: productType,
    });
  }
  const { instance, issued } = newInstance(ctx, {
    va: old.va,
    request,
    reservation: { ...old.reservation },
    licenses: { ...old.licenses },
  });
  instance.rehostedFrom = old.id;
  applyHolds(ctx.state, old, -1);
  markRehosted(old, { rehostedTo: instance.id, reason: why, rehostedAt: instance.createdAt });
  delete ctx.state.activeByUdi[old.udiKey];
  admit(ctx, instance);
  ctx.emit({
    type: 'rehosted',
    va: old.va,
    instanceId: old.id,
    udi: old.udiKey,
    details: {
      newInstanceId: instance.id,
      newUdi: key,
      reason: why,
      licenses: { ...old.licenses },
    },
  });
  return resultOf(instance, issued);
}
