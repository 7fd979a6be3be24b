// Workload 7: the same round trip as whole `airlock` processes, as a shell script pays for it —
// start-up, opening the workspace, unlocking the key, reading and writing the files included. It
// runs scripts/round-trip.sh (the script an operator can run) and reads the time of each command.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Measurement, PhaseOutput } from './measure.ts';
import { log } from './measure.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** What each command of the round trip does, for the table. */
const STEPS: Record<string, string> = {
  'device-import': 'site device import FILE.csv',
  request: 'site request --all --out FILE',
  reserve: 'authority reserve --batch FILE --license … --out FILE',
  install: 'site install --batch FILE --out FILE',
  confirm: 'authority confirm --batch FILE',
  return: 'site return --all --out FILE',
  remove: 'authority remove --batch FILE',
};

export function cli(args: { dir: string; devices: number }): PhaseOutput {
  log('cli: building the airlock command');
  const build = spawnSync(process.execPath, ['scripts/build-main.mjs'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error('workload 7: the CLI did not build');
  const folder = join(args.dir, 'cli');
  const times = join(args.dir, 'cli-times.tsv');
  log(`cli: scripts/round-trip.sh ${args.devices} (each command a process of its own)`);
  const run = spawnSync(
    'bash',
    [join(ROOT, 'scripts', 'round-trip.sh'), String(args.devices), folder],
    {
      cwd: ROOT,
      env: { ...process.env, ROUND_TRIP_TIMES: times },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (run.status !== 0) throw new Error(`workload 7: the round trip stopped (exit ${run.status})`);
  const measurements: Measurement[] = readFileSync(times, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [step = '', items = '0', ms = '0'] = line.split('\t');
      return {
        id: `w7.${step}`,
        workload: 7,
        label: `  airlock ${STEPS[step] ?? step}`,
        items: Number(items),
        unit: 'device',
        ms: Number(ms),
      };
    });
  const total = measurements.reduce((sum, m) => sum + m.ms, 0);
  return {
    measurements: [
      {
        id: 'w7.total',
        workload: 7,
        label: 'the round trip as airlock processes (scripts/round-trip.sh)',
        items: args.devices,
        unit: 'device',
        ms: total,
        note: 'seven commands, each a fresh process: start-up, open, unlock and files included',
      },
      ...measurements,
    ],
  };
}
