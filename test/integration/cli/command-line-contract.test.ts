// The `airlock` command's public contract, process by process: exit codes 0/1/2, `--json` shapes,
// where the data and the passphrase come from, and what `--out` may name.

import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAGS } from '../../support/agent.ts';
import { makeReadOnly } from '../services/scratch-mounts.ts';
import { fill, mountTmpfs, useUpInodes } from '../support/mounts.ts';
import {
  Operator,
  ROOT,
  addUcmArgs,
  ensureCliBuilt,
  expectKeys,
  jsonOf,
  runAirlock,
} from '../support/cli.ts';
import { auditCount, dumpDatabase, tamper } from '../support/database.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

const PASSPHRASE = 'the contract desk passphrase';
const ENHANCED = TAGS.enhanced;

let home: string;
let stick: string;
let desk: Operator;
let site: Operator;
let deviceId: string;
const REQUEST = '@stick/request.txt';

beforeAll(() => {
  ensureCliBuilt();
  home = tempDir('cli-contract');
  stick = join(home, 'stick');
  mkdirSync(stick);
  desk = new Operator(join(home, 'desk'), home, { env: { AIRLOCK_PASSPHRASE: PASSPHRASE } });
  site = new Operator(join(home, 'site'), home);
  desk.json('authority', 'init', '--name', 'Contract desk');
  desk.json('authority', 'va', 'add', 'Lab');
  desk.json('authority', 'catalog', 'load', 'ucm', '--va', 'Lab', '--count', '5');
  desk.json('authority', 'trust', 'export', 'stick/trust.json');
  site.json('site', 'init', '--name', 'Contract site', '--trust', 'stick/trust.json');
  deviceId = site.json<{ device: { id: string } }>(
    ...addUcmArgs('c0ffee', '0c0ffee0-8fe1-4ce7-9e6f-bbc68a3edb16'),
  ).device.id;
  site.json('site', 'exec', '--device', deviceId, 'license smart reservation enable');
  const { requestCode } = site.json<{ requestCode: string }>(
    'site',
    'exec',
    '--device',
    deviceId,
    'license smart reservation request',
  );
  writeFileSync(join(stick, 'request.txt'), `${requestCode}\n`);
});
afterAll(removeTempDirs);

/** Another device on the site with a pending request, saved on the stick; returns `@FILE`. */
function freshRequest(sn: string): string {
  const { device } = site.json<{ device: { id: string } }>(
    'site',
    'device',
    'add',
    '--pid',
    'UCM',
    '--sn',
    sn,
  );
  site.json('site', 'exec', '--device', device.id, 'license smart reservation enable');
  const { requestCode } = site.json<{ requestCode: string }>(
    'site',
    'exec',
    '--device',
    device.id,
    'license smart reservation request',
  );
  writeFileSync(join(stick, `request-${sn}.txt`), `${requestCode}\n`);
  return `@stick/request-${sn}.txt`;
}

function nothingReserved(): void {
  expect(desk.json('authority', 'instance', 'list')).toEqual({ instances: [] });
}

function reserveArgs(...extra: string[]): string[] {
  return ['authority', 'reserve', '--va', 'Lab', '--request', REQUEST, ...extra];
}

