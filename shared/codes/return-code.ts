// The reservation return code: grouped like a device's, proving that the device itself made it.
//
// Now (version 2), 56 characters: `CR` + 50 base32 + a 4-character check group, printed as nine
// groups of six and a 2-character tail — the shape real devices print (nine groups of six and a
// short tail): `CR40H0-2TRJ0A-08JHST-Y6TW56-CFWNYV-QM1TBX-K26BXN-5PX3HN-2Q3MHH-B3`. The check
// group catches every single substitution and adjacent transposition. Payload, 31 bytes:
//   version and flags (1): version 2; bit 0 never installed, bit 1 PLR — said, not proven
//   position (1): the statement the return key proves (return-key.ts): withdraw update r,
//     finished, or finished by returning installed sequence i
//   sequence (1): the authorization it names (proven by the position, except for `finished`)
//   time (4): seconds, as the device's clock said — said, not proven
//   two chain points (12 + 12): the opening of the key the request's nonce commits to.
// What it proves: that whoever made it holds the secret behind the request's nonce — the device
// that printed the request — and the statement at its position. Nothing that crossed the gap
// (request, authorization and confirmation codes, transfer files, the device's other return
// codes) lets anyone make a code that releases what the device still runs (return-key.ts says
// why several return codes together do not either); forging an opening costs 2^96 SHA-256
// evaluations.
//
// Version 1, 38 characters (`CR` + 32 + 4, six groups and a 2-character tail), carried public
// digests only: the UDI's (6 bytes) and the authorization's (8 bytes). Anyone holding the
// authorization code could compute it. It is still read: a reservation whose request was printed
// before device-bound returns (a 10-character nonce, no commitment) can only be returned with it.

import { DomainError } from '../errors.ts';
import type { Hasher } from '../ports.ts';
import { bytesEqual, concatBytes, fromHex, readUint, writeUint } from './bytes.ts';
import { shortDigest } from './digest.ts';
import { unwrap, withoutWhitespace } from './normalise.ts';
import {
  type GroupedCodeSpec,
  compactGrouped,
  decodeGrouped,
  encodeGrouped,
  groupedLength,
  looksGrouped,
} from './grouped-code.ts';
import {
  CHAIN_POINT_BYTES,
  type ReturnOpening,
  type ReturnStatement,
  openReturnKey,
  statementAt,
} from './return-key.ts';
import { type Udi, udiKey } from './udi.ts';

const LEGACY_VERSION = 1;
const BOUND_VERSION = 2;
export const RETURN_SPEC: GroupedCodeSpec = {
  prefix: 'CR',
  payloadBytes: 7 + 2 * CHAIN_POINT_BYTES,
  errorStem: 'RETURN_CODE',
};
export const LEGACY_RETURN_SPEC: GroupedCodeSpec = {
  prefix: 'CR',
  payloadBytes: 20,
  errorStem: 'RETURN_CODE',
};

interface ReturnCodeCommon {
  text: string;
  reservationType: 'SLR' | 'PLR';
  neverInstalled: boolean;
  timestamp: number;
}

/** Version 1: public digests only; anyone holding the authorization could make it. */
export interface LegacyReturnCode extends ReturnCodeCommon {
  version: 1;
  udiDigest: Uint8Array;
  authorizationDigest: Uint8Array;
}

/** Version 2: opens the device's return key at the position of its statement. */
export interface BoundReturnCode extends ReturnCodeCommon {
  version: 2;
  /** The authorization it names, by sequence. */
  sequence: number;
  statement: ReturnStatement;
  opening: ReturnOpening;
}

export type ReturnCode = LegacyReturnCode | BoundReturnCode;

export interface ReturnGrant {
  udi: Udi;
  /** Hex SHA-256 digest of the authorization being returned. */
  authorizationDigest: string;
  reservationType: 'SLR' | 'PLR';
  neverInstalled: boolean;
  timestamp: number;
}

export interface BoundReturnGrant {
  udi: Udi;
  /** The device's seed for the request the authorization answers. */
  seed: string;
  statement: ReturnStatement;
  /** The authorization named; for `withdraw` and `installed`, the statement's own. */
  sequence: number;
  reservationType: 'SLR' | 'PLR';
  neverInstalled: boolean;
  timestamp: number;
}

function udiTag(hasher: Hasher, udi: Udi): Uint8Array {
  return shortDigest(hasher, 'airlock-return-udi', udiKey(udi), 6);
}

function flagsOf(grant: { neverInstalled: boolean; reservationType: 'SLR' | 'PLR' }): number {
  return (grant.neverInstalled ? 1 : 0) | (grant.reservationType === 'PLR' ? 2 : 0);
}

