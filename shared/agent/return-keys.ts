// The emulated device's return keys: one secret seed per request, kept in its state, and what each
// return may prove with it (return-key.ts lays out the statements and why they are safe).
//
// A request made before device-bound returns has no key: its reservation is returned with the
// older, unbound return code, as it always was. Every new request gets a key.

import { type Authorization, authorizationAnswersNonce } from '../codes/authorization.ts';
import { encodeBoundReturnCode, encodeReturnCode } from '../codes/return-code.ts';
import {
  RETURN_SEQUENCE_LIMIT,
  type ReturnStatement,
  committedNonce,
  newReturnSeed,
} from '../codes/return-key.ts';
import { DomainError, ensure } from '../errors.ts';
import type { Hasher, Random } from '../ports.ts';
import type { DeviceState, InstalledAuthorization, ReturnKey } from './device-state.ts';

/** A fresh seed and the nonce that commits to it, avoiding nonces already cancelled. */
export function newReturnKey(state: DeviceState, random: Random, hasher: Hasher): ReturnKey {
  for (let i = 0; ; i++) {
    const seed = newReturnSeed(random);
    const nonce = committedNonce(seed, state.udi, hasher);
    // A cancelled request's answer must stay refusable, so its nonce is never issued again.
    if (!state.cancelledNonces.includes(nonce)) return { nonce, seed };
    if (i > 16) throw new Error('random source keeps repeating cancelled nonces');
  }
}

export function returnKeyOf(state: DeviceState, nonce: string): ReturnKey | undefined {
  return state.returnKeys?.find((key) => key.nonce === nonce);
}

/** The key of the request an authorization answers (PLR codes carry only a digest of the nonce). */
export function returnKeyFor(
  state: DeviceState,
  auth: Authorization,
  hasher: Hasher,
): ReturnKey | undefined {
  if (auth.type === 'SLR')
    return auth.requestNonce === undefined ? undefined : returnKeyOf(state, auth.requestNonce);
  return state.returnKeys?.find((key) => authorizationAnswersNonce(auth, key.nonce, hasher));
}

/**
 * What returning `auth` unused may prove. The request finished (cancelled, or its reservation
 * returned): nothing of it can be installed again, so the return says so. An older code of it
 * installed: a withdrawal of this newer one. Still pending: refused — the device could install
 * it or another answer to the same request, so a return now would prove too little; cancel first.
 */
export function neverInstalledStatement(
  state: DeviceState,
  key: ReturnKey,
  auth: Authorization,
): ReturnStatement {
  const sequence = auth.sequence ?? 0;
  const r = state.reservation;
  if (r.mode === 'reserved' && r.installed.requestNonce === key.nonce) {
    ensure(sequence > r.installed.sequence, 'AUTHORIZATION_OLDER_THAN_INSTALLED', {
      installed: r.installed.sequence,
      found: sequence,
    });
    ensure(sequence <= RETURN_SEQUENCE_LIMIT, 'RETURN_SEQUENCE_LIMIT', {
      limit: RETURN_SEQUENCE_LIMIT,
      found: sequence,
    });
    return { kind: 'withdraw', sequence };
  }
  if (r.mode === 'enabled' && r.pending?.nonce === key.nonce)
    throw new DomainError('AUTHORIZATION_ANSWERS_PENDING_REQUEST', {
      requestCode: r.pending.code,
    });
  return { kind: 'finished' };
}

/** Returning the installed authorization finishes its request: the device then holds nothing of it. */
function installedStatement(sequence: number): ReturnStatement {
  return sequence >= 1 && sequence <= RETURN_SEQUENCE_LIMIT
    ? { kind: 'installed', sequence }
    : { kind: 'finished' };
}

/** The code that returns the installed authorization: bound when its request has a key. */
export function installedReturnCode(
  state: DeviceState,
  installed: InstalledAuthorization,
  hasher: Hasher,
  now: number,
): string {
  const key = returnKeyOf(state, installed.requestNonce);
  const said = { reservationType: installed.type, neverInstalled: false, timestamp: now };
  if (!key)
    return encodeReturnCode(
      { udi: state.udi, authorizationDigest: installed.digest, ...said },
      hasher,
    );
  const statement = installedStatement(installed.sequence);
  return encodeBoundReturnCode(
    { udi: state.udi, seed: key.seed, statement, sequence: installed.sequence, ...said },
    hasher,
  );
}

/** The code that returns an authorization never installed (its checks are planReturnAuthorization's). */
export function unusedReturnCode(
  state: DeviceState,
  auth: Authorization,
  digest: string,
  hasher: Hasher,
  now: number,
): string {
  const key = returnKeyFor(state, auth, hasher);
  const said = { reservationType: auth.type, neverInstalled: true, timestamp: now };
  if (!key)
    return encodeReturnCode({ udi: state.udi, authorizationDigest: digest, ...said }, hasher);
  const statement = neverInstalledStatement(state, key, auth);
  return encodeBoundReturnCode(
    { udi: state.udi, seed: key.seed, statement, sequence: auth.sequence ?? 0, ...said },
    hasher,
  );
}
