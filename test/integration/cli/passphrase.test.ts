// The passphrase from the shell, tried as an attacker or a careless script would: `--passphrase-file`
// pointed at a shared file, at /dev/zero, at a FIFO, at nothing; and wrong passphrases in a loop.

import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Operator, ensureCliBuilt } from '../support/cli.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

const PASSPHRASE = 'the passphrase of the shell desk';
let home: string;

beforeAll(() => {
  ensureCliBuilt();
  home = tempDir('cli-passphrase');
});
afterAll(removeTempDirs);

/** A data folder that stays empty unless a workspace is made in it. */
function freshData(name: string): string {
  const data = join(home, name);
  mkdirSync(data);
  return data;
}

/** The workspaces made in `data` (the services make the empty folders for them on start). */
function workspacesIn(data: string): string[] {
  const folder = join(data, 'workspaces');
  return existsSync(folder) ? readdirSync(folder) : [];
}

function secretFile(name: string, text: string | Uint8Array, mode: number): string {
  const path = join(home, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

function initWith(data: string, passphraseFile: string) {
  return new Operator(data, home, { globals: ['--passphrase-file', passphraseFile] });
}

describe('airlock --passphrase-file', () => {
  it('reads a private file silently, and warns on stderr when group or others can read it', () => {
    const privateFile = secretFile('private.txt', `${PASSPHRASE}\n`, 0o600);
    const quiet = initWith(freshData('private'), privateFile).run(
      'authority',
      'init',
      '--name',
      'Desk',
    );
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');

    for (const [name, mode] of [
      ['shared-group.txt', 0o640],
      ['shared-world.txt', 0o644],
    ] as const) {
      const shared = secretFile(name, `${PASSPHRASE}\n`, mode);
      const loud = initWith(freshData(name.replace('.txt', '')), shared).run(
        'authority',
        'init',
        '--name',
        'Desk',
      );
      expect(loud.status).toBe(0);
      const octal = `0${mode.toString(8)}`;
      expect(loud.stderr).toBe(
        `airlock: warning: ${shared} can be read by other users (mode ${octal}). ` +
          'Keep the passphrase file private: chmod 600 it.\n',
      );
    }
  });

  it('refuses /dev/zero at once, without reading it', () => {
    const data = freshData('dev-zero');
    const started = Date.now();
    const refused = initWith(data, '/dev/zero').refused('authority', 'init', '--name', 'Desk');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(refused).toMatchObject({
      status: 1,
      error: { code: 'PASSPHRASE_FILE_UNREADABLE' },
    });
    expect(refused.error.message).toBe(
      '/dev/zero is not an ordinary file (a folder, a device or a pipe), so it is not read as a passphrase file. Nothing was changed.',
    );
    expect(workspacesIn(data)).toEqual([]);
  });

  it('refuses a FIFO without opening it, so nothing waits for a writer', () => {
    const fifo = join(home, 'passphrase.fifo');
    execFileSync('mkfifo', [fifo]);
    const data = freshData('fifo');
    const refused = initWith(data, fifo).refused('authority', 'init', '--name', 'Desk');
    expect(refused).toMatchObject({
      status: 1,
      error: { code: 'PASSPHRASE_FILE_UNREADABLE', message: expect.stringContaining(fifo) },
    });
    expect(workspacesIn(data)).toEqual([]);
  });

  it('refuses a missing file with a sentence and exit 1, not a stack trace', () => {
    const data = freshData('missing');
    const missing = join(home, 'no-such-passphrase.txt');
    const result = initWith(data, 'no-such-passphrase.txt').run(
      'authority',
      'init',
      '--name',
      'Desk',
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `airlock: There is no passphrase file ${missing}. Check the path given to --passphrase-file; nothing was changed.\n`,
    );
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    expect(workspacesIn(data)).toEqual([]);
  });

  it('never takes a named file it cannot read for "no passphrase": a site is not made with an unprotected key', () => {
    const data = freshData('site-missing');
    const refused = initWith(data, 'no-such-passphrase.txt').refused(
      'site',
      'init',
      '--name',
      'Plant',
    );
    expect(refused).toMatchObject({ status: 1, error: { code: 'PASSPHRASE_FILE_UNREADABLE' } });
    expect(workspacesIn(data)).toEqual([]);
  });

  it('refuses a file over 1 KiB, an empty one, a folder and one that is not UTF-8', () => {
    const cases: Array<[string, string]> = [
      [secretFile('large.txt', 'x'.repeat(1025), 0o600), 'too-large'],
      [secretFile('empty.txt', '\n', 0o600), 'empty'],
      [home, 'not-regular'],
      [secretFile('latin1.txt', Buffer.from('passphrase-\xe9\n', 'latin1'), 0o600), 'not-utf8'],
    ];
    for (const [file, reason] of cases) {
      const data = freshData(`refused-${reason}`);
      const refused = initWith(data, file).refused('authority', 'init', '--name', 'Desk');
      expect(refused, reason).toMatchObject({
        status: 1,
        error: { code: 'PASSPHRASE_FILE_UNREADABLE' },
      });
      expect(refused.stderr).toContain(refused.error.message);
      expect(workspacesIn(data)).toEqual([]);
    }
    // Exactly 1 KiB is still a passphrase file.
    const limit = secretFile('limit.txt', 'y'.repeat(1024), 0o600);
    expect(initWith(freshData('limit'), limit).run('authority', 'init', '--name', 'D').status).toBe(
      0,
    );
  });
});

describe('wrong passphrases from the shell', () => {
  it('says a wrong passphrase file is the file, not the keyboard', () => {
    const data = freshData('wrong-file');
    new Operator(data, home, { env: { AIRLOCK_PASSPHRASE: PASSPHRASE } }).json(
      'authority',
      'init',
      '--name',
      'File desk',
    );
    const file = secretFile('wrong.pass', 'not the passphrase of this desk\n', 0o600);
    const accounts = () => new Operator(data, home).json('authority', 'va', 'list');
    const before = accounts();
    const refused = initWith(data, file).refused('authority', 'va', 'add', 'Spare');
    expect(refused).toMatchObject({ status: 1, error: { code: 'PASSPHRASE_WRONG' } });
    expect(refused.error.message).toContain(`The passphrase in ${file} does not unlock`);
    expect(refused.error.message).not.toContain('Caps Lock');
    expect(accounts()).toEqual(before);
  });

  it('slows down after three, across separate processes, and a success after the wait clears the count', () => {
    const data = freshData('guessing');
    const right = new Operator(data, home, { env: { AIRLOCK_PASSPHRASE: PASSPHRASE } });
    right.json('authority', 'init', '--name', 'Guessed desk');
    const [id] = readdirSync(join(data, 'workspaces'));
    const folder = join(data, 'workspaces', id!);
    const attempts = join(folder, 'authority-key.attempts.json');
    const key = readFileSync(join(folder, 'authority-key.json'));
    // Any request will do: the key is unlocked before the request is read.
    const reserve = ['authority', 'reserve', '--va', 'Lab', '--request', 'CB-not-read', '--plr'];

    for (let n = 1; n <= 3; n += 1) {
      const guess = new Operator(data, home, { env: { AIRLOCK_PASSPHRASE: `guess number ${n}` } });
      const refused = guess.refused(...reserve);
      expect(refused).toMatchObject({ status: 1, error: { code: 'PASSPHRASE_WRONG' } });
    }
    // The third failure, just now however long this process took to start: still waiting.
    const third = JSON.parse(readFileSync(attempts, 'utf8'));
    writeFileSync(attempts, JSON.stringify({ ...third, lastFailureAt: Date.now() }));
    const throttled = right.refused(...reserve);
    expect(throttled).toMatchObject({ status: 1, error: { code: 'UNLOCK_THROTTLED' } });
    expect(throttled.error.message).toMatch(
      /^Too many wrong passphrases in a row \(3\)\. Wait \d s/,
    );
    expect(readFileSync(join(folder, 'authority-key.json')).equals(key)).toBe(true);

    // The wait, passed: the last failure moved back in time rather than the test sleeping.
    const recorded = JSON.parse(readFileSync(attempts, 'utf8'));
    writeFileSync(attempts, JSON.stringify({ ...recorded, lastFailureAt: Date.now() - 60_000 }));
    const unlocked = right.refused(...reserve);
    expect(unlocked.error.code).not.toMatch(/PASSPHRASE|UNLOCK/);
    expect(existsSync(attempts)).toBe(false);
  });
});
