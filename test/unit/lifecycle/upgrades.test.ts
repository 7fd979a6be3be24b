// The two upgrades seed 000 describes, typed at a CUCM console with a desk across the gap:
// 12.x → 14 with a reservation (return, request, version-independent licences, install) and
// 14SU2 → 14SU3 for Permanent License Reservation (return, upgrade, request, PLR, install).
import { describe, expect, it } from 'vitest';
import { createDeviceState, executeCommand, upgradePaths } from '../../../shared/agent/index.ts';
import { CATALOGS, UCM_CATALOG } from '../../../shared/catalog/index.ts';
import { UCM } from '../../support/authority.ts';
import { ucmUdi } from '../../support/codes.ts';
import { TestClock } from '../../support/ports.ts';
import { refusedUnchanged } from '../../support/agent.ts';
import { type SiteDevice, newDesk, newDevice } from '../../support/lifecycle.ts';

const tag = (name: string) => UCM_CATALOG.entries.find((e) => e.displayName === name)!.tag;
const ENHANCED_14 = tag('UC Manager Enhanced License (14)');
const PLR_WITHOUT = tag('UC Manager PLR without Export Control');

function setUp(version: string) {
  const clock = new TestClock();
  const desk = newDesk(clock);
  desk.ledger.setReservationEnabled(true);
  desk.ledger.addVirtualAccount('Lab');
  desk.ledger.loadCatalog('Lab', CATALOGS.ucm, 20);
  const state = createDeviceState({
    udi: ucmUdi,
    product: 'ucm',
    now: clock.now(),
    softwareVersion: version,
  });
  const device = newDevice(clock, 'ucm', ucmUdi, { state });
  return { clock, desk, device };
}

function type(device: SiteDevice, line: string) {
  const result = executeCommand(device.agent, line);
  expect(result.ok, result.output).toBe(true);
  return result;
}

/** enable + request + reserve at the desk + install; returns the desk's instance id. */
function reserveAndInstall(
  desk: ReturnType<typeof setUp>['desk'],
  device: SiteDevice,
  selection: Parameters<typeof desk.ledger.reserve>[2],
): string {
  if (device.state.reservation.mode === 'disabled')
    type(device, 'license smart reservation enable');
  const { requestCode } = type(device, 'license smart reservation request');
  const issued = desk.ledger.reserve('Lab', requestCode!, selection);
  type(device, `license smart reservation install "${issued.authorizationCode}"`);
  return issued.instance.id;
}

describe('12.x → 14 with a reservation (seed 000)', () => {
  it('returns the 12.x licences, reserves version-independent ones, and stays compliant', () => {
    const { desk, device } = setUp('12.5');
    device.agent.setUsage(UCM.enhanced, 4);
    const first = reserveAndInstall(desk, device, {
      type: 'SLR',
      licenses: { [UCM.enhanced]: 4 },
    });
    // Upgraded with the 12.x reservation still installed: release 14 keeps using 12.x licences.
    expect(device.agent.upgrade('14')).toEqual({ from: '12.5', to: '14' });
    expect(device.agent.status().authorizationStatus).toBe('Authorized - Reserved');
    // 1. return the 12.x licences
    const { returnCode } = type(device, 'license smart reservation return');
    desk.ledger.remove(first, returnCode!);
    // 2. request, and reserve version-independent licences   3. install
    reserveAndInstall(desk, device, { type: 'SLR', licenses: { [ENHANCED_14]: 4 } });
    const status = device.agent.status();
    expect(status.authorizationStatus).toBe('Authorized - Reserved');
    expect(status.licenses).toEqual([
      expect.objectContaining({ tag: ENHANCED_14, reserved: 4, inUse: 4, status: 'InCompliance' }),
      expect.objectContaining({ tag: UCM.enhanced, inUse: 4, coveredBy: ENHANCED_14 }),
    ]);
    expect(type(device, 'show license usage').output).toContain('  Version: 14.0\n');
  });

  it('on 12.5, version-independent licences cover nothing: out of compliance', () => {
    const { desk, device } = setUp('12.5');
    device.agent.setUsage(UCM.enhanced, 2);
    reserveAndInstall(desk, device, { type: 'SLR', licenses: { [ENHANCED_14]: 2 } });
    expect(device.agent.status()).toMatchObject({ authorizationStatus: 'Out of Compliance' });
    expect(device.agent.status().licenses[1]).toMatchObject({
      tag: UCM.enhanced,
      status: 'Not Authorized',
    });
    device.agent.upgrade('14SU1');
    expect(device.agent.status().authorizationStatus).toBe('Authorized - Reserved');
  });
});

