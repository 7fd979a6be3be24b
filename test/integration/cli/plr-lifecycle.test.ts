// Permanent License Reservation through the `airlock` command only: Expressways on the site, the
// desk in its own data folder with its passphrase in a file, codes carried as files.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAGS } from '../../support/agent.ts';
import { Operator, ensureCliBuilt, expectKeys } from '../support/cli.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

const PLR_WITH_EXPORT_CONTROL =
  'regid.2020-05.com.cisco.EXPWY_PLR_ExportControl,1.0_cab61bea-3927-4774-835a-70dc8a1c5aca';
const PLR_WITHOUT_EXPORT_CONTROL =
  'regid.2020-05.com.cisco.EXPWY_PLR_NoExportControl,1.0_195d6364-3abe-412d-8eea-ff4538784b82';

interface LicenseRow {
  tag: string;
  purchased: number;
  reserved: number;
  inTransit: number;
  balance: number;
}
interface InstanceRow {
  id: string;
  udi: string;
  state: string;
  reservationType: string;
  licenses: Record<string, number>;
}
interface ConsoleOutput {
  output: string;
  requestCode?: string;
  confirmationCode?: string;
  returnCode?: string;
}

let home: string;
let desk: Operator;
let site: Operator;

beforeAll(() => {
  ensureCliBuilt();
  home = tempDir('cli-plr');
  mkdirSync(join(home, 'stick'));
  const passphraseFile = join(home, 'desk-passphrase.txt');
  writeFileSync(passphraseFile, 'the desk passphrase, kept in a file\n');
  desk = new Operator(join(home, 'desk'), home, { globals: ['--passphrase-file', passphraseFile] });
  site = new Operator(join(home, 'site'), home);

  desk.json('authority', 'init', '--name', 'Edge desk');
  desk.json('authority', 'va', 'add', 'Edge');
  desk.json('authority', 'catalog', 'load', 'expressway', '--va', 'Edge', '--count', '1');
  desk.json('authority', 'trust', 'export', 'stick/edge.trust.json');
  site.json('site', 'init', '--name', 'DMZ', '--trust', 'stick/edge.trust.json');
});
afterAll(removeTempDirs);

let serial = 0;
function addExpressway(): { id: string; udi: string } {
  serial += 1;
  const sn = `0B07051${serial}`;
  const { device } = site.json<{ device: { id: string; udi: string } }>(
    'site',
    'device',
    'add',
    '--pid',
    'Expressway',
    '--sn',
    sn,
    '--vid',
    '1.0',
    '--host',
    `320aa69${serial}`,
  );
  expect(device.udi).toBe(`P:Expressway,S:${sn},V:1.0,H:320aa69${serial}`);
  return device;
}

function exec(deviceId: string, line: string): ConsoleOutput {
  return site.json<ConsoleOutput>('site', 'exec', '--device', deviceId, line);
}

function save(name: string, code: string): string {
  writeFileSync(join(home, 'stick', name), `${code}\n`);
  return `@stick/${name}`;
}

/** The Expressway syntax this time: xConfiguration to enable, xCommand to request. */
function requestFrom(deviceId: string, name: string): string {
  expectKeys(exec(deviceId, 'xconfiguration License Smart ReservationEnable: On'), ['output']);
  const printed = exec(deviceId, 'xcommand License Smart Reservation Request');
  expectKeys(printed, ['output', 'requestCode']);
  return save(name, printed.requestCode!);
}

function row(tag: string): LicenseRow {
  const { licenses } = desk.json<{ licenses: LicenseRow[] }>(
    'authority',
    'license',
    'list',
    '--va',
    'Edge',
  );
  return licenses.find((l) => l.tag === tag)!;
}

function instance(id: string): InstanceRow {
  const { instances } = desk.json<{ instances: InstanceRow[] }>('authority', 'instance', 'list');
  return instances.find((i) => i.id === id)!;
}

function reservePlr(request: string, out: string, ...exportControl: string[]) {
  const reserved = desk.json<{ instance: string; authorizationCode: string }>(
    'authority',
    'reserve',
    '--va',
    'Edge',
    '--request',
    request,
    '--plr',
    ...exportControl,
    '--out',
    `stick/${out}`,
  );
  expectKeys(reserved, ['instance', 'authorizationCode', 'file']);
  expect(readFileSync(join(home, 'stick', out), 'utf8')).toBe(`${reserved.authorizationCode}\n`);
  return reserved;
}

