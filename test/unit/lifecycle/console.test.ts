// The console path: the SLR round trip typed at the device console, Expressway's xcommand syntax
// on one device and CUCM's CLI on another; the codes are copied off the printed lines.
import { describe, expect, it } from 'vitest';
import { type Product, executeCommand } from '../../../shared/agent/index.ts';
import { CATALOGS } from '../../../shared/catalog/index.ts';
import type { Udi } from '../../../shared/codes/index.ts';
import { EXPY, UCM } from '../../support/authority.ts';
import { expresswayUdi, ucmUdi } from '../../support/codes.ts';
import { TestClock } from '../../support/ports.ts';
import {
  DESK,
  SITE,
  type SiteDevice,
  carryOne,
  expectAllReturned,
  expectSound,
  newDesk,
  newDevice,
} from '../../support/lifecycle.ts';

interface Syntax {
  product: Product;
  udi: Udi;
  licenses: [Record<string, number>, Record<string, number>];
  enable: string;
  enabled: string;
  disable: string;
  disabled: string;
  request: string;
  install: (code: string) => string;
  installed: string;
  returnLine: string;
  cancel: string;
  cancelled: string;
  returnAuthorization: (code: string) => string;
  status: string;
  registered: string;
  lastConfirmation: (code: string) => string;
  /** What follows a refusal: CUCM ends a failed command with its failure line. */
  failed: string;
}

const EXPRESSWAY: Syntax = {
  product: 'expressway',
  udi: expresswayUdi,
  licenses: [{ [EXPY.rms]: 5 }, { [EXPY.rms]: 5, [EXPY.accountSecurity]: 1 }],
  enable: 'xconfiguration License Smart ReservationEnable: On',
  enabled: 'OK',
  disable: 'xconfiguration License Smart ReservationEnable: Off',
  disabled: 'OK',
  request: 'xcommand License Smart Reservation Request',
  install: (code) => `xcommand License Smart Reservation Install "${code}"`,
  installed: 'Authorization code installed.',
  returnLine: 'xcommand License Smart Reservation Return',
  cancel: 'xcommand License Smart Reservation Cancel',
  cancelled: 'OK',
  returnAuthorization: (code) => `xcommand License Smart Reservation ReturnAuthorization "${code}"`,
  status: 'xstatus License',
  registered: 'RegistrationStatus: "Registered - Specific License Reservation"',
  lastConfirmation: (code) => `LastConfirmationCode: "${code}"`,
  failed: '',
};

const CUCM: Syntax = {
  product: 'ucm',
  udi: ucmUdi,
  licenses: [{ [UCM.enhanced]: 20 }, { [UCM.enhanced]: 10, [UCM.basic]: 10 }],
  enable: 'license smart reservation enable',
  enabled: 'License reservation mode is enabled successfully.',
  disable: 'license smart reservation disable',
  disabled: 'License reservation mode is disabled successfully.',
  request: 'license smart reservation request',
  install: (code) => `license smart reservation install "${code}"`,
  installed: 'Authorization code installed successfully.',
  returnLine: 'license smart reservation return',
  cancel: 'license smart reservation cancel',
  cancelled: 'License reservation request is cancelled successfully.',
  returnAuthorization: (code) => `license smart reservation return-authorization "${code}"`,
  status: 'show license status',
  registered: 'Status: Registered - Specific License Reservation',
  lastConfirmation: (code) => `Last Confirmation code: ${code}`,
  failed: '\nExecuted command unsuccessfully',
};

const CONFIRMATION_LINE = /^Please enter the confirmation code to CSSM account: ([0-9a-f]{8})$/;

/** Types a line; it must succeed. Returns the printed lines. */
function type(device: SiteDevice, line: string): string[] {
  const result = executeCommand(device.agent, line);
  expect(result.ok, result.output).toBe(true);
  return result.output.split('\n');
}

/** Installs at the console and copies the confirmation code off the screen. */
function installAtConsole(device: SiteDevice, syntax: Syntax, code: string): string {
  const printed = type(device, syntax.install(code));
  expect(printed).toHaveLength(2);
  expect(printed[0]).toBe(syntax.installed);
  const match = CONFIRMATION_LINE.exec(printed[1]!);
  expect(match, printed[1]).not.toBeNull();
  return match![1]!;
}

