import { describe, expect, it } from 'vitest';
import { createAuthorityState } from '../../../shared/authority/state.ts';
import { AuthorityLedger } from '../../../shared/authority/ledger.ts';
import {
  EXPY,
  UCM,
  makeAuthority,
  refusal,
  reserveFor,
  returnCodeFor,
} from '../../support/authority.ts';
import { SeededRandom, TestClock, hasher } from '../../support/ports.ts';

describe('product instances list', () => {
  it('lists instances by virtual account and by state', () => {
    const a = makeAuthority();
    const one = reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.basic]: 1 } }, 'ucm');
    const two = reserveFor(a, 2, { type: 'PLR', exportControl: false });
    a.ledger.remove(two.instance.id, returnCodeFor(two.authorizationCode, two.udi));
    a.ledger.transfer(one.instance.id, 'Other');
    expect(a.ledger.instances().map((i) => i.id)).toEqual([one.instance.id, two.instance.id]);
    expect(a.ledger.instances({ va: 'Other' }).map((i) => i.id)).toEqual([one.instance.id]);
    expect(a.ledger.instances({ state: 'removed' }).map((i) => i.id)).toEqual([two.instance.id]);
    expect(a.ledger.instanceCounts()).toEqual({
      reserved: 1,
      'in-transit': 0,
      removed: 1,
      rehosted: 0,
    });
  });

  it('finds an instance by id or by a prefix only it starts with', () => {
    const a = makeAuthority();
    const r = reserveFor(a, 1, { type: 'SLR', licenses: { [EXPY.rms]: 1 } });
    expect(a.ledger.instance(r.instance.id).id).toBe(r.instance.id);
    expect(a.ledger.instance(r.instance.id.slice(0, 6).toUpperCase()).id).toBe(r.instance.id);
  });

  it('refuses an unknown id and a prefix shared by several instances', () => {
    const a = makeAuthority({ count: 40 });
    for (let n = 1; n <= 40; n++)
      reserveFor(a, n, { type: 'SLR', licenses: { [EXPY.rms]: 1 } }, 'expressway');
    expect(refusal(() => a.ledger.instance('zzzz')).code).toBe('INSTANCE_NOT_FOUND');
    expect(refusal(() => a.ledger.instance('')).code).toBe('INSTANCE_NOT_FOUND');
    const ids = a.ledger.instances().map((i) => i.id);
    const shared = ids.map((id) => id[0]).find((c, i, all) => all.indexOf(c) !== i)!;
    expect(refusal(() => a.ledger.instance(shared)).code).toBe('INSTANCE_ID_AMBIGUOUS');
  });

  it('keeps working on the very state object it was given, which stays plain JSON', () => {
    const a = makeAuthority();
    reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.basic]: 1 } }, 'ucm');
    expect(a.ledger.state).toBe(a.state);
    expect(JSON.parse(JSON.stringify(a.state))).toEqual(a.state);
    const reopened = new AuthorityLedger(JSON.parse(JSON.stringify(a.state)), {
      clock: new TestClock(),
      random: new SeededRandom(5),
      hasher,
    });
    expect(reopened.instances()).toEqual(a.ledger.instances());
  });

  it('refuses a state of another schema version', () => {
    const state = { ...createAuthorityState(), schemaVersion: 2 } as unknown as ReturnType<
      typeof createAuthorityState
    >;
    expect(
      refusal(
        () =>
          new AuthorityLedger(state, {
            clock: new TestClock(),
            random: new SeededRandom(),
            hasher,
          }),
      ).code,
    ).toBe('AUTHORITY_STATE_UNSUPPORTED');
  });
});

describe('event log', () => {
  it('records every successful action once, with time, VA, instance and UDI', () => {
    const a = makeAuthority();
    const r = reserveFor(a, 1, { type: 'SLR', licenses: { [UCM.basic]: 1 } }, 'ucm');
    a.clock.advanceDays(1);
    a.ledger.confirm(r.instance.id, r.confirmationCode!);
    const events = a.ledger.drainEvents();
    expect(events).toEqual([
      {
        time: Date.UTC(2026, 0, 15, 9),
        type: 'reserved',
        va: 'Default',
        instanceId: r.instance.id,
        udi: r.instance.udi,
        details: expect.objectContaining({
          reservationType: 'SLR',
          licenses: { [UCM.basic]: 1 },
          sme: false,
        }),
      },
      {
        time: Date.UTC(2026, 0, 16, 9),
        type: 'confirmed',
        va: 'Default',
        instanceId: r.instance.id,
        udi: r.instance.udi,
        details: expect.objectContaining({ sequence: 1 }),
      },
    ]);
    expect(a.ledger.drainEvents()).toEqual([]);
  });
});
