// What the operator never does but a disk, a crash or a careless copy can: a workspace's database
// damaged in its middle, or gone. The services close their databases first, as a quit would.
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Airlock } from './fixtures.ts';

export function databasePath(airlock: Airlock, workspaceId: string): string {
  return join(airlock.dataDir, 'workspaces', workspaceId, 'workspace.db');
}

/** Overwrites the middle half of the database file (whole pages of it) with noise. */
export async function damageDatabase(airlock: Airlock, workspaceId: string): Promise<void> {
  await airlock.services.close();
  const path = databasePath(airlock, workspaceId);
  const page = 4096;
  const size = statSync(path).size;
  const start = Math.max(page, Math.floor(size / 4 / page) * page);
  const length = Math.max(page, Math.floor(size / 2 / page) * page);
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, start);
  } finally {
    closeSync(fd);
  }
}

/** Deletes the database (and its -wal and -shm), leaving the workspace's backups. */
export async function deleteDatabase(airlock: Airlock, workspaceId: string): Promise<void> {
  await airlock.services.close();
  const path = databasePath(airlock, workspaceId);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}
