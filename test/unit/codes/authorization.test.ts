import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  authorizationAnswersNonce,
  authorizationBindsUdi,
  authorizationDigest,
  decodeAuthorizationCode,
  issueAuthorization,
  verifyAuthorizationSignature,
} from '../../../shared/codes/authorization.ts';
import { authorityKeys, hasher, otherKeys } from '../../support/ports.ts';
import {
  attempt,
  entitlement,
  expresswayUdi,
  substitutions,
  transpositions,
  ucmUdi,
} from '../../support/codes.ts';

const slrGrant = {
  type: 'SLR' as const,
  udi: ucmUdi,
  piid: '6191f5e5-319e-41ff-abba-be220ea4b2e1',
  timestamp: Date.UTC(2026, 0, 15),
  requestNonce: 'ABCDEFGHJK',
  sequence: 1,
  entitlements: [
    entitlement(),
    entitlement({
      tag: 'regid.2017-02.com.cisco.UCM_CUWL,12.0_cc59375a-1cd8-4b36-8366-6f4d2abba965',
      count: 1,
      licenseType: 'TERM',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      displayName: 'UC Manager CUWL License (12.x) <A&B> "quoted"',
    }),
  ],
};

describe('SLR authorization code', () => {
  const issued = issueAuthorization(slrGrant, authorityKeys.signer, hasher);

  it('is the XML shape CSSM prints, with a DER signature (MEQC…/MEUC…)', () => {
    expect(issued.text).toMatch(
      /^<specificPLR><authorizationCode><flag>A<\/flag><version>C<\/version><piid>/,
    );
    expect(issued.text).toContain(
      '<startDate>2026-Jan-01 UTC</startDate><endDate>2026-Dec-31 UTC</endDate>',
    );
    expect(issued.text).toMatch(
      /<signature>ME[IMQUY]C[A-Za-z0-9+/=]+<\/signature><udi>P:UCM,S:edb16,U:d9a2c6618fe14ce79e6fbbc68a3edb16<\/udi>/,
    );
    expect(issued.confirmationCode).toMatch(/^[0-9a-f]{8}$/);
  });

  it('round-trips every field and verifies with the authority key', () => {
    const auth = decodeAuthorizationCode(issued.text);
    expect(auth).toMatchObject({
      type: 'SLR',
      origin: 'airlock',
      udi: ucmUdi,
      sequence: 1,
      requestNonce: 'ABCDEFGHJK',
    });
    if (auth.type !== 'SLR') throw new Error('expected SLR');
    expect(auth.entitlements).toEqual(slrGrant.entitlements);
    expect(verifyAuthorizationSignature(auth, authorityKeys.verifier)).toBe('valid');
    expect(authorizationDigest(auth, hasher)).toBe(issued.digest);
    expect(authorizationBindsUdi(auth, ucmUdi, hasher)).toBe(true);
    expect(authorizationBindsUdi(auth, expresswayUdi, hasher)).toBe(false);
    expect(authorizationAnswersNonce(auth, 'ABCDEFGHJK', hasher)).toBe(true);
  });

  it('still verifies after a terminal wrapped it and quotes were added', () => {
    const wrapped = `"${issued.text.replace(/(.{80})/g, '$1\r\n')}"`;
    expect(
      verifyAuthorizationSignature(decodeAuthorizationCode(wrapped), authorityKeys.verifier),
    ).toBe('valid');
  });

  it('fails verification when a count was changed or another authority signed it', () => {
    const tampered = issued.text.replace('<count>4</count>', '<count>40</count>');
    expect(
      verifyAuthorizationSignature(decodeAuthorizationCode(tampered), authorityKeys.verifier),
    ).toBe('invalid');
    expect(
      verifyAuthorizationSignature(decodeAuthorizationCode(issued.text), otherKeys.verifier),
    ).toBe('invalid');
  });

  it('refuses DTDs, entities, oversized and deeply nested input', () => {
    const dtd = `<!DOCTYPE x [<!ENTITY a "b">]>${issued.text}`;
    expect(attempt(() => decodeAuthorizationCode(dtd))).toEqual({
      ok: false,
      code: 'AUTHORIZATION_CODE_MALFORMED',
    });
    const big = issued.text.replace('<flag>A</flag>', `<flag>${'A'.repeat(70_000)}</flag>`);
    expect(attempt(() => decodeAuthorizationCode(big))).toEqual({
      ok: false,
      code: 'AUTHORIZATION_CODE_MALFORMED',
    });
    expect(attempt(() => decodeAuthorizationCode(issued.text.slice(0, -20)))).toEqual({
      ok: false,
      code: 'AUTHORIZATION_CODE_MALFORMED',
    });
    // Well-formed, but nested far deeper than any code: refused as malformed, not a crash.
    const deep = `<specificPLR>${'<a>'.repeat(200)}${'</a>'.repeat(200)}</specificPLR>`;
    expect(attempt(() => decodeAuthorizationCode(deep))).toEqual({
      ok: false,
      code: 'AUTHORIZATION_CODE_MALFORMED',
    });
  });

  it('reads a CSSM code from the product guide and says its signature cannot be verified here', () => {
    const text = readFileSync(
      new URL('../../fixtures/cisco/ucm-update-authorization.repaired.txt', import.meta.url),
      'utf8',
    );
    const auth = decodeAuthorizationCode(text);
    expect(auth).toMatchObject({
      type: 'SLR',
      origin: 'cisco',
      piid: '6191f5e5-319e-41ff-abba-be220ea4b2e1',
    });
    if (auth.type !== 'SLR') throw new Error('expected SLR');
    expect(auth.udi).toEqual(ucmUdi);
    expect(auth.entitlements[0]).toMatchObject({
      count: 1,
      startDate: '2020-03-04',
      endDate: '2020-08-31',
      licenseType: 'TERM',
    });
    expect(verifyAuthorizationSignature(auth, authorityKeys.verifier)).toBe('unverifiable');
  });
});

