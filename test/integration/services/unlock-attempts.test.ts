// Guessing the authority passphrase through Airlock's own door: after three wrong passphrases each
// attempt waits longer, the count lives beside the key (so a new process does not reset it), and
// every refusal carries the facts a caller logs.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import { generateAuthorityKey, unlockAuthorityKeyFile } from '../../../electron/services/keys.ts';
import {
  FREE_ATTEMPTS,
  attemptsPathFor,
  delayAfter,
  readAttempts,
  waitBeforeNextAttempt,
} from '../../../electron/services/unlock-attempts.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

afterAll(removeTempDirs);

const PASSPHRASE = 'the right desk passphrase';
const keyFile = `${JSON.stringify(generateAuthorityKey(PASSPHRASE).encryptedKeyFile, null, 2)}\n`;

function keyIn(label: string): string {
  const folder = join(tempDir(label), 'workspace');
  mkdirSync(folder);
  const path = join(folder, 'authority-key.json');
  writeFileSync(path, keyFile);
  return path;
}

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** A settable wall clock, in ms. */
function clock(start = Date.parse('2026-03-01T09:00:00Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('unlocking the authority key after wrong passphrases', () => {
  it('lets three wrong passphrases through, then makes every attempt wait, right ones included', () => {
    const path = keyIn('throttle');
    const time = clock();
    const unlock = (passphrase: string) =>
      unlockAuthorityKeyFile(path, passphrase, { now: time.now });

    expect(refusal(() => unlock('guess one')).facts).toEqual({ attempts: 1 });
    expect(refusal(() => unlock('guess two')).facts).toEqual({ attempts: 2 });
    const third = refusal(() => unlock('guess three'));
    expect(third).toMatchObject({
      code: 'PASSPHRASE_WRONG',
      facts: { attempts: 3, retryAfterSeconds: 5 },
    });

    // Within the delay even the right passphrase is refused, before scrypt runs, and not counted.
    const keyBefore = readFileSync(path);
    const attemptsBefore = readFileSync(attemptsPathFor(path));
    time.advance(2_000);
    const early = refusal(() => unlock(PASSPHRASE));
    expect(early).toMatchObject({
      code: 'UNLOCK_THROTTLED',
      facts: { attempts: 3, retryAfterSeconds: 3 },
    });
    expect(readFileSync(path).equals(keyBefore)).toBe(true);
    expect(readFileSync(attemptsPathFor(path)).equals(attemptsBefore)).toBe(true);

    time.advance(3_000);
    expect(refusal(() => unlock('guess four')).facts).toEqual({
      attempts: 4,
      retryAfterSeconds: 10,
    });
    time.advance(9_999);
    expect(refusal(() => unlock(PASSPHRASE)).code).toBe('UNLOCK_THROTTLED');
    time.advance(1);
    expect(unlock(PASSPHRASE).privateKey.type).toBe('private');

    // A success clears the count: the next mistake is the first again.
    expect(existsSync(attemptsPathFor(path))).toBe(false);
    expect(refusal(() => unlock('a typo')).facts).toEqual({ attempts: 1 });
  });

  it('keeps the count in a file beside the key, so a fresh process starts where the last stopped', () => {
    const path = keyIn('throttle-file');
    const time = clock();
    for (let i = 0; i < FREE_ATTEMPTS; i += 1)
      refusal(() => unlockAuthorityKeyFile(path, `guess ${i}`, { now: time.now }));
    expect(attemptsPathFor(path)).toBe(join(path, '..', 'authority-key.attempts.json'));
    expect(readAttempts(attemptsPathFor(path))).toEqual({
      failures: 3,
      lastFailureAt: time.now(),
    });
    // Nothing held in memory between calls: only the file says to wait.
    expect(refusal(() => unlockAuthorityKeyFile(path, PASSPHRASE, { now: time.now })).code).toBe(
      'UNLOCK_THROTTLED',
    );
  });

  it('does not count a damaged key file as a wrong passphrase', () => {
    const path = keyIn('throttle-corrupt');
    writeFileSync(path, keyFile.slice(0, 100));
    for (let i = 0; i < 5; i += 1)
      expect(refusal(() => unlockAuthorityKeyFile(path, 'anything at all')).code).toBe(
        'KEY_FILE_CORRUPT',
      );
    expect(existsSync(attemptsPathFor(path))).toBe(false);
  });

  it('doubles the delay up to a quarter of an hour, and a clock set back never lengthens it', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(delayAfter)).toEqual([0, 0, 0, 5_000, 10_000, 20_000, 40_000]);
    expect(delayAfter(50)).toBe(15 * 60_000);
    const last = Date.parse('2026-03-01T09:00:00Z');
    expect(waitBeforeNextAttempt({ failures: 4, lastFailureAt: last }, last + 4_000)).toBe(6_000);
    expect(waitBeforeNextAttempt({ failures: 4, lastFailureAt: last }, last - 86_400_000)).toBe(
      10_000,
    );
  });
});
