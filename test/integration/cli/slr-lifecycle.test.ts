// The whole Specific License Reservation lifecycle, driven only through the `airlock` command in
// separate processes: a license desk and a site in their own data folders, exchanging codes as
// files on a "stick" (the desk writes with --out, reads with @FILE; the test saves what a device
// printed, as the operator would).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAGS } from '../../support/agent.ts';
import { Operator, ensureCliBuilt, expectKeys } from '../support/cli.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

interface LicenseRow {
  tag: string;
  displayName: string;
  type: string;
  purchased: number;
  reserved: number;
  inTransit: number;
  balance: number;
  expires: string | null;
}
interface InstanceRow {
  id: string;
  udi: string;
  productType: string;
  va: string;
  state: string;
  confirmed: boolean;
  reservationType: string;
  licenses: Record<string, number>;
}
interface ConsoleOutput {
  output: string;
  requestCode?: string;
  confirmationCode?: string;
  returnCode?: string;
}
interface DeviceStatus {
  registrationStatus: string;
  authorizationStatus: string;
  reservationType: string | null;
  pendingRequestCode: string | null;
  exportControlled: string;
  licenses: Array<{ tag: string; reserved: number | null; inUse: number; status: string }>;
}

const ENHANCED = TAGS.enhanced;
const RMS = TAGS.rms;
const PASSPHRASE = 'a long passphrase for the desk';

let home: string;
let desk: Operator;
let site: Operator;

beforeAll(() => {
  ensureCliBuilt();
  home = tempDir('cli-slr');
  mkdirSync(join(home, 'stick'));
  desk = new Operator(join(home, 'desk'), home, { env: { AIRLOCK_PASSPHRASE: PASSPHRASE } });
  site = new Operator(join(home, 'site'), home);

  const init = desk.json<{ workspace: { kind: string; name: string } }>(
    'authority',
    'init',
    '--name',
    'License desk',
  );
  expect(init.workspace).toMatchObject({ kind: 'authority', name: 'License desk' });
  expect(desk.json('authority', 'va', 'add', 'Lab')).toEqual({ virtualAccounts: ['Lab'] });
  desk.json('authority', 'va', 'add', 'Spare');
  desk.json('authority', 'catalog', 'load', 'ucm', '--va', 'Lab', '--count', '10');
  desk.json('authority', 'trust', 'export', 'stick/desk.trust.json');
  site.json('site', 'init', '--name', 'Plant A', '--trust', 'stick/desk.trust.json');
});
afterAll(removeTempDirs);

// ── what the operator types ──────────────────────────────────────────────────────────────────

let serial = 0;
function addUcm(): { id: string; udi: string } {
  serial += 1;
  const sn = `edb${serial}`;
  const uuid = `d9a2c661-8fe1-4ce7-9e6f-bbc68a3e${String(serial).padStart(4, '0')}`;
  const added = site.json<{ device: { id: string; udi: string } }>(
    'site',
    'device',
    'add',
    '--pid',
    'UCM',
    '--sn',
    sn,
    '--uuid',
    uuid,
  );
  expectKeys(added, ['device']);
  expectKeys(added.device, ['id', 'udi']);
  expect(added.device.udi).toBe(`P:UCM,S:${sn},U:${uuid.replace(/-/g, '')}`);
  return added.device;
}

function exec(deviceId: string, line: string): ConsoleOutput {
  return site.json<ConsoleOutput>('site', 'exec', '--device', deviceId, line);
}

function status(deviceId: string): DeviceStatus {
  const shown = site.json<DeviceStatus>('site', 'status', '--device', deviceId);
  expectKeys(shown, [
    'registrationStatus',
    'authorizationStatus',
    'reservationType',
    'pendingRequestCode',
    'exportControlled',
    'licensing',
    'licenses',
  ]);
  for (const license of shown.licenses) expectKeys(license, ['tag', 'reserved', 'inUse', 'status']);
  return shown;
}

/** What the operator carries: the code saved as a file on the stick; returns the `@FILE` argument. */
function onStick(name: string, code: string): string {
  writeFileSync(join(home, 'stick', name), `${code}\n`);
  return `@stick/${name}`;
}

