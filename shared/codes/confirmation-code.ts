// The confirmation code a product prints after installing an SLR authorization: 8 hex digits the
// authority can recompute from the authorization it issued (`08715c93`, the seeds' shape).
//
// Not bound to the device, and it cannot be at this length: the desk could only check a device
// secret against the request's commitment, which takes opening a 96-bit chain point (return-key.ts)
// — 20 base32 characters, not 8 hex digits — and a 32-bit tag keyed by a secret the desk does not
// hold could not be checked when it is entered at all. So it stays a public check (SHA-256 over the
// authorization digest and the UDI, 32 bits): every mistyped digit is caught, nothing is proven.
//
// Residual risk, precisely. Whoever holds the authorization code can compute its confirmation code
// without installing anything, and enter it. That can: mark the current authorization confirmed
// (which clears the "not confirmed" alert), and settle an update in transit — the desk then holds
// the new counts instead of the larger of old and new, so an update that lowers a count frees the
// difference while the device may still run the old code. It cannot: release a reservation
// (removal takes a return code, which only the device can make), hold fewer licences than the
// update the desk itself signed, or make the device install anything.
// Later checks the desk makes: a device-bound return that proves the device never installed an
// authorization whose confirmation was entered is refused as contradicting it (the confirmation
// was not the device's, and the device may still run the code before); a return of the installed
// reservation proves which sequence the device ran, so one older than the confirmed authorization
// is refused as stale rather than releasing licences the device may still be using.

import { DomainError } from '../errors.ts';
import type { Hasher } from '../ports.ts';
import { toHex } from './bytes.ts';
import { shortDigest } from './digest.ts';
import { unwrap, withoutWhitespace } from './normalise.ts';
import { type Udi, udiKey } from './udi.ts';

export function confirmationCodeFor(authorizationDigest: string, udi: Udi, hasher: Hasher): string {
  return toHex(shortDigest(hasher, 'airlock-confirm', `${authorizationDigest}\n${udiKey(udi)}`, 4));
}

/** Normalises a pasted confirmation code to 8 lower-case hex digits. */
export function decodeConfirmationCode(raw: string): string {
  const code = withoutWhitespace(unwrap(raw)).toLowerCase();
  if (code === '') throw new DomainError('CODE_EMPTY');
  if (!/^[0-9a-f]{8}$/.test(code)) {
    const bad = [...code].findIndex((c) => !/[0-9a-f]/.test(c));
    throw new DomainError('CONFIRMATION_CODE_MALFORMED', {
      reason: bad >= 0 && bad < 8 ? 'character' : 'length',
      length: code.length,
      position: bad >= 0 ? bad + 1 : undefined,
    });
  }
  return code;
}
