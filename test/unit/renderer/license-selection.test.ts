// "Select Licenses": quantities are parsed and checked against what main says is available.
import { describe, expect, it } from 'vitest';
import type { LicenseRowDto } from '../../../shared/ipc/dto.ts';
import {
  checkSelection,
  perDeviceRows,
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

describe('checkSelection', () => {
  it('keeps positive quantities and counts the total', () => {
    const check = checkSelection({ essential: '4', enhanced: '' }, rows, null);
    expect(check).toEqual({ licenses: { essential: 4 }, problems: [], total: 4 });
  });

  it('refuses more than available — "ensure you have a surplus"', () => {
    const check = checkSelection({ enhanced: '5' }, rows, null);
    expect(check.problems).toEqual([
      { tag: 'enhanced', kind: 'over-balance', requested: 5, available: 3 },
    ]);
  });

  it('lets an update reuse what the instance already holds', () => {
    expect(checkSelection({ enhanced: '5' }, rows, null, { enhanced: 2 }).problems).toEqual([]);
  });

  it('refuses text, fractions and negative numbers', () => {
    const check = checkSelection({ essential: 'two', enhanced: '-1' }, rows, null);
    expect(check.problems.map((p) => p.kind)).toEqual(['not-a-number', 'not-a-number']);
  });

  it('enforces the SME minimum set', () => {
    const check = checkSelection({ essential: '1' }, rows, { essential: 2, enhanced: 1 });
    expect(check.problems).toEqual([
      { tag: 'essential', kind: 'below-sme-minimum', requested: 1, minimum: 2 },
      { tag: 'enhanced', kind: 'below-sme-minimum', requested: 0, minimum: 1 },
    ]);
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
    expect(toSelection('plr-export', {}, false)).toEqual({ type: 'PLR', exportControl: true });
    expect(toSelection('plr-no-export', {}, false)).toEqual({ type: 'PLR', exportControl: false });
  });

  it('leaves PLR entitlements out of the specific-license table', () => {
    expect(specificRows([...rows, row('plr', 1, 'with-export-control')]).map((r) => r.tag)).toEqual(
      ['essential', 'enhanced'],
    );
  });

  it('divides the balance among the devices of a batch', () => {
    expect(perDeviceRows(rows, 3).map((r) => r.balance)).toEqual([3, 1]);
  });
});