function fromStick(name: string): string {
  return readFileSync(join(home, 'stick', name), 'utf8').trim();
}

/** enable + request on a device; the request code is saved on the stick. */
function requestFrom(deviceId: string, file: string): string {
  expectKeys(exec(deviceId, 'license smart reservation enable'), ['output']);
  const printed = exec(deviceId, 'license smart reservation request');
  expectKeys(printed, ['output', 'requestCode']);
  expect(printed.output).toContain(printed.requestCode);
  return onStick(file, printed.requestCode!);
}

function licenses(va = 'Lab'): LicenseRow[] {
  const { licenses: rows } = desk.json<{ licenses: LicenseRow[] }>(
    'authority',
    'license',
    'list',
    '--va',
    va,
  );
  for (const row of rows)
    expectKeys(row, [
      'tag',
      'displayName',
      'type',
      'purchased',
      'inUse',
      'reserved',
      'inTransit',
      'balance',
      'expires',
    ]);
  return rows;
}

function enhanced(va = 'Lab'): LicenseRow {
  return licenses(va).find((l) => l.tag === ENHANCED)!;
}

function rms(va = 'Lab'): LicenseRow {
  return licenses(va).find((l) => l.tag === RMS)!;
}

function addExpressway(): { id: string; udi: string } {
  serial += 1;
  const sn = `0E${String(serial).padStart(6, '0')}`;
  return site.json<{ device: { id: string; udi: string } }>(
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
    `320a${String(serial).padStart(4, '0')}`,
  ).device;
}

function requestFromExpressway(deviceId: string, file: string): string {
  exec(deviceId, 'xconfiguration License Smart ReservationEnable: On');
  return onStick(file, exec(deviceId, 'xcommand License Smart Reservation Request').requestCode!);
}

function installExpressway(deviceId: string, file: string): ConsoleOutput {
  return exec(deviceId, `xcommand License Smart Reservation Install "${fromStick(file)}"`);
}

function instances(...args: string[]): InstanceRow[] {
  const listed = desk.json<{ instances: InstanceRow[] }>('authority', 'instance', 'list', ...args);
  expectKeys(listed, ['instances']);
  for (const row of listed.instances)
    expectKeys(row, [
      'id',
      'udi',
      'productType',
      'va',
      'state',
      'confirmed',
      'reservationType',
      'licenses',
    ]);
  return listed.instances;
}

function instance(id: string): InstanceRow {
  return instances().find((i) => i.id === id)!;
}

function install(deviceId: string, file: string): ConsoleOutput {
  return exec(deviceId, `license smart reservation install "${fromStick(file)}"`);
}

// ── the lifecycle ────────────────────────────────────────────────────────────────────────────

