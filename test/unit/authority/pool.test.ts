import { describe, expect, it } from 'vitest';
import { UCM_CATALOG } from '../../../shared/catalog/index.ts';
import {
  EXPY,
  TERM_TAG,
  UCM,
  makeAuthority,
  refusal,
  refusedUnchanged,
  reserveFor,
  rowOf,
} from '../../support/authority.ts';

const term = {
  tag: TERM_TAG,
  displayName: 'Lab Term License',
  type: 'TERM' as const,
  count: 5,
  startDate: '2026-01-01',
  endDate: '2026-12-31',
};

describe('smart account and virtual accounts', () => {
  it('starts with reservation off, and logs turning it on and off', () => {
    const a = makeAuthority({ enabled: false });
    expect(a.state.smartAccount).toEqual({ name: 'Lab', reservationEnabled: false });
    a.ledger.setReservationEnabled(true);
    a.ledger.setReservationEnabled(true);
    a.ledger.setReservationEnabled(false);
    expect(a.ledger.drainEvents().map((e) => e.type)).toEqual([
      'reservation-enabled',
      'reservation-disabled',
    ]);
  });

  it('adds a virtual account by name', () => {
    const a = makeAuthority();
    a.ledger.addVirtualAccount('  Expressway ');
    expect(a.ledger.virtualAccounts()).toEqual(['Default', 'Other', 'Expressway']);
    expect(a.ledger.licenses('Expressway')).toEqual([]);
    expect(a.ledger.drainEvents()).toMatchObject([
      { type: 'virtual-account-added', va: 'Expressway' },
    ]);
  });

  it('refuses a virtual account that exists and changes nothing', () => {
    const a = makeAuthority();
    refusedUnchanged(a, () => a.ledger.addVirtualAccount('Other'), 'VIRTUAL_ACCOUNT_EXISTS');
  });

  it.each(['', '   ', '__proto__'])('refuses the virtual account name %j', (name) => {
    const a = makeAuthority();
    refusedUnchanged(a, () => a.ledger.addVirtualAccount(name), 'VIRTUAL_ACCOUNT_NAME_INVALID');
  });

  it('refuses a license for an unknown virtual account and changes nothing', () => {
    const a = makeAuthority();
    refusedUnchanged(a, () => a.ledger.addLicense('Nowhere', term), 'VIRTUAL_ACCOUNT_NOT_FOUND');
    expect(refusal(() => a.ledger.licenses('Nowhere')).code).toBe('VIRTUAL_ACCOUNT_NOT_FOUND');
  });
});

