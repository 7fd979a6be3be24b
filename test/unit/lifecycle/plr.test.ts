// Permanent License Reservation on an Expressway, with and without Export Control: one code in,
// no confirmation code out, and a return code that gives the PLR license back.
import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../../shared/agent/index.ts';
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
  kindOfPlainFile,
  newDesk,
  newDevice,
} from '../../support/lifecycle.ts';

const VA = 'Edge';

describe('PLR lifecycle on an Expressway, end to end', () => {
  it.each([
    {
      variant: 'with',
      exportControl: true,
      tag: EXPY.plrWith,
      functionality: 'Allowed',
      limit: null,
    },
    {
      variant: 'without',
      exportControl: false,
      tag: EXPY.plrWithout,
      functionality: 'Not Allowed',
      limit: 2500,
    },
  ] as const)(
    'PLR $variant Export Control: Universal License Reservation, export-controlled functionality $functionality, no confirmation code; return and remove give the PLR license back',
    ({ exportControl, tag, functionality, limit }) => {
      const clock = new TestClock();
      const desk = newDesk(clock);
      desk.ledger.setReservationEnabled(true);
      desk.ledger.addVirtualAccount(VA);
      desk.ledger.loadCatalog(VA, CATALOGS.expressway, 2);
      const purchased = holdings(desk, VA);
      const expressway = newDevice(clock, 'expressway', expresswayUdi);

      expressway.agent.enable();
      const requestCode = carryOne(clock, SITE, {
        kind: 'request',
        code: expressway.agent.request().requestCode,
        udi: expressway.key,
      });

      const reserved = desk.ledger.reserve(VA, requestCode, { type: 'PLR', exportControl });
      const id = reserved.instance.id;
      expect(reserved.confirmationCode).toBeUndefined();
      expect(reserved.instance).toMatchObject({
        state: 'reserved',
        reservationType: 'PLR',
        exportControl,
        confirmed: true,
        licenses: { [tag]: 1 },
        name: 'UDI_PID:Expressway; UDI_SN:08F8FF3C; UDI_VID:1.0;',
      });
      expect(holdings(desk, VA)[tag]).toEqual({
        purchased: 2,
        reserved: 1,
        inTransit: 0,
        balance: 1,
      });
      expectSound(desk);
      // PLR is one code for everything: nothing to update, nothing to confirm.
      expectRefused('UPDATE_NOT_APPLICABLE', () => desk.ledger.update(id, { [EXPY.rms]: 1 }), desk);

      // The PLR code is the short, typeable, grouped kind: it still travels in a transfer file.
      expect(kindOfPlainFile(reserved.authorizationCode)).toBe('authorization');
      expect(reserved.authorizationCode).toMatch(/^[0-9A-Z]{6}(-[0-9A-Z]+)+$/);
      const authorization = carryOne(clock, DESK, {
        kind: 'authorization',
        code: reserved.authorizationCode,
        udi: expressway.key,
        subject: id,
      });

      const printed = executeCommand(
        expressway.agent,
        `xcommand License Smart Reservation Install "${authorization}"`,
      );
      expect(printed).toEqual({ ok: true, output: 'Authorization code installed.' });
      const status = expressway.agent.status();
      expect(status).toMatchObject({
        registrationStatus: 'Registered - Universal License Reservation',
        authorizationStatus: 'Authorized - Reserved',
        reservationType: 'PLR',
        exportControlled: functionality,
        lastConfirmationCode: null,
        installed: { type: 'PLR', exportControl },
      });
      expect(status.encryptedSessions.limit).toBe(limit);
      expect(executeCommand(expressway.agent, 'xstatus License').output).toContain(
        `ExportControlledFunctionality: "${functionality}"`,
      );

      // Consumption under PLR is always in compliance.
      expressway.agent.setUsage(EXPY.rms, 500);
      expect(expressway.agent.status().authorizationStatus).toBe('Authorized - Reserved');

      // Nothing for the authority to confirm.
      expectRefused('CONFIRMATION_NOT_APPLICABLE', () => desk.ledger.confirm(id, '08715c93'), desk);

      const { returnCode } = expressway.agent.returnReservation();
      expect(expressway.agent.status()).toMatchObject({
        registrationStatus: 'Reservation In Progress',
        exportControlled: 'Not Allowed',
        lastReturnCode: returnCode,
      });
      const carried = carryOne(clock, SITE, {
        kind: 'return',
        code: returnCode,
        udi: expressway.key,
      });
      expect(desk.ledger.remove(id, carried)).toMatchObject({ state: 'removed' });
      expectAllReturned(desk, VA);
      expect(holdings(desk, VA)).toEqual(purchased);
      expectSound(desk);
    },
  );
});
