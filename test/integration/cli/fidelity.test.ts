// What the seeds say happens around a reservation, typed at the `airlock` command: the desk as CSSM
// (reservation on and off, a release's catalog, licences moved, Cisco requests refused, SME, CUCM
// PLR), the products' consoles as they are, Expressway's sessions, and — with time moved through
// the clock port of an in-process run — the evaluation and overage enforcement.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { UCM_CATALOG } from '../../../shared/catalog/index.ts';
import { TAGS } from '../../support/agent.ts';
import { TestClock } from '../../support/ports.ts';
import { Operator, ensureCliBuilt } from '../support/cli.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

const PASSPHRASE = 'a long passphrase for the desk';
const tag = (name: string) => UCM_CATALOG.entries.find((e) => e.displayName === name)!.tag;
const ESSENTIAL = tag('UC Manager Essential License (12.x)');
const CISCO_REQUEST = 'CB-PExpressway,S08F8FF3C,V1.0,H320aa69d-A7C3VJCJF-AE';

let home: string;
let desk: Operator;
let site: Operator;

beforeAll(() => {
  ensureCliBuilt();
  home = tempDir('cli-fidelity');
  mkdirSync(join(home, 'stick'));
  desk = new Operator(join(home, 'desk'), home, { env: { AIRLOCK_PASSPHRASE: PASSPHRASE } });
  site = new Operator(join(home, 'site'), home);
  desk.json('authority', 'init', '--name', 'License desk');
  desk.json('authority', 'va', 'add', 'Lab');
  desk.json('authority', 'va', 'add', 'Spare');
  desk.json('authority', 'catalog', 'load', 'ucm', '--va', 'Lab', '--count', '10');
  desk.json('authority', 'trust', 'export', 'stick/desk.trust.json');
  site.json('site', 'init', '--name', 'Plant A', '--trust', 'stick/desk.trust.json');
});
afterAll(removeTempDirs);

let serial = 0;
function addDevice(product: 'ucm' | 'expressway', ...extra: string[]): string {
  serial += 1;
  const fields =
    product === 'ucm'
      ? [
          '--pid',
          'UCM',
          '--sn',
          `fid${serial}`,
          '--uuid',
          `d9a2c661-8fe1-4ce7-9e6f-bbc68a3f${String(serial).padStart(4, '0')}`,
        ]
      : [
          '--pid',
          'Expressway',
          '--sn',
          `0F1D${String(serial).padStart(4, '0')}`,
          '--vid',
          '1.0',
          '--host',
          `320ab${serial}`,
        ];
  return site.json<{ device: { id: string } }>('site', 'device', 'add', ...fields, ...extra).device
    .id;
}

function exec(deviceId: string, line: string) {
  return site.run('--json', 'site', 'exec', '--device', deviceId, line);
}

function requestCodeOf(deviceId: string, enable: string, request: string): string {
  site.json('site', 'exec', '--device', deviceId, enable);
  return site.json<{ requestCode: string }>('site', 'exec', '--device', deviceId, request)
    .requestCode;
}

