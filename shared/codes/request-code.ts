// The reservation request code a product prints: version, UDI, a fresh nonce, a check group.
//
// Ours: `CB-PExpressway,S08F8FF3C,V1.0,H320aa69d-1Q0J1WKQ30ZEWGNKWMSB-8YQF` — the seeds' shape
// (`CB-`, the UDI fields, a nonce, a check group), with a 20-character nonce and a 4-character
// check group that catches every single substitution and adjacent transposition.
//
// The nonce is the device's commitment to its return key (return-key.ts): 100 bits of a hash over
// the heads of two hash chains grown from a secret only the device holds. It is as fresh as any
// random nonce, it names the request (authorizations answer it, updates keep it), and it is what
// the desk later checks every return code against. That is why it is twice as long as before:
// 100 bits make finding other chain heads that hash to it cost 2^100 SHA-256 evaluations.
// Requests printed before device-bound returns carry a 10-character random nonce; they are still
// read, and their reservations are still returned with the older, unbound return codes.
//
// Cisco's own shapes are read too (`…-A7C3VJCJF-AE`, IOS-XE `CB-ZC9300-24UX:FCW2134L0RN-AK9A6sMTr-86`),
// but their 2-character check cannot be verified here.

import { DomainError } from '../errors.ts';
import type { Random } from '../ports.ts';
import { canonicalBase32Char, encodeBase32, isBase32Char } from './base32.ts';
import { CHECK_LENGTH, checkGroup, verifyCheckGroup } from './check-group.ts';
import { describeCheckFailure } from './check-failure.ts';
import { unwrap, withoutWhitespace } from './normalise.ts';
import { COMMITTED_NONCE_LENGTH } from './return-key.ts';
import { type Udi, validateUdi } from './udi.ts';

/** The random nonce of requests printed before device-bound returns (no commitment). */
export const NONCE_LENGTH = 10;
const NONCE_LENGTHS = [NONCE_LENGTH, COMMITTED_NONCE_LENGTH];
const PREFIX = 'CB-';

export interface RequestCode {
  /** The normalised code, as it should be compared and stored. */
  text: string;
  udi: Udi;
  nonce: string;
  /**
   * `airlock`: our check group, verified (a 20-character nonce commits to the device's return key,
   * a 10-character one is an older random nonce). `cisco`: a device's own code, check not verifiable.
   */
  origin: 'airlock' | 'cisco';
  shape: 'fields' | 'ios-xe';
}

/** A random nonce without a commitment, as requests carried before device-bound returns. */
export function newRequestNonce(random: Random): string {
  return encodeBase32(random.bytes(7)).slice(0, NONCE_LENGTH);
}

function udiSegment(udi: Udi): string {
  const parts = [`P${udi.pid}`, `S${udi.sn}`];
  if (udi.vid) parts.push(`V${udi.vid}`);
  if (udi.hostId) parts.push(`H${udi.hostId}`);
  if (udi.uuid) parts.push(`U${udi.uuid}`);
  return parts.join(',');
}

export function encodeRequestCode(udi: Udi, nonce: string): string {
  const clean = validateUdi(udi);
  if (!NONCE_LENGTHS.includes(nonce.length) || ![...nonce].every(isBase32Char)) {
    throw new RangeError('request nonce must be 10 or 20 base32 characters');
  }
  const body = `${PREFIX}${udiSegment(clean)}-${nonce}`;
  return `${body}-${checkGroup(body)}`;
}

const FIELD_KEYS: Record<string, keyof Udi> = {
  P: 'pid',
  S: 'sn',
  V: 'vid',
  H: 'hostId',
  U: 'uuid',
};

function malformed(reason: string, facts: Record<string, string | number> = {}): DomainError {
  return new DomainError('REQUEST_CODE_MALFORMED', { reason, ...facts });
}

