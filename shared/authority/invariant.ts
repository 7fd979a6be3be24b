// The pool invariant, recomputed from scratch: what the running totals must always agree with.

import { holdsOf, own } from './pool.ts';
import { type AuthorityState, isActive } from './state.ts';

/**
 * Every problem found (empty when sound): per VA and license, reserved + inTransit ≤ purchased
 * and the stored totals equal a full recount over the instances; the UDI index names exactly
 * the active instances. O(instances) — for tests and for checking a loaded document.
 */
export function checkPoolInvariant(state: AuthorityState): string[] {
  const problems: string[] = [];
  const recount = new Map<string, { reserved: number; inTransit: number }>();
  const active = new Map<string, string>();
  for (const instance of Object.values(state.instances)) {
    if (!isActive(instance)) continue;
    if (active.has(instance.udiKey)) problems.push(`UDI ${instance.udiKey} is active twice`);
    active.set(instance.udiKey, instance.id);
    const pool = own(state.virtualAccounts, instance.va)?.pool;
    if (!pool) {
      problems.push(`instance ${instance.id} is in unknown VA ${instance.va}`);
      continue;
    }
    for (const [tag, reserved, inTransit] of holdsOf(instance)) {
      if (!own(pool, tag))
        problems.push(`instance ${instance.id} holds ${tag}, not in ${instance.va}`);
      const key = `${instance.va}\u0000${tag}`;
      const sum = recount.get(key) ?? { reserved: 0, inTransit: 0 };
      sum.reserved += reserved;
      sum.inTransit += inTransit;
      recount.set(key, sum);
    }
  }
  for (const account of Object.values(state.virtualAccounts)) {
    for (const entry of Object.values(account.pool)) {
      const where = `${account.name} / ${entry.tag}`;
      const sum = recount.get(`${account.name}\u0000${entry.tag}`) ?? { reserved: 0, inTransit: 0 };
      if (entry.reserved !== sum.reserved)
        problems.push(`${where}: reserved ${entry.reserved}, recounted ${sum.reserved}`);
      if (entry.inTransit !== sum.inTransit)
        problems.push(`${where}: inTransit ${entry.inTransit}, recounted ${sum.inTransit}`);
      if (entry.reserved < 0 || entry.inTransit < 0) problems.push(`${where}: negative hold`);
      if (entry.reserved + entry.inTransit > entry.purchased)
        problems.push(
          `${where}: holds ${entry.reserved + entry.inTransit} > purchased ${entry.purchased}`,
        );
    }
  }
  const indexed = Object.entries(state.activeByUdi);
  if (indexed.length !== active.size)
    problems.push(`UDI index has ${indexed.length}, active ${active.size}`);
  for (const [key, id] of indexed) {
    if (active.get(key) !== id)
      problems.push(`UDI index ${key} → ${id} is not that active instance`);
  }
  return problems;
}