describe('airlock CLI: exit codes and errors', () => {
  it('prints its help with exit 0; an unknown command, a missing required option or a malformed TAG=N is a usage error (exit 2)', () => {
    const help = desk.run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('authority');

    for (const args of [
      ['authority', 'frobnicate'],
      ['authority', 'reserve', '--va', 'Lab'],
      reserveArgs('--license', 'no-count-given'),
    ]) {
      const usage = desk.refused(...args);
      expect(usage.status).toBe(2);
      expectKeys(usage.error, ['code', 'message']);
      expect(usage.error.code).toBe('USAGE');
      expect(usage.error.message).toMatch(/\S/);
      expect(usage.stderr).toContain(usage.error.message);
    }
    // Without --json: nothing on stdout, the usage message on stderr.
    const plain = desk.run('authority', 'reserve', '--va', 'Lab');
    expect(plain).toMatchObject({ status: 2, stdout: '' });
    expect(plain.stderr).toContain('give --request CODE, or --batch FILE with --out FILE');
    nothingReserved();
  });

  it('takes counts and levels in plain decimal digits only: 0x10, 1e1, +5, " 5", 010 are usage errors that change nothing', () => {
    const licensesBefore = desk.json('authority', 'license', 'list', '--va', 'Lab');
    const spellings = ['0x10', '1e1', '+5', ' 5', '010', '0b11', '5.0', '-1', '9007199254740993'];
    const attempts: Array<[string, string[]]> = [
      ...spellings.map((n): [string, string[]] => [
        '--license',
        reserveArgs('--license', `${ENHANCED}=${n}`),
      ]),
      ...spellings.map((n): [string, string[]] => [
        '--count',
        ['authority', 'catalog', 'load', 'ucm', '--va', 'Lab', '--count', n],
      ]),
      [
        '--count',
        [
          'authority',
          'license',
          'add',
          '--va',
          'Lab',
          '--tag',
          'hex.tag',
          '--name',
          'Hex',
          '--type',
          'PERPETUAL',
          '--count',
          '0x10',
        ],
      ],
      [
        '--level',
        [
          'authority',
          'license',
          'add',
          '--va',
          'Lab',
          '--tag',
          'hex.tag',
          '--name',
          'Hex',
          '--type',
          'PERPETUAL',
          '--count',
          '16',
          '--level',
          '0x1',
        ],
      ],
    ];
    for (const [option, args] of attempts) {
      const refused = desk.refused(...args);
      expect(refused, args.join(' ')).toMatchObject({
        status: 2,
        error: { code: 'CLI_NOT_A_COUNT' },
      });
      expect(refused.error.message).toContain(option);
    }
    const usage = site.refused(
      'site',
      'usage',
      '--device',
      deviceId,
      '--tag',
      ENHANCED,
      '--count',
      '0x2',
    );
    expect(usage).toMatchObject({ status: 2, error: { code: 'CLI_NOT_A_COUNT' } });
    nothingReserved();
    expect(desk.json('authority', 'license', 'list', '--va', 'Lab')).toEqual(licensesBefore);
  });

  it('needs the passphrase (usage error without one), takes it from --passphrase-file or AIRLOCK_PASSPHRASE, and refuses a wrong one with exit 1', () => {
    const bare = new Operator(desk.data, home);
    const missing = bare.refused(...reserveArgs('--license', `${ENHANCED}=1`));
    expect(missing).toMatchObject({ status: 2, error: { code: 'PASSPHRASE_REQUIRED' } });

    writeFileSync(join(home, 'wrong.txt'), 'not the passphrase\n');
    const wrongFile = new Operator(desk.data, home, {
      globals: ['--passphrase-file', 'wrong.txt'],
    });
    const wrongEnv = new Operator(desk.data, home, { env: { AIRLOCK_PASSPHRASE: 'nope, wrong' } });
    for (const operator of [wrongFile, wrongEnv]) {
      const refused = operator.refused(...reserveArgs('--license', `${ENHANCED}=1`));
      expect(refused).toMatchObject({ status: 1, error: { code: 'PASSPHRASE_WRONG' } });
      expect(refused.stderr).toContain(refused.error.message);
    }
    nothingReserved();
  });

  it('prints an internal error as a reference on stdout and stderr, with the stack under that reference on stderr only', () => {
    // Any exception nothing turned into a DomainError will do: here a data folder whose
    // `workspaces` is a file, not the folder Airlock keeps there.
    mkdirSync(join(home, 'odd-data'));
    writeFileSync(join(home, 'odd-data', 'workspaces'), 'not a folder');
    const broken = new Operator(join(home, 'odd-data'), home);
    const result = broken.run('--json', 'authority', 'va', 'add', 'Lab');
    expect(result.status).toBe(1);
    const { error } = jsonOf<{ error: { code: string; message: string } }>(result);
    expect(error.code).toBe('INTERNAL_ERROR');
    const reference = /reference ([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})\)/.exec(
      error.message,
    )?.[1];
    expect(reference, error.message).toBeDefined();
    expect(result.stdout).not.toMatch(/\bat .+:\d+:\d+/);
    expect(result.stderr).toContain(`airlock: internal error ${reference} in authority va add:\n`);
    expect(result.stderr).toMatch(/\n {4}at .+:\d+:\d+/);
    expect(result.stderr).toContain(`airlock: ${error.message}\n`);
    expect(readFileSync(join(home, 'odd-data', 'workspaces'), 'utf8')).toBe('not a folder');
  });

  it('says its version (the package’s) as `airlock --version` or `-V`, and nothing else', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V'])
      expect(runAirlock([flag], { cwd: home })).toEqual({
        status: 0,
        stdout: `${version}\n`,
        stderr: '',
      });
  });

  it('refuses a data folder that is a file, or no name at all, as a usage error (exit 2)', () => {
    writeFileSync(join(home, 'data-is-a-file'), 'not a folder');
    for (const data of [join(home, 'data-is-a-file'), '/dev/null', '']) {
      const result = runAirlock(['--data', data, '--json', 'authority', 'va', 'list'], {
        cwd: home,
      });
      expect(result.status, data).toBe(2);
      expect(jsonOf<{ error: { code: string } }>(result).error.code).toBe('CLI_DATA_DIR');
      expect(result.stderr).not.toMatch(/\n {4}at /);
    }
    expect(readFileSync(join(home, 'data-is-a-file'), 'utf8')).toBe('not a folder');
  });

  it('leaves nothing behind for a data folder that is not there, and says why one cannot be made', () => {
    const nowhere = join(home, 'no-such-data');
    for (const command of [
      ['authority', 'va', 'list'],
      ['audit', 'verify'],
      ['workspace', 'check'],
      ['workspace', 'list'],
    ]) {
      const result = runAirlock(['--data', nowhere, '--json', ...command], { cwd: home });
      expect(result.status, command.join(' ')).toBe(2);
      expect(jsonOf<{ error: { code: string; message: string } }>(result).error).toMatchObject({
        code: 'CLI_DATA_DIR',
        message: expect.stringContaining(`There is no data folder “${nowhere}”`),
      });
    }
    expect(existsSync(nowhere)).toBe(false);

    // Under a file, and where the system holds no folder at all (a recursive mkdir never returns
    // there): refused at once, with the reason, no stack.
    writeFileSync(join(home, 'plain-file'), 'not a folder');
    for (const data of [join(home, 'plain-file', 'data'), '/proc/airlock-data/desk']) {
      const result = runAirlock(['--data', data, '--json', 'authority', 'init', '--name', 'D'], {
        cwd: home,
        env: { AIRLOCK_PASSPHRASE: PASSPHRASE },
      });
      expect(result.status, data).toBe(2);
      expect(jsonOf<{ error: { code: string; message: string } }>(result).error).toMatchObject({
        code: 'CLI_DATA_DIR',
        message: expect.stringContaining(`The data folder “${data}” cannot be made there`),
      });
      expect(result.stderr).not.toMatch(/\n {4}at /);
    }
    // A command that needs no workspace makes the folder too (its preferences go there), the same way.
    const inspect = runAirlock(['--data', '/proc/airlock-data', 'inspect', 'ABC'], { cwd: home });
    expect(inspect.status).toBe(2);
    expect(inspect.stderr).toContain('cannot be made there');
  });

  it('reports a refusal by the device console as exit 1 with what the device printed and the error behind it', () => {
    const refused = site.run(
      '--json',
      'site',
      'exec',
      '--device',
      deviceId,
      'license smart reservation install "not a code"',
    );
    expect(refused.status).toBe(1);
    const printed = jsonOf<{ output: string; error: { code: string; message: string } }>(refused);
    expectKeys(printed, ['output', 'error']);
    expectKeys(printed.error, ['code', 'message']);
    expect(printed.output).toMatch(/not valid/);
    expect(printed.error.message).toMatch(/\S/);
  });
});

