// What the operator never does but a disk, a crash or a careless copy can: a workspace's database
// damaged in its middle, or gone — and what an attacker with the file can: its audit log cut short.
// The services close their databases first, as a quit would.
import Database from 'better-sqlite3';
import { closeSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
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

/**
 * Deletes the newest `count` audit entries as an attacker with the file would: the append-only
 * triggers dropped first, and the marker beside the database rewritten to name the new newest
 * entry (so the workspace still opens). Only the signed checkpoint can tell. Returns the seq of
 * the newest entry before and after.
 */
export async function cutAuditLog(
  airlock: Airlock,
  workspaceId: string,
  count: number,
): Promise<{ before: number; after: number }> {
  await airlock.services.close();
  const db = new Database(databasePath(airlock, workspaceId), { fileMustExist: true });
  try {
    const before = db.prepare('SELECT max(seq) FROM audit').pluck().get() as number;
    const after = before - count;
    db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
    db.prepare('DELETE FROM audit WHERE seq > ?').run(after);
    const hash = db.prepare('SELECT hash FROM audit WHERE seq = ?').pluck().get(after) as string;
    writeFileSync(
      join(airlock.dataDir, 'workspaces', workspaceId, 'workspace.head'),
      `${JSON.stringify({ seq: after, hash })}\n`,
    );
    return { before, after };
  } finally {
    db.close();
  }
}

/**
 * Changes records as someone with the file and the `sqlite3` shell would: the triggers that keep
 * their digests dropped first (with them in place the shell cannot change a guarded row at all).
 */
export async function changeRecords(
  airlock: Airlock,
  workspaceId: string,
  triggers: string[],
  sql: string,
): Promise<void> {
  await airlock.services.close();
  const db = new Database(databasePath(airlock, workspaceId), { fileMustExist: true });
  try {
    for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger}`);
    db.exec(sql);
  } finally {
    db.close();
  }
}
