// Authorization codes of both kinds behind one face: issue, decode, digest, verify, bind.

import type { Hasher, Signer, Verifier } from '../ports.ts';
import { toHex } from './bytes.ts';
import { confirmationCodeFor } from './confirmation-code.ts';
import { rawToDer } from './ecdsa-signature.ts';
import { unwrap } from './normalise.ts';
import {
  type PlrAuthorization,
  type PlrGrant,
  decodePlrAuthorization,
  encodePlrAuthorization,
  plrAnswersNonce,
  plrBindsUdi,
  plrSignedBytes,
} from './plr-authorization.ts';
import {
  type SlrAuthorization,
  type SlrGrant,
  decodeSlrAuthorization,
  signSlrAuthorization,
  slrGrantOf,
  slrSignedBytes,
} from './slr-authorization.ts';
import { type Udi, sameUdi } from './udi.ts';
import { utf8 } from './bytes.ts';

export type Authorization = SlrAuthorization | PlrAuthorization;
export type AuthorizationGrant = ({ type: 'SLR' } & SlrGrant) | ({ type: 'PLR' } & PlrGrant);

export interface IssuedAuthorization {
  type: 'SLR' | 'PLR';
  text: string;
  /** Hex SHA-256 of what was signed: how return and confirmation codes name this authorization. */
  digest: string;
  /** SLR only: the confirmation code the product will print when it installs this. */
  confirmationCode?: string;
}

export function issueAuthorization(
  grant: AuthorizationGrant,
  signer: Signer,
  hasher: Hasher,
): IssuedAuthorization {
  if (grant.type === 'SLR') {
    const { text, signedBytes } = signSlrAuthorization(grant, signer);
    const digest = toHex(hasher.sha256(signedBytes));
    return {
      type: 'SLR',
      text,
      digest,
      confirmationCode: confirmationCodeFor(digest, grant.udi, hasher),
    };
  }
  const text = encodePlrAuthorization(grant, signer, hasher);
  return { type: 'PLR', text, digest: authorizationDigest(decodePlrAuthorization(text), hasher) };
}

export function looksLikeXml(raw: string): boolean {
  return unwrap(raw, { ascii: false }).startsWith('<');
}

/** Decodes either kind; XML is SLR, a grouped `CA…` code is PLR. */
export function decodeAuthorizationCode(raw: string): Authorization {
  return looksLikeXml(raw) ? decodeSlrAuthorization(raw) : decodePlrAuthorization(raw);
}

/** What an authorization's signature covers; undefined for a CSSM code (we do not know what). */
function signedBytesOf(auth: Authorization): Uint8Array | undefined {
  if (auth.type === 'PLR') return plrSignedBytes(auth.payload);
  const grant = slrGrantOf(auth);
  return grant && slrSignedBytes(grant);
}

function digestOf(auth: Authorization, signed: Uint8Array | undefined, hasher: Hasher): string {
  return toHex(hasher.sha256(signed ?? utf8(auth.text)));
}

function verdictOf(
  auth: Authorization,
  signed: Uint8Array | undefined,
  verifier: Verifier,
): SignatureVerdict {
  if (auth.type === 'PLR')
    return verifier.verify(signed!, rawToDer(auth.signature)) ? 'valid' : 'invalid';
  if (!signed || !auth.signature) return 'unverifiable';
  return verifier.verify(signed, auth.signature) ? 'valid' : 'invalid';
}

export function authorizationDigest(auth: Authorization, hasher: Hasher): string {
  return digestOf(auth, signedBytesOf(auth), hasher);
}

export type SignatureVerdict = 'valid' | 'invalid' | 'unverifiable';

/** `unverifiable`: a CSSM code — only Cisco's key could check it, and we do not pretend. */
export function verifyAuthorizationSignature(
  auth: Authorization,
  verifier: Verifier,
): SignatureVerdict {
  return verdictOf(auth, signedBytesOf(auth), verifier);
}

/** Both at once, building the signed bytes once (a device checks and names every code it installs). */
export function checkAuthorization(
  auth: Authorization,
  verifier: Verifier,
  hasher: Hasher,
): { verdict: SignatureVerdict; digest: string } {
  const signed = signedBytesOf(auth);
  return { verdict: verdictOf(auth, signed, verifier), digest: digestOf(auth, signed, hasher) };
}

export function authorizationBindsUdi(auth: Authorization, udi: Udi, hasher: Hasher): boolean {
  return auth.type === 'PLR' ? plrBindsUdi(auth, udi, hasher) : sameUdi(auth.udi, udi);
}

export function authorizationAnswersNonce(
  auth: Authorization,
  nonce: string,
  hasher: Hasher,
): boolean {
  return auth.type === 'PLR' ? plrAnswersNonce(auth, nonce, hasher) : auth.requestNonce === nonce;
}

export function authorizationSequence(auth: Authorization): number | undefined {
  return auth.sequence;
}
