// Keeps one workspace document on disk: versioned, upgraded by our own migrations, never reset.

import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { join, resolve } from 'node:path';
import { DomainError, isDomainError } from '../../shared/errors.ts';
import {
  latestVersion,
  runMigrations,
  type Migration,
} from '../../shared/migrations/run-migrations.ts';
import type { Clock } from '../../shared/ports.ts';
import { systemClock } from './crypto-node.ts';
import { fsyncDirectory, writeFileDurably } from './durable-write.ts';

/**
 * What the store needs from electron-store (in the app) or conf (CLI, tests): an atomic write of
 * the whole document to `path`. The store reads the file itself (see store-conf-like.ts).
 */
export interface StoreBackend {
  set store(value: unknown);
  readonly path: string;
}

export type CreateBackend = (opts: { cwd: string; configName: string }) => StoreBackend;

export interface DocumentStoreOptions<Doc extends { schemaVersion: number }> {
  dir: string;
  /** File stem: the document lives in `<dir>/<name>.json`. */
  name: string;
  createBackend: CreateBackend;
  /** The version this app writes; must be `migrations.length + 1`. */
  schemaVersion: number;
  migrations: readonly Migration[];
  /** Returns the typed document or throws (a zod schema's `parse` fits). */
  validate: (doc: unknown) => Doc;
  /**
   * What is written for a document, when that is not the document itself (a more compact form),
   * and its inverse, run on what is read (after any upgrade, before `validate`; it throws when
   * the form is damaged). Saves never decode: the document in memory is always the full one.
   */
  encode?: (doc: Doc) => unknown;
  decode?: (json: unknown) => unknown;
  /** The document to create when there is none; without it a missing file is STORE_NOT_FOUND. */
  defaults?: () => Doc;
  /** Stamps the names of corrupt copies. */
  clock?: Clock;
}

/** Why a stored file could not be used. */
export type StoreProblem = 'not-json' | 'no-version' | 'invalid';

export type OpenReport =
  | { recovered: false; created: boolean; migratedFrom?: number }
  | {
      recovered: true;
      from: 'backup';
      reason: 'corrupt';
      problem: StoreProblem;
      corruptCopy: string;
      migratedFrom?: number;
    }
  | { recovered: true; from: 'backup'; reason: 'missing'; migratedFrom?: number };

export interface DocumentStore<Doc> {
  readonly path: string;
  readonly backupPath: string;
  /** How opening went: the UI tells the user when `recovered` is true. */
  readonly report: OpenReport;
  /** The current document; treat it as read-only and `save` a new one. */
  get(): Doc;
  /** Validates, keeps the file being replaced as the last good copy, then writes atomically. */
  save(doc: Doc): void;
}

type Loaded<Doc> =
  { ok: true; doc: Doc; fromVersion: number } | { ok: false; problem: StoreProblem };

