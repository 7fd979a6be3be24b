// Restoring a workspace from a backup: what it would lose is shown first (the log entries after
// the backup's newest one, read from the database it replaces where that can still be read),
// the replaced database is kept, and the restore itself is the restored log's next entry.

import {
  copyFileSync,
  mkdtempSync,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DomainError, isDomainError } from '../../../shared/errors.ts';
import type { DomainPorts } from '../../../shared/ports.ts';
import { fsyncDirectory, tempPathFor, writeNewFileSynced } from '../durable-write.ts';
import { AuditTable } from '../db/audit-table.ts';
import { BACKUPS_DIR, describeBackup } from '../db/backups.ts';
import { readHeadMarker, writeHeadMarker } from '../db/head-marker.ts';
import Database from 'better-sqlite3';
import { storeFailure } from '../db/sqlite-errors.ts';
import { DEFAULT_BUSY_TIMEOUT_MS, type OpenOptions, WorkspaceDb } from '../db/workspace-db.ts';
import { DATABASE_FILE } from './workspace-paths.ts';

export const REPLACED_DIR = 'replaced';
const SHOWN_LOST = 200;

export interface LostEntry {
  seq: number;
  time: string;
  action: string;
  subject?: string;
}

export interface RestoreReport {
  restored: boolean;
  backup: { file: string; seq: number };
  /** What the current database holds after the backup: known when it can still be read. */
  lost: { count: number | null; entries: LostEntry[]; readable: boolean };
  /** Where the replaced database was kept (not on a dry run). */
  replacedKeptAt?: string;
}

function backupPath(dir: string, from: string): string {
  // A bare name is one of the workspace's own backups; anything else is a path the operator gave.
  const path = /^[^/\\]+$/.test(from) ? join(dir, BACKUPS_DIR, from) : from;
  if (!existsSync(path)) throw new DomainError('BACKUP_NOT_FOUND', { backup: from });
  return path;
}

/**
 * The entries the current database has beyond `after`, if it can be read at all: read from a
 * copy in a temporary folder, so the (possibly damaged) original is never touched.
 */