describe('airlock CLI: data folders and workspaces', () => {
  it('finds the data folder in AIRLOCK_DATA when --data is absent', () => {
    const result = runAirlock(['--json', 'authority', 'license', 'list', '--va', 'Lab'], {
      cwd: home,
      env: { AIRLOCK_DATA: desk.data },
    });
    expect(result.status).toBe(0);
    expect(jsonOf<{ licenses: unknown[] }>(result).licenses).toHaveLength(12);
  });

  it('uses the only workspace of a side by default, asks for --workspace when there are several, and refuses a name that is not there', () => {
    const lab = new Operator(join(tempDir('cli-multi'), 'data'), home, {
      env: { AIRLOCK_PASSPHRASE: PASSPHRASE },
    });
    lab.json('authority', 'init', '--name', 'First desk');
    lab.json('authority', 'va', 'add', 'Alpha');
    lab.json('authority', 'init', '--name', 'Second desk');

    expect(lab.refused('authority', 'va', 'add', 'Beta')).toMatchObject({
      status: 2,
      error: { code: 'WORKSPACE_AMBIGUOUS' },
    });
    // Refused, Beta went nowhere: the first desk has Alpha alone, the second no VA yet.
    const vaNames = (workspace: string) =>
      lab
        .json<{ virtualAccounts: Array<{ name: string }> }>(
          '--workspace',
          workspace,
          'authority',
          'va',
          'list',
        )
        .virtualAccounts.map((v) => v.name);
    expect(vaNames('First desk')).toEqual(['Alpha']);
    expect(vaNames('Second desk')).toEqual([]);
    expect(lab.json('--workspace', 'second desk', 'authority', 'va', 'add', 'Beta')).toEqual({
      virtualAccounts: ['Beta'],
    });
    expect(lab.refused('audit', 'verify')).toMatchObject({
      status: 2,
      error: { code: 'WORKSPACE_AMBIGUOUS' },
    });
    expect(lab.refused('--workspace', 'Third desk', 'audit', 'verify')).toMatchObject({
      status: 1,
      error: { code: 'WORKSPACE_NOT_FOUND' },
    });
    expect(lab.json('--workspace', 'First desk', 'audit', 'verify')).toMatchObject({ ok: true });
  });
});