describe('the console path, end to end', () => {
  it.each([
    ['Expressway', EXPRESSWAY],
    ['CUCM', CUCM],
  ] as const)(
    'an SLR round trip typed in %s syntax: request, install, update, return, each code copied off the console',
    (_name, syntax) => {
      const clock = new TestClock();
      const desk = newDesk(clock);
      desk.ledger.setReservationEnabled(true);
      desk.ledger.addVirtualAccount('Default');
      desk.ledger.loadCatalog('Default', CATALOGS[syntax.product], 20);
      const device = newDevice(clock, syntax.product, syntax.udi);

      expect(type(device, syntax.enable)).toEqual([syntax.enabled]);
      const requested = type(device, syntax.request);
      expect(requested).toEqual([
        'Enter the following reservation request code into the CSSM:',
        expect.stringMatching(/^CB-/),
      ]);
      // Asking again prints the same code.
      expect(type(device, syntax.request)).toEqual(requested);

      const reserved = desk.ledger.reserve(
        'Default',
        carryOne(clock, SITE, { kind: 'request', code: requested[1]!, udi: device.key }),
        { type: 'SLR', licenses: syntax.licenses[0] },
      );
      const confirmation = installAtConsole(
        device,
        syntax,
        carryOne(clock, DESK, { kind: 'authorization', code: reserved.authorizationCode }),
      );
      expect(confirmation).toBe(reserved.confirmationCode);
      const status = type(device, syntax.status);
      expect(status).toContain(
        syntax.product === 'ucm' ? `  ${syntax.registered}` : `        ${syntax.registered}`,
      );
      expect(status.map((l) => l.trim())).toContain(syntax.lastConfirmation(confirmation));
      expect(executeCommand(device.agent, syntax.request)).toMatchObject({
        ok: false,
        output: `Already registered${syntax.failed}`,
      });
      desk.ledger.confirm(
        reserved.instance.id,
        carryOne(clock, SITE, { kind: 'confirmation', code: confirmation }),
      );
      expectSound(desk);

      // Update Reserved Licenses, installed at the console: a new confirmation code.
      const update = desk.ledger.update(reserved.instance.id, syntax.licenses[1]);
      const updateConfirmation = installAtConsole(
        device,
        syntax,
        carryOne(clock, DESK, { kind: 'authorization', code: update.authorizationCode }),
      );
      expect(updateConfirmation).toBe(update.confirmationCode);
      expect(updateConfirmation).not.toBe(confirmation);
      expect(type(device, syntax.status).map((l) => l.trim())).toContain(
        syntax.lastConfirmation(updateConfirmation),
      );
      expect(
        desk.ledger.confirm(
          reserved.instance.id,
          carryOne(clock, SITE, { kind: 'confirmation', code: updateConfirmation }),
        ),
      ).toMatchObject({ state: 'reserved', licenses: syntax.licenses[1] });
      expectSound(desk);

      // Reservation cannot be disabled while installed; return first.
      expect(executeCommand(device.agent, syntax.disable)).toMatchObject({
        ok: false,
        output: `A reservation is installed. Return it before disabling license reservation.${syntax.failed}`,
      });
      const returned = type(device, syntax.returnLine);
      expect(returned).toEqual([
        'Enter the following return code into the CSSM:',
        expect.stringMatching(/^CR/),
      ]);
      expect(
        desk.ledger.remove(
          reserved.instance.id,
          carryOne(clock, SITE, { kind: 'return', code: returned[1]! }),
        ),
      ).toMatchObject({ state: 'removed' });
      expectAllReturned(desk, 'Default');
      expectSound(desk);
      expect(type(device, syntax.disable)).toEqual([syntax.disabled]);
      expect(device.agent.status().registrationStatus).toBe('Unregistered');
    },
  );

  it.each([
    ['Expressway', EXPRESSWAY],
    ['CUCM', CUCM],
  ] as const)(
    'a cancelled request typed in %s syntax: the issued code is refused at install and released with return-authorization',
    (_name, syntax) => {
      const clock = new TestClock();
      const desk = newDesk(clock);
      desk.ledger.setReservationEnabled(true);
      desk.ledger.addVirtualAccount('Default');
      desk.ledger.loadCatalog('Default', CATALOGS[syntax.product], 20);
      const device = newDevice(clock, syntax.product, syntax.udi);

      type(device, syntax.enable);
      const first = type(device, syntax.request)[1]!;
      const reserved = desk.ledger.reserve(
        'Default',
        carryOne(clock, SITE, { kind: 'request', code: first }),
        { type: 'SLR', licenses: syntax.licenses[0] },
      );
      const issued = carryOne(clock, DESK, {
        kind: 'authorization',
        code: reserved.authorizationCode,
      });

      expect(type(device, syntax.cancel)).toEqual([syntax.cancelled]);
      const second = type(device, syntax.request)[1]!;
      expect(second).not.toBe(first);
      expect(executeCommand(device.agent, syntax.install(issued))).toMatchObject({
        ok: false,
        output: `The authorization code answers a cancelled reservation request. Return it with return-authorization.${syntax.failed}`,
      });

      const returned = type(device, syntax.returnAuthorization(issued));
      expect(returned).toEqual([
        'Enter the following return code into the CSSM:',
        expect.stringMatching(/^CR/),
      ]);
      expect(
        desk.ledger.remove(
          reserved.instance.id,
          carryOne(clock, SITE, { kind: 'return', code: returned[1]! }),
        ),
      ).toMatchObject({ state: 'removed' });
      expectAllReturned(desk, 'Default');
      expectSound(desk);
      // The device is still waiting on its second request.
      expect(device.agent.status()).toMatchObject({
        pendingRequestCode: second,
        lastReturnCode: returned[1],
      });
    },
  );
});
