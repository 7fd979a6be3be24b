// Deciding whether an authorization code may be installed (or returned uninstalled): every check,
// in order, before anything changes.
//
// Order of refusal: not enabled; the code's shape; a CSSM code we cannot verify; no trusted key;
// a bad signature; another UDI; a PLR code on a CUCM release before 14SU3; an authorization
// already returned; an answer to a cancelled request; a code that answers neither the pending
// request nor the installed instance; a code not newer than the installed one (replay).

import {
  type Authorization,
  authorizationAnswersNonce,
  authorizationBindsUdi,
  checkAuthorization,
  decodeAuthorizationCode,
} from '../codes/authorization.ts';
import { confirmationCodeFor } from '../codes/confirmation-code.ts';
import { udiKey } from '../codes/udi.ts';
import { DomainError, ensure } from '../errors.ts';
import type { Hasher, Verifier } from '../ports.ts';
import type { DeviceState, InstalledAuthorization } from './device-state.ts';
import { PLR_FIRST_UCM_RELEASE, supportsPlr } from './software-version.ts';

export interface CheckContext {
  hasher: Hasher;
  verifier: Verifier | undefined;
  now: number;
}

export interface TrustedAuthorization {
  auth: Authorization;
  digest: string;
}

/** Decodes, verifies the signature with the trusted key and checks the UDI. */
export function trustedAuthorizationFor(
  state: DeviceState,
  raw: string,
  { hasher, verifier }: CheckContext,
): TrustedAuthorization {
  const auth = decodeAuthorizationCode(raw);
  ensure(auth.origin !== 'cisco', 'AUTHORIZATION_UNVERIFIABLE', { type: auth.type });
  ensure(verifier, 'NO_TRUST_KEY');
  const { verdict, digest } = checkAuthorization(auth, verifier, hasher);
  ensure(verdict === 'valid', 'AUTHORIZATION_SIGNATURE_INVALID', { type: auth.type });
  if (!authorizationBindsUdi(auth, state.udi, hasher)) {
    throw new DomainError(
      'UDI_MISMATCH',
      auth.type === 'SLR'
        ? { expected: udiKey(state.udi), found: udiKey(auth.udi) }
        : { expected: udiKey(state.udi) },
    );
  }
  return { auth, digest };
}

export interface InstallPlan {
  update: boolean;
  installed: InstalledAuthorization;
}

function installedFrom(
  { auth, digest }: TrustedAuthorization,
  state: DeviceState,
  requestNonce: string,
  times: { installedAt: number; updatedAt: number | null },
  hasher: Hasher,
): InstalledAuthorization {
  const sequence = auth.sequence ?? 0;
  if (auth.type === 'PLR') {
    return {
      type: 'PLR',
      sequence,
      requestNonce,
      digest,
      exportControl: auth.exportControl,
      ...times,
    };
  }
  return {
    type: 'SLR',
    piid: auth.piid,
    sequence,
    requestNonce,
    digest,
    entitlements: auth.entitlements,
    confirmationCode: confirmationCodeFor(digest, state.udi, hasher),
    ...times,
  };
}

export function planInstall(state: DeviceState, raw: string, context: CheckContext): InstallPlan {
  const reservation = state.reservation;
  ensure(reservation.mode !== 'disabled', 'RESERVATION_NOT_ENABLED');
  const trusted = trustedAuthorizationFor(state, raw, context);
  const { auth, digest } = trusted;
  const { hasher, now } = context;
  ensure(auth.type !== 'PLR' || supportsPlr(state), 'PLR_NOT_SUPPORTED', {
    version: state.softwareVersion,
    first: PLR_FIRST_UCM_RELEASE,
  });
  ensure(!state.returnedDigests.includes(digest), 'AUTHORIZATION_RETURNED');
  const cancelled = state.cancelledNonces.find((n) => authorizationAnswersNonce(auth, n, hasher));
  ensure(cancelled === undefined, 'AUTHORIZATION_FOR_CANCELLED_REQUEST', {
    requestNonce: cancelled,
  });

  if (reservation.mode === 'reserved') {
    const current = reservation.installed;
    // An update names the same instance: the same piid for SLR; for PLR, the same request.
    const sameInstance =
      current.type === 'SLR'
        ? auth.type === 'SLR' && auth.piid === current.piid
        : auth.type === 'PLR' && authorizationAnswersNonce(auth, current.requestNonce, hasher);
    ensure(sameInstance, 'AUTHORIZATION_REQUEST_MISMATCH', { installed: true });
    const found = auth.sequence ?? 0;
    ensure(found > current.sequence, 'AUTHORIZATION_REPLAYED', {
      installed: current.sequence,
      found,
    });
    return {
      update: true,
      installed: installedFrom(
        trusted,
        state,
        current.requestNonce,
        { installedAt: current.installedAt, updatedAt: now },
        hasher,
      ),
    };
  }

  const pending = reservation.pending;
  ensure(
    pending !== null && authorizationAnswersNonce(auth, pending.nonce, hasher),
    'AUTHORIZATION_REQUEST_MISMATCH',
    { pendingRequest: pending !== null },
  );
  return {
    update: false,
    installed: installedFrom(
      trusted,
      state,
      pending.nonce,
      { installedAt: now, updatedAt: null },
      hasher,
    ),
  };
}

/** For `return-authorization`: a code this device may give a return code for, never installed. */
export function planReturnAuthorization(
  state: DeviceState,
  raw: string,
  context: CheckContext,
): TrustedAuthorization {
  ensure(state.reservation.mode !== 'disabled', 'RESERVATION_NOT_ENABLED');
  const trusted = trustedAuthorizationFor(state, raw, context);
  const installed = state.reservation.mode === 'reserved' ? state.reservation.installed : null;
  ensure(installed?.digest !== trusted.digest, 'AUTHORIZATION_IS_INSTALLED');
  ensure(!(state.supersededDigests ?? []).includes(trusted.digest), 'AUTHORIZATION_SUPERSEDED');
  // Its return code was printed already (shown as the last return code); one return per code.
  ensure(!state.returnedDigests.includes(trusted.digest), 'AUTHORIZATION_RETURNED');
  return trusted;
}
