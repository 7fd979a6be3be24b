// Many devices from a shell script, one file each way: device list and import, request, reserve
// --batch, install --batch, confirm --batch, return, remove --batch — exit 0 when every item
// succeeded, 1 when any was refused (each listed with its reason), 2 for usage.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAGS } from '../../support/agent.ts';
import { Operator, ensureCliBuilt } from '../support/cli.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

const PASSPHRASE = 'the batch desk passphrase';
const DEVICES = 12;

let home: string;
let desk: Operator;
let site: Operator;

interface Verdict {
  ok: boolean;
  total: number;
  done: number;
  succeeded: number;
  refused: Array<{ index: number; item: string | null; code: string; message: string }>;
  file?: string | null;
}

function deviceList(from: number, count: number): string {
  const rows = ['name,product,pid,sn,uuid'];
  for (let n = from; n < from + count; n++)
    rows.push(`node-${n},ucm,UCM,B${n},${n.toString(16).padStart(8, '0')}${'cafe'.repeat(6)}`);
  return `${rows.join('\n')}\n`;
}

beforeAll(() => {
  ensureCliBuilt();
  home = tempDir('cli-batch');
  desk = new Operator(join(home, 'desk'), home, { env: { AIRLOCK_PASSPHRASE: PASSPHRASE } });
  site = new Operator(join(home, 'site'), home);
  desk.json('authority', 'init', '--name', 'Batch desk');
  desk.json('authority', 'va', 'add', 'Lab');
  desk.json('authority', 'catalog', 'load', 'ucm', '--va', 'Lab', '--count', '100');
  desk.json('authority', 'trust', 'export', 'trust.json');
  site.json('site', 'init', '--name', 'Batch site', '--trust', 'trust.json');
  writeFileSync(join(home, 'devices.csv'), deviceList(1, DEVICES));
});
afterAll(removeTempDirs);

