import { describe, expect, it } from 'vitest';
import { checkPoolInvariant } from '../../../shared/authority/invariant.ts';
import { decodeAuthorizationCode } from '../../../shared/codes/authorization.ts';
import {
  EXPY,
  TERM_TAG,
  UCM,
  makeAuthority,
  refusedUnchanged,
  reserveFor,
  returnCodeFor,
  rowOf,
} from '../../support/authority.ts';

function reservedUcm(counts = { [UCM.enhanced]: 4, [UCM.basic]: 2 }, sme?: boolean) {
  const a = makeAuthority();
  const r = reserveFor(a, 1, { type: 'SLR', licenses: counts, ...(sme ? { sme } : {}) }, 'ucm');
  return { a, r, id: r.instance.id };
}

describe('confirm the first authorization', () => {
  it('marks a reserved instance confirmed with the code the product printed', () => {
    const { a, r, id } = reservedUcm();
    a.clock.advanceDays(1);
    a.ledger.drainEvents();
    const view = a.ledger.confirm(id, ` ${r.confirmationCode!.toUpperCase()} `);
    expect(view).toMatchObject({ state: 'reserved', confirmed: true, lastContact: a.clock.now() });
    expect(a.ledger.drainEvents()).toMatchObject([
      { type: 'confirmed', instanceId: id, details: { sequence: 1 } },
    ]);
  });

  it('refuses a wrong confirmation code and changes nothing', () => {
    const { a, r, id } = reservedUcm();
    const wrong = r.confirmationCode === '00000000' ? '00000001' : '00000000';
    refusedUnchanged(a, () => a.ledger.confirm(id, wrong), 'CONFIRMATION_CODE_MISMATCH');
  });

  it('refuses a malformed confirmation code and changes nothing', () => {
    const { a, id } = reservedUcm();
    refusedUnchanged(a, () => a.ledger.confirm(id, '08715c9z'), 'CONFIRMATION_CODE_MALFORMED');
  });

  it('refuses confirming twice and changes nothing', () => {
    const { a, r, id } = reservedUcm();
    a.ledger.confirm(id, r.confirmationCode!);
    refusedUnchanged(a, () => a.ledger.confirm(id, r.confirmationCode!), 'ALREADY_CONFIRMED');
  });

  it('refuses a confirmation for a PLR instance and changes nothing', () => {
    const a = makeAuthority();
    const r = reserveFor(a, 1, { type: 'PLR', exportControl: false });
    refusedUnchanged(
      a,
      () => a.ledger.confirm(r.instance.id, '08715c93'),
      'CONFIRMATION_NOT_APPLICABLE',
    );
  });

  it('refuses a confirmation for an instance that was removed', () => {
    const { a, r, id } = reservedUcm();
    a.ledger.remove(id, returnCodeFor(r.authorizationCode, r.udi));
    refusedUnchanged(a, () => a.ledger.confirm(id, r.confirmationCode!), 'INSTANCE_NOT_ACTIVE');
  });
});