describe('airlock CLI: documented --json shapes', () => {
  it('adds a TERM license with its dates, tier and export control, and lists the pool with exactly the documented columns', () => {
    const added = desk.json<{ licenses: Array<Record<string, unknown>> }>(
      'authority',
      'license',
      'add',
      '--va',
      'Lab',
      '--tag',
      'regid.2026-01.com.example.Recording,1.0_term',
      '--name',
      'Call recording',
      '--type',
      'TERM',
      '--count',
      '3',
      '--start',
      '2026-01-01',
      '--end',
      '2027-06-30',
      '--level',
      '2',
      '--export-controlled',
    );
    expectKeys(added, ['licenses']);
    for (const row of added.licenses)
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
    expect(added.licenses.find((l) => l.displayName === 'Call recording')).toEqual({
      tag: 'regid.2026-01.com.example.Recording,1.0_term',
      displayName: 'Call recording',
      type: 'TERM',
      purchased: 3,
      inUse: 0,
      reserved: 0,
      inTransit: 0,
      balance: 3,
      expires: '2027-06-30',
    });
  });

  it('lists drives as {path, label, removable, freeBytes}', () => {
    const result = runAirlock(['--json', '--data', desk.data, 'transfer', 'drives'], {
      cwd: home,
      env: { AIRLOCK_EXTRA_DRIVES: stick },
    });
    expect(result.status).toBe(0);
    const { drives } = jsonOf<{ drives: Array<Record<string, unknown>> }>(result);
    const offered = drives.find((d) => d.path === stick);
    expect(offered).toBeDefined();
    for (const drive of drives) expectKeys(drive, ['path', 'label', 'removable', 'freeBytes']);
    expect(offered).toMatchObject({ label: 'stick', removable: true });
    expect(offered!.freeBytes).toBeGreaterThan(0);
  });

  it('inspects a code from a file or inline', () => {
    const fromFile = desk.json<{ kind: string; udi: { pid: string; sn: string } }>(
      'inspect',
      REQUEST,
    );
    expect(fromFile).toMatchObject({ kind: 'request', udi: { pid: 'UCM', sn: 'c0ffee' } });
    const inline = desk.json('inspect', readFileSync(join(stick, 'request.txt'), 'utf8').trim());
    expect(inline).toEqual(fromFile);
    // For people: one labelled line per fact, the notes as sentences, no message keys.
    const shown = desk.run('inspect', REQUEST);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/^Kind: +reservation request code \(Airlock's\)$/m);
    expect(shown.stdout).toMatch(/^UDI: +PID UCM, SN c0ffee/m);
    expect(shown.stdout).toContain('- Its 20-character nonce commits to a secret key');
    expect(shown.stdout).not.toMatch(/INSPECT_|[{}]/);
  });
});

describe('airlock CLI: records change only under the key', () => {
  it('refuses a change at the desk without its passphrase (exit 1, how to give it), and changes nothing', () => {
    const keyless = new Operator(desk.data, home);
    const before = desk.json('authority', 'va', 'list');
    const refused = keyless.refused('authority', 'va', 'add', 'Keyless');
    expect(refused).toMatchObject({ status: 1, error: { code: 'AUDIT_KEY_LOCKED' } });
    expect(refused.error.message).toContain('AIRLOCK_PASSPHRASE or --passphrase-file');
    expect(desk.json('authority', 'va', 'list')).toEqual(before);
    // Reading needs no key.
    expect(keyless.json('authority', 'va', 'list')).toEqual(before);
  });
});

describe('airlock CLI: --out is a path the operator chose; its last part must be a plain file name', () => {
  it('refuses an unsafe file name, a taken file and a missing folder before anything is reserved', () => {
    const licensesBefore = desk.json('authority', 'license', 'list', '--va', 'Lab');
    const requestBytes = readFileSync(join(stick, 'request.txt'));
    const cases: Array<[string, string]> = [
      ['stick/CON', 'FILE_NAME_UNSAFE'],
      ['stick/aux.txt', 'FILE_NAME_UNSAFE'],
      ['stick/code.txt.', 'FILE_NAME_UNSAFE'],
      ['stick/request.txt', 'FILE_EXISTS'],
      ['stick/no-such-folder/code.txt', 'CLI_OUT_DIRECTORY_MISSING'],
    ];
    for (const [out, code] of cases) {
      const refused = desk.refused(...reserveArgs('--license', `${ENHANCED}=1`, '--out', out));
      expect(refused, out).toMatchObject({ status: 1, error: { code } });
      expect(refused.stderr).toContain(refused.error.message);
    }
    nothingReserved();
    expect(desk.json('authority', 'license', 'list', '--va', 'Lab')).toEqual(licensesBefore);
    expect(readFileSync(join(stick, 'request.txt')).equals(requestBytes)).toBe(true);
    expect(readdirSync(stick).sort()).toEqual(['request.txt', 'trust.json']);
  });

  it('names an empty code file, and refuses a huge one at once as no code', () => {
    const instances = desk.json('authority', 'instance', 'list');
    const empty = join(home, 'empty.airlock');
    writeFileSync(empty, '\n  \n');
    const refused = desk.refused('authority', 'confirm', '--batch', empty);
    expect(refused.error).toMatchObject({ code: 'TRANSFER_FILE_EMPTY' });
    expect(refused.error.message).toContain(empty);
    const huge = join(home, 'huge.txt');
    writeFileSync(huge, 'y'.repeat(8 * 1024 * 1024));
    const tooBig = desk.refused('authority', 'confirm', '--batch', huge);
    expect(tooBig.error).toMatchObject({ code: 'CODE_UNRECOGNISED' });
    expect(tooBig.error.message).toContain('far more than any code');
    expect(desk.json('authority', 'instance', 'list')).toEqual(instances);
  });

  it('says a folder given as --out is a folder, not a file that exists', () => {
    const refused = desk.refused(...reserveArgs('--license', `${ENHANCED}=1`, '--out', 'stick'));
    expect(refused).toMatchObject({
      status: 1,
      error: {
        code: 'FILE_EXISTS',
        message: expect.stringContaining('is a folder: --out names the new file to write'),
      },
    });
    nothingReserved();
  });

  it('refuses --out onto a symlink, dangling or not, and writes nothing through it or beside it', () => {
    const elsewhere = join(home, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'kept.txt'), 'not to be replaced');
    const links = join(home, 'links');
    mkdirSync(links);
    symlinkSync(join(elsewhere, 'planted.desktop'), join(links, 'dangling.txt'));
    symlinkSync(join(elsewhere, 'kept.txt'), join(links, 'to-file.txt'));
    symlinkSync(elsewhere, join(links, 'to-folder'));
    const licensesBefore = desk.json('authority', 'license', 'list', '--va', 'Lab');
    for (const name of ['dangling.txt', 'to-file.txt', 'to-folder']) {
      const out = join('links', name);
      const refused = desk.refused(...reserveArgs('--license', `${ENHANCED}=1`, '--out', out));
      expect(refused, name).toMatchObject({
        status: 1,
        error: { code: 'FILE_IS_SYMLINK', message: expect.stringContaining(join(home, out)) },
      });
      expect(refused.stderr).toContain(refused.error.message);
    }
    const trust = desk.refused('authority', 'trust', 'export', 'links/dangling.txt');
    expect(trust.error.code).toBe('FILE_IS_SYMLINK');
    nothingReserved();
    expect(desk.json('authority', 'license', 'list', '--va', 'Lab')).toEqual(licensesBefore);
    expect(readdirSync(links).sort()).toEqual(['dangling.txt', 'to-file.txt', 'to-folder']);
    expect(readdirSync(elsewhere)).toEqual(['kept.txt']);
    expect(readFileSync(join(elsewhere, 'kept.txt'), 'utf8')).toBe('not to be replaced');
  });

  it('refuses a read-only folder before anything is reserved', (ctx) => {
    const folder = join(home, 'locked');
    mkdirSync(folder);
    const readOnly = makeReadOnly(folder);
    try {
      if (readOnly.mode === 'injected EROFS')
        ctx.skip('neither chmod nor a read-only bind mount makes a folder read-only here');
      const refused = desk.refused(
        ...reserveArgs('--license', `${ENHANCED}=1`, '--out', 'locked/code.txt'),
      );
      expect(refused).toMatchObject({ status: 1, error: { code: 'DRIVE_READ_ONLY' } });
      nothingReserved();
    } finally {
      readOnly.undo();
    }
  });

  it('refuses a full stick (a real 64 KiB tmpfs, filled) before anything is reserved', (ctx) => {
    const full = join(home, 'full-stick');
    const mounted = mountTmpfs(full, 'size=64k');
    if (!mounted) return ctx.skip('mounting a tmpfs is not permitted here (the test needs root)');
    try {
      fill(full);
      const refused = desk.refused(
        ...reserveArgs('--license', `${ENHANCED}=1`, '--out', 'full-stick/code.txt'),
      );
      expect(refused).toMatchObject({ status: 1, error: { code: 'DRIVE_FULL' } });
      nothingReserved();
      expect(readdirSync(full)).toEqual(['filler.bin']);
    } finally {
      mounted.unmount();
    }
  });

  it('still prints an issued code, with the error and exit 1, when the stick fails after the reservation (no inode left)', (ctx) => {
    const stuck = join(home, 'stuck-stick');
    const mounted = mountTmpfs(stuck, 'size=64k,nr_inodes=4');
    if (!mounted) return ctx.skip('mounting a tmpfs is not permitted here (the test needs root)');
    try {
      useUpInodes(stuck); // bytes to spare, so the check before reserving passes
      const result = desk.run(
        '--json',
        'authority',
        'reserve',
        '--va',
        'Lab',
        '--request',
        freshRequest('stuck'),
        '--license',
        `${ENHANCED}=1`,
        '--out',
        'stuck-stick/code.txt',
      );
      expect(result.status).toBe(1);
      const shown = jsonOf<{
        instance: string;
        authorizationCode: string;
        error: { code: string; message: string };
      }>(result);
      expectKeys(shown, ['instance', 'authorizationCode', 'error']);
      expect(shown.error.code).toBe('DRIVE_FULL');
      expect(result.stderr).toContain(shown.error.message);
      // The code is not lost: it is on stdout, and the desk holds the reservation it answers.
      expect(shown.authorizationCode).toContain('<specificPLR>');
      const { instances } = desk.json<{ instances: Array<{ id: string; state: string }> }>(
        'authority',
        'instance',
        'list',
      );
      expect(instances.find((i) => i.id === shown.instance)?.state).toBe('reserved');
      expect(readdirSync(stuck).filter((n) => !n.startsWith('held-'))).toEqual([]);
    } finally {
      mounted.unmount();
    }
  });

  it('writes where the operator pointed, `..` included, relative to the working folder', () => {
    const inbox = join(stick, 'inbox');
    mkdirSync(inbox);
    const fromInbox = new Operator(desk.data, inbox, { env: { AIRLOCK_PASSPHRASE: PASSPHRASE } });
    const reserved = fromInbox.json<{ instance: string; authorizationCode: string }>(
      ...reserveArgs('--license', `${ENHANCED}=1`, '--out', '../authorization.txt').map((a) =>
        a === REQUEST ? '@../request.txt' : a,
      ),
    );
    expectKeys(reserved, ['instance', 'authorizationCode', 'file']);
    expect(readFileSync(join(stick, 'authorization.txt'), 'utf8')).toBe(
      `${reserved.authorizationCode}\n`,
    );
    expect((reserved as { file?: string }).file).toBe(join(stick, 'authorization.txt'));
    expect(readdirSync(inbox)).toEqual([]);
  });
});

