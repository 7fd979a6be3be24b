import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { issueAuthorization } from '../../../shared/codes/authorization.ts';
import { readCanonicalSlr } from '../../../shared/codes/slr-canonical.ts';
import { parseSlrAuthorization } from '../../../shared/codes/slr-authorization.ts';
import type { Udi } from '../../../shared/codes/udi.ts';
import { attempt } from '../../support/codes.ts';
import { authorityKeys, hasher } from '../../support/ports.ts';

const alnum = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/);
const udi: fc.Arbitrary<Udi> = fc.oneof(
  fc.record(
    { pid: alnum, sn: alnum, vid: alnum, hostId: fc.stringMatching(/^[0-9a-f]{8}$/) },
    { requiredKeys: ['pid', 'sn'] },
  ),
  fc.record({ pid: alnum, sn: alnum, uuid: fc.stringMatching(/^[0-9a-f]{32}$/) }),
);
/** Names as catalogs hold them, including what XML must escape and what it need not. */
const text = fc.string({
  unit: fc.constantFrom('a', 'Z', ' ', '&', '<', '>', '"', "'", ';', '#', '漢', 'é'),
});
const day = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const entitlement = fc.record(
  {
    tag: alnum,
    count: fc.nat({ max: 100_000 }),
    displayName: text,
    description: text,
    licenseType: fc.constantFrom('PERPETUAL', 'TERM', 'SUBSCRIPTION'),
    startDate: day,
    endDate: day,
    subscriptionId: alnum,
    exportControlled: fc.constant(true),
  },
  { requiredKeys: ['tag', 'count', 'displayName', 'description', 'licenseType'] },
);
const grant = fc.record({
  type: fc.constant('SLR' as const),
  udi,
  piid: alnum,
  timestamp: fc.nat(),
  requestNonce: fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{10}$/),
  sequence: fc.integer({ min: 1, max: 1000 }),
  entitlements: fc.array(entitlement, { maxLength: 4 }),
});

describe('reading our own SLR codes without the XML parser', () => {
  it('reads every code we issue exactly as the strict parser does', () => {
    fc.assert(
      fc.property(grant, (g) => {
        const { text: code } = issueAuthorization(g, authorityKeys.signer, hasher);
        const fast = readCanonicalSlr(code);
        expect(fast).toBeDefined();
        expect(fast).toEqual(parseSlrAuthorization(code));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a changed code only where the parser reads it the same way', () => {
    fc.assert(
      fc.property(
        grant,
        fc.nat(),
        fc.constantFrom(' ', '=', '<', '>', '&', 'x', '0', '9', '/', ':', ',', ';'),
        (g, at, by) => {
          const { text: code } = issueAuthorization(g, authorityKeys.signer, hasher);
          const i = at % code.length;
          const changed = code.slice(0, i) + by + code.slice(i + 1);
          const fast = readCanonicalSlr(changed);
          // A shortcut reading is always the parser's reading; everything else is the parser's call.
          if (fast) expect(fast).toEqual(parseSlrAuthorization(changed));
          else void attempt(() => parseSlrAuthorization(changed));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('leaves a re-indented code, a CSSM code and an oversized code to the parser', () => {
    const { text: code } = issueAuthorization(
      {
        type: 'SLR',
        udi: { pid: 'UCM', sn: 'edb16' },
        piid: 'p-1',
        timestamp: 1,
        requestNonce: 'ABCDEFGHJK',
        sequence: 1,
        entitlements: [],
      },
      authorityKeys.signer,
      hasher,
    );
    expect(readCanonicalSlr(code)).toBeDefined();
    expect(readCanonicalSlr(code.replace('<piid>', ' <piid>'))).toBeUndefined();
    expect(readCanonicalSlr(code.replace(/<requestNonce>.*<\/sequence>/, ''))).toBeUndefined();
    expect(
      readCanonicalSlr(code.replace('</specificPLR>', `${' '.repeat(70_000)}</specificPLR>`)),
    ).toBeUndefined();
  });
});
