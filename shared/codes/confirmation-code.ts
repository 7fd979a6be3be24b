// The confirmation code a product prints after installing an SLR authorization: 8 hex digits the
// authority can recompute from the authorization it issued (`08715c93`).

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