describe('14SU2 → 14SU3 for Permanent License Reservation (seed 000)', () => {
  it('refuses a PLR code before 14SU3, then takes it after the upgrade', () => {
    const { desk, device } = setUp('14SU2');
    device.agent.setUsage(UCM.enhanced, 10);
    const slr = reserveAndInstall(desk, device, {
      type: 'SLR',
      licenses: { [UCM.enhanced]: 10 },
    });
    // 1. return the licences before upgrading
    desk.ledger.remove(slr, type(device, 'license smart reservation return').returnCode!);
    // A PLR code for 14SU2 is refused, and changes nothing.
    const { requestCode } = type(device, 'license smart reservation request');
    const plr = desk.ledger.reserve('Lab', requestCode!, { type: 'PLR', exportControl: false });
    expect(plr.instance.licenses).toEqual({ [PLR_WITHOUT]: 1 });
    const refused = executeCommand(
      device.agent,
      `license smart reservation install "${plr.authorizationCode}"`,
    );
    expect(refused).toMatchObject({
      ok: false,
      output:
        'Permanent License Reservation is supported from release 14SU3; this system runs 14SU2. Upgrade it first.\nExecuted command unsuccessfully',
      error: { code: 'PLR_NOT_SUPPORTED' },
    });
    refusedUnchanged(
      device,
      () => device.agent.install(plr.authorizationCode),
      'PLR_NOT_SUPPORTED',
    );
    // 2. upgrade, request   3. install the PLR code
    device.agent.upgrade('14SU3');
    type(device, `license smart reservation install "${plr.authorizationCode}"`);
    expect(device.agent.status()).toMatchObject({
      registrationStatus: 'Registered - Universal License Reservation',
      authorizationStatus: 'Authorized - Reserved',
      softwareVersion: '14SU3',
    });
  });

  it('refuses an upgrade to an older or unknown release, and changes nothing', () => {
    const { device } = setUp('14SU3');
    expect(
      refusedUnchanged(device, () => device.agent.upgrade('14SU2'), 'UPGRADE_NOT_NEWER'),
    ).toEqual({ from: '14SU3', to: '14SU2' });
    refusedUnchanged(device, () => device.agent.upgrade('fourteen'), 'SOFTWARE_VERSION_INVALID');
    expect(device.agent.upgrade('15 SU1').to).toBe('15SU1');
  });
});

describe('the upgrades a device is offered', () => {
  it('follow its release: both before 14, PLR only on 14 to 14SU2, none from 14SU3 or when unknown', () => {
    expect(upgradePaths('ucm', '12.5')).toEqual([
      { kind: 'version-independent', target: '14' },
      { kind: 'plr', target: '14SU3' },
    ]);
    expect(upgradePaths('ucm', '14SU2')).toEqual([{ kind: 'plr', target: '14SU3' }]);
    expect(upgradePaths('ucm', '14SU3')).toEqual([]);
    expect(upgradePaths('ucm', '15')).toEqual([]);
    expect(upgradePaths('ucm', null)).toEqual([]);
    expect(upgradePaths('expressway', 'X14.2')).toEqual([]);
  });
});
