// Real read-only and real full filesystems for the file tests, where this machine allows mounting.

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function tryRun(file: string, args: string[]): boolean {
  try {
    execFileSync(file, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function canWrite(dir: string): boolean {
  try {
    writeFileSync(join(dir, '.probe'), 'x', { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

export type ReadOnlyMode = 'chmod 0555' | 'read-only bind mount' | 'injected EROFS';

/**
 * Makes `dir` (already holding the files the test needs) read-only the most real way available:
 * chmod works for ordinary users; root ignores it, so then a read-only bind mount; failing that the
 * caller injects EROFS.
 */
export function makeReadOnly(dir: string): { mode: ReadOnlyMode; undo: () => void } {
  chmodSync(dir, 0o555);
  if (!canWrite(dir)) return { mode: 'chmod 0555', undo: () => chmodSync(dir, 0o755) };
  chmodSync(dir, 0o755);
  const probe = join(dir, '.probe');
  tryRun('rm', ['-f', probe]);
  if (
    tryRun('mount', ['--bind', dir, dir]) &&
    tryRun('mount', ['-o', 'remount,ro,bind', dir]) &&
    !canWrite(dir)
  ) {
    return { mode: 'read-only bind mount', undo: () => void tryRun('umount', [dir]) };
  }
  tryRun('umount', [dir]);
  return { mode: 'injected EROFS', undo: () => undefined };
}

/** Mounts a 64 KiB tmpfs on a fresh `dir`; undefined when this machine does not allow it. */
export function mountTinyFilesystem(dir: string): { unmount: () => void } | undefined {
  mkdirSync(dir, { recursive: true });
  if (!tryRun('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0755', 'tmpfs', dir])) return undefined;
  return { unmount: () => void tryRun('umount', [dir]) };
}
