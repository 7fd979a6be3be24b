// Many emulated devices in one call: install a file's worth of authorization codes, or return
// every reservation, each device independently (one refusal never stops the rest). Linear: a
// code finds its device through a UDI index, never by scanning.

import type { ProductAgent } from '../agent/index.ts';
import { decodeAuthorizationCode } from '../codes/authorization.ts';
import { udiKey } from '../codes/udi.ts';
import { DomainError, type ErrorFacts, isDomainError } from '../errors.ts';

export interface DeviceBatchResult {
  index: number;
  ok: boolean;
  /** The device's UDI key, when known. */
  udi?: string;
  /** Install: the confirmation code (SLR); return: the return code. */
  code?: string;
  error?: { code: string; facts: ErrorFacts };
}

export interface CodeForDevice {
  code: string;
  /** The UDI key the transfer file gave; else taken from the (SLR) code itself. */
  udi?: string;
}

function attempt(
  index: number,
  udi: string | undefined,
  run: () => string | undefined,
): DeviceBatchResult {
  try {
    const code = run();
    return { index, ok: true, ...(udi ? { udi } : {}), ...(code ? { code } : {}) };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return {
      index,
      ok: false,
      ...(udi ? { udi } : {}),
      error: { code: error.code, facts: error.facts },
    };
  }
}

/** Indexes agents by UDI key once, so each code finds its device in constant time. */
export function indexByUdi(agents: Iterable<ProductAgent>): Map<string, ProductAgent> {
  const index = new Map<string, ProductAgent>();
  for (const agent of agents) index.set(udiKey(agent.state.udi), agent);
  return index;
}

function udiOf(item: CodeForDevice): string | undefined {
  if (item.udi) return item.udi;
  try {
    const auth = decodeAuthorizationCode(item.code);
    return auth.type === 'SLR' ? udiKey(auth.udi) : undefined;
  } catch {
    return undefined;
  }
}

export function installMany(
  devices: ReadonlyMap<string, ProductAgent>,
  items: readonly CodeForDevice[],
): DeviceBatchResult[] {
  return items.map((item, index) => {
    const udi = udiOf(item);
    return attempt(index, udi, () => {
      const agent = udi ? devices.get(udi) : undefined;
      if (!agent) throw new DomainError('IMPORT_NO_DEVICE', { udi: udi ?? '' });
      return agent.install(item.code).confirmationCode;
    });
  });
}

export function returnMany(agents: readonly ProductAgent[]): DeviceBatchResult[] {
  return agents.map((agent, index) =>
    attempt(index, udiKey(agent.state.udi), () => agent.returnReservation().returnCode),
  );
}
