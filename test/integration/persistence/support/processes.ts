// The `airlock` command run as many separate processes at once (the shell's `&`), each waited
// for without blocking the test process, so the app's router can work in it meanwhile.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type CliResult, ROOT } from '../../support/cli.ts';

const BIN = join(ROOT, 'bin', 'airlock.cjs');

/** Starts `airlock …` with only `env` of AIRLOCK_* (none of the test's own); resolves at exit. */
export function airlock(args: readonly string[], env: Record<string, string> = {}) {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('AIRLOCK_')) clean[key] = value;
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

/** The one JSON object a `--json` run printed. */
export function jsonLine<T = Record<string, unknown>>(result: CliResult): T {
  const lines = result.stdout.split('\n').filter((line) => line !== '');
  if (lines.length !== 1) throw new Error(`expected one line:\n${result.stdout}${result.stderr}`);
  return JSON.parse(lines[0]!) as T;
}
