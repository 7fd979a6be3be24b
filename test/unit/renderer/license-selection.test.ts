// "Select Licenses": quantities are parsed and checked with the domain's rule on the pool main sent.
import { describe, expect, it } from 'vitest';
import type { LicenseRowDto } from '../../../shared/ipc/dto.ts';
import {
  availableFor,
  checkSelection,
  specificRows,
  toSelection,
} from '../../../renderer/lib/license-selection.ts';

function row(tag: string, balance: number, plr: LicenseRowDto['plr'] = null): LicenseRowDto {
  return {
    tag,
    displayName: tag,
    description: '',
    type: 'PERPETUAL',
    purchased: balance,
    inUse: 0,
    reserved: 0,
    inTransit: 0,
    balance,
    expires: null,
    level: null,
    version: null,
    exportControlled: false,
    plr,
    substitution: [],
    alerts: [],
  };
}

const rows = [row('essential', 10), row('enhanced', 3)];

describe("checkSelection (the domain's rule, per licence)", () => {
  it('keeps positive quantities and counts the total', () => {
    const check = checkSelection({ essential: '4', enhanced: '' }, rows);
    expect(check).toEqual({ licenses: { essential: 4 }, problems: [], total: 4 });
  });

  it('refuses more than available — "ensure you have a surplus"', () => {
    const check = checkSelection({ enhanced: '5' }, rows);
    expect(check.problems).toEqual([
      { tag: 'enhanced', kind: 'over-balance', requested: 5, available: 3 },
    ]);
  });

  it('lets an update keep what the instance already holds', () => {
    expect(checkSelection({ enhanced: '5' }, rows, { current: { enhanced: 2 } }).problems).toEqual(
      [],
    );
  });

  it('shares each balance among the devices of a batch', () => {
    expect(checkSelection({ essential: '3' }, rows, { devices: 3 }).problems).toEqual([]);
    expect(checkSelection({ essential: '4' }, rows, { devices: 3 }).problems).toEqual([
      { tag: 'essential', kind: 'over-balance', requested: 4, available: 3 },
    ]);
  });

  it('refuses an expired TERM licence', () => {
    const term = { ...row('term', 5), type: 'TERM', expires: '2020-01-31' };
    expect(checkSelection({ term: '1' }, [term], { now: Date.UTC(2026, 0, 1) }).problems).toEqual([
      { tag: 'term', kind: 'expired', endDate: '2020-01-31' },
    ]);
  });

  it('refuses text, fractions and negative numbers', () => {
    const check = checkSelection({ essential: 'two', enhanced: '-1' }, rows);
    expect(check.problems.map((p) => p.kind)).toEqual(['not-a-number', 'not-a-number']);
    expect(checkSelection({ essential: '1.5' }, rows).problems.map((p) => p.kind)).toEqual([
      'not-a-number',
    ]);
  });

  it('enforces the SME minimum set', () => {
    const check = checkSelection({ essential: '1' }, rows, {
      smeMinimum: { essential: 2, enhanced: 1 },
    });
    expect(check.problems).toEqual([
      { tag: 'essential', kind: 'below-sme-minimum', requested: 1, minimum: 2 },
      { tag: 'enhanced', kind: 'below-sme-minimum', requested: 0, minimum: 1 },
    ]);
  });
});

describe('availableFor', () => {
  it('is the balance, plus what an update holds, shared among a batch', () => {
    expect(availableFor(rows[0]!)).toBe(10);
    expect(availableFor(rows[1]!, { current: { enhanced: 2 } })).toBe(5);
    expect(availableFor(rows[0]!, { devices: 3 })).toBe(3);
  });
});

describe('selections', () => {
  it('builds the contract selection for each choice', () => {
    expect(toSelection('slr', { a: 1 }, false)).toEqual({ type: 'SLR', licenses: { a: 1 } });
    expect(toSelection('slr', { a: 1 }, true)).toEqual({
      type: 'SLR',
      licenses: { a: 1 },
      sme: true,
    });
    expect(toSelection('slr', { a: 1 }, false, true)).toEqual({
      type: 'SLR',
      licenses: { a: 1 },
      anyProduct: true,
    });
    expect(toSelection('plr-export', {}, false)).toEqual({ type: 'PLR', exportControl: true });
    expect(toSelection('plr-no-export', {}, false)).toEqual({ type: 'PLR', exportControl: false });
  });

  it('leaves PLR entitlements out of the specific-license table', () => {
    expect(specificRows([...rows, row('plr', 1, 'with-export-control')]).map((r) => r.tag)).toEqual(
      ['essential', 'enhanced'],
    );
  });
});
