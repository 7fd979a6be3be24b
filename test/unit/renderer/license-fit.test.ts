// The licence step offers what fits the product first, SME only for Unified CM, PLR only where
// the pool holds it for the product.
import { describe, expect, it } from 'vitest';
import {
  EXPRESSWAY_CATALOG,
  UCM_CATALOG,
  productTypeOfTag,
} from '../../../shared/catalog/index.ts';
import type { LicenseRowDto } from '../../../shared/ipc/dto.ts';
import {
  arrangeLicenses,
  plrRowFor,
  productTypeOfRequests,
  smeApplies,
} from '../../../renderer/lib/license-fit.ts';
import { seededCodes } from './support/request-codes.ts';

const tagOf = (name: string) =>
  [...UCM_CATALOG.entries, ...EXPRESSWAY_CATALOG.entries].find((e) => e.displayName === name)!.tag;

function row(tag: string, plr: LicenseRowDto['plr'] = null): LicenseRowDto {
  return {
    tag,
    displayName: tag,
    description: '',
    type: 'PERPETUAL',
    purchased: 5,
    inUse: 0,
    reserved: 0,
    inTransit: 0,
    balance: 5,
    expires: null,
    level: null,
    version: null,
    exportControlled: false,
    plr,
    substitution: [],
    alerts: [],
  };
}

const ucm = row(tagOf('UC Manager Enhanced License (12.x)'));
const rms = row(tagOf('Expressway Rich Media Session'));
const byHand = row('regid.2026-01.com.example.Custom,1.0_x');

describe('productTypeOfTag', () => {
  it('reads the product type from the catalog; a licence added by hand has none', () => {
    expect(productTypeOfTag(ucm.tag)).toBe('UCL');
    expect(productTypeOfTag(rms.tag)).toBe('EXPY');
    expect(productTypeOfTag(byHand.tag)).toBeNull();
  });
});

describe('arrangeLicenses', () => {
  it('puts an Expressway request’s licences first and Unified CM’s apart', () => {
    const { fitting, other } = arrangeLicenses([ucm, rms, byHand], 'EXPY');
    expect(fitting.map((r) => r.tag)).toEqual([rms.tag, byHand.tag]);
    expect(other.map((r) => r.tag)).toEqual([ucm.tag]);
  });

  it('puts nothing apart when the product is not known', () => {
    expect(arrangeLicenses([ucm, rms], null).other).toEqual([]);
  });
});

describe('options that apply', () => {
  it('offers SME for Unified CM only', () => {
    expect(smeApplies('UCL')).toBe(true);
    expect(smeApplies('EXPY')).toBe(false);
    expect(smeApplies(null)).toBe(false);
  });

  it('finds a PLR licence of the variant only where the pool holds one for the product', () => {
    const ucmPlr = row(tagOf('UC Manager PLR with Export Control'), 'with-export-control');
    expect(plrRowFor([ucm, ucmPlr], true, 'UCL')).toBe(ucmPlr);
    expect(plrRowFor([ucm, ucmPlr], true, 'EXPY')).toBeUndefined();
    expect(plrRowFor([ucm, ucmPlr], false, 'UCL')).toBeUndefined();
  });
});

describe('productTypeOfRequests', () => {
  it('names the product a batch is for when every code agrees', () => {
    const { ucmCodes, expresswayCodes } = seededCodes();
    expect(productTypeOfRequests(ucmCodes)).toBe('UCL');
    expect(productTypeOfRequests([...ucmCodes, ...expresswayCodes])).toBeNull();
    expect(productTypeOfRequests(['not a code', ...expresswayCodes])).toBe('EXPY');
    expect(productTypeOfRequests([])).toBeNull();
  });
});