describe('the desk as CSSM', () => {
  it('switches license reservation off and on for the smart account', () => {
    expect(desk.json('authority', 'reservation', 'disable')).toEqual({
      smartAccount: 'License desk',
      reservationEnabled: false,
    });
    const device = addDevice('ucm');
    const request = requestCodeOf(
      device,
      'license smart reservation enable',
      'license smart reservation request',
    );
    const refused = desk.refused(
      'authority',
      'reserve',
      '--va',
      'Lab',
      '--request',
      request,
      '--license',
      `${ESSENTIAL}=1`,
    );
    expect(refused.error.code).toBe('RESERVATION_NOT_ENABLED');
    expect(desk.run('authority', 'reservation', 'enable').stdout).toBe(
      'License reservation is enabled for License desk.\n',
    );
    expect(desk.refused('authority', 'reservation', 'maybe').status).toBe(2);
  });

  it('loads one release of the UCM catalog, the version in every name', () => {
    const { licenses } = desk.json<{ licenses: Array<{ displayName: string }> }>(
      'authority',
      'catalog',
      'load',
      'ucm',
      '--va',
      'Spare',
      '--count',
      '2',
      '--version',
      '14',
    );
    expect(licenses.map((l) => l.displayName).sort()).toEqual([
      'CUCM Export Restricted Authorization Key',
      'UC Manager Access License (14)',
      'UC Manager Enhanced License (14)',
      'UC Manager PLR with Export Control',
      'UC Manager PLR without Export Control',
      'UC Manager Professional License (14)',
    ]);
    expect(
      desk.refused(
        'authority',
        'catalog',
        'load',
        'ucm',
        '--va',
        'Spare',
        '--count',
        '1',
        '--version',
        '11',
      ).error.code,
    ).toBe('CATALOG_VERSION_UNKNOWN');
  });

  it('moves licences between virtual accounts, never more than the balance, and lists them as CSSM does', () => {
    const moved = desk.json<{ to: Array<{ tag: string; purchased: number; inUse: number }> }>(
      'authority',
      'license',
      'move',
      '--from',
      'Lab',
      '--to',
      'Spare',
      '--license',
      `${TAGS.basic}=4`,
    );
    expect(moved.to.find((r) => r.tag === TAGS.basic)).toMatchObject({ purchased: 4, inUse: 0 });
    const refused = desk.refused(
      'authority',
      'license',
      'move',
      '--from',
      'Lab',
      '--to',
      'Spare',
      '--license',
      `${TAGS.basic}=7`,
    );
    expect(refused.error).toMatchObject({ code: 'INSUFFICIENT_BALANCE' });
    expect(refused.error.message).toContain('to move: 7 requested, 6 available');
    const listed = desk.run('authority', 'license', 'list', '--va', 'Lab').stdout.split('\n');
    expect(listed[0]).toMatch(
      /^License\s+Type\s+Purchased\s+In Use\s+Substitution\s+Balance\s+Expires\s+Alerts\s+--license$/,
    );
    expect(listed.find((l) => l.startsWith('UC Manager Basic License (12.x)'))).toMatch(
      /PERPETUAL\s+6\s+0\s+-\s+\+ 6\s+-/,
    );
  });

  it('refuses a real Cisco request code: only CSSM can authorize it, the pool stays as it was', () => {
    const before = desk.json('authority', 'license', 'list', '--va', 'Lab');
    const refused = desk.refused(
      'authority',
      'reserve',
      '--va',
      'Lab',
      '--request',
      CISCO_REQUEST,
      '--plr',
    );
    expect(refused.status).toBe(1);
    expect(refused.error.code).toBe('CISCO_REQUEST_NOT_AUTHORIZABLE');
    expect(refused.error.message).toContain("only Cisco's CSSM can authorize it");
    expect(desk.json('authority', 'license', 'list', '--va', 'Lab')).toEqual(before);
  });

  it('gives an SME its minimum set (reserve --sme), and says which licence is missing', () => {
    const device = addDevice('ucm');
    const request = requestCodeOf(
      device,
      'license smart reservation enable',
      'license smart reservation request',
    );
    const refused = desk.refused(
      'authority',
      'reserve',
      '--va',
      'Lab',
      '--request',
      request,
      '--sme',
      '--license',
      `${TAGS.enhanced}=2`,
    );
    expect(refused.error.code).toBe('SME_MINIMUM_NOT_MET');
    expect(refused.error.message).toContain('UC Manager Essential License (12.x)');
    const reserved = desk.json<{ instance: string }>(
      'authority',
      'reserve',
      '--va',
      'Lab',
      '--request',
      request,
      '--sme',
      '--license',
      `${ESSENTIAL}=1`,
      '--license',
      `${TAGS.enhanced}=2`,
    );
    const listed = desk.json<{ instances: Array<{ id: string }> }>('authority', 'instance', 'list');
    expect(listed.instances.map((i) => i.id)).toContain(reserved.instance);
  });

  it('reserves CUCM PLR (14SU3): refused by a 14SU2 device, installed after the upgrade', () => {
    const device = addDevice('ucm', '--version', '14SU2');
    const request = requestCodeOf(
      device,
      'license smart reservation enable',
      'license smart reservation request',
    );
    const code = desk
      .run('authority', 'reserve', '--va', 'Lab', '--request', request, '--plr')
      .stdout.trim();
    expect(code).toMatch(/^CA/);
    const refused = exec(device, `license smart reservation install "${code}"`);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout).output).toBe(
      'Permanent License Reservation is supported from release 14SU3; this system runs 14SU2. Upgrade it first.\nExecuted command unsuccessfully',
    );
    expect(site.json('site', 'upgrade', '--device', device, '--version', '14SU3')).toEqual({
      softwareVersion: '14SU3',
    });
    site.json('site', 'exec', '--device', device, `license smart reservation install "${code}"`);
    const status = site.json<{
      registrationStatus: string;
      licensing: { softwareVersion: string };
    }>('site', 'status', '--device', device);
    expect(status.registrationStatus).toBe('Registered - Universal License Reservation');
    expect(status.licensing.softwareVersion).toBe('14SU3');
  });

  it('prints an instance name once, with no doubled semicolon', () => {
    const device = addDevice('expressway');
    desk.json('authority', 'catalog', 'load', 'expressway', '--va', 'Lab', '--count', '5');
    const request = requestCodeOf(
      device,
      'xconfiguration License Smart ReservationEnable: On',
      'xcommand License Smart Reservation Request',
    );
    const code = desk
      .run('authority', 'reserve', '--va', 'Lab', '--request', request, '--plr')
      .stdout.trim();
    site.json(
      'site',
      'exec',
      '--device',
      device,
      `xcommand License Smart Reservation Install ${code}`,
    );
    const returned = site.json<{ returnCode: string }>(
      'site',
      'exec',
      '--device',
      device,
      'xcommand License Smart Reservation Return',
    );
    const { instances } = desk.json<{ instances: Array<{ id: string; udi: string }> }>(
      'authority',
      'instance',
      'list',
    );
    const instance = instances.find((i) =>
      i.udi.includes(`S:0F1D${String(serial).padStart(4, '0')}`),
    )!;
    const removed = desk.run(
      'authority',
      'remove',
      '--instance',
      instance.id,
      '--return-code',
      returned.returnCode,
    ).stdout;
    expect(removed).toMatch(
      /^Removed UDI_PID:Expressway; UDI_SN:0F1D\d{4}; UDI_VID:1\.0; \(its licenses are back in the pool\)\.\n$/,
    );
    expect(removed).not.toContain(';;');
  });
});

