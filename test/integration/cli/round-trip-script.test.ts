// scripts/round-trip.sh is what an operator copies to carry many devices across from the shell:
// it must keep working as written, end to end, with the desk's pool whole again afterwards.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Operator, ROOT, ensureCliBuilt } from '../support/cli.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

afterAll(removeTempDirs);

it('carries six devices there and back, timing each of the seven commands', () => {
  ensureCliBuilt();
  const folder = tempDir('round-trip-script');
  const times = join(folder, 'times.tsv');
  const run = spawnSync('bash', [join(ROOT, 'scripts', 'round-trip.sh'), '6', folder], {
    encoding: 'utf8',
    env: { ...process.env, ROUND_TRIP_TIMES: times, AIRLOCK_PASSPHRASE: '' },
    timeout: 120_000,
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  const steps = readFileSync(times, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));
  expect(steps.map(([step, items]) => `${step} ${items}`)).toEqual([
    'device-import 6',
    'request 6',
    'reserve 6',
    'install 6',
    'confirm 6',
    'return 6',
    'remove 6',
  ]);
  expect(steps.every(([, , ms]) => Number(ms) > 0)).toBe(true);
  // What the files that crossed did: every licence back in the pool, every device returned.
  const desk = new Operator(join(folder, 'desk'), folder, {
    env: { AIRLOCK_PASSPHRASE: 'round trip desk passphrase' },
  });
  const site = new Operator(join(folder, 'site'), folder);
  expect(
    desk.json<{ virtualAccounts: Array<{ name: string; reserved: number }> }>(
      'authority',
      'va',
      'list',
    ).virtualAccounts,
  ).toEqual([expect.objectContaining({ name: 'Lab', reserved: 0 })]);
  expect(
    site.json<{ devices: unknown[] }>('site', 'device', 'list', '--state', 'reserved').devices,
  ).toEqual([]);
  expect(site.json<{ devices: unknown[] }>('site', 'device', 'list').devices).toHaveLength(6);

  // Run again into the same folder: refused before anything, saying why.
  const again = spawnSync('bash', [join(ROOT, 'scripts', 'round-trip.sh'), '6', folder], {
    encoding: 'utf8',
    env: { ...process.env, AIRLOCK_PASSPHRASE: '' },
    timeout: 60_000,
  });
  expect(again.status).toBe(2);
  expect(again.stderr).toContain(`${folder} already holds a desk or a site`);
  expect(site.json<{ devices: unknown[] }>('site', 'device', 'list').devices).toHaveLength(6);
});