function parseUdiSegment(
  segment: string,
  origin: RequestCode['origin'],
): { udi: Udi; shape: RequestCode['shape'] } {
  if (segment.startsWith('Z') && segment.includes(':') && !segment.includes(',')) {
    const [pid, sn] = [
      segment.slice(1, segment.lastIndexOf(':')),
      segment.slice(segment.lastIndexOf(':') + 1),
    ];
    return { udi: validateUdi({ pid, sn }), shape: 'ios-xe' };
  }
  const udi: Partial<Udi> = {};
  for (const field of segment.split(',')) {
    const rawKey = field.charAt(0);
    const key = FIELD_KEYS[origin === 'cisco' ? rawKey.toUpperCase() : rawKey];
    if (!key || field.length < 2) throw malformed('udi-field', { field });
    if (udi[key] !== undefined) throw malformed('udi-field-repeated', { field });
    udi[key] = field.slice(1);
  }
  try {
    return { udi: validateUdi({ pid: udi.pid ?? '', sn: udi.sn ?? '', ...udi }), shape: 'fields' };
  } catch (error) {
    if (error instanceof DomainError) throw malformed('udi', { field: String(error.facts.field) });
    throw error;
  }
}

/** Normalises, parses and verifies a pasted request code; throws with what and where on failure. */
export function decodeRequestCode(raw: string): RequestCode {
  const compact = withoutWhitespace(unwrap(raw));
  if (compact === '') throw new DomainError('CODE_EMPTY');
  if (compact.slice(0, PREFIX.length).toUpperCase() !== PREFIX) throw malformed('prefix');
  const lastDash = compact.lastIndexOf('-');
  const nonceDash = compact.lastIndexOf('-', lastDash - 1);
  if (lastDash <= PREFIX.length || nonceDash < PREFIX.length) throw malformed('segments');
  const rawCheck = compact.slice(lastDash + 1);
  const rawNonce = compact.slice(nonceDash + 1, lastDash);
  const segment = compact.slice(PREFIX.length, nonceDash);
  if (segment === '') throw malformed('segments');

  if (rawCheck.length === 2) {
    // Cisco's nonces are nine characters. Demanding at least six also keeps a mistyped check group
    // of ours (`…-7KQ2M9XW4T-0-5C`) from passing for a Cisco code with a one-character nonce.
    if (!/^[A-Za-z0-9]{6,16}$/.test(rawNonce) || !/^[A-Za-z0-9]{2}$/.test(rawCheck))
      throw malformed('nonce');
    const { udi, shape } = parseUdiSegment(segment, 'cisco');
    return {
      text: `${PREFIX}${segment}-${rawNonce}-${rawCheck}`,
      udi,
      nonce: rawNonce,
      origin: 'cisco',
      shape,
    };
  }
  if (rawCheck.length !== CHECK_LENGTH)
    throw malformed(rawCheck.length > CHECK_LENGTH ? 'check-too-long' : 'check-length', {
      length: rawCheck.length,
    });

  const nonce = [...rawNonce].map(canonicalBase32Char).join('');
  const check = [...rawCheck].map(canonicalBase32Char).join('');
  const badNonce = [...nonce].findIndex((c) => !isBase32Char(c));
  if (!NONCE_LENGTHS.includes(nonce.length) || badNonce >= 0) {
    throw malformed('nonce', { position: nonceDash + 2 + Math.max(badNonce, 0) });
  }
  const body = `${PREFIX}${segment}-${nonce}`;
  const outcome = verifyCheckGroup(body, check, (c, i) =>
    i > nonceDash ? isBase32Char(c) : c > ' ' && c <= '~',
  );
  if (!outcome.ok) {
    throw new DomainError(
      'REQUEST_CODE_CHECK_FAILED',
      describeCheckFailure(outcome.hint, (i) => ({
        // Past the body: the check group, printed after one more dash.
        position: i < body.length ? i + 1 : i + 2,
        segment:
          i >= body.length
            ? 'check'
            : i < PREFIX.length
              ? 'version'
              : i < nonceDash
                ? 'udi'
                : i === nonceDash
                  ? 'separator'
                  : 'nonce',
      })),
    );
  }
  const { udi, shape } = parseUdiSegment(segment, 'airlock');
  // Ours name the UDI's fields in one order: the same fields in another is another spelling of
  // a code no device of ours printed (its check group recomputed to fit).
  if (shape === 'fields' && segment !== udiSegment(udi)) throw malformed('udi-order');
  return { text: `${body}-${check}`, udi, nonce, origin: 'airlock', shape };
}
