// A hundred devices in one trip, five times over: request codes out in one transfer file,
// authorization codes back in one, confirmation codes out in one. One mistyped code fails alone.
import { describe, expect, it } from 'vitest';
import { type TransferEntry, readTransferFile } from '../../../shared/transfer/transfer-file.ts';
import { confirmMany, reserveMany } from '../../../shared/authority/index.ts';
import { CATALOGS } from '../../../shared/catalog/index.ts';
import { EXPY, udiOf } from '../../support/authority.ts';
import { TestClock, hasher } from '../../support/ports.ts';
import {
  DESK,
  HOUR,
  SITE,
  type SiteDevice,
  carry,
  expectSound,
  holdings,
  mistypeNonce,
  newDesk,
  newDevice,
} from '../../support/lifecycle.ts';

const DEVICES = 500;
const MISTYPED = 137;
const VA = 'Edge';

describe('batch across the gap, end to end', () => {
  it('500 devices reserve, install and confirm in three transfer files; one mistyped request code fails alone', () => {
    const clock = new TestClock();
    const desk = newDesk(clock);
    desk.ledger.setReservationEnabled(true);
    desk.ledger.addVirtualAccount(VA);
    desk.ledger.loadCatalog(VA, CATALOGS.expressway, DEVICES);

    // The site: 500 Expressways enable reservation and print their request codes.
    const devices: SiteDevice[] = [];
    for (let n = 1; n <= DEVICES; n++) {
      devices.push(newDevice(clock, 'expressway', udiOf(n), { seed: n }));
    }
    const byUdi = new Map(devices.map((d) => [d.key, d]));
    expect(byUdi.size).toBe(DEVICES);
    const requests: TransferEntry[] = devices.map((device, i) => {
      device.agent.enable();
      const { requestCode } = device.agent.request();
      // The operator copied one of them by hand, and slipped.
      const code = i === MISTYPED ? mistypeNonce(requestCode) : requestCode;
      return { kind: 'request', code, udi: device.key, label: `expressway-${i + 1}` };
    });
    expect(requests[MISTYPED]!.code).not.toBe(devices[MISTYPED]!.agent.status().pendingRequestCode);

    // ONE file out; the desk reads the request codes out of it and reserves them all.
    const requestFile = carry(clock, SITE, requests);
    clock.advance(HOUR);
    const read = readTransferFile(requestFile.text, hasher).file.entries;
    expect(read).toHaveLength(DEVICES);
    const reserved = reserveMany(
      desk.ledger,
      VA,
      read.map((e) => e.code),
      { type: 'SLR', licenses: { [EXPY.rms]: 1 } },
    );
    const failed = reserved.filter((r) => !r.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      index: MISTYPED,
      error: { code: 'REQUEST_CODE_CHECK_FAILED', facts: { segment: 'nonce' } },
    });
    expect(holdings(desk, VA)[EXPY.rms]).toMatchObject({
      reserved: DEVICES - 1,
      balance: 1,
    });
    expectSound(desk);

    // ONE file of authorization codes back, each labelled with its UDI.
    const authorizations: TransferEntry[] = reserved
      .filter((r) => r.ok)
      .map((r) => ({
        kind: 'authorization',
        code: r.authorizationCode!,
        udi: r.instance!.udi,
        subject: r.instance!.id,
      }));
    const authorizationFile = carry(clock, DESK, authorizations);
    clock.advance(HOUR);

    // The site matches each code to its device by UDI and installs it.
    const confirmations: TransferEntry[] = readTransferFile(
      authorizationFile.text,
      hasher,
    ).file.entries.map((entry) => {
      const device = byUdi.get(entry.udi!)!;
      const { confirmationCode } = device.agent.install(entry.code);
      return { kind: 'confirmation', code: confirmationCode!, udi: device.key };
    });
    expect(confirmations).toHaveLength(DEVICES - 1);

    // ONE file of confirmation codes back; confirmMany finds each instance by UDI.
    const confirmationFile = carry(clock, SITE, confirmations);
    clock.advance(HOUR);
    const confirmed = confirmMany(
      desk.ledger,
      readTransferFile(confirmationFile.text, hasher).file.entries.map((e) => ({
        udi: e.udi!,
        code: e.code,
      })),
    );
    expect(confirmed.filter((r) => !r.ok)).toEqual([]);
    expect(desk.ledger.instances().every((i) => i.confirmed && i.state === 'reserved')).toBe(true);
    expect(desk.ledger.instanceCounts()).toEqual({
      reserved: DEVICES - 1,
      'in-transit': 0,
      removed: 0,
      rehosted: 0,
    });
    expectSound(desk);

    devices.forEach((device, i) => {
      expect(device.agent.status().registrationStatus).toBe(
        i === MISTYPED ? 'Reservation In Progress' : 'Registered - Specific License Reservation',
      );
    });

    // The one that failed is still waiting with its true code; carried correctly, it succeeds.
    const straggler = devices[MISTYPED]!;
    expect(straggler.agent.status().waitingFor).toBe('authorization');
    const retry = reserveMany(desk.ledger, VA, [straggler.agent.request().requestCode], {
      type: 'SLR',
      licenses: { [EXPY.rms]: 1 },
    });
    expect(retry[0]!.ok).toBe(true);
    const { confirmationCode } = straggler.agent.install(retry[0]!.authorizationCode!);
    expect(confirmMany(desk.ledger, [{ udi: straggler.key, code: confirmationCode! }])[0]!.ok).toBe(
      true,
    );
    expect(holdings(desk, VA)[EXPY.rms]).toMatchObject({ reserved: DEVICES, balance: 0 });
    expectSound(desk);
  });
});
