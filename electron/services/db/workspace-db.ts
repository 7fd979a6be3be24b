// One workspace's SQLite database: opened with the settings every connection needs, checked
// before use, and changed only inside a transaction (one writer at a time across processes).

import { chmodSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DomainError } from '../../../shared/errors.ts';
import {
  WORKSPACE_APPLICATION_ID,
  WORKSPACE_SCHEMA_VERSION,
  stepsFrom,
} from '../../../shared/migrations/workspace-schema.ts';
import { BackgroundCheck, checkConnection, damaged } from './file-check.ts';
import { registerRecordFunctions } from './record-digests.ts';
import { storeFailure } from './sqlite-errors.ts';

export type Sqlite = Database.Database;
export type Statement = Database.Statement;

/** How long a writer waits for another process's transaction before WORKSPACE_BUSY. */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/** The page cache of a connection that writes, KiB (see `connect`). */
const CACHE_KIB = 32 * 1024;

export interface OpenOptions {
  /** Workspace id, named in WORKSPACE_BUSY. */
  workspace?: string;
  /**
   * The whole-file check: before the database is used (`now`, the default), or on another core
   * while it is (`background`: changes wait for the verdict).
   */
  check?: 'now' | 'background';
  /** Told when the background check found damage; returns the error changes are refused with. */
  onDamaged?: (error: DomainError) => DomainError;
  busyTimeoutMs?: number;
  /** Open read-only (inspecting a backup or a damaged file); nothing is checked or upgraded. */
  readonly?: boolean;
}

