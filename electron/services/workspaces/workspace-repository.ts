// The data directory's workspaces: create, list, open (checked, upgraded, kept open), rename,
// delete — and the operator's tools for a workspace's database: check, back up, restore.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { toHex } from '../../../shared/codes/bytes.ts';
import { DomainError, isDomainError } from '../../../shared/errors.ts';
import type { Side, WorkspaceDto } from '../../../shared/ipc/dto.ts';
import type { DomainPorts } from '../../../shared/ports.ts';
import { sweepTemporaryFiles, writeFileDurably } from '../durable-write.ts';
import {
  BACKUPS_DIR,
  type BackupInfo,
  type BackupReason,
  DAILY_MS,
  backupWorkspace,
  backupWorkspaceNow,
  listBackups,
} from '../db/backups.ts';
import { readHeadMarker, writeHeadMarker } from '../db/head-marker.ts';
import { AuditTable } from '../db/audit-table.ts';
import { storeFailure } from '../db/sqlite-errors.ts';
import { type OpenOptions, WorkspaceDb } from '../db/workspace-db.ts';
import {
  hasLegacyWorkspace,
  importLegacyWorkspace,
  keepLegacyFiles,
} from '../legacy/legacy-import.ts';
import type { SecretStore } from '../passphrase-memory.ts';
import { AuthorityWorkspace } from './authority/authority-workspace.ts';
import { SiteWorkspace } from './site/site-workspace.ts';
import { SITE_KEY_FILE, createSiteKey, siteKeyExists } from '../site-key.ts';
import {
  DATABASE_FILE,
  DELETED_DIR,
  META_FILE,
  WORKSPACES_DIR,
  workspaceDir,
} from './workspace-paths.ts';
import { REPLACED_DIR, restoreWorkspace, type RestoreReport } from './workspace-restore.ts';

export interface RepositoryDeps {
  dataDir: string;
  ports: DomainPorts;
  secretStore?: SecretStore;
  /** The operator's passphrase where it comes without asking (the CLI's environment). */
  passphrase?: () => string | undefined;
  /** How long a write waits for another process before WORKSPACE_BUSY (ms). */
  busyTimeoutMs?: number;
  /**
   * Check each database on another core while it is already in use (the app: its first screen
   * does not wait for a read of the whole file); by default the check comes first (the CLI).
   */
  backgroundChecks?: boolean;
  /** Told when a background check found an open workspace damaged (the app tells its window). */
  onDamaged?: (workspaceId: string) => void;
}

export type OpenWorkspace = AuthorityWorkspace | SiteWorkspace;

/** A small file beside each database, so listing never has to open one. */
interface Meta {
  id: string;
  kind: Side;
  name: string;
  createdAt: string;
}

export class WorkspaceRepository {
  private readonly open = new Map<string, OpenWorkspace>();
  private readonly pending = new Set<Promise<unknown>>();
  /** Workspaces a background check found damaged: refused at once until restored. */
  private readonly damaged = new Map<string, DomainError>();
  /** Each open database's `data_version` when last looked at (changedElsewhere). */
  private readonly versions = new Map<string, number>();
  /** Connections to databases a restore elsewhere replaced (see replacedElsewhere). */
  private readonly retired: WorkspaceDb[] = [];

  constructor(readonly deps: RepositoryDeps) {
    mkdirSync(join(deps.dataDir, WORKSPACES_DIR), { recursive: true });
  }

