// What every ledger operation works with: the state, the ports, the SME rule and the event log.

import { DomainError } from '../errors.ts';
import type { Clock, Hasher, Random, Signer } from '../ports.ts';
import type { AuthorityEvent } from './events.ts';
import type { AuthorityState } from './state.ts';

export interface LedgerPorts {
  clock: Clock;
  random: Random;
  hasher: Hasher;
  /** The authority's unlocked signing key; without it nothing can be issued. */
  signer?: Signer;
  /**
   * The instance a request code was already reserved or rehosted for, if any (its spellings:
   * as given, and as decoded): a request is answered once. Without it, nothing is checked.
   */
  requestUsed?: (spellings: readonly string[]) => string | undefined;
}

/**
 * Refuses a request code this desk has already answered (an instance made from it, perhaps
 * since removed): the device has moved on, and a code for it could only go unused.
 */
export function ensureRequestUnused(ctx: LedgerContext, given: string, decoded: string): void {
  const instanceId = ctx.requestUsed?.([given, decoded]);
  if (instanceId !== undefined) throw new DomainError('REQUEST_ALREADY_USED', { instanceId });
}

export interface LedgerContext extends LedgerPorts {
  state: AuthorityState;
  smeMinimum: Readonly<Record<string, number>>;
  emit(event: Omit<AuthorityEvent, 'time'>): void;
}

export function requireSigner(ctx: LedgerContext): Signer {
  if (!ctx.signer) throw new DomainError('AUTHORITY_KEY_LOCKED');
  return ctx.signer;
}

export function requireReservationEnabled(ctx: LedgerContext): void {
  if (!ctx.state.smartAccount.reservationEnabled)
    throw new DomainError('RESERVATION_NOT_ENABLED', { smartAccount: ctx.state.smartAccount.name });
}