describe('buying licenses', () => {
  it('adds a TERM license with its dates and adds to it when bought again', () => {
    const a = makeAuthority({ count: 0 });
    expect(a.ledger.addLicense('Default', term)).toMatchObject({
      tag: TERM_TAG,
      type: 'TERM',
      purchased: 5,
      balance: 5,
      expires: '2026-12-31',
    });
    expect(a.ledger.addLicense('Default', { ...term, count: 3 }).purchased).toBe(8);
    expect(a.ledger.drainEvents()).toMatchObject([
      { type: 'license-added', va: 'Default', details: { tag: TERM_TAG, count: 5, purchased: 5 } },
      { type: 'license-added', details: { count: 3, purchased: 8 } },
    ]);
  });

  it.each([
    ['another type', { type: 'PERPETUAL', startDate: undefined, endDate: undefined }, 'type'],
    ['other dates', { endDate: '2027-06-30' }, 'endDate'],
  ])('refuses the same tag with %s and changes nothing', (_name, change, field) => {
    const a = makeAuthority({ count: 0 });
    a.ledger.addLicense('Default', term);
    const facts = refusedUnchanged(
      a,
      () => a.ledger.addLicense('Default', { ...term, ...change } as typeof term),
      'LICENSE_CONFLICT',
    );
    expect(facts.field).toBe(field);
  });

  it.each([
    ['a TERM without an end date', { endDate: undefined }, 'term-needs-dates'],
    ['a TERM ending before it starts', { startDate: '2027-01-01' }, 'start-after-end'],
    ['a date that is not a day', { endDate: '2026-02-30' }, 'end-not-a-day'],
    ['a PERPETUAL with an end date', { type: 'PERPETUAL' }, 'perpetual-has-dates'],
  ])('refuses %s and changes nothing', (_name, change, reason) => {
    const a = makeAuthority({ count: 0 });
    const purchase = { ...term, ...change } as typeof term;
    const facts = refusedUnchanged(
      a,
      () => a.ledger.addLicense('Default', purchase),
      'LICENSE_DATES_INVALID',
    );
    expect(facts.reason).toBe(reason);
  });

  it.each([0, -1, 1.5])('refuses buying %d licenses and changes nothing', (count) => {
    const a = makeAuthority({ count: 0 });
    refusedUnchanged(a, () => a.ledger.addLicense('Default', { ...term, count }), 'INVALID_COUNT');
  });

  it('refuses an empty tag or display name', () => {
    const a = makeAuthority({ count: 0 });
    refusedUnchanged(
      a,
      () => a.ledger.addLicense('Default', { ...term, tag: ' ' }),
      'LICENSE_INVALID',
    );
    refusedUnchanged(
      a,
      () => a.ledger.addLicense('Default', { ...term, displayName: '' }),
      'LICENSE_INVALID',
    );
  });

  it('loads a whole catalog, and loading it again adds to every count', () => {
    const a = makeAuthority({ count: 0 });
    a.ledger.loadCatalog('Default', UCM_CATALOG, 10);
    const rows = a.ledger.loadCatalog('Default', UCM_CATALOG, 5);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.purchased === 15 && r.balance === 15)).toBe(true);
    expect(a.ledger.drainEvents()).toMatchObject([
      { type: 'catalog-loaded', details: { catalog: 'ucm', count: 10, licenses: 12 } },
      { type: 'catalog-loaded', details: { catalog: 'ucm', count: 5 } },
    ]);
  });

  it('loads one release of a catalog: `catalog load ucm --version 14`', () => {
    const a = makeAuthority({ count: 0 });
    const rows = a.ledger.loadCatalog('Default', UCM_CATALOG, 3, undefined, '14');
    expect(rows.map((r) => [r.displayName, r.version])).toEqual(
      expect.arrayContaining([
        ['UC Manager Professional License (14)', '14'],
        ['UC Manager PLR with Export Control', null],
      ]),
    );
    expect(rows).toHaveLength(6);
    expect(a.ledger.drainEvents()).toMatchObject([
      { type: 'catalog-loaded', details: { catalog: 'ucm', version: '14', licenses: 6 } },
    ]);
  });

  it('loads nothing when one catalog license conflicts with the pool', () => {
    const a = makeAuthority({ count: 0 });
    a.ledger.addLicense('Default', { ...term, tag: UCM.basic });
    refusedUnchanged(a, () => a.ledger.loadCatalog('Default', UCM_CATALOG, 10), 'LICENSE_CONFLICT');
  });
});

describe('license rows', () => {
  it('shows CSSM columns: purchased, reserved, in transit, balance, tier, export control, PLR', () => {
    const a = makeAuthority();
    reserveFor(a, 1, { type: 'PLR', exportControl: false });
    expect(rowOf(a, EXPY.plrWithout)).toMatchObject({
      displayName: 'Expressway PLR without Export Control',
      type: 'PERPETUAL',
      purchased: 10,
      reserved: 1,
      inTransit: 0,
      balance: 9,
      expires: null,
      level: null,
      plr: 'without-export-control',
    });
    expect(rowOf(a, EXPY.accountSecurity).exportControlled).toBe(true);
    expect(rowOf(a, UCM.cuwl).level).toBe(5);
  });

  it('lists higher tiers with a balance as substitution, for display only', () => {
    const a = makeAuthority();
    reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.cuwl]: 10 } }, 'ucm');
    expect(rowOf(a, UCM.basic).substitution).toEqual([UCM.enhanced, UCM.enhancedPlus]);
    expect(rowOf(a, UCM.cuwl).substitution).toEqual([]);
    expect(rowOf(a, UCM.room).substitution).toEqual([]);
  });

  it('substitutes only within a release, and shows In Use as reserved plus in transit', () => {
    const a = makeAuthority({ count: 0 });
    a.ledger.loadCatalog('Default', UCM_CATALOG, 5);
    const rows = a.ledger.licenses('Default');
    const access = rows.find((r) => r.displayName === 'UC Manager Access License (14)')!;
    expect(access.substitution.map((t) => rows.find((r) => r.tag === t)!.displayName)).toEqual([
      'UC Manager Enhanced License (14)',
      'UC Manager Professional License (14)',
    ]);
    expect(access.inUse).toBe(0);
  });

  it('summarises each virtual account', () => {
    const a = makeAuthority();
    reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.basic]: 3 } }, 'ucm');
    expect(a.ledger.poolSummary()).toEqual([
      { va: 'Default', licenses: 18, purchased: 180, reserved: 3, inTransit: 0, balance: 177 },
      { va: 'Other', licenses: 0, purchased: 0, reserved: 0, inTransit: 0, balance: 0 },
    ]);
  });
});