const UUID_T1 = '1c0ffee0-8fe1-4ce7-9e6f-bbc68a3edb16';

describe('airlock CLI: audit verify', () => {
  it('says where a tampered audit log breaks, with exit 1, and refuses every change', () => {
    // A copy of the site, so the tests that follow keep an intact one.
    const copy = new Operator(join(home, 'site-tampered'), home);
    cpSync(site.data, copy.data, { recursive: true });
    const root = join(copy.data, 'workspaces');
    const [id] = readdirSync(root);
    // Entry 2 names another authority as the trusted one: the text changes, its hash does not.
    tamper(
      join(root, id!, 'workspace.db'),
      `DROP TRIGGER audit_no_update;
       UPDATE audit SET details = json_set(details, '$.authority', 'Forged desk') WHERE seq = 2;
       CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
         BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`,
    );

    const broken = copy.run('--json', 'audit', 'verify');
    expect(broken.status).toBe(1);
    expect(jsonOf(broken)).toMatchObject({
      ok: false,
      entries: 1,
      firstBrokenAt: 2,
      reason: 'hash-mismatch',
    });
    const addDevice = addUcmArgs('T1', UUID_T1);
    const stored = dumpDatabase(join(root, id!, 'workspace.db'));
    const refused = copy.refused(...addDevice);
    expect(refused).toMatchObject({
      status: 1,
      error: { code: 'AUDIT_LOG_DAMAGED', message: expect.stringContaining('broken at entry 2') },
    });
    expect(dumpDatabase(join(root, id!, 'workspace.db'))).toEqual(stored);
    // The explicit repair: logged, signed; the log verifies with the break accepted, and
    // changes go on. Run again, it has nothing to do.
    expect(copy.json('audit', 'repair')).toMatchObject({
      ok: true,
      repaired: { reason: 'hash-mismatch', brokenAt: 2 },
      accepted: [2],
    });
    expect(copy.run('audit', 'repair').stdout).toMatch(/^Nothing to repair/);
    copy.json(...addDevice);
  });
});

