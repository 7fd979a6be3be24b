// Copies of a workspace database in its `backups/` folder, made with SQLite's online backup while
// the workspace stays in use: before every migration and batch, once a day, and on demand. The
// newest ten are kept, and so are the newest ten made deliberately (on demand, or before a
// migration): a run of batches never pushes those out. Each
// copy is written under a temporary name and renamed when complete.

import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DomainError } from '../../../shared/errors.ts';
import { WORKSPACE_APPLICATION_ID } from '../../../shared/migrations/workspace-schema.ts';
import { fsyncDirectory, tempPathFor } from '../durable-write.ts';
import { GENESIS } from '../audit-entry.ts';
import type { AuditHead } from './audit-table.ts';
import { WorkspaceDb } from './workspace-db.ts';

export const BACKUPS_DIR = 'backups';
export const BACKUPS_KEPT = 10;
export const DAILY_MS = 24 * 60 * 60 * 1000;

const REASONS = ['daily', 'batch', 'migration', 'manual', 'restore', 'import'] as const;
export type BackupReason = (typeof REASONS)[number];
const isReason = (word: string): word is BackupReason =>
  (REASONS as readonly string[]).includes(word);

export interface BackupInfo {
  fileName: string;
  path: string;
  /** When it was made (from its name), ms. */
  createdAt: number;
  reason: BackupReason | 'unknown';
  bytes: number;
}

const NAME = /^workspace-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-([a-z]+)\.db$/;

function stampOf(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

function timeOf(stamp: string): number {
  const [day, rest] = stamp.split('T') as [string, string];
  const [h, m, s, ms] = rest.replace('Z', '').split('-');
  return Date.parse(`${day}T${h}:${m}:${s}.${ms}Z`);
}

/** The backups of the workspace in `dir`, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  const folder = join(dir, BACKUPS_DIR);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const fileName of names) {
    const match = NAME.exec(fileName);
    if (!match) continue;
    let bytes: number;
    try {
      bytes = statSync(join(folder, fileName)).size;
    } catch {
      continue; // removed while listing
    }
    out.push({
      fileName,
      path: join(folder, fileName),
      createdAt: timeOf(match[1]!),
      reason: isReason(match[2]!) ? match[2]! : 'unknown',
      bytes,
    });
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || b.fileName.localeCompare(a.fileName));
}

/** Copies someone asked for, or made before the schema changed: kept apart from the rest. */
const DELIBERATE: ReadonlySet<BackupInfo['reason']> = new Set(['manual', 'migration']);

/**
 * Keeps the newest `keep` backups of each kind: those made on their own (daily, before a batch
 * or an import) and deliberate ones. The newest `keep` of all are therefore always kept.
 */
export function pruneBackups(dir: string, keep = BACKUPS_KEPT): void {
  const all = listBackups(dir);
  for (const deliberate of [true, false]) {
    const ofKind = all.filter((b) => DELIBERATE.has(b.reason) === deliberate);
    for (const old of ofKind.slice(keep)) rmSync(old.path, { force: true });
  }
}

function targetFor(dir: string, reason: BackupReason, now: number) {
  const folder = join(dir, BACKUPS_DIR);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const fileName = `workspace-${stampOf(now)}-${reason}.db`;
  const temp = tempPathFor(join(folder, fileName));
  return { folder, fileName, path: join(folder, fileName), temp };
}

function finish(target: ReturnType<typeof targetFor>, dir: string): BackupInfo {
  // A copy is a plain one-file database (rollback journal, not WAL): it can be read, checked
  // and copied back without companion files.
  const copy = new Database(target.temp, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  chmodSync(target.temp, 0o600); // only its owner reads a workspace, or a copy of one
  renameSync(target.temp, target.path);
  fsyncDirectory(target.folder);
  pruneBackups(dir);
  const info = listBackups(dir).find((b) => b.fileName === target.fileName);
  if (!info) throw new Error(`backup ${target.fileName} vanished`);
  return info;
}

const BACKUP_STEP_PAGES = 4096;

/** An online backup (`db.backup()`): other readers and writers go on while it copies. */
export async function backupWorkspace(
  db: WorkspaceDb,
  dir: string,
  reason: BackupReason,
  now: number,
): Promise<BackupInfo> {
  const target = targetFor(dir, reason, now);
  try {
    // 16 MiB a step (the default is 100 pages): other calls still get in between two steps.
    await db.sqlite.backup(target.temp, { progress: () => BACKUP_STEP_PAGES });
    return finish(target, dir);
  } catch (error) {
    rmSync(target.temp, { force: true });
    throw error;
  }
}

/**
 * The same copy made at once, for the moments nothing may happen before it is complete (just
 * before a migration changes the file): the database's pages as one consistent image, written
 * and flushed.
 */
export function backupWorkspaceNow(
  db: WorkspaceDb,
  dir: string,
  reason: BackupReason,
  now: number,
): BackupInfo {
  const target = targetFor(dir, reason, now);
  try {
    const image = db.sqlite.serialize();
    const fd = openSync(target.temp, 'wx', 0o600);
    try {
      for (let written = 0; written < image.length;)
        written += writeSync(fd, image, written, image.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return finish(target, dir);
  } catch (error) {
    rmSync(target.temp, { force: true });
    throw error;
  }
}

/** What a backup holds, read without changing it: which workspace, and where its log ends. */
export function describeBackup(path: string): {
  workspace: string;
  head: AuditHead;
  version: number;
} {
  const db = WorkspaceDb.open(path, { readonly: true });
  try {
    if (db.sqlite.pragma('application_id', { simple: true }) !== WORKSPACE_APPLICATION_ID)
      throw new DomainError('STORE_DAMAGED', {
        path,
        problem: 'not an Airlock workspace database',
      });
    const problems = (db.sqlite.pragma('quick_check(1)') as Array<Record<string, string>>)
      .map((row) => Object.values(row)[0])
      .filter((p) => p !== 'ok');
    if (problems.length > 0)
      throw new DomainError('STORE_DAMAGED', { path, problem: problems.join('; ') });
    const row = db.sqlite.prepare('SELECT id FROM workspace WHERE singleton = 1').get() as
      { id: string } | undefined;
    const head = (db.sqlite
      .prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1')
      .get() as AuditHead | undefined) ?? { seq: 0, hash: GENESIS };
    return { workspace: row?.id ?? '', head, version: db.version };
  } catch (error) {
    throw error instanceof DomainError
      ? error
      : new DomainError('STORE_DAMAGED', { path, problem: String(error).slice(0, 200) });
  } finally {
    db.close();
  }
}
