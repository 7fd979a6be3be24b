// The reservation return code: grouped, bound to the UDI and to the authorization it returns.
//
// Payload (20 bytes): version, flags (bit 0 never installed, bit 1 PLR), UDI digest (6),
// authorization digest (8), time in seconds (4). `CR` + 32 + 4 = 38 characters.

import { DomainError } from '../errors.ts';
import type { Hasher } from '../ports.ts';
import { bytesEqual, concatBytes, fromHex, readUint, writeUint } from './bytes.ts';
import { shortDigest } from './digest.ts';
import { type GroupedCodeSpec, decodeGrouped, encodeGrouped } from './grouped-code.ts';
import { type Udi, udiKey } from './udi.ts';

const VERSION = 1;
export const RETURN_SPEC: GroupedCodeSpec = {
  prefix: 'CR',
  payloadBytes: 20,
  errorStem: 'RETURN_CODE',
};

export interface ReturnGrant {
  udi: Udi;
  /** Hex SHA-256 digest of the authorization being returned. */
  authorizationDigest: string;
  reservationType: 'SLR' | 'PLR';
  neverInstalled: boolean;
  timestamp: number;
}

export interface ReturnCode {
  text: string;
  reservationType: 'SLR' | 'PLR';
  neverInstalled: boolean;
  timestamp: number;
  udiDigest: Uint8Array;
  authorizationDigest: Uint8Array;
}

function udiTag(hasher: Hasher, udi: Udi): Uint8Array {
  return shortDigest(hasher, 'airlock-return-udi', udiKey(udi), 6);
}

export function encodeReturnCode(grant: ReturnGrant, hasher: Hasher): string {
  const flags = (grant.neverInstalled ? 1 : 0) | (grant.reservationType === 'PLR' ? 2 : 0);
  const payload = concatBytes(
    Uint8Array.of(VERSION, flags),
    udiTag(hasher, grant.udi),
    fromHex(grant.authorizationDigest).slice(0, 8),
    writeUint(Math.floor(grant.timestamp / 1000), 4),
  );
  return encodeGrouped(RETURN_SPEC, payload);
}

export function decodeReturnCode(raw: string): ReturnCode {
  const bytes = decodeGrouped(RETURN_SPEC, raw);
  if (bytes[0] !== VERSION) throw new DomainError('RETURN_CODE_MALFORMED', { reason: 'version' });
  const flags = bytes[1] ?? 0;
  return {
    text: encodeGrouped(RETURN_SPEC, bytes),
    neverInstalled: (flags & 1) === 1,
    reservationType: flags & 2 ? 'PLR' : 'SLR',
    udiDigest: bytes.slice(2, 8),
    authorizationDigest: bytes.slice(8, 16),
    timestamp: readUint(bytes, 16, 4) * 1000,
  };
}

export function returnCodeBindsUdi(code: ReturnCode, udi: Udi, hasher: Hasher): boolean {
  return bytesEqual(code.udiDigest, udiTag(hasher, udi));
}

export function returnCodeAnswers(code: ReturnCode, authorizationDigest: string): boolean {
  return bytesEqual(code.authorizationDigest, fromHex(authorizationDigest).slice(0, 8));
}