describe('a round trip of many devices from the shell', () => {
  it('imports the device list (a dry run first, each row’s verdict) and lists the devices', () => {
    const dry = site.json<{ added: number; rows: Array<{ ok: boolean }> }>(
      'site',
      'device',
      'import',
      'devices.csv',
      '--dry-run',
    );
    expect(dry.added).toBe(0);
    expect(dry.rows.every((r) => r.ok)).toBe(true);
    expect(site.json<{ added: number }>('site', 'device', 'import', 'devices.csv').added).toBe(
      DEVICES,
    );
    // The same list again: every row refused (the UDIs are known), exit 1.
    const again = site.run('--json', 'site', 'device', 'import', 'devices.csv');
    expect(again.status).toBe(1);
    const listed = site.json<{ devices: Array<{ id: string; waitingFor: string }> }>(
      'site',
      'device',
      'list',
      '--state',
      'disabled',
    );
    expect(listed.devices).toHaveLength(DEVICES);
    expect(listed.devices[0]).toMatchObject({ id: 'dev-1', waitingFor: 'enable' });
  });

  it('carries requests, authorizations, confirmations and returns, one file each way', () => {
    const requests = site.json<Verdict>('site', 'request', '--all', '--out', 'requests.airlock');
    expect(requests).toMatchObject({ ok: true, total: DEVICES, succeeded: DEVICES });
    expect(requests.file).toBe(join(home, 'requests.airlock'));

    const reserved = desk.json<Verdict>(
      'authority',
      'reserve',
      '--batch',
      'requests.airlock',
      '--va',
      'Lab',
      '--license',
      `${TAGS.enhanced}=1`,
      '--out',
      'auth.airlock',
    );
    expect(reserved).toMatchObject({ ok: true, succeeded: DEVICES, refused: [] });
    const vas = desk.json<{ virtualAccounts: Array<{ name: string; reserved: number }> }>(
      'authority',
      'va',
      'list',
    );
    expect(vas.virtualAccounts).toEqual([
      expect.objectContaining({ name: 'Lab', reserved: DEVICES }),
    ]);

    const installed = site.json<Verdict>(
      'site',
      'install',
      '--batch',
      'auth.airlock',
      '--out',
      'conf.airlock',
    );
    expect(installed).toMatchObject({ ok: true, succeeded: DEVICES });
    // The same file again: every code was installed by the first run; nothing to do, said so.
    const installedAgain = site.json<Verdict>(
      'site',
      'install',
      '--batch',
      'auth.airlock',
      '--out',
      'conf-again.airlock',
    );
    expect(installedAgain).toMatchObject({
      ok: true,
      total: 0,
      appliedBefore: DEVICES,
      file: null,
    });
    const confirmed = desk.json<Verdict>('authority', 'confirm', '--batch', 'conf.airlock');
    expect(confirmed).toMatchObject({ ok: true, succeeded: DEVICES });

    const returned = site.json<Verdict>('site', 'return', '--all', '--out', 'returns.airlock');
    expect(returned).toMatchObject({ ok: true, succeeded: DEVICES });
    const removed = desk.json<Verdict>('authority', 'remove', '--batch', 'returns.airlock');
    expect(removed).toMatchObject({ ok: true, succeeded: DEVICES });
    expect(removed).not.toHaveProperty('appliedBefore');
    // The same file again: nothing to do, and it says so.
    expect(desk.json('authority', 'remove', '--batch', 'returns.airlock')).toMatchObject({
      ok: true,
      appliedBefore: DEVICES,
    });
    expect(desk.run('authority', 'remove', '--batch', 'returns.airlock').stdout).toContain(
      `${DEVICES} code(s) of the file had been applied by an earlier import`,
    );
    expect(
      desk.json<{ virtualAccounts: Array<{ reserved: number }> }>('authority', 'va', 'list')
        .virtualAccounts[0]!.reserved,
    ).toBe(0);

    // The same requests again, their instances removed: answered once, refused now (the
    // devices have moved on; codes for them would go unused), and nothing is taken.
    const instancesBefore = desk.json('authority', 'instance', 'list');
    const licensesBefore = desk.json('authority', 'license', 'list', '--va', 'Lab');
    const again = desk.run('--json', 'authority', 'reserve', '--batch', 'requests.airlock',
      '--va', 'Lab', '--license', `${TAGS.enhanced}=1`, '--out', 'auth-again.airlock'); // prettier-ignore
    expect(again.status).toBe(1);
    const refused = (JSON.parse(again.stdout) as Verdict).refused;
    expect(refused.map((r) => r.code)).toEqual(Array(DEVICES).fill('REQUEST_ALREADY_USED'));
    expect(existsSync(join(home, 'auth-again.airlock'))).toBe(false);
    expect(desk.json('authority', 'instance', 'list')).toEqual(instancesBefore);
    expect(desk.json('authority', 'license', 'list', '--va', 'Lab')).toEqual(licensesBefore);
    expect(
      desk.json<{ virtualAccounts: Array<{ reserved: number }> }>('authority', 'va', 'list')
        .virtualAccounts[0]!.reserved,
    ).toBe(0);
  });

  it('inspects every code of a transfer file, in its order, with what the file says of each', () => {
    const inspected = site.json<{
      file: { workspace: string; side: string };
      codes: Array<{ index: number; kind: string; udi?: string; report: { kind: string } }>;
    }>('inspect', '@requests.airlock');
    expect(inspected.file).toEqual({ workspace: 'Batch site', side: 'site' });
    expect(inspected.codes).toHaveLength(DEVICES);
    inspected.codes.forEach((c, n) => {
      expect(c).toMatchObject({ index: n, kind: 'request', report: { kind: 'request' } });
      expect(c.udi).toMatch(/^P:UCM,S:B\d+,U:/);
    });
  });

  it('lists each refused item with its reason and exits 1; the rest are issued', () => {
    writeFileSync(join(home, 'more.csv'), deviceList(100, 3));
    site.json('site', 'device', 'import', 'more.csv');
    site.json('site', 'request', '--all', '--out', 'more-requests.airlock');
    // A file holding the same request twice: the second is refused (the UDI is reserved by then).
    const text = readFileSync(join(home, 'more-requests.airlock'), 'utf8');
    const codes = [...text.matchAll(/^Code: (CB-\S+)$/gm)].map((m) => m[1]!);
    writeFileSync(join(home, 'twice.txt'), `${codes[0]}\n`);
    const result = desk.run(
      '--json',
      'authority',
      'reserve',
      '--batch',
      'more-requests.airlock',
      '--va',
      'Lab',
      '--license',
      `${TAGS.enhanced}=1`,
      '--out',
      'more-auth.airlock',
    );
    expect(result.status).toBe(0);
    const instancesBefore = desk.json('authority', 'instance', 'list');
    const licensesBefore = desk.json('authority', 'license', 'list', '--va', 'Lab');
    const again = desk.run(
      '--json',
      'authority',
      'reserve',
      '--batch',
      'twice.txt',
      '--va',
      'Lab',
      '--license',
      `${TAGS.enhanced}=1`,
      '--out',
      'twice-auth.airlock',
    );
    expect(again.status).toBe(1);
    const verdict = JSON.parse(again.stdout) as Verdict;
    expect(verdict).toMatchObject({ ok: false, total: 1, succeeded: 0, file: null });
    expect(verdict.refused).toEqual([
      expect.objectContaining({ index: 0, code: 'UDI_ALREADY_RESERVED' }),
    ]);
    expect(existsSync(join(home, 'twice-auth.airlock'))).toBe(false);
    // Its one item refused, the batch left the desk as it was: no instance, no license taken.
    expect(desk.json('authority', 'instance', 'list')).toEqual(instancesBefore);
    expect(desk.json('authority', 'license', 'list', '--va', 'Lab')).toEqual(licensesBefore);

    // Refused requests of a transfer file are named by the UDI the file gives for them.
    const third = desk.run('--json', 'authority', 'reserve', '--batch', 'more-requests.airlock',
      '--va', 'Lab', '--license', `${TAGS.enhanced}=1`, '--out', 'third-auth.airlock'); // prettier-ignore
    expect(third.status).toBe(1);
    const refusedItems = (JSON.parse(third.stdout) as Verdict).refused.map((r) => r.item);
    expect(refusedItems.length).toBeGreaterThan(0);
    for (const item of refusedItems) expect(item).toMatch(/^P:UCM,S:B\d+,U:[0-9a-f]{32}$/);
    expect(refusedItems).toContainEqual(expect.stringMatching(/^P:UCM,S:B102,/));
  });

  it('refuses usage mistakes with exit 2, and an --out that exists before anything changes', () => {
    expect(site.run('site', 'request', '--out', 'x.airlock').status).toBe(2);
    expect(
      site.run('site', 'request', '--all', '--device', 'dev-1', '--out', 'x.airlock').status,
    ).toBe(2);
    expect(
      desk.run('authority', 'reserve', '--va', 'Lab', '--batch', 'requests.airlock').status,
    ).toBe(2);
    expect(site.run('site', 'device', 'list', '--state', 'sleeping').status).toBe(2);
    const taken = site.run('--json', 'site', 'return', '--all', '--out', 'requests.airlock');
    expect(taken.status).toBe(1);
    expect(JSON.parse(taken.stdout).error.code).toBe('FILE_EXISTS');
    // Nothing was asked of any device: all fifteen still wait with their requests (the twelve
    // returned ones asked again with the three new ones).
    const pending = site.json<{ devices: unknown[] }>(
      'site',
      'device',
      'list',
      '--state',
      'pending',
    );
    expect(pending.devices).toHaveLength(DEVICES + 3);
  });

  it('puts into its file the codes an earlier run made but never wrote to one (a killed run)', () => {
    writeFileSync(join(home, 'late.csv'), deviceList(200, 2));
    const added = site.json<{ rows: Array<{ deviceId: string; udi: string }> }>(
      'site', 'device', 'import', 'late.csv',
    ); // prettier-ignore
    const first = added.rows[0]!.deviceId;
    // The first device's request was made and committed, but no file holds it: as if the run
    // that made it had been killed before writing.
    site.json('site', 'exec', '--device', first, 'license smart reservation enable');
    const made = site.json<{ requestCode: string }>(
      'site', 'exec', '--device', first, 'license smart reservation request',
    ); // prettier-ignore

    // Run again: --all leaves out a device already waiting with its request (the first), and
    // asks the second; the first's code, never written, is carried into the file all the same.
    const verdict = site.json<Verdict & { carried?: number }>(
      'site', 'request', '--all', '--out', 'late.airlock',
    ); // prettier-ignore
    expect(verdict).toMatchObject({ ok: true, total: 1, succeeded: 1, carried: 1 });
    const text = readFileSync(join(home, 'late.airlock'), 'utf8');
    const codes = [...text.matchAll(/^Code: (CB-\S+)$/gm)].map((m) => m[1]!);
    expect(codes).toHaveLength(2);
    expect(codes).toContain(made.requestCode);

    expect(text).toContain(`UDI: ${added.rows[1]!.udi}`);
    // Written now, it is not carried again.
    const again = site.json<Verdict & { carried?: number }>(
      'site', 'request', '--all', '--out', 'late-again.airlock',
    ); // prettier-ignore
    expect(again).toMatchObject({ total: 0, file: null });
    expect(again.carried).toBeUndefined();

    // Or written out on their own: every code still waiting in the outbox, of one kind.
    const second = added.rows[1]!.deviceId;
    site.json('site', 'exec', '--device', second, 'license smart reservation cancel');
    site.json('site', 'exec', '--device', second, 'license smart reservation request');
    const exported = site.json<{ codes: number; file: string }>(
      'transfer', 'export', '--kind', 'request', '--out', 'waiting.airlock',
    ); // prettier-ignore
    expect(exported.codes).toBe(1);
    expect(readFileSync(exported.file, 'utf8')).toContain(`Subject: ${second}`);
    expect(site.json('transfer', 'export', '--kind', 'request', '--out', 'none.airlock')).toEqual({
      codes: 0,
      file: null,
    });
    expect(existsSync(join(home, 'none.airlock'))).toBe(false);
  });
});

