// CUCM export control under a reservation (seeds 000 and 004, "スマートライセンシングのエクスポートに関する
// コンプライアンス"): without a connection, export-restricted functionality comes through the
// reservation — the CUCM Export Restricted Authorization Key in an SLR, or PLR with Export Control —
// and the console's `license smart export …` says so.
import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../../shared/agent/index.ts';
import { CATALOGS, UCM_CATALOG } from '../../../shared/catalog/index.ts';
import { UCM } from '../../support/authority.ts';
import { ucmUdi } from '../../support/codes.ts';
import { TestClock } from '../../support/ports.ts';
import { type SiteDevice, newDesk, newDevice } from '../../support/lifecycle.ts';

const EXPORT_KEY = UCM_CATALOG.entries.find(
  (e) => e.displayName === 'CUCM Export Restricted Authorization Key',
)!.tag;

function setUp() {
  const clock = new TestClock();
  const desk = newDesk(clock);
  desk.ledger.setReservationEnabled(true);
  desk.ledger.addVirtualAccount('Lab');
  desk.ledger.loadCatalog('Lab', CATALOGS.ucm, 5);
  return { desk, device: newDevice(clock, 'ucm', ucmUdi) };
}

function type(device: SiteDevice, line: string) {
  return executeCommand(device.agent, line);
}

const exportLine = (device: SiteDevice) =>
  type(device, 'show license status')
    .output.split('\n')
    .find((l) => l.includes('Export-Controlled Functionality'));

describe('export-controlled functionality on a CUCM under reservation', () => {
  it('follows the installed code: Allowed with the export key, Not Allowed after an update drops it', () => {
    const { desk, device } = setUp();
    type(device, 'license smart reservation enable');
    expect(exportLine(device)).toBe('  Export-Controlled Functionality: Not Allowed');
    const request = type(device, 'license smart reservation request').requestCode!;
    const reserved = desk.ledger.reserve('Lab', request, {
      type: 'SLR',
      licenses: { [UCM.enhanced]: 2, [EXPORT_KEY]: 1 },
    });
    const installed = type(
      device,
      `license smart reservation install "${reserved.authorizationCode}"`,
    );
    expect(installed.ok).toBe(true);
    expect(exportLine(device)).toBe('  Export-Controlled Functionality: Allowed');
    desk.ledger.confirm(reserved.instance.id, installed.confirmationCode!);

    // The console answers for the reservation, and names what is allowed now.
    const asked = type(device, 'license smart export request local CUCM_EXPORT');
    expect(asked).toMatchObject({ ok: false, error: { code: 'EXPORT_UNDER_RESERVATION' } });
    expect(asked.output).toBe(
      'License reservation is enabled: export-controlled functionality is not requested from Smart Software Manager but follows the installed reservation (Export-Controlled Functionality: Allowed). ' +
        'Reserve the CUCM Export Restricted Authorization Key (or a PLR with Export Control) and install the new authorization code.\n' +
        'Executed command unsuccessfully',
    );
    expect(type(device, 'license smart export return local CUCM_EXPORT').output).toContain(
      'To give the CUCM Export Restricted Authorization Key back, update or return the reservation.',
    );

    const updated = desk.ledger.update(reserved.instance.id, { [UCM.enhanced]: 2 });
    expect(
      type(device, `license smart reservation install "${updated.authorizationCode}"`).ok,
    ).toBe(true);
    expect(exportLine(device)).toBe('  Export-Controlled Functionality: Not Allowed');
  });

  it('is Allowed with PLR with Export Control (CUCM 14SU3 and later)', () => {
    const { desk, device } = setUp();
    type(device, 'license smart reservation enable');
    const request = type(device, 'license smart reservation request').requestCode!;
    const plr = desk.ledger.reserve('Lab', request, { type: 'PLR', exportControl: true });
    type(device, `license smart reservation install "${plr.authorizationCode}"`);
    expect(exportLine(device)).toBe('  Export-Controlled Functionality: Allowed');
  });

  it('asks an unregistered CUCM to register, and cancels nothing', () => {
    const { device } = setUp();
    expect(type(device, 'license smart export request local CUCM_EXPORT')).toMatchObject({
      ok: false,
      error: { code: 'EXPORT_NEEDS_REGISTRATION' },
    });
    expect(type(device, 'license smart export cancel')).toEqual({
      ok: true,
      output: 'There is no export authorization request or return to cancel.',
    });
    expect(type(device, 'license smart export request').output).toBe(
      'Usage: license smart export request local <exportfeaturename>\nExecuted command unsuccessfully',
    );
  });
});
