import { describe, expect, it } from 'vitest';
import {
  confirmationCodeFor,
  decodeConfirmationCode,
} from '../../../shared/codes/confirmation-code.ts';
import {
  type LegacyReturnCode,
  RETURN_SPEC,
  decodeReturnCode,
  encodeBoundReturnCode,
  encodeReturnCode,
  returnCodeAnswers,
  returnCodeBindsUdi,
} from '../../../shared/codes/return-code.ts';
import {
  RETURN_SEQUENCE_LIMIT,
  committedNonce,
  verifyReturnOpening,
} from '../../../shared/codes/return-key.ts';
import { classifyCode } from '../../../shared/codes/classify.ts';
import { decodeGrouped, encodeGrouped } from '../../../shared/codes/grouped-code.ts';
import { hasher } from '../../support/ports.ts';
import {
  attempt,
  expresswayUdi,
  substitutions,
  transpositions,
  ucmUdi,
} from '../../support/codes.ts';

const digest = 'a'.repeat(16) + 'b'.repeat(48);

describe('confirmation code', () => {
  it('is 8 lower-case hex digits the authority can recompute', () => {
    const code = confirmationCodeFor(digest, ucmUdi, hasher);
    expect(code).toMatch(/^[0-9a-f]{8}$/);
    expect(confirmationCodeFor(digest, ucmUdi, hasher)).toBe(code);
    expect(confirmationCodeFor(digest, expresswayUdi, hasher)).not.toBe(code);
  });

  it('accepts the guide sample with case and spaces folded; refuses other shapes', () => {
    expect(decodeConfirmationCode(' "08715C93" ')).toBe('08715c93');
    expect(attempt(() => decodeConfirmationCode('08715c9'))).toEqual({
      ok: false,
      code: 'CONFIRMATION_CODE_MALFORMED',
    });
    expect(attempt(() => decodeConfirmationCode('08715g93'))).toEqual({
      ok: false,
      code: 'CONFIRMATION_CODE_MALFORMED',
    });
  });
});

