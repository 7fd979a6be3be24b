// Fresh folders under the OS temp directory for data folders and "sticks", removed after the file.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `airlock-${label}-`));
  made.push(dir);
  return dir;
}

/** Call from afterAll: removes every folder this test file made. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
