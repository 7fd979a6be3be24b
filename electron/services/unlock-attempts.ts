// Failed passphrase attempts on an authority key, kept in a small file beside the key so that the
// delay after a few failures holds across CLI processes and app restarts.

import { readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileDurably } from './durable-write.ts';

/** Wrong passphrases allowed before each further attempt has to wait. */
export const FREE_ATTEMPTS = 3;
const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 15 * 60_000;
const FORMAT = 'airlock-unlock-attempts';

export interface UnlockAttempts {
  failures: number;
  /** Wall-clock time (ms) of the latest failure. */
  lastFailureAt: number;
}

const NONE: UnlockAttempts = { failures: 0, lastFailureAt: 0 };

/** `authority-key.json` → `authority-key.attempts.json`, in the same folder. */
export function attemptsPathFor(keyPath: string): string {
  return join(dirname(keyPath), `${basename(keyPath).replace(/\.json$/, '')}.attempts.json`);
}

/**
 * The recorded failures. A missing or unreadable file counts as none: whoever can damage it can
 * delete it too, and can copy the key file away to guess offline — this delay guards the app's
 * and the CLI's own doors, scrypt guards the file.
 */
export function readAttempts(path: string): UnlockAttempts {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const { failures, lastFailureAt } = value;
    if (value.format !== FORMAT) return NONE;
    if (!Number.isSafeInteger(failures) || (failures as number) < 0) return NONE;
    if (!Number.isFinite(lastFailureAt)) return NONE;
    return { failures: failures as number, lastFailureAt: lastFailureAt as number };
  } catch {
    return NONE;
  }
}

/** The delay that follows `failures` wrong passphrases: none for the first few, then doubling. */
export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(failures - FREE_ATTEMPTS, 20));
}

/**
 * Milliseconds still to wait before the next attempt may run. Never more than the full delay, so
 * a clock set back after a failure cannot lock the key for longer than the schedule says.
 */
export function waitBeforeNextAttempt(attempts: UnlockAttempts, now: number): number {
  const delay = delayAfter(attempts.failures);
  if (delay === 0) return 0;
  return Math.max(0, Math.min(delay, attempts.lastFailureAt + delay - now));
}

export function recordFailure(path: string, now: number): UnlockAttempts {
  const next = { failures: readAttempts(path).failures + 1, lastFailureAt: now };
  writeFileDurably(path, `${JSON.stringify({ format: FORMAT, ...next })}\n`, 0o600);
  return next;
}

export function clearAttempts(path: string): void {
  rmSync(path, { force: true });
}