describe('airlock CLI: site trust import', () => {
  it('refuses another authority’s key without --replace (exit 1, both fingerprints), takes it with it', () => {
    const other = new Operator(join(home, 'other-desk'), home, {
      env: { AIRLOCK_PASSPHRASE: PASSPHRASE },
    });
    const created = other.json<{ fingerprint: string }>('authority', 'init', '--name', 'Other');
    other.json('authority', 'trust', 'export', 'stick/other-trust.json');
    const [siteId] = readdirSync(join(site.data, 'workspaces'));
    const siteDb = join(site.data, 'workspaces', siteId!, 'workspace.db');
    const verifyBefore = jsonOf(site.run('--json', 'audit', 'verify'));
    const entriesBefore = auditCount(siteDb);
    const dumpBefore = dumpDatabase(siteDb);
    const refused = site.refused('site', 'trust', 'import', 'stick/other-trust.json');
    expect(refused.status).toBe(1);
    expect(refused.error.code).toBe('TRUST_REPLACE_UNCONFIRMED');
    expect(refused.error.message).toContain(created.fingerprint);
    // Refused, it changed nothing: the log holds as many entries, the site the same trust.
    expect(jsonOf(site.run('--json', 'audit', 'verify'))).toEqual(verifyBefore);
    expect(auditCount(siteDb)).toBe(entriesBefore);
    expect(dumpDatabase(siteDb)).toEqual(dumpBefore);
    const replaced = site.json<{ trust: { fingerprint: string } }>(
      'site',
      'trust',
      'import',
      'stick/other-trust.json',
      '--replace',
    );
    expect(replaced.trust.fingerprint).toBe(created.fingerprint);
    // And back again, for the tests that follow.
    site.json('site', 'trust', 'import', 'stick/trust.json', '--replace');
  });
});
