// Typeable codes in groups of six (PLR authorization, return): prefix, base32 payload, check group.

import { DomainError } from '../errors.ts';
import {
  base32Length,
  canonicalBase32Char,
  decodeBase32,
  encodeBase32,
  isBase32Char,
} from './base32.ts';
import { describeCheckFailure } from './check-failure.ts';
import { CHECK_LENGTH, checkGroup, verifyCheckGroup } from './check-group.ts';
import { unwrap, withoutWhitespace } from './normalise.ts';

export const GROUP_SIZE = 6;

export interface GroupedCodeSpec {
  /** Two letters that say what the code is: `CA` authorization, `CR` return. */
  prefix: string;
  payloadBytes: number;
  /** Error code stem: `AUTHORIZATION_CODE` → AUTHORIZATION_CODE_MALFORMED / _CHECK_FAILED. */
  errorStem: string;
}

export function formatGroups(compact: string): string {
  const groups: string[] = [];
  for (let i = 0; i < compact.length; i += GROUP_SIZE)
    groups.push(compact.slice(i, i + GROUP_SIZE));
  return groups.join('-');
}

export function encodeGrouped(spec: GroupedCodeSpec, payload: Uint8Array): string {
  if (payload.length !== spec.payloadBytes) throw new RangeError('payload length');
  const body = spec.prefix + encodeBase32(payload);
  return formatGroups(body + checkGroup(body));
}

/** The compact form: no dashes or spaces, upper case, Crockford aliases applied. */
export function compactGrouped(raw: string): string {
  return [...withoutWhitespace(unwrap(raw)).replace(/-/g, '')].map(canonicalBase32Char).join('');
}

export function groupedLength(spec: GroupedCodeSpec): number {
  return spec.prefix.length + base32Length(spec.payloadBytes) + CHECK_LENGTH;
}

function where(index: number): { group: number; position: number } {
  return { group: Math.floor(index / GROUP_SIZE) + 1, position: (index % GROUP_SIZE) + 1 };
}

/** Checks shape and check group, says which group is wrong, and returns the payload bytes. */
export function decodeGrouped(spec: GroupedCodeSpec, raw: string): Uint8Array {
  const compact = compactGrouped(raw);
  if (compact === '') throw new DomainError('CODE_EMPTY');
  const malformed = `${spec.errorStem}_MALFORMED`;
  if (!compact.startsWith(spec.prefix)) throw new DomainError(malformed, { reason: 'prefix' });
  const expected = groupedLength(spec);
  if (compact.length !== expected) {
    throw new DomainError(malformed, { reason: 'length', length: compact.length, expected });
  }
  const bad = [...compact].findIndex((c) => !isBase32Char(c));
  if (bad >= 0)
    throw new DomainError(malformed, {
      reason: 'character',
      character: compact[bad],
      ...where(bad),
    });
  const body = compact.slice(0, -CHECK_LENGTH);
  const outcome = verifyCheckGroup(body, compact.slice(-CHECK_LENGTH), isBase32Char);
  if (!outcome.ok) {
    throw new DomainError(
      `${spec.errorStem}_CHECK_FAILED`,
      describeCheckFailure(outcome.hint, where),
    );
  }
  return decodeBase32(body.slice(spec.prefix.length), spec.payloadBytes);
}

/** Whether text looks like a grouped code of this kind (for telling kinds apart, no checking). */
export function looksGrouped(spec: GroupedCodeSpec, raw: string): boolean {
  const compact = compactGrouped(raw);
  return compact.startsWith(spec.prefix) && Math.abs(compact.length - groupedLength(spec)) <= 3;
}
