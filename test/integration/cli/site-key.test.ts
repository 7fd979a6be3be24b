// A site whose checkpoint key is kept under a passphrase, from the shell: reading needs no key (a
// wrong or missing passphrase does not stop it), a change made with the passphrase is signed, and
// a change made with a wrong one is refused before anything changes.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Operator, addUcmArgs, ensureCliBuilt } from '../support/cli.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

const PASSPHRASE = 'the site passphrase, long enough';
let home: string;
let data: string;

afterAll(removeTempDirs);
beforeAll(() => {
  ensureCliBuilt();
  home = tempDir('cli-site-key');
  data = join(home, 'site');
  new Operator(data, home, { env: { AIRLOCK_PASSPHRASE: PASSPHRASE } }).json(
    'site',
    'init',
    '--name',
    'Keyed site',
  );
});

const as = (passphrase?: string) =>
  new Operator(data, home, passphrase ? { env: { AIRLOCK_PASSPHRASE: passphrase } } : {});

const verify = () =>
  as().json<{ ok: boolean; entries: number; unsigned?: number }>('audit', 'verify');

it('reads with a wrong passphrase or none: the key is not needed to read', () => {
  expect(
    as('not the passphrase').json<{ devices: unknown[] }>('site', 'device', 'list').devices,
  ).toEqual([]);
  expect(as().json<{ devices: unknown[] }>('site', 'device', 'list').devices).toEqual([]);
});

it('refuses a change made with a wrong passphrase, and changes nothing', () => {
  const before = verify();
  const refused = as('not the passphrase').refused(
    ...addUcmArgs('K1', '11112222333344445555666677778888'),
  );
  expect(refused.error.code).toBe('PASSPHRASE_WRONG');
  expect(as().json<{ devices: unknown[] }>('site', 'device', 'list').devices).toEqual([]);
  // What is logged is the failed unlock alone.
  expect(verify().entries).toBe(before.entries + 1);
});

it('signs a change made with the passphrase', () => {
  as(PASSPHRASE).json(...addUcmArgs('K2', '21112222333344445555666677778888'));
  expect(verify()).toMatchObject({ ok: true, unsigned: 0 });
});

it('refuses a batch without the key before its backup: no backup made, none pushed out', () => {
  as(PASSPHRASE).json(...addUcmArgs('K3', '31112222333344445555666677778888'));
  const [id] = readdirSync(join(data, 'workspaces'));
  const backups = join(data, 'workspaces', id!, 'backups');
  const before = existsSync(backups) ? readdirSync(backups).sort() : [];
  const devices = as().json('site', 'device', 'list');
  for (let run = 0; run < 3; run += 1) {
    const refused = as().refused('site', 'request', '--all', '--out', `requests-${run}.airlock`);
    expect(refused.error.code).toBe('AUDIT_KEY_LOCKED');
  }
  expect(existsSync(backups) ? readdirSync(backups).sort() : []).toEqual(before);
  expect(as().json('site', 'device', 'list')).toEqual(devices);
});