/** Text matched literally by `LIKE … ESCAPE '\'`: its `%`, `_` and `\` stand for themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

export class WorkspaceDb {
  private readonly statements = new Map<string, Statement>();
  private depth = 0;
  /** Write transactions this connection committed. */
  private commits = 0;
  private pending: BackgroundCheck | undefined;
  private failure: DomainError | undefined;
  /** The file this connection opened (device, inode): see `replacedOnDisk`. */
  private identity: { dev: number; ino: number } | undefined;

  private constructor(
    readonly sqlite: Sqlite,
    readonly path: string,
    private readonly workspace: string | undefined,
    private readonly onDamaged: (error: DomainError) => DomainError,
  ) {}

  /** A new database file at `path` with the latest schema (the caller fills it in `init`). */
  static create(path: string, init: (db: WorkspaceDb) => void, options: OpenOptions = {}) {
    const db = WorkspaceDb.connect(path, false, options);
    try {
      // Only its owner reads a workspace; SQLite gives its -wal and -shm files the same mode.
      chmodSync(path, 0o600);
      db.sqlite.pragma(`application_id = ${WORKSPACE_APPLICATION_ID}`);
      db.sqlite.pragma('journal_mode = WAL');
      db.write(() => {
        db.upgrade(0);
        init(db);
      });
      return db;
    } catch (error) {
      db.close();
      throw storeFailure(error, path, options.workspace);
    }
  }

  /**
   * The existing database at `path`, checked: ours (application id), not damaged
   * (`PRAGMA quick_check`), not from a newer Airlock. `needsUpgrade` says whether it is behind;
   * the caller backs it up first, then calls `migrate`.
   */
  static open(path: string, options: OpenOptions = {}): WorkspaceDb {
    if (options.readonly) return WorkspaceDb.connect(path, true, options);
    if (options.check !== 'background') {
      // Checked on a read-only connection first: a database that fails is left exactly as it
      // was (a read-write connection would fold its -wal into the file when it closes).
      const probe = WorkspaceDb.connect(path, true, { ...options, readonly: true });
      try {
        const verdict = checkConnection(probe.sqlite);
        if (!verdict.ok) throw damaged(path, verdict.problem);
        probe.ensureVersion();
      } catch (error) {
        throw storeFailure(error, path, options.workspace);
      } finally {
        probe.close();
      }
    }
    const db = WorkspaceDb.connect(path, true, options);
    try {
      if (options.check === 'background') {
        // The cheap part at once (a foreign or newer file is refused before anything is shown),
        // the whole-file read beside it.
        if (db.sqlite.pragma('application_id', { simple: true }) !== WORKSPACE_APPLICATION_ID)
          throw damaged(path, 'not an Airlock workspace database');
        db.ensureVersion();
        db.pending = new BackgroundCheck(path);
      }
      if ((db.sqlite.pragma('journal_mode', { simple: true }) as string) !== 'wal')
        db.sqlite.pragma('journal_mode = WAL');
      return db;
    } catch (error) {
      db.close();
      throw storeFailure(error, path, options.workspace);
    }
  }

  private ensureVersion(): void {
    if (this.version > WORKSPACE_SCHEMA_VERSION)
      throw new DomainError('STORE_TOO_NEW', {
        found: this.version,
        supported: WORKSPACE_SCHEMA_VERSION,
      });
  }

  /**
   * Waits for the whole-file check started at open (when it ran in the background) and refuses
   * every change from then on if it failed. Changes call it before they begin.
   */
  ensureChecked(): void {
    if (this.failure) throw this.failure;
    const pending = this.pending;
    if (!pending) return;
    const verdict = pending.verdict() ?? checkConnection(this.sqlite);
    this.pending = undefined;
    if (!verdict.ok) {
      this.failure = this.onDamaged(damaged(this.path, verdict.problem));
      throw this.failure;
    }
  }

  private static connect(path: string, mustExist: boolean, options: OpenOptions): WorkspaceDb {
    let sqlite: Sqlite;
    try {
      sqlite = new Database(path, {
        fileMustExist: mustExist,
        readonly: options.readonly === true,
        timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
      });
    } catch (error) {
      throw storeFailure(error, path, options.workspace);
    }
    try {
      if (!options.readonly) {
        sqlite.pragma('synchronous = FULL');
        sqlite.pragma('foreign_keys = ON');
        // A batch's transaction touches tens of MB: with SQLite's default 2 MB page cache its
        // index pages would be spilled to the WAL and written again and again before it commits.
        sqlite.pragma(`cache_size = -${CACHE_KIB}`);
        // What the records' triggers call (record-digests.ts).
        registerRecordFunctions(sqlite);
      }
    } catch (error) {
      sqlite.close();
      throw storeFailure(error, path, options.workspace);
    }
    const db = new WorkspaceDb(sqlite, path, options.workspace, options.onDamaged ?? ((e) => e));
    db.identity = fileIdentity(path);
    return db;
  }

  /**
   * Whether the file at this database's path is no longer the one this connection opened: a
   * restore (in another process, too) moved it aside and put a backup in its place. Whatever this
   * connection would commit would go to the replaced file, which nobody reads any more.
   */
  replacedOnDisk(): boolean {
    if (!this.identity) return false;
    const now = fileIdentity(this.path);
    return now?.dev !== this.identity.dev || now.ino !== this.identity.ino;
  }

  get version(): number {
    return this.sqlite.pragma('user_version', { simple: true }) as number;
  }

  get needsUpgrade(): boolean {
    return this.version < WORKSPACE_SCHEMA_VERSION;
  }

  /** Runs the schema steps after `from` (inside the caller's transaction). */
  private upgrade(from: number): void {
    for (const step of stepsFrom(from)) {
      try {
        this.sqlite.exec(step.sql);
      } catch (error) {
        throw new DomainError('MIGRATION_FAILED', {
          from: step.version - 1,
          to: step.version,
          reason: error instanceof Error ? error.message.slice(0, 200) : String(error),
        });
      }
      this.sqlite.pragma(`user_version = ${step.version}`);
    }
  }

  /** Brings an older database to the latest schema in one transaction. */
  migrate(): { from: number; to: number } {
    const from = this.version;
    this.write(() => this.upgrade(from));
    return { from, to: this.version };
  }

  /** A prepared statement, made once per connection. */
  stmt(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs `change` as one write transaction (`BEGIN IMMEDIATE`: it waits, up to the busy timeout,
   * for any other process's transaction to end, then holds the only write lock). Whatever
   * `change` reads is current; a throw rolls everything back. Nested calls join the outer one.
   */
  write<T>(change: () => T): T {
    if (this.depth === 0) this.ensureChecked();
    return this.transaction('IMMEDIATE', change);
  }

  /** Runs `query` on one consistent snapshot of the database (other writers go on meanwhile). */
  read<T>(query: () => T): T {
    return this.transaction('DEFERRED', query);
  }

  /**
   * Inside a transaction: what `body` changes is undone by itself if it throws (the error goes on
   * to the caller; the transaction and what it did before stay). One item of a batch, say.
   */
  savepoint<T>(body: () => T): T {
    if (this.depth === 0) throw new Error('a savepoint needs a transaction');
    this.sqlite.exec('SAVEPOINT item');
    try {
      const result = body();
      this.sqlite.exec('RELEASE item');
      return result;
    } catch (error) {
      this.sqlite.exec('ROLLBACK TO item');
      this.sqlite.exec('RELEASE item');
      throw error;
    }
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** Inside a transaction that joined an outer one (the outer one checks and checkpoints). */
  get inNestedTransaction(): boolean {
    return this.depth > 1;
  }

  private transaction<T>(mode: 'IMMEDIATE' | 'DEFERRED', body: () => T): T {
    if (this.depth > 0) {
      this.depth++;
      try {
        return body();
      } finally {
        this.depth--;
      }
    }
    try {
      this.sqlite.exec(`BEGIN ${mode}`);
    } catch (error) {
      throw storeFailure(error, this.path, this.workspace);
    }
    this.depth = 1;
    try {
      // Checked holding the write lock: a restore moves the file only while it holds it too.
      if (mode === 'IMMEDIATE' && this.replacedOnDisk())
        throw new DomainError('WORKSPACE_REPLACED', { path: this.path });
      const result = body();
      this.sqlite.exec('COMMIT');
      if (mode === 'IMMEDIATE') this.commits++;
      return result;
    } catch (error) {
      if (this.sqlite.inTransaction) {
        try {
          this.sqlite.exec('ROLLBACK');
        } catch {
          // SQLite has already rolled back (a full disk can end the transaction by itself).
        }
      }
      throw storeFailure(error, this.path, this.workspace);
    } finally {
      this.depth = 0;
    }
  }

  /** Whether another connection (another process) committed since this one last looked. */
  dataVersion(): number {
    return this.sqlite.pragma('data_version', { simple: true }) as number;
  }

  /**
   * Changes whenever anything commits to the database, on this connection or another: work
   * decided on one snapshot may be committed later only if the mark is still the same.
   */
  changeMark(): string {
    return `${this.dataVersion()}:${this.commits}`;
  }

  close(): void {
    if (this.sqlite.open) this.sqlite.close();
  }
}

function fileIdentity(path: string): { dev: number; ino: number } | undefined {
  try {
    const { dev, ino } = statSync(path);
    return { dev, ino };
  } catch {
    return undefined;
  }
}