describe('a file imported before its devices were added', () => {
  it('matches its codes again when it is imported again, and answers for them as they are now', () => {
    const other = new Operator(join(home, 'site-2'), home);
    other.json('site', 'init', '--name', 'Second site', '--trust', 'trust.json');
    const install = (out: string) => {
      const run = other.run('--json', 'site', 'install', '--batch', 'auth.airlock', '--out', out);
      expect(run.status).toBe(1);
      return JSON.parse(run.stdout) as Verdict;
    };
    const first = install('other-1.airlock');
    expect(first.refused.map((r) => r.code)).toEqual(Array(DEVICES).fill('IMPORT_NO_DEVICE'));

    other.json('site', 'device', 'import', 'devices.csv');
    const second = install('other-2.airlock');
    expect(second.refused).toHaveLength(DEVICES);
    // Each refusal is in the log, with its reason: the records never change unlogged.
    const logged = other.json<{ events: Array<{ details: Record<string, unknown> }> }>(
      'audit', 'list', '--type', 'code-refused',
    ); // prettier-ignore
    expect(logged.events.map((e) => e.details.reason)).toEqual(
      second.refused.map((r) => r.code).reverse(),
    );
    // Matched to the devices now there; what stops them now is theirs (reservation not enabled
    // on these new devices), each named by the UDI the file gives for it.
    expect(second.refused.map((r) => r.code)).toEqual(
      Array(DEVICES).fill('RESERVATION_NOT_ENABLED'),
    );
    for (const r of second.refused) expect(r.item).toMatch(/^P:UCM,S:B\d+,U:[0-9a-f]{32}$/);
  });
});
