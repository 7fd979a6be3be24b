import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authorizationDigest,
  decodeAuthorizationCode,
  issueAuthorization,
  verifyAuthorizationSignature,
} from '../../../shared/codes/authorization.ts';
import { withoutXmlLayout } from '../../../shared/codes/normalise.ts';
import { readCanonicalSlr } from '../../../shared/codes/slr-canonical.ts';
import {
  type SlrAuthorization,
  parseSlrAuthorization,
} from '../../../shared/codes/slr-authorization.ts';
import type { Udi } from '../../../shared/codes/udi.ts';
import type { DomainError } from '../../../shared/errors.ts';
import { attempt, prettyPrintXml } from '../../support/codes.ts';
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

/** What installing, Inspect and the external ledger all call: normalise, then decode. */
function parseOrDecode(pasted: string): SlrAuthorization {
  const auth = decodeAuthorizationCode(pasted);
  if (auth.type !== 'SLR') throw new Error('expected an SLR code');
  return auth;
}

describe('one spelling per code: ours are accepted only as Airlock writes them', () => {
  const base = issueAuthorization(
    {
      type: 'SLR',
      udi: { pid: 'UCM', sn: 'edb16', uuid: 'd9a2c6618fe14ce79e6fbbc68a3edb16' },
      piid: 'c0ffee00-0000-4000-8000-000000000001',
      timestamp: 1_768_435_200_000,
      requestNonce: 'ABCDEFGHJK',
      sequence: 2,
      entitlements: [
        {
          tag: 'regid.2016-07.com.cisco.UCM_Enhanced,12.0_66d0d1cf-4863-4761-91d0-d01d3eb1949a',
          count: 2,
          displayName: `UC Manager "Enhanced" & 'Basic' <12.x>`,
          description: 'UC Manager Enhanced License',
          licenseType: 'TERM',
          startDate: '2026-01-01',
          endDate: '2026-12-31',
        },
      ],
    },
    authorityKeys.signer,
    hasher,
  );
  const code = base.text;

  it('reads a pretty-printed, indented, line-wrapped copy as the very code issued', () => {
    const layouts = [
      prettyPrintXml(code),
      prettyPrintXml(code, { indent: '\t', newline: '\r\n' }),
      // Indented, then wrapped by a terminal at 60 columns.
      prettyPrintXml(code).replace(/([^\n]{60})/g, '$1\n'),
      `"${code.replace(/(.{76})/g, '$1\n')}"`,
    ];
    for (const pasted of layouts) {
      const auth = parseOrDecode(pasted);
      expect(auth.text).toBe(code);
      expect(auth.origin).toBe('airlock');
      expect(verifyAuthorizationSignature(auth, authorityKeys.verifier)).toBe('valid');
      expect(authorizationDigest(auth, hasher)).toBe(base.digest);
    }
  });

  it('reads every code we issue, pretty-printed, as the code itself', () => {
    fc.assert(
      fc.property(grant, (g) => {
        const { text: issued } = issueAuthorization(g, authorityKeys.signer, hasher);
        expect(parseOrDecode(prettyPrintXml(issued)).text).toBe(issued);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    [
      'hexadecimal count',
      '<count>2</count>',
      '<count>0x2</count>',
      { reason: 'count', value: '0x2' },
    ],
    ['exponent count', '<count>2</count>', '<count>2e0</count>', { reason: 'count', value: '2e0' }],
    ['signed count', '<count>2</count>', '<count>+2</count>', { reason: 'count', value: '+2' }],
    ['spaced count', '<count>2</count>', '<count> 2</count>', { reason: 'count', value: ' 2' }],
    [
      'zero-padded count',
      '<count>2</count>',
      '<count>02</count>',
      { reason: 'count', value: '02' },
    ],
    ['decimal count', '<count>2</count>', '<count>2.0</count>', { reason: 'count', value: '2.0' }],
    [
      'exponent timestamp',
      '<timestamp>1768435200000</timestamp>',
      '<timestamp>1.7684352e12</timestamp>',
      { reason: 'timestamp', value: '1.7684352e12' },
    ],
    [
      'attribute',
      '<count>2</count>',
      '<count unit="seats">2</count>',
      { reason: 'attribute', element: 'count' },
    ],
    [
      'extra element',
      '<flag>A</flag>',
      '<flag>A</flag><comment>ok</comment>',
      { reason: 'unexpected-element', element: 'comment' },
    ],
    [
      'CSSM spelling of piid',
      '<piid>c0ffee00-0000-4000-8000-000000000001</piid>',
      '<pid>c0ffee00-0000-4000-8000-000000000001</pid>',
      { reason: 'unexpected-element', element: 'pid' },
    ],
    [
      'reordered elements',
      '<flag>A</flag><version>C</version>',
      '<version>C</version><flag>A</flag>',
      { reason: 'not-canonical' },
    ],
    [
      'a numeric character reference',
      '<licenseType>TERM</licenseType>',
      '<licenseType>&#84;ERM</licenseType>',
      { reason: 'not-canonical' },
    ],
    [
      'a second binding left out',
      '<sequence>2</sequence>',
      '',
      { reason: 'missing-element', element: 'sequence' },
    ],
  ])('refuses a %s under the same signature, with the reason', (_name, from, to, facts) => {
    const respelled = code.replace(from, to);
    expect(respelled).not.toBe(code);
    const refused = attempt(() => parseOrDecode(respelled));
    expect(refused).toEqual({ ok: false, code: 'AUTHORIZATION_CODE_MALFORMED' });
    try {
      parseOrDecode(respelled);
    } catch (error) {
      expect((error as DomainError).facts).toEqual(facts);
    }
    // Pretty-printing does not launder it either.
    expect(attempt(() => parseOrDecode(prettyPrintXml(respelled))).ok).toBe(false);
  });

  it('refuses a space put inside the signature: another spelling of the same code', () => {
    const spaced = code.replace(/(<signature>[^<]{8})/, '$1 ');
    expect(spaced).not.toBe(code);
    expect(attempt(() => parseOrDecode(spaced))).toEqual({
      ok: false,
      code: 'AUTHORIZATION_CODE_MALFORMED',
    });
  });

  it('keeps reading CSSM codes as before: their own element names, no binding, no re-spelling', () => {
    const cssm = code
      .replace(/<requestNonce>.*<\/sequence>/, '')
      .replace('<piid>', '<pid>')
      .replace('</piid>', '</pid>');
    const auth = parseOrDecode(cssm);
    expect(auth.origin).toBe('cisco');
    expect(auth.text).toBe(cssm);
    expect(auth.piid).toBe('c0ffee00-0000-4000-8000-000000000001');
  });
});

describe('a code without layout is read as it is', () => {
  // withoutXmlLayout answers at once for text without a declaration, an empty element or space
  // after a tag; the full rewrite would leave such text exactly as it is.
  const slow = (text: string) =>
    text
      .replace(/^<\?xml\s[^<>]*\?>\s*/, '')
      .replace(/<([A-Za-z_][A-Za-z0-9_.:-]*)\s*\/>/g, '<$1></$1>')
      .replace(
        /(<(\/?)([A-Za-z_][A-Za-z0-9_.:-]*)[^<>]*>)(\s+)(?=<(\/?)([A-Za-z_][A-Za-z0-9_.:-]*))/g,
        '$1',
      );
  it('agrees with the full rewrite on any XML-like text', () => {
    const piece = fc.constantFrom(
      '<a>',
      '</a>',
      '<b x="1">',
      '<c/>',
      ' ',
      '\t',
      'v',
      '<?xml ?>',
      '>',
      '/',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = pieces.join('');
        if (text.startsWith('<?xml') || />\s|\/>/.test(text)) return;
        expect(withoutXmlLayout(text)).toBe(text);
        expect(slow(text)).toBe(text);
      }),
    );
  });
});