function entriesAfter(
  dir: string,
  id: string,
  after: number,
  ports: DomainPorts,
): RestoreReport['lost'] {
  const path = join(dir, DATABASE_FILE);
  const marker = readHeadMarker(dir);
  const fromMarker = marker ? Math.max(0, marker.seq - after) : null;
  if (!existsSync(path)) return { count: fromMarker, entries: [], readable: false };
  const scratch = mkdtempSync(join(tmpdir(), 'airlock-restore-'));
  let db: WorkspaceDb | undefined;
  try {
    for (const suffix of ['', '-wal'])
      if (existsSync(`${path}${suffix}`))
        copyFileSync(`${path}${suffix}`, join(scratch, `${DATABASE_FILE}${suffix}`));
    db = WorkspaceDb.open(join(scratch, DATABASE_FILE), { readonly: true });
    const entries: LostEntry[] = [];
    let count = 0;
    for (const e of new AuditTable(db, id, ports.clock).entriesAfter(after)) {
      count++;
      if (entries.length < SHOWN_LOST)
        entries.push({
          seq: e.seq,
          time: e.time,
          action: e.action,
          ...(e.subject ? { subject: e.subject } : {}),
        });
    }
    return { count: Math.max(count, fromMarker ?? 0), entries, readable: true };
  } catch {
    return { count: fromMarker, entries: [], readable: false };
  } finally {
    db?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function restoreWorkspace(options: {
  id: string;
  dir: string;
  from: string;
  ports: DomainPorts;
  dryRun: boolean;
  openOptions: OpenOptions;
}): RestoreReport {
  const { id, dir, ports } = options;
  const source = backupPath(dir, options.from);
  let described: ReturnType<typeof describeBackup>;
  try {
    described = describeBackup(source);
  } catch (error) {
    throw new DomainError('BACKUP_INVALID', {
      backup: basename(source),
      problem: isDomainError(error) ? String(error.facts.problem ?? error.code) : 'not a database',
    });
  }
  if (described.workspace !== id)
    throw new DomainError('BACKUP_OTHER_WORKSPACE', {
      backup: basename(source),
      workspace: id,
      found: described.workspace,
    });
  const backup = { file: basename(source), seq: described.head.seq };
  if (options.dryRun)
    return { restored: false, backup, lost: entriesAfter(dir, id, backup.seq, ports) };

  // The backup is copied beside the database and made durable first: a copy that fails (a full
  // disk) leaves the current database where it is. It is copied as SQLite reads it, so a database
  // a restore put aside, with its -wal beside it, comes back whole.
  const temp = tempPathFor(join(dir, DATABASE_FILE));
  try {
    const reader = new Database(source, { readonly: true, fileMustExist: true });
    let image: Buffer;
    try {
      image = reader.serialize();
    } finally {
      reader.close();
    }
    writeNewFileSynced(temp, image);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  const stamp = new Date(ports.clock.now()).toISOString().replace(/[:.]/g, '-');
  const kept = join(dir, REPLACED_DIR, stamp);
  let report: RestoreReport;
  try {
    report = whileLocked(join(dir, DATABASE_FILE), options.openOptions, () => {
      // What is lost is counted while no other process can add to it.
      const lost = entriesAfter(dir, id, backup.seq, ports);
      mkdirSync(kept, { recursive: true, mode: 0o700 });
      for (const suffix of ['', '-wal', '-shm']) {
        const file = join(dir, `${DATABASE_FILE}${suffix}`);
        if (existsSync(file)) renameSync(file, join(kept, `${DATABASE_FILE}${suffix}`));
      }
      fsyncDirectory(kept);
      renameSync(temp, join(dir, DATABASE_FILE));
      fsyncDirectory(dir);
      return { restored: false, backup, lost };
    });
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  const db = WorkspaceDb.open(join(dir, DATABASE_FILE), options.openOptions);
  try {
    if (db.needsUpgrade) db.migrate();
    const audit = new AuditTable(db, id, ports.clock);
    db.write(() =>
      audit.append([
        {
          action: 'workspace-restored',
          direction: 'none',
          details: {
            backup: report.backup.file,
            backupSeq: report.backup.seq,
            lost: report.lost.count,
            replacedKeptAt: kept,
          },
        },
      ]),
    );
    writeHeadMarker(dir, audit.head());
  } finally {
    db.close();
  }
  return { ...report, restored: true, replacedKeptAt: kept };
}

/**
 * Runs `move` holding the write lock of the database at `path`. A writer in another process
 * waits for it, then finds another file in place and is refused (WORKSPACE_REPLACED) instead of
 * committing to the file moved aside; a second restore waits, then finds the same and is
 * refused WORKSPACE_BUSY. A database too damaged to be locked is moved as it is.
 */
function whileLocked<T>(path: string, options: OpenOptions, move: () => T): T {
  const before = existsSync(path) ? statSync(path) : undefined;
  if (!before) return move();
  let lock: Database.Database | undefined;
  try {
    lock = new Database(path, {
      fileMustExist: true,
      timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    });
    lock.exec('BEGIN IMMEDIATE');
  } catch (error) {
    lock?.close();
    lock = undefined;
    const failure = storeFailure(error, path, options.workspace);
    if (isDomainError(failure) && failure.code === 'WORKSPACE_BUSY') throw failure;
  }
  try {
    const now = existsSync(path) ? statSync(path) : undefined;
    if (lock && (now?.ino !== before.ino || now.dev !== before.dev))
      throw new DomainError('WORKSPACE_BUSY', { workspace: options.workspace ?? path });
    return move();
  } finally {
    if (lock) {
      try {
        lock.exec('ROLLBACK');
      } finally {
        lock.close();
      }
    }
  }
}