/** The file's text (without a byte-order mark), or undefined when it is not valid UTF-8. */
function utf8Text(bytes: Uint8Array): string | undefined {
  // Checking, then decoding, is a third faster than a fatal TextDecoder on a 40 MB file.
  if (!isUtf8(bytes)) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function readIfExists(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function statIfExists(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isCurrentVersion(json: unknown, version: number): boolean {
  return (
    typeof json === 'object' &&
    json !== null &&
    !Array.isArray(json) &&
    (json as { schemaVersion?: unknown }).schemaVersion === version
  );
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

function writeNewFile(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    for (let written = 0; written < bytes.length;) {
      written += writeSync(fd, bytes, written, bytes.length - written);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens (or creates) the document. Reading never changes a file it cannot use: a too-new file
 * (STORE_TOO_NEW) and a failing upgrade (MIGRATION_FAILED) leave it as it was; a corrupt one is
 * copied byte-for-byte to `<name>.corrupt-<time>.json` and replaced by the last good copy
 * `<name>.bak.json`, or, when there is none, left in place and refused with STORE_CORRUPT so
 * that no later open can quietly start afresh.
 */
export function openDocumentStore<Doc extends { schemaVersion: number }>(
  opts: DocumentStoreOptions<Doc>,
): DocumentStore<Doc> {
  const { dir, name, schemaVersion, migrations, validate } = opts;
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) throw new Error(`bad store name: ${name}`);
  const clock = opts.clock ?? systemClock;
  const path = join(dir, `${name}.json`);
  const backupPath = join(dir, `${name}.bak.json`);
  if (schemaVersion !== latestVersion(migrations)) {
    throw new Error(
      `schema version ${schemaVersion} does not match ${migrations.length} migration(s)`,
    );
  }
  mkdirSync(dir, { recursive: true });

  const isCurrent = (json: unknown) => isCurrentVersion(json, schemaVersion);

  function load(bytes: Uint8Array): Loaded<Doc> {
    let json: unknown;
    try {
      const text = utf8Text(bytes);
      if (text === undefined) return { ok: false, problem: 'not-json' };
      json = JSON.parse(text);
    } catch {
      return { ok: false, problem: 'not-json' };
    }
    let migrated;
    try {
      // A current document needs no upgrade, so no private copy either: runMigrations copies the
      // whole document before it looks at any step (a quarter of a second at 10,000 instances),
      // and this one was just parsed from the file, so nothing else holds it.
      migrated = isCurrent(json)
        ? { doc: json, fromVersion: schemaVersion }
        : runMigrations(json, migrations, schemaVersion);
    } catch (error) {
      if (isDomainError(error) && error.code === 'STORE_VERSION_MISSING') {
        return { ok: false, problem: 'no-version' };
      }
      throw error;
    }
    try {
      const doc = opts.decode ? opts.decode(migrated.doc) : migrated.doc;
      return { ok: true, doc: validate(doc), fromVersion: migrated.fromVersion };
    } catch {
      return { ok: false, problem: 'invalid' };
    }
  }

  function isGood(bytes: Uint8Array): boolean {
    try {
      return load(bytes).ok;
    } catch {
      return false;
    }
  }

  function loadBackup(): { bytes: Buffer; loaded: Loaded<Doc> & { ok: true } } | undefined {
    const bytes = readIfExists(backupPath);
    if (!bytes) return undefined;
    try {
      const loaded = load(bytes);
      return loaded.ok ? { bytes, loaded } : undefined;
    } catch {
      return undefined; // a backup too new or failing to upgrade is no way back either
    }
  }

  function keepCorruptCopy(bytes: Buffer): string {
    const prefix = `${name}.corrupt-`;
    // Opening the same broken file again must not pile up identical copies.
    for (const entry of readdirSync(dir)) {
      if (!entry.startsWith(prefix)) continue;
      const existing = join(dir, entry);
      if (statSync(existing).size === bytes.length && readFileSync(existing).equals(bytes)) {
        return existing;
      }
    }
    const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
    for (let n = 0; ; n++) {
      const candidate = join(dir, `${prefix}${stamp}${n ? `-${n}` : ''}.json`);
      try {
        writeNewFile(candidate, bytes);
        fsyncDirectory(dir);
        return candidate;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  let known: Stats | undefined;
  let current: Doc;
  let report: OpenReport;
  let mustWrite: boolean;

  const bytes = readIfExists(path);
  if (bytes) {
    known = statIfExists(path);
    const loaded = load(bytes);
    if (loaded.ok) {
      current = loaded.doc;
      mustWrite = loaded.fromVersion < schemaVersion;
      report = { recovered: false, created: false, ...migratedFrom(loaded.fromVersion) };
    } else {
      const corruptCopy = keepCorruptCopy(bytes);
      const backup = loadBackup();
      if (!backup) {
        throw new DomainError('STORE_CORRUPT', { path, corruptCopy, problem: loaded.problem });
      }
      writeFileDurably(path, backup.bytes);
      known = statIfExists(path);
      current = backup.loaded.doc;
      mustWrite = backup.loaded.fromVersion < schemaVersion;
      report = {
        recovered: true,
        from: 'backup',
        reason: 'corrupt',
        problem: loaded.problem,
        corruptCopy,
        ...migratedFrom(backup.loaded.fromVersion),
      };
    }
  } else {
    const backup = loadBackup();
    if (backup) {
      // The document vanished but its last good copy did not: bring it back rather than start empty.
      writeFileDurably(path, backup.bytes);
      known = statIfExists(path);
      current = backup.loaded.doc;
      mustWrite = backup.loaded.fromVersion < schemaVersion;
      report = {
        recovered: true,
        from: 'backup',
        reason: 'missing',
        ...migratedFrom(backup.loaded.fromVersion),
      };
    } else if (opts.defaults) {
      current = checked(opts.defaults());
      mustWrite = true;
      report = { recovered: false, created: true };
    } else {
      throw new DomainError('STORE_NOT_FOUND', { path });
    }
  }

  function migratedFrom(fromVersion: number): { migratedFrom?: number } {
    return fromVersion < schemaVersion ? { migratedFrom: fromVersion } : {};
  }

  function checked(doc: Doc): Doc {
    try {
      return validate({ ...doc, schemaVersion });
    } catch (error) {
      throw new DomainError('STORE_DOCUMENT_INVALID', {
        reason: error instanceof Error ? error.message.slice(0, 500) : String(error),
      });
    }
  }

  // The file about to be replaced becomes the last good copy, but only if it still is good: if
  // something else rewrote it since we last saw it, check it first and keep a bad one aside.
  // The file is moved, not copied: a rename costs nothing at any size (a 50 MB copy and its fsync
  // were a sixth of a save at 10,000 instances), and the writer then creates a new file, so
  // nothing it does, even writing in place as conf does in a Snap, can touch the copy. Between the
  // move and the write the document exists only as the backup, which opening already brings back
  // ("missing"); a write that fails moves it back at once. Returns that undo.
  function backUpCurrent(): () => void {
    const now = statIfExists(path);
    if (!now) return () => {};
    if (!(known && sameFile(now, known))) {
      const onDisk = readFileSync(path);
      if (!isGood(onDisk)) {
        keepCorruptCopy(onDisk);
        return () => {};
      }
    }
    renameSync(path, backupPath);
    fsyncDirectory(dir);
    return () => {
      // Whatever the failed write left at `path` (nothing, or a part written in place) goes.
      renameSync(backupPath, path);
      fsyncDirectory(dir);
    };
  }

  const backend = opts.createBackend({ cwd: dir, configName: name });
  if (resolve(backend.path) !== resolve(path)) {
    throw new Error(`store backend writes ${backend.path}, expected ${path}`);
  }

  function save(doc: Doc): void {
    const next = checked(doc);
    const undoBackup = backUpCurrent();
    try {
      backend.store = opts.encode ? opts.encode(next) : next;
    } catch (error) {
      try {
        undoBackup();
      } catch {
        // The backup stays where it is; opening brings it back. The write's error is the news.
      }
      throw error;
    }
    known = statIfExists(path);
    current = next;
  }

  if (mustWrite) save(current);

  return {
    path,
    backupPath,
    report,
    get: () => current,
    save,
  };
}