describe('airlock CLI: a PLR round trip between two data folders', () => {
  it('PLR with Export Control: installs with no confirmation code, registers Universal, allows export-controlled functionality; return and remove release it', () => {
    const device = addExpressway();
    const reserved = reservePlr(
      requestFrom(device.id, 'request-edge-1.txt'),
      'plr-1.txt',
      '--export-control',
    );
    expect(reserved.authorizationCode).toMatch(/^[0-9A-Z]{6}(-[0-9A-Z]{6})+$/);
    expect(instance(reserved.instance)).toMatchObject({
      udi: device.udi,
      state: 'reserved',
      reservationType: 'PLR',
      licenses: { [PLR_WITH_EXPORT_CONTROL]: 1 },
    });
    expect(row(PLR_WITH_EXPORT_CONTROL)).toMatchObject({ purchased: 1, reserved: 1, balance: 0 });

    const code = readFileSync(join(home, 'stick', 'plr-1.txt'), 'utf8').trim();
    const installed = exec(device.id, `xcommand License Smart Reservation Install "${code}"`);
    expectKeys(installed, ['output']);
    expect(installed.output).toContain('Authorization code installed');

    // Everything is authorized up to the platform's capacity: heavy use stays in compliance.
    site.json('site', 'usage', '--device', device.id, '--tag', TAGS.rms, '--count', '500');
    expect(site.json('site', 'status', '--device', device.id)).toEqual({
      registrationStatus: 'Registered - Universal License Reservation',
      authorizationStatus: 'Authorized - Reserved',
      reservationType: 'PLR',
      pendingRequestCode: null,
      exportControlled: 'Allowed',
      licensing: {
        banner: null,
        provisioningBlocked: null,
        overage: { running: false, remainingDays: 90, expiredAt: null },
        syslog: [],
        // Export-controlled functionality allowed: no limit on encrypted sessions.
        encryptedSessions: { active: 0, limit: null, limitReached: false, webRtc: false },
        softwareVersion: null,
        upgrades: [],
      },
      licenses: [{ tag: TAGS.rms, reserved: null, inUse: 500, status: 'InCompliance' }],
    });
    // No confirmation step under PLR: the desk already counts it as reserved.
    expect(instance(reserved.instance).state).toBe('reserved');

    const returned = exec(device.id, 'xcommand License Smart Reservation Return');
    expectKeys(returned, ['output', 'returnCode']);
    desk.json(
      'authority',
      'remove',
      '--instance',
      reserved.instance,
      '--return-code',
      save('return-edge-1.txt', returned.returnCode!),
    );
    expect(instance(reserved.instance).state).toBe('removed');
    expect(row(PLR_WITH_EXPORT_CONTROL)).toMatchObject({ purchased: 1, reserved: 0, balance: 1 });
    expect(site.json('site', 'status', '--device', device.id)).toMatchObject({
      registrationStatus: 'Reservation In Progress',
      reservationType: null,
    });
  });

  it('PLR without Export Control: Universal registration with export-controlled functionality Not Allowed; a second one with none left is refused', () => {
    const first = addExpressway();
    const reserved = reservePlr(requestFrom(first.id, 'request-edge-2.txt'), 'plr-2.txt');
    expect(instance(reserved.instance).licenses).toEqual({ [PLR_WITHOUT_EXPORT_CONTROL]: 1 });
    const code = readFileSync(join(home, 'stick', 'plr-2.txt'), 'utf8').trim();
    exec(first.id, `xcommand License Smart Reservation Install "${code}"`);
    expect(site.json('site', 'status', '--device', first.id)).toMatchObject({
      registrationStatus: 'Registered - Universal License Reservation',
      reservationType: 'PLR',
      exportControlled: 'Not Allowed',
    });

    const second = addExpressway();
    const refused = desk.refused(
      'authority',
      'reserve',
      '--va',
      'Edge',
      '--request',
      requestFrom(second.id, 'request-edge-3.txt'),
      '--plr',
    );
    expect(refused.status).toBe(1);
    expect(refused.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(refused.stderr).toContain(refused.error.message);
    expect(row(PLR_WITHOUT_EXPORT_CONTROL)).toMatchObject({
      purchased: 1,
      reserved: 1,
      balance: 0,
    });
  });

  it('takes PLR or SLR, never both, as a usage error (exit 2) before touching anything', () => {
    const device = addExpressway();
    const request = requestFrom(device.id, 'request-edge-4.txt');
    const both = desk.refused(
      'authority',
      'reserve',
      '--va',
      'Edge',
      '--request',
      request,
      '--plr',
      '--license',
      `${TAGS.rms}=1`,
    );
    const stray = desk.refused(
      'authority',
      'reserve',
      '--va',
      'Edge',
      '--request',
      request,
      '--export-control',
      '--license',
      `${TAGS.rms}=1`,
    );
    for (const usage of [both, stray]) {
      expect(usage.status).toBe(2);
      expect(usage.error.code).toBe('USAGE');
      expect(usage.stderr).toContain(usage.error.message);
    }
    const { instances } = desk.json<{ instances: InstanceRow[] }>('authority', 'instance', 'list');
    expect(instances.map((i) => i.udi)).not.toContain(device.udi);
  });
});
