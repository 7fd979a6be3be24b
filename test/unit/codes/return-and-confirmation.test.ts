import { describe, expect, it } from 'vitest';
import {
  confirmationCodeFor,
  decodeConfirmationCode,
} from '../../../shared/codes/confirmation-code.ts';
import {
  decodeReturnCode,
  encodeReturnCode,
  returnCodeAnswers,
  returnCodeBindsUdi,
} from '../../../shared/codes/return-code.ts';
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

describe('return code', () => {
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

  it('is groups of six with a short tail, starting CR', () => {
    expect(text).toMatch(/^CR[0-9A-Z]{4}(-[0-9A-Z]{6}){5}-[0-9A-Z]{2}$/);
  });

  it('round-trips and is bound to the UDI and the authorization it returns', () => {
    const code = decodeReturnCode(text.toLowerCase());
    expect(code).toMatchObject({
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
