// What a killed writer leaves behind is swept on the next open: its temporary file, and the
// journal SQLite kept beside a backup it was copying; a living writer's files stay.

import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { sweepTemporaryFiles, tempPathFor } from '../../../electron/services/durable-write.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

afterAll(removeTempDirs);

it("removes a dead writer's temporary file and its SQLite journal, and nothing of a live one", () => {
  const dir = tempDir('sweep');
  mkdirSync(dir, { recursive: true });
  // A process id no process has (above the kernel's pid_max).
  const dead = '.workspace-2026-01-15T09-00-00-000Z-batch.db.4194305.16c49d2f.tmp';
  const mine = tempPathFor(join(dir, 'workspace.db'));
  for (const name of [dead, `${dead}-journal`, `${dead}-wal`, 'workspace.db', 'notes.tmp'])
    writeFileSync(join(dir, name), 'x');
  writeFileSync(mine, 'x');
  writeFileSync(`${mine}-journal`, 'x');
  expect(sweepTemporaryFiles(dir).sort()).toEqual([dead, `${dead}-journal`, `${dead}-wal`]);
  expect(readdirSync(dir).sort()).toEqual(
    [
      'notes.tmp',
      'workspace.db',
      mine.split('/').at(-1)!,
      `${mine.split('/').at(-1)!}-journal`,
    ].sort(),
  );
  expect(existsSync(mine)).toBe(true);
});
