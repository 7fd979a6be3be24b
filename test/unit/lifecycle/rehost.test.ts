// Rehost Licenses from a Failed Product (RMA): the failed box can give no return code, so its
// reservation moves to the replacement's request, and only the replacement can install it.
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../../shared/catalog/index.ts';
import { EXPY, udiOf } from '../../support/authority.ts';
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
} from '../../support/lifecycle.ts';

const VA = 'Edge';
const REASON = 'RMA 800-123456: power supply failed';

describe('rehost from a failed product, end to end', () => {
  it('a failed Expressway’s reservation moves to its replacement: the old instance is rehosted, the new one reserved, the pool unchanged', () => {
    const clock = new TestClock();
    const desk = newDesk(clock);
    desk.ledger.setReservationEnabled(true);
    desk.ledger.addVirtualAccount(VA);
    desk.ledger.loadCatalog(VA, CATALOGS.expressway, 10);
    const purchased = holdings(desk, VA);
    const licenses = { [EXPY.rms]: 3, [EXPY.accountSecurity]: 1 };

    const failed = newDevice(clock, 'expressway', expresswayUdi, { seed: 7 });
    const a = reserveAcrossTheGap(clock, desk, failed, VA, { type: 'SLR', licenses });
    expect(failed.agent.status().exportControlled).toBe('Allowed');
    const before = holdings(desk, VA);
    const summaryBefore = desk.ledger.poolSummary();

    // The replacement arrives with a new UDI and asks.
    clock.advanceDays(3);
    const replacement = newDevice(clock, 'expressway', udiOf(0xb070519), { seed: 8 });
    replacement.agent.enable();
    const request = carryOne(clock, SITE, {
      kind: 'request',
      code: replacement.agent.request().requestCode,
      udi: replacement.key,
    });

    // The wizard insists on a reason, and on another UDI.
    expectRefused('REHOST_REASON_REQUIRED', () => desk.ledger.rehost(a.id, request, '  '), desk);
    const sameUdi = newDevice(clock, 'expressway', expresswayUdi, { seed: 9 });
    sameUdi.agent.enable();
    const sameRequest = sameUdi.agent.request().requestCode;
    expectRefused('REHOST_SAME_UDI', () => desk.ledger.rehost(a.id, sameRequest, REASON), desk);

    const moved = desk.ledger.rehost(a.id, request, REASON);
    const b = moved.instance.id;
    expect(b).not.toBe(a.id);
    expect(moved.instance).toMatchObject({
      state: 'reserved',
      udi: replacement.key,
      licenses,
      rehostedFrom: a.id,
      sequence: 1,
      confirmed: false,
    });
    expect(desk.ledger.instance(a.id)).toMatchObject({
      state: 'rehosted',
      rehostedTo: b,
      reason: REASON,
      licenses,
    });
    // Holds moved, never grew.
    expect(holdings(desk, VA)).toEqual(before);
    expect(desk.ledger.poolSummary()).toEqual(summaryBefore);
    expect(desk.ledger.activeInstanceFor(failed.key)).toBeUndefined();
    expect(desk.ledger.activeInstanceFor(replacement.key)?.id).toBe(b);
    expectSound(desk);

    // The failed box's old code is for another UDI: the replacement refuses it.
    const facts = expectRefused(
      'UDI_MISMATCH',
      () => replacement.agent.install(a.authorizationCode),
      replacement,
    );
    expect(facts).toEqual({ expected: replacement.key, found: failed.key });

    // The replacement installs its own code and confirms it.
    const code = carryOne(clock, DESK, {
      kind: 'authorization',
      code: moved.authorizationCode,
      udi: replacement.key,
      subject: b,
    });
    const installed = replacement.agent.install(code);
    expect(replacement.agent.status()).toMatchObject({
      registrationStatus: 'Registered - Specific License Reservation',
      exportControlled: 'Allowed',
    });
    expect(installed.confirmationCode).toBe(moved.confirmationCode);
    const confirmation = carryOne(clock, SITE, {
      kind: 'confirmation',
      code: installed.confirmationCode!,
    });
    expect(desk.ledger.confirm(b, confirmation)).toMatchObject({ confirmed: true });
    expect(desk.ledger.instanceCounts()).toMatchObject({ reserved: 1, rehosted: 1 });
    expect(holdings(desk, VA)).toEqual(before);
    expectSound(desk);

    // Once installed, the old code is still for another UDI.
    expectRefused(
      'UDI_MISMATCH',
      () => replacement.agent.install(a.authorizationCode),
      replacement,
    );
    // Should the failed box come back, its return code cannot touch the rehosted instance.
    const late = carryOne(clock, SITE, {
      kind: 'return',
      code: failed.agent.returnReservation().returnCode,
    });
    expectRefused('INSTANCE_NOT_ACTIVE', () => desk.ledger.remove(a.id, late), desk);
    // Nor the replacement's: it opens the failed box's key, not the one the new request committed to.
    expectRefused('RETURN_CODE_NOT_FROM_DEVICE', () => desk.ledger.remove(b, late), desk);

    // The replacement's own return releases everything.
    const returned = carryOne(clock, SITE, {
      kind: 'return',
      code: replacement.agent.returnReservation().returnCode,
    });
    expect(desk.ledger.remove(b, returned)).toMatchObject({ state: 'removed' });
    expectAllReturned(desk, VA);
    expect(holdings(desk, VA)).toEqual(purchased);
    expectSound(desk);
  });
});