describe('the consoles, as the products are', () => {
  it("answers the other product's syntax with its own error, and summarises its licences", () => {
    const ucm = addDevice('ucm');
    const wrong = exec(ucm, 'xcommand License Smart Reservation Request');
    expect(wrong.status).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({
      output: 'Executed command unsuccessfully',
      error: { code: 'COMMAND_UNKNOWN' },
    });
    expect(JSON.parse(wrong.stdout).error.message).toBe(
      'This is Cisco Expressway syntax; this device is Cisco Unified CM, which answers only its own commands (type help).',
    );
    const summary = site.run('site', 'exec', '--device', ucm, 'show license summary').stdout;
    expect(summary).toContain('Smart Licensing is ENABLED\nLicense Reservation is DISABLED\n');
    expect(summary).toContain('License Usage:\n  No licenses in use.');
  });

  it('answers license smart export as a device under reservation', () => {
    const ucm = addDevice('ucm');
    site.json('site', 'exec', '--device', ucm, 'license smart reservation enable');
    const refused = exec(ucm, 'license smart export request local FEATURE');
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout).error.code).toBe('EXPORT_UNDER_RESERVATION');
    expect(JSON.parse(refused.stdout).output).toContain(
      '(Export-Controlled Functionality: Not Allowed)',
    );
    expect(site.json('site', 'exec', '--device', ucm, 'license smart export cancel')).toEqual({
      output: 'There is no export authorization request or return to cancel.',
    });
  });

  it('on Expressway, refuses an XML code without its double quotes and says so', () => {
    const expressway = addDevice('expressway');
    site.json(
      'site',
      'exec',
      '--device',
      expressway,
      'xconfiguration License Smart ReservationEnable: On',
    );
    const refused = exec(
      expressway,
      'xcommand License Smart Reservation Install <specificPLR><authorizationCode/></specificPLR>',
    );
    expect(JSON.parse(refused.stdout)).toMatchObject({
      output:
        'The authorization code is XML: enter it in double quotes.\nUsage: xcommand License Smart Reservation Install "<authorization code>"',
      error: { code: 'CODE_NOT_QUOTED' },
    });
  });
});