describe('return code, device-bound (version 2)', () => {
  const seed = 'ab'.repeat(32);
  const nonce = committedNonce(seed, expresswayUdi, hasher);
  const grant = {
    udi: expresswayUdi,
    seed,
    reservationType: 'SLR' as const,
    timestamp: Date.UTC(2026, 1, 1),
  };
  const installed = encodeBoundReturnCode(
    { ...grant, statement: { kind: 'installed', sequence: 3 }, sequence: 3, neverInstalled: false },
    hasher,
  );
  const withdrawal = encodeBoundReturnCode(
    { ...grant, statement: { kind: 'withdraw', sequence: 4 }, sequence: 4, neverInstalled: true },
    hasher,
  );
  const finished = encodeBoundReturnCode(
    { ...grant, statement: { kind: 'finished' }, sequence: 2, neverInstalled: true },
    hasher,
  );

  it('is nine groups of six and a 2-character tail, starting CR — the shape devices print', () => {
    for (const text of [installed, withdrawal, finished]) {
      expect(text).toMatch(/^CR[0-9A-Z]{4}(-[0-9A-Z]{6}){8}-[0-9A-Z]{2}$/);
      expect(classifyCode(text)).toBe('return');
    }
  });

  it('round-trips what it says and opens the key the request committed to', () => {
    expect(nonce).toMatch(/^[0-9A-Z]{20}$/);
    const code = decodeReturnCode(installed.toLowerCase());
    expect(code).toMatchObject({
      version: 2,
      text: installed,
      neverInstalled: false,
      reservationType: 'SLR',
      sequence: 3,
      statement: { kind: 'installed', sequence: 3 },
      timestamp: Date.UTC(2026, 1, 1),
    });
    if (code.version !== 2) throw new Error('version');
    expect(verifyReturnOpening(nonce, expresswayUdi, code.opening, hasher)).toBe(true);
    expect(verifyReturnOpening(nonce, ucmUdi, code.opening, hasher)).toBe(false);
    const other = committedNonce('cd'.repeat(32), expresswayUdi, hasher);
    expect(verifyReturnOpening(other, expresswayUdi, code.opening, hasher)).toBe(false);
    expect(decodeReturnCode(withdrawal)).toMatchObject({
      neverInstalled: true,
      sequence: 4,
      statement: { kind: 'withdraw', sequence: 4 },
    });
    expect(decodeReturnCode(finished)).toMatchObject({
      neverInstalled: true,
      sequence: 2,
      statement: { kind: 'finished' },
    });
  });

  it('refuses a code whose parts disagree with the position it proves', () => {
    const altered = (at: number, change: (b: number) => number) => {
      const bytes = decodeGrouped(RETURN_SPEC, withdrawal);
      bytes[at] = change(bytes[at]!);
      return encodeGrouped(RETURN_SPEC, bytes);
    };
    for (const text of [
      altered(0, (b) => b ^ 1), // "installed" on a withdrawal
      altered(2, (b) => b + 1), // another sequence than the one proven
      altered(1, () => 0), // no position
      altered(1, () => 200), // past the last position
      altered(0, (b) => b ^ 0x30), // another version
    ])
      expect(attempt(() => decodeReturnCode(text))).toEqual({
        ok: false,
        code: 'RETURN_CODE_MALFORMED',
      });
    expect(() =>
      encodeBoundReturnCode(
        {
          ...grant,
          statement: { kind: 'withdraw', sequence: 4 },
          sequence: 5,
          neverInstalled: true,
        },
        hasher,
      ),
    ).toThrow(RangeError);
    expect(() =>
      encodeBoundReturnCode(
        {
          ...grant,
          statement: { kind: 'withdraw', sequence: RETURN_SEQUENCE_LIMIT + 1 },
          sequence: RETURN_SEQUENCE_LIMIT + 1,
          neverInstalled: true,
        },
        hasher,
      ),
    ).toThrow(RangeError);
  });

  it('detects every single-character substitution and adjacent transposition (exhaustive)', () => {
    let tried = 0;
    for (const text of [installed, withdrawal, finished]) {
      const compact = text.replace(/-/g, '');
      for (const variant of [...substitutions(compact), ...transpositions(compact)]) {
        const result = attempt(() => decodeReturnCode(variant.text));
        tried++;
        if (result.ok) expect(result.value.text, `accepted ${variant.text}`).toBe(text);
      }
      // As printed, with its dashes: a dash typed for a character, or swapped with one, too.
      for (const variant of [...substitutions(text), ...transpositions(text)]) {
        const result = attempt(() => decodeReturnCode(variant.text));
        if (result.ok) expect(result.value.text, `accepted ${variant.text}`).toBe(text);
      }
    }
    expect(tried).toBeGreaterThan(15000);
  });

  it('says which group a mistyped character is in', () => {
    const i = 15; // group 3, character 2, as printed (six characters and a dash per group)
    const typo =
      installed.slice(0, i) + (installed[i] === 'X' ? 'Y' : 'X') + installed.slice(i + 1);
    try {
      decodeReturnCode(typo);
      throw new Error('accepted a typo');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'RETURN_CODE_CHECK_FAILED',
        facts: { hint: 'substitution', group: 3, position: 2 },
      });
    }
  });
});

describe('return code, older unbound form (version 1)', () => {
  const text = encodeReturnCode(
    {
      udi: expresswayUdi,
      authorizationDigest: digest,
      reservationType: 'SLR',
      neverInstalled: true,
      timestamp: Date.UTC(2026, 1, 1),
    },
    hasher,
  );

  it('is still read: six groups and a 2-character tail, starting CR', () => {
    expect(text).toMatch(/^CR[0-9A-Z]{4}(-[0-9A-Z]{6}){5}-[0-9A-Z]{2}$/);
    expect(classifyCode(text)).toBe('return');
  });

  it('round-trips and carries public digests of the UDI and of the authorization', () => {
    const code = decodeReturnCode(text.toLowerCase()) as LegacyReturnCode;
    expect(code).toMatchObject({
      version: 1,
      text,
      neverInstalled: true,
      reservationType: 'SLR',
      timestamp: Date.UTC(2026, 1, 1),
    });
    expect(returnCodeBindsUdi(code, expresswayUdi, hasher)).toBe(true);
    expect(returnCodeBindsUdi(code, ucmUdi, hasher)).toBe(false);
    expect(returnCodeAnswers(code, digest)).toBe(true);
    expect(returnCodeAnswers(code, 'c'.repeat(64))).toBe(false);
  });

  it('detects every single substitution and adjacent transposition', () => {
    const compact = text.replace(/-/g, '');
    for (const variant of [...substitutions(compact), ...transpositions(compact)]) {
      const result = attempt(() => decodeReturnCode(variant.text));
      if (result.ok) expect(result.value.text).toBe(text);
    }
  });
});
