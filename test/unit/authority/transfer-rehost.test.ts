import { describe, expect, it } from 'vitest';
import { checkPoolInvariant } from '../../../shared/authority/invariant.ts';
import { decodeAuthorizationCode } from '../../../shared/codes/authorization.ts';
import { udiKey } from '../../../shared/codes/udi.ts';
import {
  EXPY,
  UCM,
  makeAuthority,
  refusedUnchanged,
  requestCodeFor,
  reserveFor,
  returnCodeFor,
  rowOf,
  udiOf,
} from '../../support/authority.ts';

describe('Transfer', () => {
  it('moves the instance and the purchased counts it holds to the other virtual account', () => {
    const a = makeAuthority();
    const r = reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.enhanced]: 4 } }, 'ucm');
    reserveFor(a, 2, { type: 'SLR', licenses: { [UCM.enhanced]: 3 } }, 'ucm');
    a.ledger.drainEvents();
    const view = a.ledger.transfer(r.instance.id, 'Other');
    expect(view).toMatchObject({ va: 'Other', state: 'reserved', licenses: { [UCM.enhanced]: 4 } });
    expect(rowOf(a, UCM.enhanced, 'Default')).toMatchObject({
      purchased: 6,
      reserved: 3,
      balance: 3,
    });
    expect(rowOf(a, UCM.enhanced, 'Other')).toMatchObject({
      purchased: 4,
      reserved: 4,
      balance: 0,
      displayName: 'UC Manager Enhanced License (12.x)',
      level: 3,
    });
    expect(a.ledger.instances({ va: 'Other' }).map((i) => i.id)).toEqual([r.instance.id]);
    expect(a.ledger.drainEvents()).toMatchObject([
      { type: 'transferred', va: 'Other', details: { from: 'Default', to: 'Other' } },
    ]);
    expect(checkPoolInvariant(a.state)).toEqual([]);
  });

  it('adds to an existing entry in the target, and the instance can be removed there', () => {
    const a = makeAuthority();
    a.ledger.addLicense('Other', {
      tag: EXPY.plrWithout,
      displayName: 'PLR',
      type: 'PERPETUAL',
      count: 2,
      plr: 'without-export-control',
    });
    const r = reserveFor(a, 1, { type: 'PLR', exportControl: false });
    a.ledger.transfer(r.instance.id, 'Other');
    expect(rowOf(a, EXPY.plrWithout, 'Other')).toMatchObject({ purchased: 3, reserved: 1 });
    a.ledger.remove(r.instance.id, returnCodeFor(r.authorizationCode, r.udi));
    expect(rowOf(a, EXPY.plrWithout, 'Other')).toMatchObject({
      purchased: 3,
      reserved: 0,
      balance: 3,
    });
    expect(checkPoolInvariant(a.state)).toEqual([]);
  });

  describe('refusals change nothing', () => {
    it('refuses while in transit', () => {
      const a = makeAuthority();
      const r = reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.enhanced]: 4 } }, 'ucm');
      a.ledger.update(r.instance.id, { [UCM.enhanced]: 5 });
      refusedUnchanged(a, () => a.ledger.transfer(r.instance.id, 'Other'), 'INSTANCE_IN_TRANSIT');
    });

    it('refuses the virtual account it is already in', () => {
      const a = makeAuthority();
      const r = reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.enhanced]: 4 } }, 'ucm');
      refusedUnchanged(a, () => a.ledger.transfer(r.instance.id, 'Default'), 'TRANSFER_SAME_VA');
    });

    it('refuses an unknown virtual account', () => {
      const a = makeAuthority();
      const r = reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.enhanced]: 4 } }, 'ucm');
      refusedUnchanged(
        a,
        () => a.ledger.transfer(r.instance.id, 'Nowhere'),
        'VIRTUAL_ACCOUNT_NOT_FOUND',
      );
    });

    it('refuses when the target holds the same tag as a different license', () => {
      const a = makeAuthority();
      a.ledger.addLicense('Other', {
        tag: UCM.enhanced,
        displayName: 'x',
        type: 'TERM',
        count: 1,
        startDate: '2026-01-01',
        endDate: '2026-12-31',
      });
      const r = reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.enhanced]: 4 } }, 'ucm');
      refusedUnchanged(a, () => a.ledger.transfer(r.instance.id, 'Other'), 'LICENSE_CONFLICT');
    });

    it('refuses a removed instance', () => {
      const a = makeAuthority();
      const r = reserveFor(a, 1, { type: 'PLR', exportControl: true });
      a.ledger.remove(r.instance.id, returnCodeFor(r.authorizationCode, r.udi));
      refusedUnchanged(a, () => a.ledger.transfer(r.instance.id, 'Other'), 'INSTANCE_NOT_ACTIVE');
    });
  });
});

