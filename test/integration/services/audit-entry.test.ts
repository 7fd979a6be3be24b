// The audit log's shortcuts for its hot path stay exactly what they stand for: the hand check of
// an input never accepts what the schema refuses, and the JSON copy of details is a round trip's.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asJson,
  canonicalJson,
  inputSchema,
  quickInput,
  sealEntry,
  sealInput,
} from '../../../electron/services/audit-entry.ts';

const text = (max: number) => fc.string({ maxLength: max + 2 });
const input = fc.record(
  {
    action: fc.oneof(text(100), fc.constant('code-exported'), fc.integer()),
    direction: fc.oneof(fc.constantFrom('in', 'out', 'none', 'sideways'), fc.anything()),
    subject: fc.oneof(text(200), fc.constant(undefined), fc.integer()),
    codeKind: fc.oneof(text(50), fc.constant('authorization')),
    codeDigest: fc.oneof(
      fc.stringMatching(/^[0-9a-f]{64}$/),
      fc.stringMatching(/^[0-9a-fA-F]{63,65}$/),
    ),
    details: fc.oneof(
      fc.dictionary(fc.string(), fc.jsonValue()),
      fc.anything(),
      fc.constant(undefined),
    ),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);

/** What the schema makes of a valid input, with absent and undefined keys alike. */
function parsed(value: unknown): Record<string, unknown> | undefined {
  const result = inputSchema.safeParse(value);
  if (!result.success) return undefined;
  return Object.fromEntries(Object.entries(result.data).filter(([, v]) => v !== undefined));
}

describe('audit entry shortcuts', () => {
  it('accepts by hand only inputs the schema accepts, and reads them the same way', () => {
    fc.assert(
      fc.property(fc.oneof(input, fc.anything()), (value) => {
        const quick = quickInput(value);
        if (quick) expect(quick).toEqual(parsed(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('takes the usual entries by hand', () => {
    const entry = {
      action: 'authorization-code-issued',
      direction: 'out',
      subject: '6191f5e5-319e-41ff-abba-be220ea4b2e1',
      codeKind: 'authorization',
      codeDigest: 'a'.repeat(64),
      details: { file: 'x.airlock', licenses: { tag: 3 } },
    };
    expect(quickInput(entry)).toEqual(entry);
    expect(quickInput({ ...entry, direction: 'sideways' })).toBeUndefined();
  });

  it("seals the log's own entries exactly as the general canonical form does", () => {
    const valid = fc.record(
      {
        action: fc.string({ minLength: 1, maxLength: 100 }),
        direction: fc.constantFrom('in' as const, 'out' as const, 'none' as const),
        subject: fc.string({ minLength: 1, maxLength: 200 }),
        codeKind: fc.string({ minLength: 1, maxLength: 50 }),
        codeDigest: fc.stringMatching(/^[0-9a-f]{64}$/),
        details: fc.dictionary(fc.string(), fc.jsonValue()),
      },
      { requiredKeys: ['action', 'direction'] },
    );
    fc.assert(
      fc.property(
        valid,
        fc.integer({ min: 1 }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        fc.string(),
        (input, seq, prev, workspace) => {
          const time = '2026-12-04T10:00:00.000Z';
          const details = input.details === undefined ? undefined : asJson(input.details);
          const sealed = sealInput(
            input,
            details === undefined ? undefined : canonicalJson(details),
            {
              seq,
              prev,
              time,
              workspace,
            },
          );
          const general = sealEntry({ ...input, details, seq, prev, time, workspace });
          expect(sealed).toEqual({ hash: general.entry.hash, line: general.line });
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('copies details exactly as a JSON round trip would', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.anything({ withDate: true, withNullPrototype: true })),
        (value) => {
          let expected: unknown;
          try {
            expected = JSON.parse(JSON.stringify(value) ?? 'null');
          } catch {
            return; // what JSON cannot carry (a bigint) fails the same way either side
          }
          if (JSON.stringify(value) === undefined) return; // no details at all
          expect(asJson(value)).toEqual(expected);
        },
      ),
      { numRuns: 5000 },
    );
    expect(asJson({ at: new Date(0), gone: undefined, n: Number.NaN, z: -0 })).toEqual({
      at: '1970-01-01T00:00:00.000Z',
      n: null,
      z: 0,
    });
  });
});
