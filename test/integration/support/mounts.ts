// Real small filesystems for "the stick is full" tests, where this machine lets the test mount one.

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function tryRun(file: string, args: string[]): boolean {
  try {
    execFileSync(file, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface Mounted {
  unmount(): void;
}

/** Mounts a tmpfs on a fresh `dir` (e.g. `size=64k`, `nr_inodes=4`); undefined when not permitted. */
export function mountTmpfs(dir: string, options: string): Mounted | undefined {
  mkdirSync(dir, { recursive: true });
  if (!tryRun('mount', ['-t', 'tmpfs', '-o', `${options},mode=0755`, 'tmpfs', dir]))
    return undefined;
  return { unmount: () => void tryRun('umount', [dir]) };
}

/** Fills the filesystem at `dir` with one file until the kernel says ENOSPC. */
export function fill(dir: string, name = 'filler.bin'): void {
  for (;;) {
    try {
      writeFileSync(join(dir, name), new Uint8Array(4096), { flag: 'a' });
    } catch {
      return;
    }
  }
}

/** Creates empty files until no inode is left: bytes to spare, yet no new file can be made. */
export function useUpInodes(dir: string): void {
  for (let n = 0; ; n += 1) {
    try {
      writeFileSync(join(dir, `held-${n}.txt`), '', { flag: 'wx' });
    } catch {
      return;
    }
  }
}