describe('Update Reserved Licenses', () => {
  it('issues sequence 2 for the same request; while in transit the pool holds max(old, new) per license', () => {
    const { a, r, id } = reservedUcm();
    a.ledger.confirm(id, r.confirmationCode!);
    const u = a.ledger.update(id, { [UCM.enhanced]: 6, [UCM.basic]: 1, [UCM.essential]: 3 });
    const auth = decodeAuthorizationCode(u.authorizationCode);
    const first = decodeAuthorizationCode(r.authorizationCode);
    expect(auth).toMatchObject({ type: 'SLR', sequence: 2, piid: id });
    expect(
      auth.type === 'SLR' && first.type === 'SLR' && auth.requestNonce === first.requestNonce,
    ).toBe(true);
    expect(u.confirmationCode).toMatch(/^[0-9a-f]{8}$/);
    expect(u.instance).toMatchObject({
      state: 'in-transit',
      licenses: { [UCM.enhanced]: 4, [UCM.basic]: 2 },
      pendingLicenses: { [UCM.enhanced]: 6, [UCM.basic]: 1, [UCM.essential]: 3 },
      sequence: 2,
      authorizationCode: u.authorizationCode,
    });
    expect(rowOf(a, UCM.enhanced)).toMatchObject({ reserved: 4, inTransit: 2, balance: 4 });
    expect(rowOf(a, UCM.basic)).toMatchObject({ reserved: 2, inTransit: 0, balance: 8 });
    expect(rowOf(a, UCM.essential)).toMatchObject({ reserved: 0, inTransit: 3, balance: 7 });
    expect(checkPoolInvariant(a.state)).toEqual([]);
    expect(a.ledger.drainEvents().at(-1)).toMatchObject({
      type: 'update-issued',
      details: { sequence: 2 },
    });
  });

  it("completes when the update's confirmation code comes back: holds drop to the new counts", () => {
    const { a, id } = reservedUcm();
    const u = a.ledger.update(id, { [UCM.enhanced]: 6, [UCM.essential]: 3 });
    const view = a.ledger.confirm(id, u.confirmationCode!);
    expect(view).toMatchObject({
      state: 'reserved',
      confirmed: true,
      licenses: { [UCM.enhanced]: 6, [UCM.essential]: 3 },
      sequence: 2,
    });
    expect(view.pendingLicenses).toBeUndefined();
    expect(rowOf(a, UCM.enhanced)).toMatchObject({ reserved: 6, inTransit: 0 });
    expect(rowOf(a, UCM.basic)).toMatchObject({ reserved: 0, inTransit: 0, balance: 10 });
    expect(a.ledger.drainEvents().at(-1)).toMatchObject({ type: 'update-confirmed' });
    expect(checkPoolInvariant(a.state)).toEqual([]);
  });

  it('in transit, a late confirmation of the first code marks it confirmed and stays in transit', () => {
    const { a, r, id } = reservedUcm();
    const u = a.ledger.update(id, { [UCM.enhanced]: 5 });
    expect(a.ledger.confirm(id, r.confirmationCode!)).toMatchObject({
      state: 'in-transit',
      confirmed: true,
    });
    refusedUnchanged(a, () => a.ledger.confirm(id, r.confirmationCode!), 'ALREADY_CONFIRMED');
    expect(a.ledger.confirm(id, u.confirmationCode!)).toMatchObject({
      state: 'reserved',
      sequence: 2,
    });
  });

  it("counts the instance's own hold when checking the balance", () => {
    const { a, id } = reservedUcm({ [UCM.enhanced]: 8 });
    reserveFor(a, 2, { type: 'SLR', licenses: { [UCM.enhanced]: 2 } }, 'ucm');
    expect(a.ledger.update(id, { [UCM.enhanced]: 8, [UCM.basic]: 1 }).instance.state).toBe(
      'in-transit',
    );
  });

  it('after an update the next one continues the sequence', () => {
    const { a, id } = reservedUcm();
    a.ledger.confirm(id, a.ledger.update(id, { [UCM.enhanced]: 1 }).confirmationCode!);
    expect(a.ledger.update(id, { [UCM.enhanced]: 2 }).instance.sequence).toBe(3);
  });

  describe('refusals change nothing', () => {
    it('refuses while the instance is already in transit', () => {
      const { a, id } = reservedUcm();
      a.ledger.update(id, { [UCM.enhanced]: 5 });
      refusedUnchanged(a, () => a.ledger.update(id, { [UCM.enhanced]: 6 }), 'INSTANCE_IN_TRANSIT');
    });

    it('refuses a PLR instance', () => {
      const a = makeAuthority();
      const r = reserveFor(a, 1, { type: 'PLR', exportControl: false });
      refusedUnchanged(
        a,
        () => a.ledger.update(r.instance.id, { [EXPY.rms]: 1 }),
        'UPDATE_NOT_APPLICABLE',
      );
    });

    it('refuses a removed instance', () => {
      const { a, r, id } = reservedUcm();
      a.ledger.remove(id, returnCodeFor(r.authorizationCode, r.udi));
      refusedUnchanged(a, () => a.ledger.update(id, { [UCM.enhanced]: 1 }), 'INSTANCE_NOT_ACTIVE');
    });

    it('refuses asking for more than the balance plus what it holds', () => {
      const { a, id } = reservedUcm({ [UCM.enhanced]: 4 });
      reserveFor(a, 2, { type: 'SLR', licenses: { [UCM.enhanced]: 5 } }, 'ucm');
      const facts = refusedUnchanged(
        a,
        () => a.ledger.update(id, { [UCM.enhanced]: 6 }),
        'INSUFFICIENT_BALANCE',
      );
      expect(facts).toEqual({ tag: UCM.enhanced, requested: 6, available: 5 });
    });

    it('refuses giving everything back by update (that is Remove)', () => {
      const { a, id } = reservedUcm();
      refusedUnchanged(a, () => a.ledger.update(id, { [UCM.enhanced]: 0 }), 'EMPTY_SELECTION');
    });

    it('refuses an update that changes nothing', () => {
      const { a, id } = reservedUcm();
      refusedUnchanged(
        a,
        () => a.ledger.update(id, { [UCM.basic]: 2, [UCM.enhanced]: 4, [UCM.cuwl]: 0 }),
        'UPDATE_UNCHANGED',
      );
    });

    it('refuses negative or fractional counts, and unknown licenses', () => {
      const { a, id } = reservedUcm();
      refusedUnchanged(a, () => a.ledger.update(id, { [UCM.enhanced]: -1 }), 'INVALID_COUNT');
      refusedUnchanged(a, () => a.ledger.update(id, { [UCM.enhanced]: 2.5 }), 'INVALID_COUNT');
      refusedUnchanged(a, () => a.ledger.update(id, { [TERM_TAG]: 1 }), 'LICENSE_NOT_FOUND');
    });

    it('refuses taking an SME below its minimum set', () => {
      const { a, id } = reservedUcm({ [UCM.essential]: 1, [UCM.basic]: 1 }, true);
      refusedUnchanged(a, () => a.ledger.update(id, { [UCM.basic]: 3 }), 'SME_MINIMUM_NOT_MET');
    });

    it('refuses while the key is locked or reservation is disabled', () => {
      const { a, id } = reservedUcm();
      a.ledger.setReservationEnabled(false);
      refusedUnchanged(
        a,
        () => a.ledger.update(id, { [UCM.enhanced]: 1 }),
        'RESERVATION_NOT_ENABLED',
      );
      a.ledger.setReservationEnabled(true);
      a.ledger.setSigner(undefined);
      refusedUnchanged(a, () => a.ledger.update(id, { [UCM.enhanced]: 1 }), 'AUTHORITY_KEY_LOCKED');
    });

    it('refuses an unknown instance', () => {
      const { a } = reservedUcm();
      refusedUnchanged(
        a,
        () => a.ledger.update('ffffffff', { [UCM.enhanced]: 1 }),
        'INSTANCE_NOT_FOUND',
      );
    });
  });
});
