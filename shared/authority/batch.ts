// Many devices in one trip: reserve, confirm or remove item by item, one bad code stopping nothing.
//
// Each item is one ledger operation (refused items change nothing), so a batch is linear in its
// size and its outcome is exactly what the same calls one by one would give.

import { decodeRequestCode } from '../codes/request-code.ts';
import { udiKey } from '../codes/udi.ts';
import { DomainError, type ErrorFacts, isDomainError } from '../errors.ts';
import type { InstanceView } from './instances.ts';
import type { AuthorityLedger } from './ledger.ts';
import type { Selection } from './selection.ts';

export interface BatchItemResult {
  index: number;
  ok: boolean;
  instance?: InstanceView;
  authorizationCode?: string;
  confirmationCode?: string;
  error?: { code: string; facts: ErrorFacts };
  /** A refused request's device, where its code could be read: what to call the item by. */
  udi?: string;
}

/** Confirmation or return codes name their instance by id (or unique prefix), or by UDI key. */
export interface CodeForInstance {
  instanceId?: string;
  udi?: string;
  code: string;
}

function attempt(index: number, run: () => Omit<BatchItemResult, 'index' | 'ok'>): BatchItemResult {
  try {
    return { index, ok: true, ...run() };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { index, ok: false, error: { code: error.code, facts: error.facts } };
  }
}

function instanceIdOf(ledger: AuthorityLedger, item: CodeForInstance): string {
  if (item.instanceId !== undefined) return item.instanceId;
  const active = item.udi === undefined ? undefined : ledger.activeInstanceFor(item.udi);
  if (!active) throw new DomainError('INSTANCE_NOT_FOUND', { udi: item.udi });
  return active.id;
}

export function reserveMany(
  ledger: AuthorityLedger,
  va: string,
  requestCodes: readonly string[],
  selection: Selection,
): BatchItemResult[] {
  return requestCodes.map((requestCode, index) => {
    const result = attempt(index, () => ledger.reserve(va, requestCode, selection));
    return result.ok ? result : { ...result, ...udiOfRequest(requestCode) };
  });
}

function udiOfRequest(requestCode: string): { udi?: string } {
  try {
    return { udi: udiKey(decodeRequestCode(requestCode).udi) };
  } catch {
    return {}; // not a readable request code: it is named by its place in the batch
  }
}

export function confirmMany(
  ledger: AuthorityLedger,
  items: readonly CodeForInstance[],
): BatchItemResult[] {
  return items.map((item, index) =>
    attempt(index, () => ({ instance: ledger.confirm(instanceIdOf(ledger, item), item.code) })),
  );
}

export function removeMany(
  ledger: AuthorityLedger,
  items: readonly CodeForInstance[],
): BatchItemResult[] {
  return items.map((item, index) =>
    attempt(index, () => ({ instance: ledger.remove(instanceIdOf(ledger, item), item.code) })),
  );
}