describe('PLR authorization code', () => {
  const grant = {
    type: 'PLR' as const,
    udi: expresswayUdi,
    requestNonce: 'ZXCVBNM123',
    sequence: 1,
    timestamp: Date.UTC(2026, 0, 15, 10, 30, 5),
    exportControl: true,
  };
  const issued = issueAuthorization(grant, authorityKeys.signer, hasher);

  it('is grouped in sixes, starts with CA and is typeable', () => {
    expect(issued.text).toMatch(/^CA[0-9A-Z]{4}(-[0-9A-Z]{6}){21}-[0-9A-Z]{6}$/);
    expect(issued.confirmationCode).toBeUndefined();
  });

  it('round-trips, verifies and binds to the UDI and request', () => {
    const auth = decodeAuthorizationCode(issued.text.toLowerCase().replace(/-/g, ' '));
    expect(auth).toMatchObject({
      type: 'PLR',
      exportControl: true,
      sequence: 1,
      timestamp: grant.timestamp,
    });
    expect(auth.text).toBe(issued.text);
    expect(verifyAuthorizationSignature(auth, authorityKeys.verifier)).toBe('valid');
    expect(verifyAuthorizationSignature(auth, otherKeys.verifier)).toBe('invalid');
    expect(authorizationBindsUdi(auth, expresswayUdi, hasher)).toBe(true);
    expect(authorizationBindsUdi(auth, { ...expresswayUdi, sn: '0B070519' }, hasher)).toBe(false);
    expect(authorizationAnswersNonce(auth, 'ZXCVBNM123', hasher)).toBe(true);
    expect(authorizationDigest(auth, hasher)).toBe(issued.digest);
  });

  it('detects every single substitution and transposition, and names the group of a typo', () => {
    const compact = issued.text.replace(/-/g, '');
    for (const variant of [
      ...substitutions(compact, '0123456789ABCDEFGHJKMNPQRSTVWXYZ'),
      ...transpositions(compact),
    ]) {
      const result = attempt(() => decodeAuthorizationCode(variant.text));
      if (result.ok) expect(result.value.text).toBe(issued.text);
    }
    const typo = compact.slice(0, 40) + (compact[40] === 'Z' ? 'Y' : 'Z') + compact.slice(41);
    try {
      decodeAuthorizationCode(typo);
      throw new Error('accepted a typo');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'AUTHORIZATION_CODE_CHECK_FAILED',
        facts: { hint: 'substitution', group: 7, position: 5 },
      });
    }
  });
});