describe('Rehost Licenses from a Failed Product', () => {
  it('gives the replacement the same licenses under a new authorization and keeps the old one as rehosted', () => {
    const a = makeAuthority();
    const old = reserveFor(a, 1, {
      type: 'SLR',
      licenses: { [EXPY.rms]: 3, [EXPY.accountSecurity]: 1 },
    });
    a.ledger.confirm(old.instance.id, old.confirmationCode!);
    a.ledger.drainEvents();
    const replacement = udiOf(2);
    const result = a.ledger.rehost(
      old.instance.id,
      requestCodeFor(replacement, a.deviceRandom),
      '  RMA 88412: PSU failed ',
    );
    expect(result.instance).toMatchObject({
      udi: udiKey(replacement),
      state: 'reserved',
      licenses: { [EXPY.rms]: 3, [EXPY.accountSecurity]: 1 },
      confirmed: false,
      sequence: 1,
      rehostedFrom: old.instance.id,
    });
    expect(result.confirmationCode).toMatch(/^[0-9a-f]{8}$/);
    expect(decodeAuthorizationCode(result.authorizationCode)).toMatchObject({
      udi: replacement,
      sequence: 1,
    });
    expect(a.ledger.instance(old.instance.id)).toMatchObject({
      state: 'rehosted',
      rehostedTo: result.instance.id,
      reason: 'RMA 88412: PSU failed',
    });
    expect(rowOf(a, EXPY.rms)).toMatchObject({ reserved: 3, balance: 7 });
    expect(a.ledger.activeInstanceFor(old.instance.udi)).toBeUndefined();
    expect(a.ledger.activeInstanceFor(udiKey(replacement))?.id).toBe(result.instance.id);
    expect(a.ledger.drainEvents()).toMatchObject([
      {
        type: 'rehosted',
        instanceId: old.instance.id,
        details: { newInstanceId: result.instance.id, reason: 'RMA 88412: PSU failed' },
      },
    ]);
    expect(checkPoolInvariant(a.state)).toEqual([]);
  });

  it('rehosts a PLR reservation with the same variant, even when no PLR license is left', () => {
    const a = makeAuthority({ count: 1 });
    const old = reserveFor(a, 1, { type: 'PLR', exportControl: true });
    const result = a.ledger.rehost(
      old.instance.id,
      requestCodeFor(udiOf(2), a.deviceRandom),
      'board failure',
    );
    expect(result.instance).toMatchObject({ reservationType: 'PLR', exportControl: true });
    expect(result.confirmationCode).toBeUndefined();
    expect(rowOf(a, EXPY.plrWith)).toMatchObject({ purchased: 1, reserved: 1, balance: 0 });
  });

  describe('refusals change nothing', () => {
    function reserved() {
      const a = makeAuthority();
      const old = reserveFor(a, 1, { type: 'SLR', licenses: { [EXPY.rms]: 3 } });
      return { a, old, id: old.instance.id, fresh: requestCodeFor(udiOf(2), a.deviceRandom) };
    }

    it.each(['', '   '])('refuses the reason %j', (reason) => {
      const { a, id, fresh } = reserved();
      refusedUnchanged(a, () => a.ledger.rehost(id, fresh, reason), 'REHOST_REASON_REQUIRED');
    });

    it('refuses the same UDI', () => {
      const { a, id } = reserved();
      refusedUnchanged(
        a,
        () => a.ledger.rehost(id, requestCodeFor(udiOf(1), a.deviceRandom), 'RMA'),
        'REHOST_SAME_UDI',
      );
    });

    it('refuses a UDI that already holds a reservation', () => {
      const { a, id } = reserved();
      reserveFor(a, 3, { type: 'PLR', exportControl: false });
      refusedUnchanged(
        a,
        () => a.ledger.rehost(id, requestCodeFor(udiOf(3), a.deviceRandom), 'RMA'),
        'UDI_ALREADY_RESERVED',
      );
    });

    it('refuses an in-transit instance', () => {
      const { a, id, fresh } = reserved();
      a.ledger.update(id, { [EXPY.rms]: 4 });
      refusedUnchanged(a, () => a.ledger.rehost(id, fresh, 'RMA'), 'INSTANCE_IN_TRANSIT');
    });

    it('refuses a replacement of another product type', () => {
      const { a, id } = reserved();
      refusedUnchanged(
        a,
        () => a.ledger.rehost(id, requestCodeFor(udiOf(2, 'ucm'), a.deviceRandom), 'RMA'),
        'REHOST_PRODUCT_MISMATCH',
      );
    });

    it('refuses an instance already rehosted', () => {
      const { a, id, fresh } = reserved();
      a.ledger.rehost(id, fresh, 'RMA');
      refusedUnchanged(
        a,
        () => a.ledger.rehost(id, requestCodeFor(udiOf(4), a.deviceRandom), 'RMA'),
        'INSTANCE_NOT_ACTIVE',
      );
    });

    it('refuses while the key is locked', () => {
      const { a, id, fresh } = reserved();
      a.ledger.setSigner(undefined);
      refusedUnchanged(a, () => a.ledger.rehost(id, fresh, 'RMA'), 'AUTHORITY_KEY_LOCKED');
    });
  });
});
