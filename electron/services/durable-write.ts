// Small crash-safe file primitives for the app's own data folder: replace whole, or not at all.

import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Makes a rename or a newly created file in `dir` survive a power cut. Some platforms (Windows)
 * and filesystems cannot open or sync a directory; there is nothing more to do there.
 */
export function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort by design: see above.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Where `path` is written before it is renamed into place: a hidden name in the same folder that
 * carries this process's id, so a later process can tell a leftover of a killed writer (its
 * process is gone) from a file another process is writing right now (sweepTemporaryFiles).
 */
export function tempPathFor(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

/** A temporary file, or the journal SQLite keeps beside one (a backup being copied into it). */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp(?:-journal|-wal|-shm)?$/;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

/**
 * Removes, from `dir`, the temporary files (tempPathFor) of writers that were killed before they
 * could rename them: those whose process no longer runs. Returns the names removed.
 */
export function sweepTemporaryFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match || processAlive(Number(match[1]))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Writes `data` into a file that must not exist yet, whole, and on disk before it returns. */
export function writeNewFileSynced(path: string, data: string | Uint8Array, mode = 0o600): void {
  const fd = openSync(path, 'wx', mode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let written = 0; written < bytes.length;) {
      written += writeSync(fd, bytes, written, bytes.length - written);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces `path` with `data`: readers see the old bytes or the new ones, never a mix. */
export function writeFileDurably(path: string, data: string | Uint8Array, mode = 0o600): void {
  const temp = tempPathFor(path);
  try {
    writeNewFileSynced(temp, data, mode);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncDirectory(dirname(path));
}