describe('Expressway sessions from the command line (seed 001)', () => {
  it('admits sessions to the limit, alarms at 90 % and 100 %, readmits below 99 %, 2244 with WebRTC', () => {
    const expressway = addDevice('expressway');
    const at90 = site.json<{ active: number; limit: number; alarms: Array<{ code: string }> }>(
      'site',
      'usage',
      '--device',
      expressway,
      '--sessions',
      '2250',
    );
    expect(at90).toMatchObject({ active: 2250, limit: 2500, refused: 0 });
    expect(at90.alarms.map((a) => a.code)).toEqual(['EXPORT_LIMIT_APPROACHING']);
    const over = site.run('site', 'usage', '--device', expressway, '--sessions', '2600');
    expect(over.status).toBe(1);
    expect(over.stdout).toBe(
      'Encrypted sessions: 2500 active, limit 2500.\n' +
        '100 refused (250 admitted): the export-control limit on encrypted sessions.\n' +
        'Alarm: Encrypted session limit reached: 2500 of 2500. New sessions are refused until below 99 %.\n',
    );
    site.json('site', 'usage', '--device', expressway, '--sessions', '2480');
    expect(
      site.run('--json', 'site', 'usage', '--device', expressway, '--sessions', '2481').stdout,
    ).toContain('"refused":1');
    site.json('site', 'usage', '--device', expressway, '--sessions', '2474');
    expect(site.json('site', 'usage', '--device', expressway, '--sessions', '2476')).toMatchObject({
      refused: 0,
      active: 2476,
    });
    const webrtc = site.json('site', 'usage', '--device', expressway, '--webrtc', 'on');
    expect(webrtc).toMatchObject({ limit: 2244, active: 2476 });
    const xstatus = site.run('site', 'exec', '--device', expressway, 'xstatus License').stdout;
    expect(xstatus).toContain(
      '            Active: 2476\n            Limit: 2244\n            LimitReached: True\n            WebRTC: On\n',
    );
    expect(site.refused('site', 'usage', '--device', expressway).status).toBe(2);
    const ucm = addDevice('ucm');
    expect(site.refused('site', 'usage', '--device', ucm, '--sessions', '10').error.code).toBe(
      'SESSIONS_NOT_APPLICABLE',
    );
  });
});

describe('enforcement, with time moved through the clock port (an in-process run)', () => {
  const clock = new TestClock();
  let dataDir: string;
  async function airlock(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runCli(['--data', dataDir, ...args], {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      env: {},
      ports: { clock },
    });
    return { code, out, err };
  }

  it('refuses new users and devices after the evaluation, and says why', async () => {
    dataDir = tempDir('cli-clock');
    await airlock('site', 'init', '--name', 'Lab site');
    const added = await airlock(
      '--json',
      'site',
      'device',
      'add',
      '--pid',
      'UCM',
      '--sn',
      'ev1',
      '--uuid',
      'd9a2c6618fe14ce79e6fbbc68a3e0001',
    );
    const device = JSON.parse(added.out).device.id as string;
    const first = await airlock(
      'site',
      'usage',
      '--device',
      device,
      '--tag',
      TAGS.enhanced,
      '--count',
      '10',
    );
    expect(first.out).toBe(
      'Authorization status: Evaluation Mode\n' +
        'Smart Software Licensing: The system is currently unregistered and running in Evaluation mode with 90 days remaining. Register with Smart Software Manager or Smart Software Manager satellite to avoid losing the ability to provision users and devices.\n',
    );
    clock.advanceDays(90);
    const refused = await airlock(
      'site',
      'usage',
      '--device',
      device,
      '--tag',
      TAGS.enhanced,
      '--count',
      '11',
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      'airlock: The evaluation period has ended and Cisco Unified CM is not registered, so it refuses new users and devices (UC Manager Enhanced License (12.x): 10 in use, 11 asked). Using fewer is always allowed; install a reservation to provision again.\n',
    );
    const fewer = await airlock(
      'site',
      'usage',
      '--device',
      device,
      '--tag',
      TAGS.enhanced,
      '--count',
      '9',
    );
    expect(fewer.out).toContain(
      'New users and devices are refused: the evaluation period has expired (consumption can only go down).',
    );
    const status = await airlock('site', 'exec', '--device', device, 'show license status');
    expect(status.out).toContain(
      'Smart Software Licensing: The system is currently unregistered and the evaluation period has expired.',
    );
    const log = await airlock('site', 'status', '--device', device);
    expect(log.out).toContain('%SMART_LIC-3-EVAL_EXPIRED: Evaluation period expired.');
  });
});
