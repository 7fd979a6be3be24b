import { describe, expect, it } from 'vitest';
import { checkPoolInvariant } from '../../../shared/authority/invariant.ts';
import {
  UCM,
  makeAuthority,
  refusedUnchanged,
  reserveFor,
  returnCodeFor,
  rowOf,
  udiOf,
} from '../../support/authority.ts';

function reservedUcm() {
  const a = makeAuthority();
  const r = reserveFor(
    a,
    1,
    { type: 'SLR', licenses: { [UCM.enhanced]: 4, [UCM.basic]: 2 } },
    'ucm',
  );
  return { a, r, id: r.instance.id };
}

function inTransit() {
  const { a, r, id } = reservedUcm();
  a.ledger.confirm(id, r.confirmationCode!);
  const u = a.ledger.update(id, { [UCM.enhanced]: 6 });
  return { a, r, u, id };
}

function released(a: ReturnType<typeof makeAuthority>) {
  expect(rowOf(a, UCM.enhanced)).toMatchObject({ reserved: 0, inTransit: 0, balance: 10 });
  expect(rowOf(a, UCM.basic)).toMatchObject({ reserved: 0, inTransit: 0, balance: 10 });
  expect(checkPoolInvariant(a.state)).toEqual([]);
}

describe('Remove Product Instance', () => {
  it('removes with the return code of the installed authorization and releases every hold', () => {
    const { a, r, id } = reservedUcm();
    a.ledger.confirm(id, r.confirmationCode!);
    a.ledger.drainEvents();
    const view = a.ledger.remove(id, returnCodeFor(r.authorizationCode, r.udi));
    expect(view.state).toBe('removed');
    released(a);
    expect(a.ledger.activeInstanceFor(r.instance.udi)).toBeUndefined();
    expect(a.ledger.drainEvents()).toMatchObject([
      { type: 'removed', instanceId: id, details: { sequence: 1, neverInstalled: false } },
    ]);
  });

  it('removes with the return code of an authorization that was never installed', () => {
    const { a, r, id } = reservedUcm();
    const view = a.ledger.remove(
      id,
      returnCodeFor(r.authorizationCode, r.udi, { neverInstalled: true }),
    );
    expect(view.state).toBe('removed');
    released(a);
  });

  it('removes an in-transit instance whose product installed the update and returned it', () => {
    const { a, r, u, id } = inTransit();
    expect(a.ledger.remove(id, returnCodeFor(u.authorizationCode, r.udi)).state).toBe('removed');
    released(a);
  });

  it('removes an in-transit instance whose product returned the code it still had installed', () => {
    const { a, r, id } = inTransit();
    expect(a.ledger.remove(id, returnCodeFor(r.authorizationCode, r.udi)).state).toBe('removed');
    released(a);
  });

  it('withdraws only the update when the product returns the update it never installed', () => {
    const { a, r, u, id } = inTransit();
    a.ledger.drainEvents();
    const view = a.ledger.remove(
      id,
      returnCodeFor(u.authorizationCode, r.udi, { neverInstalled: true }),
    );
    expect(view).toMatchObject({
      state: 'reserved',
      confirmed: true,
      licenses: { [UCM.enhanced]: 4, [UCM.basic]: 2 },
      sequence: 1,
      authorizationCode: r.authorizationCode,
    });
    expect(rowOf(a, UCM.enhanced)).toMatchObject({ reserved: 4, inTransit: 0 });
    expect(a.ledger.drainEvents()).toMatchObject([{ type: 'update-withdrawn' }]);
    // The withdrawn code is spent; the next update goes beyond its sequence.
    refusedUnchanged(
      a,
      () => a.ledger.remove(id, returnCodeFor(u.authorizationCode, r.udi)),
      'RETURN_CODE_STALE',
    );
    expect(a.ledger.update(id, { [UCM.enhanced]: 1 }).instance.sequence).toBe(3);
    expect(checkPoolInvariant(a.state)).toEqual([]);
  });

  it('keeps the update live when the product returns the first code it never installed', () => {
    const { a, r, id } = reservedUcm();
    const u = a.ledger.update(id, { [UCM.enhanced]: 6 });
    const view = a.ledger.remove(
      id,
      returnCodeFor(r.authorizationCode, r.udi, { neverInstalled: true }),
    );
    expect(view).toMatchObject({
      state: 'reserved',
      confirmed: false,
      licenses: { [UCM.enhanced]: 6 },
      sequence: 2,
    });
    expect(rowOf(a, UCM.enhanced)).toMatchObject({ reserved: 6, inTransit: 0 });
    expect(rowOf(a, UCM.basic)).toMatchObject({ reserved: 0 });
    expect(a.ledger.confirm(id, u.confirmationCode!).confirmed).toBe(true);
    expect(checkPoolInvariant(a.state)).toEqual([]);
  });

  describe('refusals change nothing', () => {
    it('refuses the return code of a superseded authorization as stale', () => {
      const { a, r, u, id } = inTransit();
      a.ledger.confirm(id, u.confirmationCode!);
      refusedUnchanged(
        a,
        () => a.ledger.remove(id, returnCodeFor(r.authorizationCode, r.udi)),
        'RETURN_CODE_STALE',
      );
    });

    it('refuses a return code for another authorization of the same UDI', () => {
      const { a, r, id } = reservedUcm();
      const other = makeAuthority({ seed: 99 });
      const foreign = reserveFor(other, 1, { type: 'SLR', licenses: { [UCM.basic]: 1 } }, 'ucm');
      refusedUnchanged(
        a,
        () => a.ledger.remove(id, returnCodeFor(foreign.authorizationCode, r.udi)),
        'RETURN_CODE_MISMATCH',
      );
    });

    it('refuses a return code bound to another UDI', () => {
      const { a, r, id } = reservedUcm();
      refusedUnchanged(
        a,
        () => a.ledger.remove(id, returnCodeFor(r.authorizationCode, udiOf(2, 'ucm'))),
        'UDI_MISMATCH',
      );
    });

    it('refuses a malformed return code', () => {
      const { a, id } = reservedUcm();
      refusedUnchanged(a, () => a.ledger.remove(id, 'CR-NOT-A-CODE'), 'RETURN_CODE_MALFORMED');
    });

    it('refuses a second removal: the instance is no longer active', () => {
      const { a, r, id } = reservedUcm();
      const code = returnCodeFor(r.authorizationCode, r.udi);
      a.ledger.remove(id, code);
      refusedUnchanged(a, () => a.ledger.remove(id, code), 'INSTANCE_NOT_ACTIVE');
    });

    it('refuses an unknown instance', () => {
      const { a, r } = reservedUcm();
      refusedUnchanged(
        a,
        () => a.ledger.remove('00000000-dead', returnCodeFor(r.authorizationCode, r.udi)),
        'INSTANCE_NOT_FOUND',
      );
    });
  });

  it('lets a removed UDI reserve again as a new instance', () => {
    const { a, r, id } = reservedUcm();
    a.ledger.remove(id, returnCodeFor(r.authorizationCode, r.udi));
    const again = reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.basic]: 1 } }, 'ucm');
    expect(again.instance.id).not.toBe(id);
    expect(a.ledger.activeInstanceFor(again.instance.udi)?.id).toBe(again.instance.id);
  });
});