describe('airlock CLI: an SLR round trip between two data folders', () => {
  it('reserves, installs, confirms, updates, reports compliance, returns and removes; the pool balances back to purchased', () => {
    const device = addUcm();
    const request = requestFrom(device.id, 'request-1.txt');
    const pending = status(device.id);
    expect(pending).toMatchObject({
      registrationStatus: 'Reservation In Progress',
      pendingRequestCode: fromStick('request-1.txt'),
    });

    // The desk reads the request from the stick and writes the authorization code onto it.
    const reserved = desk.json<{ instance: string; authorizationCode: string }>(
      'authority',
      'reserve',
      '--va',
      'Lab',
      '--request',
      request,
      '--license',
      `${ENHANCED}=4`,
      '--out',
      'stick/authorization-1.txt',
    );
    expectKeys(reserved, ['instance', 'authorizationCode', 'file']);
    expect(fromStick('authorization-1.txt')).toBe(reserved.authorizationCode);
    // The code left in that file: nothing waits to be exported again.
    expect(
      desk.json('transfer', 'export', '--kind', 'authorization', '--out', 'stick/again.airlock'),
    ).toEqual({
      codes: 0,
      file: null,
    });
    expect(instance(reserved.instance)).toEqual({
      id: reserved.instance,
      udi: device.udi,
      productType: 'UCL',
      va: 'Lab',
      state: 'reserved',
      confirmed: false,
      reservationType: 'SLR',
      licenses: { [ENHANCED]: 4 },
    });
    expect(enhanced()).toMatchObject({ purchased: 10, reserved: 4, balance: 6 });

    // The site installs it; the device prints the confirmation code the desk then enters.
    const installed = install(device.id, 'authorization-1.txt');
    expectKeys(installed, ['output', 'confirmationCode']);
    expect(installed.confirmationCode).toMatch(/^[0-9a-f]{8}$/);
    expect(installed.output).toContain(
      `Please enter the confirmation code to CSSM account: ${installed.confirmationCode}`,
    );
    const confirmed = desk.json<{ instance: InstanceRow }>(
      'authority',
      'confirm',
      '--instance',
      reserved.instance,
      '--code',
      installed.confirmationCode!,
    );
    expectKeys(confirmed, ['instance']);
    expect(confirmed.instance).toMatchObject({ state: 'reserved', confirmed: true });
    expect(instance(reserved.instance).confirmed).toBe(true);
    // In the table too, under CSSM's headings.
    const listed = desk.run('authority', 'instance', 'list');
    expect(listed.stdout.split('\n')[0]).toMatch(
      /^ID +UDI +Product Type +Virtual Account +State +Confirmed +Reservation$/,
    );
    expect(listed.stdout).toMatch(/ reserved +yes +SLR/);
    expect(status(device.id)).toMatchObject({
      registrationStatus: 'Registered - Specific License Reservation',
      authorizationStatus: 'Authorized - Reserved',
      reservationType: 'SLR',
      pendingRequestCode: null,
    });

    // Update Reserved Licenses: in transit (the pool holds the larger count) until confirmed.
    const updated = desk.json<{ authorizationCode: string }>(
      'authority',
      'update',
      '--instance',
      reserved.instance,
      '--license',
      `${ENHANCED}=6`,
      '--out',
      'stick/authorization-2.txt',
    );
    expectKeys(updated, ['authorizationCode', 'file']);
    expect(fromStick('authorization-2.txt')).toBe(updated.authorizationCode);
    expect(instance(reserved.instance).state).toBe('in-transit');
    expect(enhanced()).toMatchObject({ purchased: 10, reserved: 4, inTransit: 2, balance: 4 });
    const reinstalled = install(device.id, 'authorization-2.txt');
    expect(reinstalled.confirmationCode).toMatch(/^[0-9a-f]{8}$/);
    desk.json(
      'authority',
      'confirm',
      '--instance',
      reserved.instance,
      '--code',
      reinstalled.confirmationCode!,
    );
    expect(instance(reserved.instance)).toMatchObject({
      state: 'reserved',
      licenses: { [ENHANCED]: 6 },
    });
    expect(enhanced()).toMatchObject({ purchased: 10, reserved: 6, inTransit: 0, balance: 4 });

    // Consumption above the reserved count is out of compliance; back within it, it is not.
    const over = site.json<{ authorizationStatus: string }>(
      'site',
      'usage',
      '--device',
      device.id,
      '--tag',
      ENHANCED,
      '--count',
      '7',
    );
    expect(over.authorizationStatus).toBe('Out of Compliance');
    expect(status(device.id)).toMatchObject({
      authorizationStatus: 'Out of Compliance',
      licenses: [{ tag: ENHANCED, reserved: 6, inUse: 7, status: 'OutOfCompliance' }],
    });
    site.json('site', 'usage', '--device', device.id, '--tag', ENHANCED, '--count', '6');
    expect(status(device.id)).toMatchObject({
      authorizationStatus: 'Authorized - Reserved',
      licenses: [{ tag: ENHANCED, reserved: 6, inUse: 6, status: 'InCompliance' }],
    });

    // Return: the device prints a return code; the desk removes the instance with it.
    const returned = exec(device.id, 'license smart reservation return');
    expectKeys(returned, ['output', 'returnCode']);
    expect(status(device.id)).toMatchObject({ registrationStatus: 'Reservation In Progress' });
    const removed = desk.json<{ instance: InstanceRow }>(
      'authority',
      'remove',
      '--instance',
      reserved.instance,
      '--return-code',
      onStick('return-1.txt', returned.returnCode!),
    );
    expectKeys(removed, ['instance']);
    expect(instance(reserved.instance)).toMatchObject({ state: 'removed', udi: device.udi });
    for (const row of licenses())
      expect(row).toMatchObject({ reserved: 0, inTransit: 0, balance: row.purchased });
  });

  it('refuses a reservation above the balance (exit 1, the error as JSON on stdout, the message on stderr) and changes nothing', () => {
    const device = addUcm();
    const request = requestFrom(device.id, 'request-over.txt');
    const before = { licenses: licenses(), instances: instances() };

    const refused = desk.refused(
      'authority',
      'reserve',
      '--va',
      'Lab',
      '--request',
      request,
      '--license',
      `${ENHANCED}=11`,
      '--out',
      'stick/authorization-over.txt',
    );
    expect(refused.status).toBe(1);
    expectKeys(refused.error, ['code', 'message']);
    expect(refused.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(refused.error.message).toMatch(/\S/);
    expect(refused.stderr).toContain(refused.error.message);
    expect({ licenses: licenses(), instances: instances() }).toEqual(before);
    expect(() => fromStick('authorization-over.txt')).toThrow(/ENOENT/);
    // The request is still pending on the device: the operator can ask for less.
    expect(status(device.id).pendingRequestCode).toBe(fromStick('request-over.txt'));
  });

  it('releases an authorization cancelled before install: return-authorization on the device, then remove at the desk', () => {
    const device = addUcm();
    const request = requestFrom(device.id, 'request-cancel.txt');
    const reserved = desk.json<{ instance: string; authorizationCode: string }>(
      'authority',
      'reserve',
      '--va',
      'Lab',
      '--request',
      request,
      '--license',
      `${ENHANCED}=2`,
      '--out',
      'stick/authorization-cancel.txt',
    );
    expectKeys(exec(device.id, 'license smart reservation cancel'), ['output']);
    expect(status(device.id)).toMatchObject({
      registrationStatus: 'Reservation In Progress',
      pendingRequestCode: null,
    });
    // Until returned, the issued code keeps its licenses blocked at the desk.
    expect(enhanced()).toMatchObject({ reserved: 2, balance: 8 });

    const printed = exec(
      device.id,
      `license smart reservation return-authorization "${fromStick('authorization-cancel.txt')}"`,
    );
    expectKeys(printed, ['output', 'returnCode']);
    desk.json(
      'authority',
      'remove',
      '--instance',
      reserved.instance,
      '--return-code',
      onStick('return-cancel.txt', printed.returnCode!),
    );
    expect(instance(reserved.instance).state).toBe('removed');
    expect(enhanced()).toMatchObject({ purchased: 10, reserved: 0, inTransit: 0, balance: 10 });
  });

  it('sends a failed CUCM to TAC; rehosts a failed Expressway onto its replacement, then transfers the instance to another virtual account with its licenses', () => {
    // Unified CM (seeds 000, 004): a product instance that cannot work is removed by TAC.
    const cucm = addUcm();
    const cucmReserved = desk.json<{ instance: string }>(
      'authority',
      'reserve',
      '--va',
      'Lab',
      '--request',
      requestFrom(cucm.id, 'request-cucm.txt'),
      '--license',
      `${ENHANCED}=1`,
    );
    const tac = desk.refused(
      'authority',
      'rehost',
      '--instance',
      cucmReserved.instance,
      '--request',
      requestFrom(addUcm().id, 'request-cucm-replacement.txt'),
      '--reason',
      'RMA 8840',
    );
    expect(tac).toMatchObject({ status: 1, error: { code: 'REHOST_CONTACT_TAC' } });
    expect(tac.error.message).toContain(
      'the user must contact TAC, and TAC removes the product instance',
    );
    expect(instance(cucmReserved.instance).state).toBe('reserved');

    // Expressway: CSSM's "Rehost Licenses from a Failed Product" (seed 001).
    desk.json('authority', 'catalog', 'load', 'expressway', '--va', 'Lab', '--count', '10');
    const failed = addExpressway();
    // A Unified CM license for an Expressway is refused (it would never be used there) and takes
    // nothing, unless --any-product says it is meant.
    const balance = enhanced().balance;
    const held = instances();
    const wrong = desk.refused('authority', 'reserve', '--va', 'Lab', '--request',
      requestFromExpressway(failed.id, 'request-wrong.txt'), '--license', `${ENHANCED}=1`); // prettier-ignore
    expect(wrong).toMatchObject({ status: 1, error: { code: 'LICENSE_OTHER_PRODUCT' } });
    expect(wrong.error.message).toContain(
      'is a license for Unified CM (UCL), and this request comes from Expressway (EXPY)',
    );
    expect(enhanced().balance).toBe(balance);
    expect(instances()).toEqual(held);
    const reserved = desk.json<{ instance: string }>(
      'authority',
      'reserve',
      '--va',
      'Lab',
      '--request',
      requestFromExpressway(failed.id, 'request-failed.txt'),
      '--license',
      `${RMS}=3`,
      '--out',
      'stick/authorization-failed.txt',
    );
    const confirmation = installExpressway(failed.id, 'authorization-failed.txt').confirmationCode!;
    desk.json('authority', 'confirm', '--instance', reserved.instance, '--code', confirmation);

    // The failed box can give no return code: its reservation moves to the replacement's UDI.
    const replacement = addExpressway();
    const rehosted = desk.json<{ instance: string; authorizationCode: string }>(
      'authority',
      'rehost',
      '--instance',
      reserved.instance,
      '--request',
      requestFromExpressway(replacement.id, 'request-replacement.txt'),
      '--reason',
      'RMA 8841: power supply failed',
      '--out',
      'stick/authorization-replacement.txt',
    );
    expectKeys(rehosted, ['instance', 'authorizationCode', 'file']);
    expect(rehosted.instance).not.toBe(reserved.instance);
    expect(instance(reserved.instance)).toMatchObject({ state: 'rehosted', udi: failed.udi });
    expect(instance(rehosted.instance)).toMatchObject({
      state: 'reserved',
      udi: replacement.udi,
      va: 'Lab',
      licenses: { [RMS]: 3 },
    });
    expect(rms()).toMatchObject({ purchased: 10, reserved: 3, balance: 7 });
    const installed = installExpressway(replacement.id, 'authorization-replacement.txt');
    desk.json(
      'authority',
      'confirm',
      '--instance',
      rehosted.instance,
      '--code',
      installed.confirmationCode!,
    );

    // Transfer: the instance and the purchases it holds move to the other virtual account.
    const moved = desk.json<{ instance: InstanceRow }>(
      'authority',
      'transfer',
      '--instance',
      rehosted.instance,
      '--to-va',
      'Spare',
    );
    expectKeys(moved, ['instance']);
    expect(moved.instance).toMatchObject({ id: rehosted.instance, va: 'Spare', state: 'reserved' });
    expect(instances('--va', 'Spare').map((i) => i.id)).toEqual([rehosted.instance]);
    expect(instances('--va', 'Lab').map((i) => i.id)).not.toContain(rehosted.instance);
    expect(rms('Spare')).toMatchObject({ purchased: 3, reserved: 3, balance: 0 });
    expect(rms('Lab')).toMatchObject({ purchased: 7, reserved: 0, balance: 7 });

    // The replacement returns; the licenses come back to the pool they now belong to.
    const returned = exec(replacement.id, 'xcommand License Smart Reservation Return');
    desk.json(
      'authority',
      'remove',
      '--instance',
      rehosted.instance,
      '--return-code',
      onStick('return-replacement.txt', returned.returnCode!),
    );
    expect(rms('Spare')).toMatchObject({ purchased: 3, reserved: 0, balance: 3 });
  });

  it('keeps both audit logs intact and lists what happened at the desk', () => {
    for (const side of [desk, site]) {
      const verified = side.json<{ ok: boolean; entries: number; unsigned: number }>(
        'audit',
        'verify',
      );
      expectKeys(verified, ['ok', 'entries', 'checkpoint', 'unsigned', 'keyFingerprint']);
      expect(verified.unsigned).toBe(0);
      expect(verified.ok).toBe(true);
      expect(verified.entries).toBeGreaterThan(0);
    }
    const { events } = desk.json<{ events: Array<{ type: string }> }>('authority', 'events');
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'authorization-code-issued',
      'confirmation-code-received',
      'return-code-received',
      'rehosted',
      'transferred',
      'removed',
    ])
      expect(types).toContain(type);
  });
});
