// Moving between virtual accounts: licences themselves, a reservation (Transfer), and a
// reservation to a replacement product (Rehost from a failed product).
//
// Licences move as CSSM moves them between virtual accounts (seeds 000, 001, 004: "バーチャル
// アカウント間でのライセンスの移動"): only what the source has to spare, so reserved ≤ purchased holds
// in both pools. Transfer moves the licenses with the instance: the purchased counts it holds
// leave the source pool and join the target's (the entry is created there if needed). Holding
// licenses in one VA against purchases in another would break "reserved ≤ purchased" per pool, so
// they travel.

import { decodeRequestCode } from '../codes/request-code.ts';
import { productTypeOf, udiKey } from '../codes/udi.ts';
import { DomainError } from '../errors.ts';
import {
  type LedgerContext,
  ensureRequestUnused,
  requireReservationEnabled,
  requireSigner,
} from './context.ts';
import { type InstanceView, findActive, markRehosted, viewOf } from './instances.ts';
import {
  applyHolds,
  balanceOf,
  ensureSameLicense,
  isPositiveCount,
  own,
  virtualAccount,
} from './pool.ts';
import {
  type ReservationResult,
  admit,
  ensureAuthorizable,
  ensureUdiFree,
  newInstance,
  resultOf,
} from './reserve.ts';
import type { ActiveInstance, PoolEntry, VirtualAccount } from './state.ts';

/** The target pool's entry for a licence arriving from another pool (made, with nothing held). */
function entryIn(target: VirtualAccount, from: PoolEntry): PoolEntry {
  return (
    own(target.pool, from.tag) ??
    (target.pool[from.tag] = { ...from, purchased: 0, reserved: 0, inTransit: 0 })
  );
}

/**
 * Moves purchased licences from one virtual account to another: each count at most what the
 * source has to spare (its balance), all or nothing.
 */
export function moveLicenses(
  ctx: LedgerContext,
  fromVa: string,
  toVa: string,
  licenses: Record<string, number>,
): void {
  const source = virtualAccount(ctx.state, fromVa);
  const target = virtualAccount(ctx.state, toVa);
  if (source === target) throw new DomainError('LICENSE_MOVE_SAME_VA', { va: toVa });
  const entries = typeof licenses === 'object' && licenses !== null ? Object.entries(licenses) : [];
  if (entries.length === 0) throw new DomainError('LICENSE_MOVE_EMPTY', { from: fromVa });
  for (const [tag, count] of entries) {
    if (!isPositiveCount(count))
      throw new DomainError('INVALID_COUNT', { tag, count: String(count) });
    const entry = own(source.pool, tag);
    if (!entry) throw new DomainError('LICENSE_NOT_FOUND', { tag, va: fromVa });
    if (count > balanceOf(entry))
      throw new DomainError('INSUFFICIENT_BALANCE', {
        hint: 'move',
        tag,
        displayName: entry.displayName,
        requested: count,
        available: balanceOf(entry),
      });
    const existing = own(target.pool, tag);
    if (existing) ensureSameLicense(existing, entry);
  }
  for (const [tag, count] of entries) {
    const from = source.pool[tag]!;
    from.purchased -= count;
    entryIn(target, from).purchased += count;
  }
  ctx.emit({
    type: 'licenses-moved',
    va: toVa,
    details: { from: fromVa, to: toVa, licenses: { ...licenses } },
  });
}

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
    entryIn(target, from).purchased += count;
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
 *
 * Not for Unified CM: its guides (seeds 000, 004) say that when the product instance cannot work
 * (failure, RMA, a VM or container destroyed) the user must contact TAC, and TAC removes the
 * instance from the smart account. CSSM offers the action for Expressway (seed 001 shows it in
 * the instance's Actions menu).
 */
export function rehost(
  ctx: LedgerContext,
  instanceId: string,
  requestCode: string,
  reason: string,
): ReservationResult {
  const old = findActive(ctx.state, instanceId);
  ensureSettled(old);
  if (old.productType === 'UCL')
    throw new DomainError('REHOST_CONTACT_TAC', { instanceId: old.id, productType: 'UCL' });
  const why = typeof reason === 'string' ? reason.trim() : '';
  if (why === '') throw new DomainError('REHOST_REASON_REQUIRED', { instanceId: old.id });
  requireReservationEnabled(ctx);
  requireSigner(ctx);
  const request = decodeRequestCode(requestCode);
  ensureAuthorizable(request);
  const key = udiKey(request.udi);
  if (key === old.udiKey)
    throw new DomainError('REHOST_SAME_UDI', { instanceId: old.id, udi: key });
  ensureUdiFree(ctx, key);
  ensureRequestUnused(ctx, requestCode, request.text);
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
