// Runs the `airlock` command as an operator would: `node bin/airlock.cjs …` in its own process,
// with its own data folder, and nothing shared with the test process but files and the exit code.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = join(ROOT, 'bin', 'airlock.cjs');
const BUNDLE = join(ROOT, 'dist', 'cli.mjs');
const LOCK = join(ROOT, 'dist', '.cli-build.lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsFresh(): boolean {
  try {
    const built = statSync(BUNDLE).mtimeMs;
    return (
      built >= Math.max(newestSource(join(ROOT, 'electron')), newestSource(join(ROOT, 'shared')))
    );
  } catch {
    return false;
  }
}

/**
 * Builds dist/cli.mjs (`node scripts/build-main.mjs`) when it is missing or older than the sources.
 * CLI test files run in parallel: a lock folder makes one build while the others wait.
 */
export function ensureCliBuilt(): void {
  if (bundleIsFresh()) return;
  mkdirSync(dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(LOCK, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    if (!bundleIsFresh()) execFileSync(process.execPath, ['scripts/build-main.mjs'], { cwd: ROOT });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Added to a clean environment (no AIRLOCK_* variables of the test's own). */
  env?: Record<string, string>;
}

export function runAirlock(args: readonly string[], options: RunOptions): CliResult {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('AIRLOCK_')) env[key] = value;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { ...env, ...options.env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `--json` prints exactly one JSON object, on one line, on stdout. */
export function jsonOf<T = Record<string, unknown>>(result: CliResult): T {
  const lines = result.stdout.split('\n').filter((line) => line !== '');
  expect(lines, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toHaveLength(1);
  return JSON.parse(lines[0]!) as T;
}

export interface CliError {
  status: number;
  error: { code: string; message: string };
  stderr: string;
}

/**
 * One side of the gap from the shell: its own data folder, its working folder (the stick's parent,
 * say) and its environment. `json` expects success; `refused` expects a failure and its JSON error.
 */
export class Operator {
  constructor(
    readonly data: string,
    readonly cwd: string,
    readonly options: { env?: Record<string, string>; globals?: string[] } = {},
  ) {}

  run(...args: string[]): CliResult {
    return runAirlock(['--data', this.data, ...(this.options.globals ?? []), ...args], {
      cwd: this.cwd,
      ...(this.options.env ? { env: this.options.env } : {}),
    });
  }

  json<T = Record<string, unknown>>(...args: string[]): T {
    const result = this.run('--json', ...args);
    expect(result.status, `airlock ${args.join(' ')}\n${result.stdout}${result.stderr}`).toBe(0);
    return jsonOf<T>(result);
  }

  refused(...args: string[]): CliError {
    const result = this.run('--json', ...args);
    expect(result.status, `airlock ${args.join(' ')} should fail\n${result.stdout}`).not.toBe(0);
    const { error } = jsonOf<{ error: CliError['error'] }>(result);
    return { status: result.status, error, stderr: result.stderr };
  }
}

/** The exact key set of a `--json` object (the CLI's output is a public contract). */
export function expectKeys(value: unknown, keys: readonly string[]): void {
  expect(value).toBeTypeOf('object');
  expect(Object.keys(value as object).sort()).toEqual([...keys].sort());
}

/** `site device add` for an emulated UCM: the arguments after `airlock`. */
export function addUcmArgs(sn: string, uuid: string): string[] {
  return ['site', 'device', 'add', '--pid', 'UCM', '--sn', sn, '--uuid', uuid];
}
