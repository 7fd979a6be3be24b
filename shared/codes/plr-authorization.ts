// The PLR authorization code: grouped and typeable, signed, bound to one UDI and its request.
//
// Payload (18 bytes): version, flags (bit 0 = with Export Control), issue time in seconds (4),
// sequence (2), UDI digest (5), request-nonce digest (5); then the raw r‖s signature (64 bytes)
// over a label and the payload. 2 + 132 + 4 = 138 characters in 23 groups.

import { DomainError } from '../errors.ts';
import type { Hasher, Signer } from '../ports.ts';
import { bytesEqual, concatBytes, readUint, utf8, writeUint } from './bytes.ts';
import { shortDigest } from './digest.ts';
import { derToRaw } from './ecdsa-signature.ts';
import { type GroupedCodeSpec, decodeGrouped, encodeGrouped } from './grouped-code.ts';
import { type Udi, udiKey } from './udi.ts';

const VERSION = 1;
const PAYLOAD = 18;
export const PLR_SPEC: GroupedCodeSpec = {
  prefix: 'CA',
  payloadBytes: PAYLOAD + 64,
  errorStem: 'AUTHORIZATION_CODE',
};

export interface PlrGrant {
  udi: Udi;
  requestNonce: string;
  sequence: number;
  timestamp: number;
  exportControl: boolean;
}

export interface PlrAuthorization {
  type: 'PLR';
  origin: 'airlock';
  text: string;
  exportControl: boolean;
  /** Milliseconds, whole seconds. */
  timestamp: number;
  sequence: number;
  payload: Uint8Array;
  udiDigest: Uint8Array;
  nonceDigest: Uint8Array;
  /** Raw r‖s. */
  signature: Uint8Array;
}

export function udiBinding(hasher: Hasher, udi: Udi): Uint8Array {
  return shortDigest(hasher, 'airlock-udi', udiKey(udi), 5);
}

export function nonceBinding(hasher: Hasher, nonce: string): Uint8Array {
  return shortDigest(hasher, 'airlock-nonce', nonce, 5);
}

export function plrSignedBytes(payload: Uint8Array): Uint8Array {
  return concatBytes(utf8('airlock-plr-1\n'), payload);
}

export function encodePlrAuthorization(grant: PlrGrant, signer: Signer, hasher: Hasher): string {
  if (grant.sequence < 1 || grant.sequence > 0xffff) throw new RangeError('sequence out of range');
  const payload = concatBytes(
    Uint8Array.of(VERSION, grant.exportControl ? 1 : 0),
    writeUint(Math.floor(grant.timestamp / 1000), 4),
    writeUint(grant.sequence, 2),
    udiBinding(hasher, grant.udi),
    nonceBinding(hasher, grant.requestNonce),
  );
  const raw = derToRaw(signer.sign(plrSignedBytes(payload)));
  if (!raw) throw new Error('signer returned a signature that is not P-256 DER');
  return encodeGrouped(PLR_SPEC, concatBytes(payload, raw));
}

export function decodePlrAuthorization(rawText: string): PlrAuthorization {
  const bytes = decodeGrouped(PLR_SPEC, rawText);
  if (bytes[0] !== VERSION)
    throw new DomainError('AUTHORIZATION_CODE_MALFORMED', { reason: 'version' });
  const payload = bytes.slice(0, PAYLOAD);
  const compact = encodeGrouped(PLR_SPEC, bytes);
  return {
    type: 'PLR',
    origin: 'airlock',
    text: compact,
    exportControl: ((bytes[1] ?? 0) & 1) === 1,
    timestamp: readUint(bytes, 2, 4) * 1000,
    sequence: readUint(bytes, 6, 2),
    payload,
    udiDigest: bytes.slice(8, 13),
    nonceDigest: bytes.slice(13, 18),
    signature: bytes.slice(PAYLOAD),
  };
}

export function plrBindsUdi(auth: PlrAuthorization, udi: Udi, hasher: Hasher): boolean {
  return bytesEqual(auth.udiDigest, udiBinding(hasher, udi));
}

export function plrAnswersNonce(auth: PlrAuthorization, nonce: string, hasher: Hasher): boolean {
  return bytesEqual(auth.nonceDigest, nonceBinding(hasher, nonce));
}
