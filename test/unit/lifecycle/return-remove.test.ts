// Return on the device, Remove at the authority: a return code releases exactly the authorization
// it answers, and every other return code is refused with its reason and changes nothing.
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../../shared/catalog/index.ts';
import { UCM, udiOf } from '../../support/authority.ts';
import { ucmUdi } from '../../support/codes.ts';
import { TestClock } from '../../support/ports.ts';
import {
  DESK,
  SITE,
  carryOne,
  expectAllReturned,
  expectRefused,
  expectSound,
  holdings,
  mistypeAt,
  newDesk,
  newDevice,
  reserveAcrossTheGap,
  updateAcrossTheGap,
} from '../../support/lifecycle.ts';

const VA = 'Collaboration';

function world() {
  const clock = new TestClock();
  const desk = newDesk(clock);
  desk.ledger.setReservationEnabled(true);
  desk.ledger.addVirtualAccount(VA);
  desk.ledger.loadCatalog(VA, CATALOGS.ucm, 10);
  return { clock, desk, purchased: holdings(desk, VA) };
}

describe('return and remove, end to end', () => {
  it('a stale return code, another UDI’s, a mistyped one and a confirmation code are refused without a trace; the right ones remove both instances', () => {
    const { clock, desk, purchased } = world();
    const pub = newDevice(clock, 'ucm', ucmUdi, { seed: 7 });
    const sub = newDevice(clock, 'ucm', udiOf(2, 'ucm'), { seed: 8 });
    const a = reserveAcrossTheGap(clock, desk, pub, VA, {
      type: 'SLR',
      licenses: { [UCM.enhanced]: 4 },
    });
    const b = reserveAcrossTheGap(clock, desk, sub, VA, {
      type: 'SLR',
      licenses: { [UCM.basic]: 2 },
    });

    // The publisher is a VM: a snapshot taken now still holds the first authorization.
    const snapshot = structuredClone(pub.state);
    updateAcrossTheGap(clock, desk, pub, a.id, { [UCM.enhanced]: 6 });

    // Restored from that snapshot, it returns the superseded authorization: stale.
    const restored = newDevice(clock, 'ucm', ucmUdi, { state: snapshot });
    expect(restored.agent.status().installed?.sequence).toBe(1);
    const stale = carryOne(clock, SITE, {
      kind: 'return',
      code: restored.agent.returnReservation().returnCode,
      udi: restored.key,
    });
    expect(expectRefused('RETURN_CODE_STALE', () => desk.ledger.remove(a.id, stale), desk)).toEqual(
      { instanceId: a.id },
    );

    // The subscriber's return code, entered against the publisher's instance: it does not open the
    // key the publisher's request committed to.
    const subReturn = carryOne(clock, SITE, {
      kind: 'return',
      code: sub.agent.returnReservation().returnCode,
      udi: sub.key,
    });
    expectRefused('RETURN_CODE_NOT_FROM_DEVICE', () => desk.ledger.remove(a.id, subReturn), desk);

    // The publisher's own return code, mistyped, and a confirmation code in its place.
    const pubReturn = carryOne(clock, SITE, {
      kind: 'return',
      code: pub.agent.returnReservation().returnCode,
      udi: pub.key,
    });
    const mistyped = mistypeAt(pubReturn, 16);
    expect(
      expectRefused('RETURN_CODE_CHECK_FAILED', () => desk.ledger.remove(a.id, mistyped), desk),
    ).toMatchObject({ group: 3 });
    expectRefused(
      'RETURN_CODE_MALFORMED',
      () => desk.ledger.remove(a.id, a.confirmationCode!),
      desk,
    );
    expect(holdings(desk, VA)[UCM.enhanced]).toMatchObject({ reserved: 6, balance: 4 });
    expectSound(desk);

    // The right codes remove both; every license is back.
    expect(desk.ledger.remove(a.id, pubReturn)).toMatchObject({ state: 'removed' });
    expectSound(desk);
    expect(desk.ledger.remove(b.id, subReturn)).toMatchObject({ state: 'removed' });
    expectSound(desk);
    expectAllReturned(desk, VA);
    expect(holdings(desk, VA)).toEqual(purchased);
    expect(desk.ledger.instanceCounts()).toEqual({
      reserved: 0,
      'in-transit': 0,
      removed: 2,
      rehosted: 0,
    });
    expectRefused('INSTANCE_NOT_ACTIVE', () => desk.ledger.remove(a.id, pubReturn), desk);
  });

  it('in transit, a never-installed update returned alone is withdrawn; the installed code’s return releases the larger of old and new', () => {
    const { clock, desk, purchased } = world();
    const pub = newDevice(clock, 'ucm', ucmUdi);
    const a = reserveAcrossTheGap(clock, desk, pub, VA, {
      type: 'SLR',
      licenses: { [UCM.enhanced]: 4 },
    });

    // An update the device will never install: return-authorization withdraws only the update.
    const up = desk.ledger.update(a.id, { [UCM.enhanced]: 6 });
    expect(holdings(desk, VA)[UCM.enhanced]).toMatchObject({ reserved: 4, inTransit: 2 });
    const upCode = carryOne(clock, DESK, { kind: 'authorization', code: up.authorizationCode });
    const withdrawn = carryOne(clock, SITE, {
      kind: 'return',
      code: pub.agent.returnAuthorization(upCode).returnCode,
    });
    expect(pub.agent.status().installed?.sequence).toBe(1);
    expect(desk.ledger.remove(a.id, withdrawn)).toMatchObject({
      state: 'reserved',
      licenses: { [UCM.enhanced]: 4 },
    });
    expect(holdings(desk, VA)[UCM.enhanced]).toMatchObject({ reserved: 4, inTransit: 0 });
    expectSound(desk);
    expectRefused('AUTHORIZATION_RETURNED', () => pub.agent.install(upCode), pub);

    // Another update, down this time; the device returns what it has installed instead.
    const down = desk.ledger.update(a.id, { [UCM.enhanced]: 2, [UCM.basic]: 1 });
    expect(holdings(desk, VA)[UCM.enhanced]).toMatchObject({ reserved: 4, inTransit: 0 });
    expect(holdings(desk, VA)[UCM.basic]).toMatchObject({ reserved: 0, inTransit: 1 });
    const returned = carryOne(clock, SITE, {
      kind: 'return',
      code: pub.agent.returnReservation().returnCode,
    });
    desk.drainEvents();
    expect(desk.ledger.remove(a.id, returned)).toMatchObject({ state: 'removed' });
    expect(desk.drainEvents()).toMatchObject([
      { type: 'removed', details: { released: { [UCM.enhanced]: 4, [UCM.basic]: 1 } } },
    ]);
    expectAllReturned(desk, VA);
    expect(holdings(desk, VA)).toEqual(purchased);
    expectSound(desk);

    // The orphaned update answers no request the device has: it cannot be installed.
    expectRefused(
      'AUTHORIZATION_REQUEST_MISMATCH',
      () => pub.agent.install(down.authorizationCode),
      pub,
    );
  });
});
