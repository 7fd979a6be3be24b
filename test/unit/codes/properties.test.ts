import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeAuthorizationCode,
  issueAuthorization,
  verifyAuthorizationSignature,
} from '../../../shared/codes/authorization.ts';
import { decodeConfirmationCode } from '../../../shared/codes/confirmation-code.ts';
import { decodeRequestCode, encodeRequestCode } from '../../../shared/codes/request-code.ts';
import {
  decodeReturnCode,
  encodeBoundReturnCode,
  encodeReturnCode,
} from '../../../shared/codes/return-code.ts';
import { RETURN_CHAIN_LENGTH, statementAt } from '../../../shared/codes/return-key.ts';
import type { Udi } from '../../../shared/codes/udi.ts';
import { attempt } from '../../support/codes.ts';
import { authorityKeys, hasher } from '../../support/ports.ts';

const alnum = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/);
// Older random nonces (10 characters) and commitments to a device's return key (20).
const nonce = fc.oneof(
  fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{10}$/),
  fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{20}$/),
);
const udi: fc.Arbitrary<Udi> = fc.record(
  {
    pid: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/+-]{0,15}$/),
    sn: alnum,
    vid: alnum,
    hostId: fc.stringMatching(/^[0-9a-f]{8}$/),
  },
  { requiredKeys: ['pid', 'sn'] },
);
const printable = fc.integer({ min: 33, max: 126 }).map((c) => String.fromCharCode(c));

/** Replaces one character; the result is either refused or decodes to the very same code. */
function corruptionIsCaught(
  code: string,
  decode: (text: string) => { text: string },
  at: number,
  by: string,
): void {
  const i = at % code.length;
  if (code[i] === by) return;
  const result = attempt(() => decode(code.slice(0, i) + by + code.slice(i + 1)));
  if (result.ok) expect(result.value.text).toBe(decode(code).text);
}

/** An SLR code is accepted only when it parses and its signature verifies. */
function verifiedSlr(text: string): { text: string } {
  const auth = decodeAuthorizationCode(text);
  if (verifyAuthorizationSignature(auth, authorityKeys.verifier) !== 'valid')
    throw new Error('signature');
  return auth;
}

describe('code properties', () => {
  it('request codes round-trip for any UDI and nonce', () => {
    fc.assert(
      fc.property(udi, nonce, (u, n) => {
        const decoded = decodeRequestCode(encodeRequestCode(u, n));
        expect(decoded.udi).toEqual(u);
        expect(decoded.nonce).toBe(n);
      }),
    );
  });

  it('a random single-character corruption never yields an accepted different request code', () => {
    fc.assert(
      fc.property(udi, nonce, fc.nat(), printable, (u, n, at, by) =>
        corruptionIsCaught(encodeRequestCode(u, n), decodeRequestCode, at, by),
      ),
      { numRuns: 2000 },
    );
  });

  it('authorization codes of both kinds round-trip and resist single corruptions', () => {
    fc.assert(
      fc.property(
        udi,
        nonce,
        fc.boolean(),
        fc.integer({ min: 1, max: 500 }),
        fc.nat(),
        printable,
        (u, n, plr, count, at, by) => {
          const grant = plr
            ? {
                type: 'PLR' as const,
                udi: u,
                requestNonce: n,
                sequence: 1,
                timestamp: 1_700_000_000_000,
                exportControl: count % 2 === 0,
              }
            : {
                type: 'SLR' as const,
                udi: u,
                piid: 'p',
                requestNonce: n,
                sequence: 1,
                timestamp: 1,
                entitlements: [
                  {
                    tag: 'regid.x',
                    count,
                    displayName: 'X',
                    description: 'Y',
                    licenseType: 'PERPETUAL',
                  },
                ],
              };
          const issued = issueAuthorization(grant, authorityKeys.signer, hasher);
          const decoded = decodeAuthorizationCode(issued.text);
          expect(decoded.type).toBe(grant.type);
          if (decoded.type === 'SLR') expect(decoded.udi).toEqual(u);
          if (plr) corruptionIsCaught(issued.text, decodeAuthorizationCode, at, by);
          else corruptionIsCaught(issued.text, (text) => verifiedSlr(text), at, by);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('return codes round-trip and resist single corruptions', () => {
    fc.assert(
      fc.property(
        udi,
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.boolean(),
        fc.nat(),
        printable,
        (u, d, never, at, by) => {
          const digest = Buffer.from(d).toString('hex');
          const text = encodeReturnCode(
            {
              udi: u,
              authorizationDigest: digest,
              reservationType: 'SLR',
              neverInstalled: never,
              timestamp: 1_700_000_000_000,
            },
            hasher,
          );
          expect(decodeReturnCode(text).neverInstalled).toBe(never);
          corruptionIsCaught(text, decodeReturnCode, at, by);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('device-bound return codes round-trip what they say and resist single corruptions', () => {
    fc.assert(
      fc.property(
        udi,
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 1, max: RETURN_CHAIN_LENGTH }),
        fc.integer({ min: 1, max: 255 }),
        fc.boolean(),
        fc.nat(),
        printable,
        (u, seed, position, named, plr, at, by) => {
          const statement = statementAt(position)!;
          const sequence = statement.kind === 'finished' ? named : statement.sequence;
          const text = encodeBoundReturnCode(
            {
              udi: u,
              seed: Buffer.from(seed).toString('hex'),
              statement,
              sequence,
              reservationType: plr ? 'PLR' : 'SLR',
              neverInstalled: statement.kind !== 'installed',
              timestamp: 1_700_000_000_000,
            },
            hasher,
          );
          expect(decodeReturnCode(text)).toMatchObject({ statement, sequence, version: 2 });
          corruptionIsCaught(text, decodeReturnCode, at, by);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('confirmation codes normalise to lower-case hex', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-fA-F]{8}$/), (c) => {
        expect(decodeConfirmationCode(c)).toBe(c.toLowerCase());
      }),
    );
  });
});
