// Transfer a product instance to another virtual account: the reservation and the purchased
// licenses it holds move together, and what happens next happens in the target account.
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../../shared/catalog/index.ts';
import { EXPY } from '../../support/authority.ts';
import { expresswayUdi } from '../../support/codes.ts';
import { TestClock } from '../../support/ports.ts';
import {
  DESK,
  SITE,
  carryOne,
  expectAllReturned,
  expectRefused,
  expectSound,
  holdings,
  newDesk,
  newDevice,
  reserveAcrossTheGap,
  updateAcrossTheGap,
} from '../../support/lifecycle.ts';

const LAB = 'Lab';
const PROD = 'Production';

function rmsPurchase(count: number) {
  const entry = CATALOGS.expressway.entries.find((e) => e.tag === EXPY.rms)!;
  return {
    tag: entry.tag,
    displayName: entry.displayName,
    description: entry.description,
    type: entry.type,
    count,
  };
}

describe('transfer between virtual accounts, end to end', () => {
  it('a reserved instance moves to another VA with its purchased licenses; an update afterwards draws on the target VA', () => {
    const clock = new TestClock();
    const desk = newDesk(clock);
    desk.ledger.setReservationEnabled(true);
    desk.ledger.addVirtualAccount(LAB);
    desk.ledger.addVirtualAccount(PROD);
    desk.ledger.loadCatalog(LAB, CATALOGS.expressway, 10);
    const labBefore = holdings(desk, LAB);

    const expressway = newDevice(clock, 'expressway', expresswayUdi);
    const r = reserveAcrossTheGap(clock, desk, expressway, LAB, {
      type: 'SLR',
      licenses: { [EXPY.rms]: 4, [EXPY.accountSecurity]: 1 },
    });
    const totals = () =>
      desk.ledger.poolSummary().reduce(
        (sum, va) => ({
          purchased: sum.purchased + va.purchased,
          reserved: sum.reserved + va.reserved,
        }),
        { purchased: 0, reserved: 0 },
      );
    const totalBefore = totals();

    expectRefused('TRANSFER_SAME_VA', () => desk.ledger.transfer(r.id, LAB), desk);
    expect(desk.ledger.transfer(r.id, PROD)).toMatchObject({ va: PROD, state: 'reserved' });
    expectSound(desk);
    expect(totals()).toEqual(totalBefore);
    expect(desk.ledger.instances({ va: LAB })).toEqual([]);
    expect(desk.ledger.instances({ va: PROD }).map((i) => i.id)).toEqual([r.id]);

    // What the instance held left Lab's purchases and joined Production's.
    expect(holdings(desk, LAB)[EXPY.rms]).toEqual({
      purchased: 6,
      reserved: 0,
      inTransit: 0,
      balance: 6,
    });
    expect(holdings(desk, LAB)[EXPY.accountSecurity]).toMatchObject({ purchased: 9, reserved: 0 });
    expect(holdings(desk, PROD)).toEqual({
      [EXPY.rms]: { purchased: 4, reserved: 4, inTransit: 0, balance: 0 },
      [EXPY.accountSecurity]: { purchased: 1, reserved: 1, inTransit: 0, balance: 0 },
    });

    // An update draws on Production: Lab's spare six do not count.
    const facts = expectRefused(
      'INSUFFICIENT_BALANCE',
      () => desk.ledger.update(r.id, { [EXPY.rms]: 5, [EXPY.accountSecurity]: 1 }),
      desk,
    );
    expect(facts).toEqual({ tag: EXPY.rms, requested: 5, available: 4 });
    desk.ledger.addLicense(PROD, rmsPurchase(2));
    const labNow = holdings(desk, LAB);

    const up = desk.ledger.update(r.id, { [EXPY.rms]: 5, [EXPY.accountSecurity]: 1 });
    expect(holdings(desk, PROD)[EXPY.rms]).toEqual({
      purchased: 6,
      reserved: 4,
      inTransit: 1,
      balance: 1,
    });
    expect(holdings(desk, LAB)).toEqual(labNow);
    expectSound(desk);
    expectRefused('INSTANCE_IN_TRANSIT', () => desk.ledger.transfer(r.id, LAB), desk);
    // The device never knew about the move: the update is the same instance to it.
    const installed = expressway.agent.install(
      carryOne(clock, DESK, { kind: 'authorization', code: up.authorizationCode }),
    );
    expect(installed.update).toBe(true);
    desk.ledger.confirm(
      r.id,
      carryOne(clock, SITE, { kind: 'confirmation', code: installed.confirmationCode! }),
    );
    expect(holdings(desk, PROD)[EXPY.rms]).toMatchObject({ reserved: 5, inTransit: 0, balance: 1 });
    expectSound(desk);

    // And once more, down, still in Production.
    updateAcrossTheGap(clock, desk, expressway, r.id, { [EXPY.rms]: 2 });
    expect(holdings(desk, PROD)[EXPY.rms]).toMatchObject({ reserved: 2, balance: 4 });
    expect(holdings(desk, PROD)[EXPY.accountSecurity]).toMatchObject({ reserved: 0, balance: 1 });
    expect(holdings(desk, LAB)).toEqual(labNow);

    // Returned, everything in both VAs is free again; purchases stay where they were moved.
    const returned = carryOne(clock, SITE, {
      kind: 'return',
      code: expressway.agent.returnReservation().returnCode,
    });
    expect(desk.ledger.remove(r.id, returned)).toMatchObject({ state: 'removed', va: PROD });
    expectAllReturned(desk, LAB);
    expectAllReturned(desk, PROD);
    expect(
      holdings(desk, PROD)[EXPY.rms]!.purchased + holdings(desk, LAB)[EXPY.rms]!.purchased,
    ).toBe(labBefore[EXPY.rms]!.purchased + 2);
    expectSound(desk);
  });
});
