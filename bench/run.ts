// `npm run bench`: Airlock at 10,000 devices, measured against this machine's own crypto limit.
// Each phase runs in a process of its own (bench/phase.ts), so its peak RSS and cold start are
// its own; every ratio is to the baseline measured in this same run. Prints figures, asserts none.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Measurement, PhaseOutput } from './measure.ts';
import { parseOptions } from './options.ts';
import { type Limits, formatTable, machine, rows, verdicts } from './report.ts';

const options = parseOptions(process.argv.slice(2), process.env);
const dir = options.dir ? resolve(options.dir) : mkdtempSync(join(tmpdir(), 'airlock-bench-'));
mkdirSync(dir, { recursive: true });
const phaseEntry = resolve(import.meta.dirname, 'phase.ts');
const host = machine();

console.log(
  `Airlock bench — ${options.devices.toLocaleString('en-US')} devices, ${options.licenses} licenses each, ` +
    `${options.auditEntries.toLocaleString('en-US')} audit entries; workloads ${[...options.only].sort().join(',')}`,
);
console.log(
  `${host.cpu}, ${host.cores} cores, ${host.ramGiB} GiB RAM, Node ${host.node}, ${host.platform}, ${host.date}`,
);
console.log(`working folder: ${dir}\n`);

const measurements: Measurement[] = [];
const notes: string[] = [];
let state: Record<string, string> = {};
let counter = 0;

/**
 * Runs one phase in a fresh Node process and collects what it measured. A phase that fails is
 * reported under the table, and the phases that need what it would have made are skipped.
 */
function phase(name: string, args: Record<string, unknown>): boolean {
  process.stderr.write(`▸ ${name}\n`);
  const stem = join(dir, `${++counter}-${name}`);
  const result = `${stem}.result.json`;
  // Kept with the results, so one phase can be run again alone (or profiled): see --stop-at.
  writeFileSync(`${stem}.args.json`, JSON.stringify(args));
  if (name === options.stopAt) {
    console.log(
      `stopped before ${name}; everything it needs is in ${dir}. Run it (profile it) with:\n` +
        `  node --cpu-prof --import tsx ${phaseEntry} ${name} @${stem}.args.json ${result}`,
    );
    process.exit(0);
  }
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', phaseEntry, name, `@${stem}.args.json`, result],
    { stdio: ['ignore', 'inherit', 'inherit'], cwd: resolve(import.meta.dirname, '..') },
  );
  if (run.status !== 0 || !existsSync(result)) {
    notes.push(`phase ${name} failed (exit ${run.status ?? run.signal}); see the messages above`);
    return false;
  }
  const output = JSON.parse(readFileSync(result, 'utf8')) as PhaseOutput;
  measurements.push(...output.measurements);
  notes.push(...(output.notes ?? []));
  state = { ...state, ...output.state };
  return true;
}

const sizes = { devices: options.devices, licenses: options.licenses };
const baselineCount = Math.max(2000, Math.min(options.devices, 20_000));
const has = (w: number) => options.only.has(w);

phase('baseline', { count: baselineCount, label: 'start' });
if (has(1)) phase('domain', sizes);
const desk =
  has(1) &&
  phase('setup', { dir, devices: options.devices }) &&
  phase('authority-batch', { ...state, ...sizes });
const site = desk && has(2) && phase('site-batch', { ...state, ...sizes });
const copy =
  site &&
  (has(4) || has(6)) &&
  phase('persistence-prep', { ...state, dir, auditEntries: options.auditEntries });
if (copy && has(4))
  phase('persistence', { ...state, ...sizes, auditEntries: options.auditEntries });
if (copy && has(6)) {
  phase('renderer', {
    ...state,
    dir,
    chromium: options.chromium,
    rendererDist: options.rendererDist,
    filterText: options.filterText,
    profile: options.rendererProfile,
  });
}
if (site && has(3)) phase('returns', { ...state, ...sizes });
if (has(7)) phase('cli', { dir, devices: options.devices });
phase('baseline', { count: baselineCount, label: 'end' });

// The machine's limit: the better of the two baselines (one at each end of the run).
const best = (kind: 'sign' | 'verify') =>
  Math.max(
    ...measurements
      .filter((m) => m.id.startsWith(`baseline.${kind}.`))
      .map((m) => m.items! / (m.ms / 1000)),
  );
const limits: Limits = { sign: best('sign'), verify: best('verify') };

const order = (m: Measurement) => (m.workload === 0 ? 0.5 : m.workload);
const sorted = [...measurements].sort((a, b) => order(a) - order(b));
const decided = verdicts(sorted, limits);
console.log(formatTable(rows(sorted, limits, decided)));
console.log(
  `\nlimit used for ratios: sign ${Math.round(limits.sign).toLocaleString('en-US')}/s, ` +
    `verify ${Math.round(limits.verify).toLocaleString('en-US')}/s (best of the two baselines)`,
);
const remarks = [
  ...sorted.filter((m) => m.note).map((m) => `${m.label.trim()}: ${m.note}`),
  ...notes,
];
if (remarks.length) console.log(`\n${remarks.map((r) => `- ${r}`).join('\n')}`);
const TARGETS: Array<[string, string]> = [
  ['w1.total', 'authority batch ≥ 50 % of the raw sign rate'],
  ['w1.rss', 'authority batch peak RSS < 500 MiB'],
  ['w2.total', 'site batch ≥ 50 % of the raw verify rate'],
  ['w7.reserve', 'authority reserve --batch (a whole process) ≥ 50 % of the raw sign rate'],
  ['w7.install', 'site install --batch (a whole process) ≥ 50 % of the raw verify rate'],
  [
    'w4.open',
    `open a desk of ${options.devices.toLocaleString('en-US')} instances to its first screen < 100 ms`,
  ],
  ['w4.firstPage', 'the first page of the instances table < 30 ms'],
  ['w4.save', 'one reservation (sign, commit, audit) < 20 ms median'],
  [
    'w4.deviceAction',
    `one device action at a ${options.devices.toLocaleString('en-US')}-device site < 20 ms median`,
  ],
  ['w4.save2x', 'a reservation not proportional to the audit log'],
  ['w6.filterP95', 'table filter < 50 ms per keystroke'],
];
console.log('\ntargets:');
for (const [id, text] of TARGETS) {
  const verdict = decided.get(id);
  const status = verdict ? (verdict.met ? 'met' : 'NOT MET') : 'not measured';
  console.log(`  ${status.padEnd(12)}  ${text}`);
}

if (options.json) {
  writeFileSync(
    options.json,
    `${JSON.stringify({ machine: host, options: { ...options, only: [...options.only] }, limits, measurements: sorted, verdicts: [...decided.values()] }, null, 2)}\n`,
  );
  console.log(`results written to ${options.json}`);
}
if (!options.keep && !options.dir) rmSync(dir, { recursive: true, force: true });
else console.log(`working folder kept: ${dir}`);
