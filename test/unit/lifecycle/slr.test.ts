// Specific License Reservation from first request to final return, authority and emulated UCM
// exchanging nothing but the code strings they print, each carried in a transfer file.
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../../shared/catalog/index.ts';
import { UCM } from '../../support/authority.ts';
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
  kindOfPlainFile,
  newDesk,
  newDevice,
  reloadDesk,
  reloadDevice,
} from '../../support/lifecycle.ts';

const VA = 'Collaboration';

describe('SLR lifecycle, end to end', () => {
  it('an SLR reservation survives an update and returns every license on removal', () => {
    const clock = new TestClock();
    let desk = newDesk(clock);
    let cucm = newDevice(clock, 'ucm', ucmUdi);

    // The authority: license reservation is off by default; turn it on, add a VA, buy licenses.
    desk.ledger.addVirtualAccount(VA);
    desk.ledger.loadCatalog(VA, CATALOGS.ucm, 10);
    expectSound(desk);
    const purchased = holdings(desk, VA);

    // The device: enable, then request.
    expect(cucm.agent.status().registrationStatus).toBe('Unregistered');
    expect(cucm.agent.enable()).toEqual({ changed: true });
    expect(cucm.agent.status().registrationStatus).toBe('Reservation In Progress');
    const printed = cucm.agent.request();
    expect(printed.reused).toBe(false);
    expect(cucm.agent.request()).toEqual({ requestCode: printed.requestCode, reused: true });
    expect(kindOfPlainFile(printed.requestCode)).toBe('request');
    const requestCode = carryOne(clock, SITE, {
      kind: 'request',
      code: printed.requestCode,
      udi: cucm.key,
      label: 'cucm-pub-1',
    });

    const selection = { type: 'SLR', licenses: { [UCM.enhanced]: 4, [UCM.basic]: 2 } } as const;
    expectRefused(
      'RESERVATION_NOT_ENABLED',
      () => desk.ledger.reserve(VA, requestCode, selection),
      desk,
    );
    desk.ledger.setReservationEnabled(true);

    // Step 1 of the wizard names the product; steps 2–4 reserve the counts and issue the code.
    expect(desk.ledger.previewRequest(requestCode)).toMatchObject({
      udiKey: cucm.key,
      checkVerified: true,
    });
    const reserved = desk.ledger.reserve(VA, requestCode, selection);
    const id = reserved.instance.id;
    expect(reserved.instance).toMatchObject({
      state: 'reserved',
      reservationType: 'SLR',
      confirmed: false,
      licenses: { [UCM.enhanced]: 4, [UCM.basic]: 2 },
    });
    expect(holdings(desk, VA)[UCM.enhanced]).toEqual({
      purchased: 10,
      reserved: 4,
      inTransit: 0,
      balance: 6,
    });
    expectSound(desk);
    expectRefused(
      'UDI_ALREADY_RESERVED',
      () => desk.ledger.reserve(VA, requestCode, selection),
      desk,
    );

    // The device installs; it prints the confirmation code the authority expects.
    const authorization = carryOne(clock, DESK, {
      kind: 'authorization',
      code: reserved.authorizationCode,
      udi: cucm.key,
      subject: id,
    });
    const installed = cucm.agent.install(authorization);
    expect(installed).toMatchObject({ type: 'SLR', update: false });
    expect(installed.confirmationCode).toMatch(/^[0-9a-f]{8}$/);
    expect(installed.confirmationCode).toBe(reserved.confirmationCode);
    expect(cucm.agent.status()).toMatchObject({
      registrationStatus: 'Registered - Specific License Reservation',
      authorizationStatus: 'Authorized - Reserved',
      lastConfirmationCode: installed.confirmationCode,
      pendingRequestCode: null,
      waitingFor: 'nothing',
    });
    expectRefused('ALREADY_REGISTERED', () => cucm.agent.request(), cucm);

    const confirmation = carryOne(clock, SITE, {
      kind: 'confirmation',
      code: installed.confirmationCode!,
      udi: cucm.key,
    });
    expect(desk.ledger.confirm(id, confirmation)).toMatchObject({
      state: 'reserved',
      confirmed: true,
    });
    expectSound(desk);

    // Update: fewer Enhanced, more Basic. In transit the pool holds the larger of old and new.
    const update = desk.ledger.update(id, { [UCM.enhanced]: 2, [UCM.basic]: 3 });
    expect(update.instance).toMatchObject({
      state: 'in-transit',
      licenses: { [UCM.enhanced]: 4, [UCM.basic]: 2 },
      pendingLicenses: { [UCM.enhanced]: 2, [UCM.basic]: 3 },
    });
    const inTransit = holdings(desk, VA);
    expect(inTransit[UCM.enhanced]).toEqual({
      purchased: 10,
      reserved: 4,
      inTransit: 0,
      balance: 6,
    });
    expect(inTransit[UCM.basic]).toEqual({ purchased: 10, reserved: 2, inTransit: 1, balance: 7 });
    expectSound(desk);
    expectRefused('INSTANCE_IN_TRANSIT', () => desk.ledger.update(id, { [UCM.basic]: 1 }), desk);

    // A week and more passes with the update in transit; both apps restart from their stores.
    clock.advanceDays(8);
    expect(desk.ledger.alerts()).toMatchObject([
      { severity: 'minor', code: 'INSTANCE_IN_TRANSIT_LONG', facts: { instanceId: id, days: 8 } },
    ]);
    desk = reloadDesk(clock, desk);
    cucm = reloadDevice(clock, cucm);
    expect(holdings(desk, VA)).toEqual(inTransit);
    expectSound(desk);

    const updateCode = carryOne(clock, DESK, {
      kind: 'authorization',
      code: update.authorizationCode,
      udi: cucm.key,
      subject: id,
    });
    const updated = cucm.agent.install(updateCode);
    expect(updated.update).toBe(true);
    expect(updated.confirmationCode).toBe(update.confirmationCode);
    expect(updated.confirmationCode).not.toBe(installed.confirmationCode);
    expect(cucm.agent.status().lastConfirmationCode).toBe(updated.confirmationCode);
    expect(cucm.agent.status().installed?.sequence).toBe(2);

    const updateConfirmation = carryOne(clock, SITE, {
      kind: 'confirmation',
      code: updated.confirmationCode!,
      udi: cucm.key,
    });
    expect(desk.ledger.confirm(id, updateConfirmation)).toMatchObject({
      state: 'reserved',
      confirmed: true,
      licenses: { [UCM.enhanced]: 2, [UCM.basic]: 3 },
    });
    // Holds drop to the new counts.
    expect(holdings(desk, VA)[UCM.enhanced]).toEqual({
      purchased: 10,
      reserved: 2,
      inTransit: 0,
      balance: 8,
    });
    expect(holdings(desk, VA)[UCM.basic]).toEqual({
      purchased: 10,
      reserved: 3,
      inTransit: 0,
      balance: 7,
    });
    expectSound(desk);
    expect(desk.ledger.alerts()).toEqual([]);
    expectRefused('ALREADY_CONFIRMED', () => desk.ledger.confirm(id, updateConfirmation), desk);

    // Consumption above the reservation: Out of Compliance, and no higher tier is borrowed.
    cucm.agent.setUsage(UCM.enhanced, 3);
    cucm.agent.setUsage(UCM.basic, 1);
    let status = cucm.agent.status();
    expect(status.authorizationStatus).toBe('Out of Compliance');
    expect(status.licenses.find((l) => l.tag === UCM.enhanced)).toMatchObject({
      reserved: 2,
      inUse: 3,
      status: 'OutOfCompliance',
    });
    expect(status.licenses.find((l) => l.tag === UCM.basic)).toMatchObject({
      status: 'InCompliance',
    });

    // A further update brings the device back to Authorized.
    const further = desk.ledger.update(id, { [UCM.enhanced]: 3, [UCM.basic]: 3 });
    expect(holdings(desk, VA)[UCM.enhanced]).toMatchObject({ reserved: 2, inTransit: 1 });
    expectSound(desk);
    const furtherInstalled = cucm.agent.install(
      carryOne(clock, DESK, { kind: 'authorization', code: further.authorizationCode }),
    );
    status = cucm.agent.status();
    expect(status.authorizationStatus).toBe('Authorized - Reserved');
    expect(status.licenses.find((l) => l.tag === UCM.enhanced)).toMatchObject({
      reserved: 3,
      inUse: 3,
      status: 'InCompliance',
    });
    desk.ledger.confirm(
      id,
      carryOne(clock, SITE, { kind: 'confirmation', code: furtherInstalled.confirmationCode! }),
    );
    expect(holdings(desk, VA)[UCM.enhanced]).toMatchObject({ reserved: 3, inTransit: 0 });
    expectSound(desk);

    // Return on the device; Remove at the authority with that return code.
    const { returnCode } = cucm.agent.returnReservation();
    expect(kindOfPlainFile(returnCode)).toBe('return');
    expect(cucm.agent.status()).toMatchObject({
      registrationStatus: 'Reservation In Progress',
      reservationType: null,
      lastReturnCode: returnCode,
      lastConfirmationCode: furtherInstalled.confirmationCode,
    });
    const carriedReturn = carryOne(clock, SITE, {
      kind: 'return',
      code: returnCode,
      udi: cucm.key,
    });
    expect(desk.ledger.remove(id, carriedReturn)).toMatchObject({ state: 'removed' });
    expect(desk.ledger.activeInstanceFor(cucm.key)).toBeUndefined();
    expectAllReturned(desk, VA);
    expect(holdings(desk, VA)).toEqual(purchased);
    expectSound(desk);

    // The event log tells the whole story, in order.
    desk.drainEvents();
    expect(
      desk.log
        .map((e) => e.type)
        .filter((t) => !['virtual-account-added', 'catalog-loaded'].includes(t)),
    ).toEqual([
      'reservation-enabled',
      'reserved',
      'confirmed',
      'update-issued',
      'update-confirmed',
      'update-issued',
      'update-confirmed',
      'removed',
    ]);
  });
});
