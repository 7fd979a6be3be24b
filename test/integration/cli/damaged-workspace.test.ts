// A workspace folder damaged by hand or by a crash, met from the shell: each kind of damage is
// named (which file, what is wrong) with exit 1, never an internal error with a stack, and the
// damaged files are left as they were.

import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Operator, ensureCliBuilt } from '../support/cli.ts';
import { dumpDatabase, tamper } from '../support/database.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

const PASSPHRASE = 'the damaged desk passphrase';
let home: string;
let pristine: string;
let copies = 0;

/** A fresh copy of a desk with one virtual account, and the path of its workspace folder. */
function damagedDesk(): { desk: Operator; dir: string } {
  const data = join(home, `desk-${copies++}`);
  cpSync(pristine, data, { recursive: true });
  const desk = new Operator(data, home, { env: { AIRLOCK_PASSPHRASE: PASSPHRASE } });
  const [id] = desk.json<{ workspaces: Array<{ id: string }> }>('workspace', 'list').workspaces;
  return { desk, dir: join(data, 'workspaces', id!.id) };
}

function expectNamed(desk: Operator, code: string, ...args: string[]) {
  const refused = desk.refused(...args);
  expect(refused.status).toBe(1);
  expect(refused.error.code).toBe(code);
  expect(refused.stderr).not.toMatch(/internal error|\n {4}at /);
  return refused.error.message;
}

beforeAll(() => {
  ensureCliBuilt();
  home = tempDir('cli-damaged');
  pristine = join(home, 'pristine');
  const desk = new Operator(pristine, home, { env: { AIRLOCK_PASSPHRASE: PASSPHRASE } });
  desk.json('authority', 'init', '--name', 'Damaged desk');
  desk.json('authority', 'va', 'add', 'Lab');
});
afterAll(removeTempDirs);

describe('a damaged workspace from the shell', () => {
  it('names a key file cut short, or gone, and leaves it as it is', () => {
    const { desk, dir } = damagedDesk();
    const key = join(dir, 'authority-key.json');
    const cut = readFileSync(key, 'utf8').slice(0, 40);
    writeFileSync(key, cut);
    expectNamed(desk, 'KEY_FILE_CORRUPT', 'authority', 'va', 'list');
    expect(readFileSync(key, 'utf8')).toBe(cut);
    rmSync(key);
    const stored = dumpDatabase(join(dir, 'workspace.db'));
    const message = expectNamed(desk, 'KEY_FILE_CORRUPT', 'authority', 'va', 'add', 'Spare');
    expect(message).toContain(key);
    expect(message).toContain('missing');
    // Refused before anything changed, and no key was made in its place.
    expect(dumpDatabase(join(dir, 'workspace.db'))).toEqual(stored);
    expect(existsSync(key)).toBe(false);
  });

  it('names a description file (meta.json) that cannot be read, instead of finding no workspace', () => {
    const { desk, dir } = damagedDesk();
    writeFileSync(join(dir, 'meta.json'), '{garbage');
    const message = expectNamed(desk, 'WORKSPACE_META_DAMAGED', 'authority', 'va', 'list');
    expect(message).toContain(join(dir, 'meta.json'));
    expectNamed(desk, 'WORKSPACE_META_DAMAGED', 'workspace', 'check');
    expect(desk.json('workspace', 'list')).toEqual({
      workspaces: [],
      unreadable: [join(dir, 'meta.json')],
    });
    expect(readFileSync(join(dir, 'meta.json'), 'utf8')).toBe('{garbage');
  });

  it('names a table taken out of the database as damage', () => {
    const { desk, dir } = damagedDesk();
    tamper(join(dir, 'workspace.db'), 'DROP TABLE instances');
    expectNamed(desk, 'STORE_DAMAGED', 'authority', 'instance', 'list');
  });
});