/** Version 1, for a reservation whose request carried no commitment. */
export function encodeReturnCode(grant: ReturnGrant, hasher: Hasher): string {
  const payload = concatBytes(
    Uint8Array.of(LEGACY_VERSION, flagsOf(grant)),
    udiTag(hasher, grant.udi),
    fromHex(grant.authorizationDigest).slice(0, 8),
    writeUint(Math.floor(grant.timestamp / 1000), 4),
  );
  return encodeGrouped(LEGACY_RETURN_SPEC, payload);
}

/** Version 2: the device opens its return key for the statement (RangeError outside the key). */
export function encodeBoundReturnCode(grant: BoundReturnGrant, hasher: Hasher): string {
  const { statement } = grant;
  if (statement.kind !== 'finished' && statement.sequence !== grant.sequence)
    throw new RangeError('the statement names another sequence');
  if (statement.kind !== 'finished' && grant.neverInstalled !== (statement.kind === 'withdraw'))
    throw new RangeError('the statement says otherwise whether it was installed');
  if (!Number.isSafeInteger(grant.sequence) || grant.sequence < 1 || grant.sequence > 255)
    throw new RangeError('sequence does not fit a return code');
  const opening = openReturnKey(grant.seed, grant.udi, statement, hasher);
  const payload = concatBytes(
    Uint8Array.of((BOUND_VERSION << 4) | flagsOf(grant), opening.position, grant.sequence),
    writeUint(Math.floor(grant.timestamp / 1000), 4),
    opening.a,
    opening.b,
  );
  return encodeGrouped(RETURN_SPEC, payload);
}

function malformed(reason: string): DomainError {
  return new DomainError('RETURN_CODE_MALFORMED', { reason });
}

function decodeLegacy(bytes: Uint8Array): LegacyReturnCode {
  if (bytes[0] !== LEGACY_VERSION) throw malformed('version');
  const flags = bytes[1] ?? 0;
  return {
    version: 1,
    text: encodeGrouped(LEGACY_RETURN_SPEC, bytes),
    neverInstalled: (flags & 1) === 1,
    reservationType: flags & 2 ? 'PLR' : 'SLR',
    udiDigest: bytes.slice(2, 8),
    authorizationDigest: bytes.slice(8, 16),
    timestamp: readUint(bytes, 16, 4) * 1000,
  };
}

function decodeBound(bytes: Uint8Array): BoundReturnCode {
  const head = bytes[0] ?? 0;
  if (head >> 4 !== BOUND_VERSION || (head & 0x0c) !== 0) throw malformed('version');
  const neverInstalled = (head & 1) === 1;
  const position = bytes[1] ?? 0;
  const sequence = bytes[2] ?? 0;
  const statement = statementAt(position);
  // The position says what is proven; the sequence and the flag must agree with it.
  if (!statement || sequence < 1) throw malformed('binding');
  if (statement.kind !== 'finished') {
    if (statement.sequence !== sequence) throw malformed('binding');
    if (neverInstalled !== (statement.kind === 'withdraw')) throw malformed('binding');
  }
  return {
    version: 2,
    text: encodeGrouped(RETURN_SPEC, bytes),
    neverInstalled,
    reservationType: head & 2 ? 'PLR' : 'SLR',
    sequence,
    statement,
    timestamp: readUint(bytes, 3, 4) * 1000,
    opening: {
      position,
      a: bytes.slice(7, 7 + CHAIN_POINT_BYTES),
      b: bytes.slice(7 + CHAIN_POINT_BYTES, 7 + 2 * CHAIN_POINT_BYTES),
    },
  };
}

/** Normalises and checks either version; says what is wrong and where. */
export function decodeReturnCode(raw: string): ReturnCode {
  const legacy = compactGrouped(raw).length === groupedLength(LEGACY_RETURN_SPEC);
  return legacy
    ? decodeLegacy(decodeGrouped(LEGACY_RETURN_SPEC, raw))
    : decodeBound(decodeGrouped(RETURN_SPEC, raw));
}

/**
 * Whether text looks like a return code of either version (for telling kinds apart). Cisco's
 * return codes end in a 3-character group (`…-FXjAbH-59J`) and can be as long as ours: printed
 * that way, a text is Cisco's, whatever its first letters.
 */
export function looksLikeReturnCode(raw: string): boolean {
  const groups = withoutWhitespace(unwrap(raw)).split('-');
  if (groups.length > 2 && groups.at(-1)!.length === 3) return false;
  return looksGrouped(RETURN_SPEC, raw) || looksGrouped(LEGACY_RETURN_SPEC, raw);
}

/** Version 1 only: the UDI digest it carries. */
export function returnCodeBindsUdi(code: LegacyReturnCode, udi: Udi, hasher: Hasher): boolean {
  return bytesEqual(code.udiDigest, udiTag(hasher, udi));
}

/** Version 1 only: the authorization digest it carries. */
export function returnCodeAnswers(code: LegacyReturnCode, authorizationDigest: string): boolean {
  return bytesEqual(code.authorizationDigest, fromHex(authorizationDigest).slice(0, 8));
}