  list(): WorkspaceDto[] {
    const root = join(this.deps.dataDir, WORKSPACES_DIR);
    const metas: WorkspaceDto[] = [];
    for (const id of readdirSync(root)) {
      const meta = this.readMeta(id);
      if (meta) metas.push(meta);
    }
    return metas.sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name),
    );
  }

  private readMeta(id: string): Meta | undefined {
    try {
      const meta = JSON.parse(
        readFileSync(join(workspaceDir(this.deps.dataDir, id), META_FILE), 'utf8'),
      ) as Meta;
      return meta.id === id && (meta.kind === 'authority' || meta.kind === 'site')
        ? meta
        : undefined;
    } catch {
      return undefined;
    }
  }

  private writeMeta(meta: Meta): void {
    writeFileDurably(
      join(workspaceDir(this.deps.dataDir, meta.id), META_FILE),
      `${JSON.stringify(meta, null, 2)}\n`,
    );
  }

  private ensureNameFree(name: string, except?: string): void {
    const taken = this.list().find(
      (w) => w.id !== except && w.name.toLowerCase() === name.trim().toLowerCase(),
    );
    if (taken) throw new DomainError('WORKSPACE_NAME_TAKEN', { name: name.trim() });
  }

  /**
   * Workspace folders whose meta.json is there but unreadable (cut short, edited by hand): they
   * cannot be listed, and are named instead of passed over in silence.
   */
  unreadable(): string[] {
    const root = join(this.deps.dataDir, WORKSPACES_DIR);
    return readdirSync(root)
      .filter((id) => existsSync(join(root, id, META_FILE)) && !this.readMeta(id))
      .map((id) => join(root, id, META_FILE));
  }

  /**
   * Finds a workspace by id or name; without either, the only workspace of that side (of either
   * side when `kind` is undefined). With none listed, a description file that cannot be read is
   * named instead of passed over.
   */
  resolve(kind: Side | undefined, nameOrId?: string): WorkspaceDto {
    const all = this.list().filter((w) => kind === undefined || w.kind === kind);
    const unreadable = all.length === 0 ? this.unreadable() : [];
    if (unreadable.length > 0)
      throw new DomainError('WORKSPACE_META_DAMAGED', { path: unreadable[0]! });
    if (nameOrId === undefined) {
      if (all.length === 1) return all[0]!;
      throw new DomainError(all.length === 0 ? 'WORKSPACE_NONE' : 'WORKSPACE_AMBIGUOUS', {
        kind,
        count: all.length,
      });
    }
    const found =
      all.find((w) => w.id === nameOrId) ??
      all.find((w) => w.name.toLowerCase() === nameOrId.toLowerCase());
    if (!found) throw new DomainError('WORKSPACE_NOT_FOUND', { workspace: nameOrId, kind });
    return found;
  }

  /** A workspace of either side by id or name. */
  find(nameOrId: string): WorkspaceDto {
    return this.resolve(undefined, nameOrId);
  }

  /**
   * Creates the folder and the database; `fill` writes the side's first rows (inside the
   * creating transaction, with `log` for its audit entries) and may write files into the folder
   * first. The meta file comes last: until it exists the folder is not a workspace.
   */
  create(
    kind: Side,
    name: string,
    fill: (db: WorkspaceDb, meta: Meta, dir: string) => void,
  ): OpenWorkspace {
    const clean = name.trim();
    if (clean === '') throw new DomainError('WORKSPACE_NAME_EMPTY');
    this.ensureNameFree(clean);
    const id = `${kind === 'authority' ? 'a' : 's'}-${toHex(this.deps.ports.random.bytes(5))}`;
    const dir = workspaceDir(this.deps.dataDir, id);
    const meta: Meta = {
      id,
      kind,
      name: clean,
      createdAt: new Date(this.deps.ports.clock.now()).toISOString(),
    };
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    let db: WorkspaceDb | undefined;
    try {
      db = WorkspaceDb.create(
        join(dir, DATABASE_FILE),
        (db) => {
          db.stmt(
            'INSERT INTO workspace (singleton, id, kind, name, created_at) VALUES (1, ?, ?, ?, ?)',
          ).run(id, kind, clean, meta.createdAt);
          fill(db, meta, dir);
        },
        this.dbOptions(id),
      );
      writeHeadMarker(dir, new AuditTable(db, id, this.deps.ports.clock).head());
      this.writeMeta(meta);
      this.open.set(id, this.wrap(id, db, dir, kind));
    } catch (error) {
      // Nothing half-made stays behind: without its meta file the folder would be invisible anyway.
      // The connection is closed first, whether or not the workspace around it was made.
      db?.close();
      this.open.delete(id);
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return this.get(id);
  }

  private dbOptions(id: string): OpenOptions {
    return {
      workspace: id,
      ...(this.deps.busyTimeoutMs !== undefined ? { busyTimeoutMs: this.deps.busyTimeoutMs } : {}),
    };
  }

  /** How an existing workspace's database is opened: checked at once, or beside its use. */
  private openOptions(id: string): OpenOptions {
    if (!this.deps.backgroundChecks) return this.dbOptions(id);
    return {
      ...this.dbOptions(id),
      check: 'background',
      onDamaged: (error) => {
        // Forgotten and remembered as damaged, so every later use is refused at once with the
        // way back (a backup); closed once the call that found the damage has unwound.
        const ws = this.open.get(id);
        this.open.delete(id);
        this.versions.delete(id);
        this.damaged.set(id, error);
        if (ws) setImmediate(() => ws.db.close());
        this.deps.onDamaged?.(id);
        return this.withBackup(id, error) as DomainError;
      },
    };
  }

  private wrap(id: string, db: WorkspaceDb, dir: string, kind: Side): OpenWorkspace {
    const parts = {
      id,
      db,
      ports: this.deps.ports,
      dir,
      ...(this.deps.secretStore ? { secretStore: this.deps.secretStore } : {}),
      ...(this.deps.passphrase ? { passphrase: this.deps.passphrase } : {}),
    };
    return kind === 'authority' ? new AuthorityWorkspace(parts) : new SiteWorkspace(parts);
  }

  /** Facts that point the operator to the way back: the newest backup, if there is one. */
  private withBackup(id: string, error: unknown): unknown {
    if (!isDomainError(error)) return error;
    if (
      !['STORE_DAMAGED', 'STORE_MISSING', 'STORE_ROLLED_BACK', 'TRUST_TAMPERED'].includes(
        error.code,
      )
    )
      return error;
    const dir = workspaceDir(this.deps.dataDir, id);
    const newest = listBackups(dir)[0];
    // A restore cut short between its two renames leaves no database, and the whole one it was
    // replacing in replaced/: that is the way back that loses nothing.
    const replaced = error.code === 'STORE_MISSING' ? newestReplaced(dir) : undefined;
    return new DomainError(error.code, {
      ...error.facts,
      workspace: id,
      ...(replaced ? { replaced } : {}),
      ...(newest ? { backup: newest.fileName, backupAt: newest.createdAt } : {}),
    });
  }

  /**
   * The open workspace with this id, opening it on first use: a schema-1 workspace is imported,
   * an older database upgraded (after a backup), and a missing, damaged or rolled-back one is
   * refused with what is wrong and the newest backup — never reset, never quietly replaced.
   */
  get(id: string): OpenWorkspace {
    const cached = this.open.get(id);
    if (cached && !this.replacedElsewhere(id, cached)) return cached;
    const damage = this.damaged.get(id);
    if (damage) throw this.withBackup(id, damage);
    const meta = this.readMeta(id);
    if (!meta) throw new DomainError('WORKSPACE_NOT_FOUND', { workspace: id });
    const dir = workspaceDir(this.deps.dataDir, id);
    const path = join(dir, DATABASE_FILE);
    // What a killed writer left half-written (a backup, the head marker) goes first.
    sweepTemporaryFiles(dir);
    sweepTemporaryFiles(join(dir, BACKUPS_DIR));
    try {
      if (!existsSync(path)) {
        if (!hasLegacyWorkspace(dir)) throw new DomainError('STORE_MISSING', { path });
        importLegacyWorkspace(dir, id, path, this.deps.ports);
      } else if (hasLegacyWorkspace(dir)) keepLegacyFiles(dir); // an import cut short after its rename
      const db = WorkspaceDb.open(path, this.openOptions(id));
      try {
        this.checkIdentity(db, id);
        this.checkHead(db, id, dir);
        this.upgrade(db, id, dir);
        if (meta.kind === 'site') this.ensureSiteKey(db, id, dir);
        const ws = this.wrap(id, db, dir, meta.kind);
        if (ws instanceof SiteWorkspace) ws.checkTrustAgainstLog();
        this.open.set(id, ws);
        ws.anchor(); // a log never signed before (an upgraded workspace) is signed once the key is here
        this.dailyBackup(ws);
        return ws;
      } catch (error) {
        db.close();
        throw error;
      }
    } catch (error) {
      throw this.withBackup(id, error);
    }
  }

  /**
   * The database must hold this very workspace. One at version 0 holds none (a creation cut short
   * before its first commit): upgrading it made a workspace without its identity row, which every
   * later call then failed on with an internal error — it is refused as damaged instead, and left
   * untouched. One naming another workspace was put in this folder by hand.
   */
  private checkIdentity(db: WorkspaceDb, id: string): void {
    let found: string | undefined;
    try {
      found =
        db.version === 0
          ? undefined
          : (db.stmt('SELECT id FROM workspace WHERE singleton = 1').pluck().get() as
              string | undefined);
    } catch (error) {
      throw storeFailure(error, db.path, id); // a file being checked beside its use may be damaged
    }
    if (found !== id)
      throw new DomainError('STORE_DAMAGED', {
        path: db.path,
        problem: found === undefined ? 'it holds no workspace' : `it holds workspace ${found}`,
      });
  }

  /**
   * A site signs its log with a key of its own. One made before sites had keys gets one now
   * (kept by the keychain where there is one); a site whose signed log lost its key is refused.
   */
  private ensureSiteKey(db: WorkspaceDb, id: string, dir: string): void {
    const path = join(dir, SITE_KEY_FILE);
    if (siteKeyExists(path)) return;
    const signed = db.stmt('SELECT count(*) FROM audit_checkpoints').pluck().get() as number;
    if (signed > 0) throw new DomainError('SITE_KEY_MISSING', { workspace: id, path });
    createSiteKey(path, {
      ...(this.deps.secretStore ? { secretStore: this.deps.secretStore } : {}),
      random: this.deps.ports.random,
    });
  }

  /** The database's log must reach the newest entry any process committed (head-marker.ts). */
  private checkHead(db: WorkspaceDb, id: string, dir: string): void {
    const marker = readHeadMarker(dir);
    if (!marker || marker.seq === 0) return;
    const audit = new AuditTable(db, id, this.deps.ports.clock);
    const head = audit.head();
    if (head.seq < marker.seq || !audit.holds(marker))
      throw new DomainError('STORE_ROLLED_BACK', {
        path: db.path,
        expected: marker.seq,
        found: head.seq,
      });
  }

  private upgrade(db: WorkspaceDb, id: string, dir: string): void {
    if (!db.needsUpgrade) return;
    db.ensureChecked(); // a damaged file is neither copied as a backup nor upgraded
    const backup = backupWorkspaceNow(db, dir, 'migration', this.deps.ports.clock.now());
    const audit = new AuditTable(db, id, this.deps.ports.clock);
    // The upgrade and its entry commit together: as two commits, a crash or a full disk between
    // them left an upgraded database whose log never said so.
    db.write(() => {
      const { from, to } = db.migrate();
      audit.append([
        {
          action: 'workspace-migrated',
          direction: 'none',
          details: { from, to, backup: backup.fileName },
        },
      ]);
    });
    writeHeadMarker(dir, audit.head());
  }

  /** Once a day, when a workspace is opened, a copy goes to its `backups/` in the background. */
  private dailyBackup(ws: OpenWorkspace): void {
    const newest = listBackups(ws.dir)[0];
    if (newest && this.deps.ports.clock.now() - newest.createdAt < DAILY_MS) return;
    this.track(this.backup(ws.id, 'daily').catch(() => undefined));
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    const done = () => void this.pending.delete(promise);
    promise.then(done, done); // the caller handles the rejection; this only forgets the promise
    return promise;
  }

  authority(id: string): AuthorityWorkspace {
    const ws = this.get(id);
    if (!(ws instanceof AuthorityWorkspace))
      throw new DomainError('WORKSPACE_WRONG_KIND', { workspace: id, expected: 'authority' });
    return ws;
  }

  site(id: string): SiteWorkspace {
    const ws = this.get(id);
    if (!(ws instanceof SiteWorkspace))
      throw new DomainError('WORKSPACE_WRONG_KIND', { workspace: id, expected: 'site' });
    return ws;
  }

  rename(id: string, name: string): WorkspaceDto {
    const meta = this.readMeta(id);
    if (!meta) throw new DomainError('WORKSPACE_NOT_FOUND', { workspace: id });
    const clean = name.trim();
    if (clean === '') throw new DomainError('WORKSPACE_NAME_EMPTY');
    this.ensureNameFree(clean, id);
    const ws = this.get(id);
    ws.rename(clean);
    this.writeMeta({ ...meta, name: clean });
    return ws.summary;
  }

  /** Moves the folder aside (never erases it): the operator can still recover a mistake. */
  delete(id: string): { deleted: true; keptAt: string } {
    if (!this.readMeta(id)) throw new DomainError('WORKSPACE_NOT_FOUND', { workspace: id });
    const stamp = new Date(this.deps.ports.clock.now()).toISOString().replace(/[:.]/g, '-');
    const keptAt = join(this.deps.dataDir, DELETED_DIR, `${id}-${stamp}`);
    mkdirSync(join(this.deps.dataDir, DELETED_DIR), { recursive: true });
    this.closeOne(id);
    renameSync(workspaceDir(this.deps.dataDir, id), keptAt);
    return { deleted: true, keptAt };
  }

  /** A copy of the workspace's database now, in its `backups/` (see `pruneBackups`). */
  async backup(id: string, reason: BackupReason = 'manual'): Promise<BackupInfo> {
    const ws = this.get(id);
    // A batch's backup is the first thing it does: a batch that will be refused makes none.
    if (reason === 'batch') ws.assertMayChange();
    return this.track(backupWorkspace(ws.db, ws.dir, reason, this.deps.ports.clock.now()));
  }

  backups(id: string): BackupInfo[] {
    if (!this.readMeta(id)) throw new DomainError('WORKSPACE_NOT_FOUND', { workspace: id });
    return listBackups(workspaceDir(this.deps.dataDir, id));
  }

  /** `PRAGMA integrity_check` on the whole file (slower than the check every open makes). */
  check(id: string): { ok: boolean; problems: string[] } {
    const ws = this.get(id);
    const rows = ws.db.sqlite.pragma('integrity_check(20)') as Array<Record<string, string>>;
    const problems = rows.map((r) => Object.values(r)[0]!).filter((p) => p !== 'ok');
    return { ok: problems.length === 0, problems };
  }

  /**
   * Puts a backup in place of the workspace's database — an explicit act, logged in the restored
   * database. The database it replaces (damaged or not) is kept in `replaced/`, never erased.
   */
  restore(id: string, from: string, options: { dryRun?: boolean } = {}): RestoreReport {
    if (!this.readMeta(id)) throw new DomainError('WORKSPACE_NOT_FOUND', { workspace: id });
    if (!options.dryRun) {
      this.closeOne(id);
      this.damaged.delete(id); // the restored file is checked afresh when it opens
    }
    return restoreWorkspace({
      id,
      dir: workspaceDir(this.deps.dataDir, id),
      from,
      ports: this.deps.ports,
      dryRun: options.dryRun === true,
      openOptions: this.dbOptions(id),
    });
  }

  /**
   * A workspace another process restored while this one had it open: its database file is no
   * longer the one at its path. It is forgotten, so the next call opens the restored one; the
   * old connection stays open (a batch running on it is refused WORKSPACE_REPLACED at its next
   * change, not cut off) and closes with the others.
   */
  private replacedElsewhere(id: string, ws: OpenWorkspace): boolean {
    if (ws.db.inTransaction || !ws.db.replacedOnDisk()) return false;
    this.open.delete(id);
    this.versions.delete(id);
    this.retired.push(ws.db);
    return true;
  }

  /** Whether another process changed any open workspace since the last call (the app polls). */
  changedElsewhere(): string[] {
    const changed: string[] = [];
    for (const [id, ws] of this.open) {
      if (this.replacedElsewhere(id, ws)) {
        changed.push(id);
        continue;
      }
      const version = ws.db.dataVersion();
      if (this.versions.get(id) !== undefined && this.versions.get(id) !== version)
        changed.push(id);
      this.versions.set(id, version);
    }
    return changed;
  }

  private closeOne(id: string): void {
    this.open.get(id)?.db.close();
    this.open.delete(id);
    this.versions.delete(id);
  }

  /** Waits for background backups, then closes every database (a CLI run's last step). */
  async close(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    for (const id of [...this.open.keys()]) this.closeOne(id);
    for (const db of this.retired.splice(0)) db.close();
  }
}

/** The database the newest restore put aside (`replaced/<time>/workspace.db`), if any. */
function newestReplaced(dir: string): string | undefined {
  let stamps: string[];
  try {
    stamps = readdirSync(join(dir, REPLACED_DIR)).sort();
  } catch {
    return undefined;
  }
  for (const stamp of stamps.reverse()) {
    const path = join(dir, REPLACED_DIR, stamp, DATABASE_FILE);
    if (existsSync(path)) return path;
  }
  return undefined;
}
