import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../shared/codes/dates.ts';
import { TERM_TAG, UCM, makeAuthority, reserveFor, rowOf } from '../../support/authority.ts';

const termLicense = (endDate: string, count = 3) => ({
  tag: TERM_TAG,
  displayName: 'Lab Term License',
  type: 'TERM' as const,
  count,
  startDate: '2025-06-01',
  endDate,
});

describe('alerts', () => {
  it('says, informationally, that reservation is disabled on the smart account', () => {
    const a = makeAuthority({ enabled: false });
    expect(a.ledger.alerts()).toEqual([
      { severity: 'info', code: 'RESERVATION_DISABLED', facts: { smartAccount: 'Lab' } },
    ]);
  });

  it('has nothing to say about a healthy desk', () => {
    const a = makeAuthority();
    const r = reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.basic]: 1 } }, 'ucm');
    a.ledger.confirm(r.instance.id, r.confirmationCode!);
    a.clock.advanceDays(100);
    expect(a.ledger.alerts()).toEqual([]);
  });

  it('warns (minor) about a TERM license ending within 30 days, with the days left', () => {
    const a = makeAuthority();
    a.ledger.addLicense('Default', termLicense('2026-03-31'));
    expect(a.ledger.alerts()).toEqual([]);
    a.clock.ms = Date.UTC(2026, 2, 2);
    expect(a.ledger.alerts()).toEqual([
      {
        severity: 'minor',
        code: 'TERM_LICENSE_ENDING',
        facts: {
          va: 'Default',
          tag: TERM_TAG,
          displayName: 'Lab Term License',
          endDate: '2026-03-31',
          days: 30,
        },
      },
    ]);
    expect(rowOf(a, TERM_TAG).alerts.map((x) => x.code)).toEqual(['TERM_LICENSE_ENDING']);
  });

  it('raises a major shortage when a reserved TERM license is past its end date', () => {
    const a = makeAuthority();
    a.ledger.addLicense('Default', termLicense('2026-01-31'));
    const r = reserveFor(a, 1, { type: 'SLR', licenses: { [TERM_TAG]: 2 } });
    a.ledger.confirm(r.instance.id, r.confirmationCode!);
    a.clock.ms = Date.UTC(2026, 1, 1);
    expect(a.ledger.alerts()).toMatchObject([
      {
        severity: 'major',
        code: 'RESERVED_LICENSE_EXPIRED',
        facts: { tag: TERM_TAG, held: 2, endDate: '2026-01-31' },
      },
    ]);
  });

  it('notes an expired TERM license nobody holds, informationally', () => {
    const a = makeAuthority();
    a.ledger.addLicense('Default', termLicense('2026-01-31'));
    expect(a.ledger.alerts(Date.UTC(2026, 2, 1))).toMatchObject([
      { severity: 'info', code: 'LICENSE_EXPIRED' },
    ]);
  });

  it('raises a major shortage when a loaded state holds more than was purchased', () => {
    const a = makeAuthority();
    reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.basic]: 8 } }, 'ucm');
    a.state.virtualAccounts.Default!.pool[UCM.basic]!.purchased = 5;
    expect(a.ledger.alerts()).toMatchObject([
      {
        severity: 'major',
        code: 'LICENSE_SHORTAGE',
        facts: { tag: UCM.basic, purchased: 5, held: 8 },
      },
    ]);
  });

  it('warns (minor) about an authorization neither confirmed nor returned for more than 7 days', () => {
    const a = makeAuthority();
    const r = reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.basic]: 1 } }, 'ucm');
    reserveFor(a, 2, { type: 'PLR', exportControl: false });
    a.clock.advance(7 * DAY_MS);
    expect(a.ledger.alerts()).toEqual([]);
    a.clock.advance(DAY_MS);
    expect(a.ledger.alerts()).toEqual([
      {
        severity: 'minor',
        code: 'AUTHORIZATION_NOT_CONFIRMED',
        facts: { va: 'Default', instanceId: r.instance.id, udi: r.instance.udi, days: 8 },
      },
    ]);
  });

  it('warns (minor) about an instance in transit for more than 7 days', () => {
    const a = makeAuthority();
    const r = reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.basic]: 1 } }, 'ucm');
    a.ledger.confirm(r.instance.id, r.confirmationCode!);
    a.ledger.update(r.instance.id, { [UCM.basic]: 2 });
    a.clock.advanceDays(10);
    expect(a.ledger.alerts()).toMatchObject([
      { severity: 'minor', code: 'INSTANCE_IN_TRANSIT_LONG', facts: { days: 10 } },
    ]);
  });

  it('lists major before minor before info', () => {
    const a = makeAuthority();
    a.ledger.addLicense('Default', termLicense('2026-01-31'));
    reserveFor(a, 1, { type: 'SLR', licenses: { [TERM_TAG]: 1 } });
    a.ledger.setReservationEnabled(false);
    a.clock.ms = Date.UTC(2026, 1, 20);
    expect(a.ledger.alerts().map((x) => x.code)).toEqual([
      'RESERVED_LICENSE_EXPIRED',
      'AUTHORIZATION_NOT_CONFIRMED',
      'RESERVATION_DISABLED',
    ]);
  });
});
