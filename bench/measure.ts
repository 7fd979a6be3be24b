// What a phase reports, and the small tools it measures with: wall time, peak RSS, the IPC client.

import { performance } from 'node:perf_hooks';
import type { Channel, IpcResult, Request, Response } from '../shared/ipc/contract.ts';
import type { Router } from '../electron/ipc/router.ts';

/** One measured figure; the parent process turns it into a table row with ratios and targets. */
export interface Measurement {
  id: string;
  workload: number;
  label: string;
  /** What was processed, for the throughput column (codes, entries, rows…). */
  items?: number;
  unit?: string;
  ms: number;
  /** Peak resident set size of the measuring process, MiB (only where the workload asks for it). */
  peakRssMb?: number;
  /** Anything worth printing under the table. */
  note?: string;
}

export interface PhaseOutput {
  measurements: Measurement[];
  /** Values later phases need (workspace ids, file paths). */
  state?: Record<string, string>;
  notes?: string[];
}

export function now(): number {
  return performance.now();
}

/** Runs `work` once and returns its result with the milliseconds it took. */
export async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = now();
  const value = await work();
  return { value, ms: now() - start };
}

/** Peak RSS of this process so far, MiB (getrusage ru_maxrss). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function currentRssMb(): number {
  return process.memoryUsage.rss() / (1024 * 1024);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Calls into the real router, typed by the IPC contract, answers unwrapped (a refusal throws). */
export type Ipc = <C extends Channel>(channel: C, request: Request<C>) => Promise<Response<C>>;

/**
 * Calls the router the way the app does, including the cost the IPC itself adds in Electron:
 * request and answer are structured-cloned (what ipcRenderer.invoke does to both).
 */
export function ipcClient(router: Router): Ipc {
  return async (channel, request) => {
    const result: IpcResult<unknown> = structuredClone(
      await router.invoke(channel, structuredClone(request)),
    );
    if (!result.ok) {
      throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    }
    return result.value as Response<typeof channel>;
  };
}

export function log(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}
