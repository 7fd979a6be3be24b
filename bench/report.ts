// Turns the phases' measurements into the printed table: throughput, the ratio to this run's own
// crypto baseline, and each target met or not.

import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { Measurement } from './measure.ts';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  platform: string;
  date: string;
}

export function machine(): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpu = line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: os.cpus() said it already.
  }
  return {
    cpu,
    cores: cpus().length,
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}

export interface Limits {
  sign: number;
  verify: number;
}

export interface Row {
  workload: string;
  label: string;
  size: string;
  wall: string;
  throughput: string;
  rss: string;
  ratio: string;
  target: string;
  met: string;
}

export interface Verdict {
  id: string;
  target: string;
  met: boolean;
}

const rate = (m: Measurement) => (m.items ? m.items / (m.ms / 1000) : undefined);

function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

function formatRate(m: Measurement): string {
  const r = rate(m);
  if (r === undefined || m.items === 1) return '';
  return `${Math.round(r).toLocaleString('en-US')} ${m.unit ?? 'item'}/s`;
}

/** Which limit a row is compared with: signing at the desk, verifying at the site. */
function limitFor(m: Measurement, limits: Limits): { value: number; name: string } | undefined {
  if (m.id.startsWith('w1.') || ['domain.reserve', 'w7.reserve'].includes(m.id))
    return { value: limits.sign, name: 'sign' };
  if (
    ['w2.total', 'w2.import', 'w2.install', 'w2.export', 'domain.install', 'w7.install'].includes(
      m.id,
    )
  )
    return { value: limits.verify, name: 'verify' };
  return undefined;
}

/** The issue's targets, decided from this run's figures only. */
export function verdicts(all: Measurement[], limits: Limits): Map<string, Verdict> {
  const byId = new Map(all.map((m) => [m.id, m]));
  const out = new Map<string, Verdict>();
  const add = (id: string, target: string, met: boolean | undefined) => {
    if (met !== undefined) out.set(id, { id, target, met });
  };
  const ratioOf = (id: string, limit: number) => {
    const m = byId.get(id);
    const r = m && rate(m);
    return r === undefined ? undefined : r / limit;
  };
  const w1 = ratioOf('w1.total', limits.sign);
  add('w1.total', '≥ 50 % of sign', w1 === undefined ? undefined : w1 >= 0.5);
  const rss = byId.get('w1.rss');
  add('w1.rss', '< 500 MiB', rss?.peakRssMb === undefined ? undefined : rss.peakRssMb < 500);
  const w2 = ratioOf('w2.total', limits.verify);
  add('w2.total', '≥ 50 % of verify', w2 === undefined ? undefined : w2 >= 0.5);
  const reserve = ratioOf('w7.reserve', limits.sign);
  add('w7.reserve', '≥ 50 % of sign', reserve === undefined ? undefined : reserve >= 0.5);
  const install = ratioOf('w7.install', limits.verify);
  add('w7.install', '≥ 50 % of verify', install === undefined ? undefined : install >= 0.5);
  const under = (id: string, ms: number) => {
    const m = byId.get(id);
    add(id, `< ${ms} ms`, m && m.ms < ms);
  };
  under('w4.open', 100);
  under('w4.firstPage', 30);
  under('w4.save', 20);
  under('w4.deviceAction', 20);
  const once = byId.get('w4.save');
  const twice = byId.get('w4.save2x');
  add('w4.save2x', 'log ×2 → < ×1.5', once && twice ? twice.ms / once.ms < 1.5 : undefined);
  // Per keystroke, judged on the 95th percentile: the slowest key is printed too, but on a shared
  // machine a single key can meet another process's burst.
  const keystroke = byId.get('w6.filterP95');
  add('w6.filterP95', '< 50 ms', keystroke && keystroke.ms < 50);
  return out;
}

export function rows(all: Measurement[], limits: Limits, decided: Map<string, Verdict>): Row[] {
  return all.map((m) => {
    const limit = limitFor(m, limits);
    const r = rate(m);
    const verdict = decided.get(m.id);
    return {
      workload: m.workload === 0 ? 'setup' : String(m.workload),
      label: m.label,
      size: m.items !== undefined ? `${m.items.toLocaleString('en-US')}` : '',
      wall: m.id === 'w1.rss' ? '' : formatMs(m.ms),
      throughput: formatRate(m),
      rss: m.peakRssMb !== undefined ? `${m.peakRssMb.toFixed(0)} MiB` : '',
      ratio:
        limit && r !== undefined ? `${((100 * r) / limit.value).toFixed(1)} % ${limit.name}` : '',
      target: verdict?.target ?? '',
      met: verdict ? (verdict.met ? 'met' : 'NOT MET') : '',
    };
  });
}

const HEADERS: Row = {
  workload: 'W',
  label: 'what',
  size: 'size',
  wall: 'wall',
  throughput: 'throughput',
  rss: 'peak RSS',
  ratio: 'vs limit',
  target: 'target',
  met: 'met?',
};

/** A plain-text table that also reads as Markdown. */
export function formatTable(table: Row[]): string {
  const keys = Object.keys(HEADERS) as Array<keyof Row>;
  const all = [HEADERS, ...table];
  const width = (k: keyof Row) => Math.max(...all.map((r) => [...r[k]].length));
  const right = new Set<keyof Row>(['size', 'wall', 'throughput', 'rss', 'ratio']);
  const cell = (r: Row, k: keyof Row) => {
    const pad = width(k) - [...r[k]].length;
    return right.has(k) ? ' '.repeat(pad) + r[k] : r[k] + ' '.repeat(pad);
  };
  const line = (r: Row) => `| ${keys.map((k) => cell(r, k)).join(' | ')} |`;
  const rule = `|${keys.map((k) => `${right.has(k) ? '-' : ':'}${'-'.repeat(width(k))}${right.has(k) ? ':' : '-'}`).join('|')}|`;
  return [line(HEADERS), rule, ...table.map(line)].join('\n');
}
