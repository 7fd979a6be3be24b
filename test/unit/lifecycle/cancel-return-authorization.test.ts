// A request cancelled after the authority already answered it: the issued code keeps its licenses
// blocked until the device prints a return code for it with return-authorization.
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
} from '../../support/lifecycle.ts';

const VA = 'Edge';

describe('cancel, then return-authorization, end to end', () => {
  it('an authorization issued for a cancelled request cannot be installed; its return-authorization code releases the licenses', () => {
    const clock = new TestClock();
    const desk = newDesk(clock);
    desk.ledger.setReservationEnabled(true);
    desk.ledger.addVirtualAccount(VA);
    desk.ledger.loadCatalog(VA, CATALOGS.expressway, 5);
    const purchased = holdings(desk, VA);
    const expressway = newDevice(clock, 'expressway', expresswayUdi);

    expressway.agent.enable();
    const first = expressway.agent.request().requestCode;
    const reserved = desk.ledger.reserve(
      VA,
      carryOne(clock, SITE, { kind: 'request', code: first }),
      {
        type: 'SLR',
        licenses: { [EXPY.rms]: 3, [EXPY.accountSecurity]: 1 },
      },
    );
    const id = reserved.instance.id;
    expect(holdings(desk, VA)[EXPY.rms]).toMatchObject({ reserved: 3, balance: 2 });
    expectSound(desk);
    const issued = carryOne(clock, DESK, {
      kind: 'authorization',
      code: reserved.authorizationCode,
      udi: expressway.key,
      subject: id,
    });

    // Meanwhile the operator cancelled the request on the device.
    expect(expressway.agent.cancel()).toEqual({ cancelledRequestCode: first });
    expect(expressway.agent.status()).toMatchObject({
      registrationStatus: 'Reservation In Progress',
      pendingRequestCode: null,
      waitingFor: 'request',
    });
    expectRefused('NO_PENDING_REQUEST', () => expressway.agent.cancel(), expressway);

    // A new request gets a new code, and asking again repeats it.
    const second = expressway.agent.request();
    expect(second.reused).toBe(false);
    expect(second.requestCode).not.toBe(first);
    expect(expressway.agent.request()).toEqual({ requestCode: second.requestCode, reused: true });

    // The code issued for the cancelled request is refused, and nothing changes on the device.
    expectRefused(
      'AUTHORIZATION_FOR_CANCELLED_REQUEST',
      () => expressway.agent.install(issued),
      expressway,
    );
    // Nor can the authority answer the new request: the UDI still holds the first reservation.
    const secondRequest = carryOne(clock, SITE, { kind: 'request', code: second.requestCode });
    const facts = expectRefused(
      'UDI_ALREADY_RESERVED',
      () => desk.ledger.reserve(VA, secondRequest, { type: 'SLR', licenses: { [EXPY.rms]: 1 } }),
      desk,
    );
    expect(facts.instanceId).toBe(id);

    // Left alone, the unanswered authorization raises an alert at the authority.
    clock.advanceDays(8);
    expect(desk.ledger.alerts()).toMatchObject([
      { severity: 'minor', code: 'AUTHORIZATION_NOT_CONFIRMED', facts: { instanceId: id } },
    ]);

    // return-authorization prints a return code for the code it never installed.
    const { returnCode } = expressway.agent.returnAuthorization(issued);
    expect(expressway.agent.status()).toMatchObject({
      registrationStatus: 'Reservation In Progress',
      pendingRequestCode: second.requestCode,
      lastReturnCode: returnCode,
    });
    expectRefused(
      'AUTHORIZATION_RETURNED',
      () => expressway.agent.returnAuthorization(issued),
      expressway,
    );

    const carried = carryOne(clock, SITE, {
      kind: 'return',
      code: returnCode,
      udi: expressway.key,
    });
    expect(desk.ledger.remove(id, carried)).toMatchObject({ state: 'removed' });
    expectAllReturned(desk, VA);
    expect(holdings(desk, VA)).toEqual(purchased);
    expectSound(desk);
    expect(desk.drainEvents().at(-1)).toMatchObject({
      type: 'removed',
      instanceId: id,
      details: { neverInstalled: true, released: { [EXPY.rms]: 3, [EXPY.accountSecurity]: 1 } },
    });
    expectRefused('INSTANCE_NOT_ACTIVE', () => desk.ledger.remove(id, carried), desk);
    expect(desk.ledger.alerts()).toEqual([]);

    // Now the new request can be answered and installed.
    const again = desk.ledger.reserve(VA, secondRequest, {
      type: 'SLR',
      licenses: { [EXPY.rms]: 1 },
    });
    const installed = expressway.agent.install(
      carryOne(clock, DESK, { kind: 'authorization', code: again.authorizationCode }),
    );
    expect(installed.confirmationCode).toBe(again.confirmationCode);
    expect(desk.ledger.confirm(again.instance.id, installed.confirmationCode!).confirmed).toBe(
      true,
    );
    expect(holdings(desk, VA)[EXPY.rms]).toMatchObject({ reserved: 1, balance: 4 });
    expectSound(desk);
  });
});
