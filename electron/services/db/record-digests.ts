// The running digests of a workspace's records (shared/migrations/guarded-records.ts): the SQL
// functions its triggers call, the digests recomputed from the rows, and the check that the two —
// and the digests the newest checkpoint signed — agree. A digest is the sum, modulo 2^256, of the
// SHA-256 of each row (a multiset hash): a row added adds its hash, a row removed takes it away,
// so a change costs one row's hashing, not the table's.

import { createHash } from 'node:crypto';
import { DomainError } from '../../../shared/errors.ts';
import {
  GUARDED_RECORDS,
  GUARDED_TABLES,
  type GuardedTable,
  recordTriggers,
} from '../../../shared/migrations/guarded-records.ts';
import type { Sqlite, Statement, WorkspaceDb } from './workspace-db.ts';

const MODULUS = 1n << 256n;

type Value = string | number | bigint | null | Uint8Array;

/**
 * One row's hash: its table and each value with its type and length before it, so no two rows
 * read alike. Strings are fed to the hash as they are (no copy of a 4 KB record into JSON first).
 */
function rowHash(table: unknown, values: readonly unknown[]): bigint {
  const hash = createHash('sha256');
  let head = `${String(table)}\0${values.length}`;
  for (const value of values) {
    if (typeof value === 'string') {
      hash.update(`${head}\0s${value.length}:`);
      hash.update(value);
      head = '';
    } else if (value instanceof Uint8Array) {
      hash.update(`${head}\0b${value.length}:`);
      hash.update(value);
      head = '';
    } else if (value === null || value === undefined) head += '\0n';
    else head += `\0i${String(value)}`;
  }
  if (head) hash.update(head);
  return BigInt(`0x${hash.digest('hex')}`);
}

function fromHex(digest: unknown): bigint {
  return typeof digest === 'string' && /^[0-9a-f]{64}$/.test(digest) ? BigInt(`0x${digest}`) : 0n;
}

function toHex(value: bigint): string {
  return (((value % MODULUS) + MODULUS) % MODULUS).toString(16).padStart(64, '0');
}

/** Registers the functions the triggers and the schema step call, on a connection that writes. */
export function registerRecordFunctions(sqlite: Sqlite): void {
  const options = { varargs: true, deterministic: true } as const;
  sqlite.function('airlock_record_add', options, (digest: unknown, table: unknown, ...row) =>
    toHex(fromHex(digest) + rowHash(table, row)),
  );
  sqlite.function('airlock_record_sub', options, (digest: unknown, table: unknown, ...row) =>
    toHex(fromHex(digest) - rowHash(table, row)),
  );
  sqlite.aggregate('airlock_record_sum', {
    ...options,
    start: () => 0n,
    step: (sum: bigint, table: unknown, ...row: unknown[]) => sum + rowHash(table, row),
    result: (sum: bigint) => toHex(sum),
  });
}

export type RecordDigests = Record<GuardedTable, string>;

/** Each guarded table's digest, computed from its rows (reads every row once). */
export function computeRecordDigests(sqlite: Sqlite): RecordDigests {
  const digests = {} as RecordDigests;
  for (const table of GUARDED_TABLES) {
    let sum = 0n;
    const rows = sqlite
      .prepare(`SELECT ${GUARDED_RECORDS[table].join(', ')} FROM ${table}`)
      .raw()
      .iterate() as IterableIterator<Value[]>;
    for (const row of rows) sum += rowHash(table, row);
    digests[table] = toHex(sum);
  }
  return digests;
}

/** The digests the triggers kept, read with `statement` (a table missing its row reads as empty). */
function readStored(statement: Statement): RecordDigests {
  const rows = statement.all() as Array<{ name: string; digest: string }>;
  const stored = new Map(rows.map((r) => [r.name, r.digest]));
  const digests = {} as RecordDigests;
  for (const table of GUARDED_TABLES) digests[table] = stored.get(table) ?? '';
  return digests;
}

const STORED = 'SELECT name, digest FROM record_digests';

/** The digests the triggers kept: read before and after every change. */
export function storedRecordDigests(db: WorkspaceDb): RecordDigests {
  return readStored(db.stmt(STORED));
}

/** The digests as one line each, in a fixed order: what a checkpoint signs. */
export function recordDigestsText(digests: RecordDigests): string {
  return GUARDED_TABLES.map((table) => `${table}=${digests[table]}`).join('\n');
}

/** The text a checkpoint holds, back into digests (undefined when it is not such a text). */
export function parseRecordDigests(text: string): RecordDigests | undefined {
  const digests = {} as RecordDigests;
  const lines = text.split('\n');
  if (lines.length !== GUARDED_TABLES.length) return undefined;
  for (const [index, table] of GUARDED_TABLES.entries()) {
    const [name, digest] = lines[index]!.split('=');
    if (name !== table || digest === undefined) return undefined;
    digests[table] = digest;
  }
  return digests;
}

/** The tables whose triggers are gone or not the ones this version made. */
export function unguardedTables(sqlite: Sqlite): GuardedTable[] {
  const rows = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`)
    .all() as Array<{ name: string; sql: string | null }>;
  const found = new Map(rows.map((r) => [r.name, r.sql]));
  return GUARDED_TABLES.filter((table) =>
    Object.entries(recordTriggers(table)).some(([name, sql]) => found.get(name) !== sql),
  );
}

/** Tables where `a` and `b` differ. */
export function differingTables(a: RecordDigests, b: RecordDigests): GuardedTable[] {
  return GUARDED_TABLES.filter((table) => a[table] !== b[table]);
}

/**
 * The tables whose records were changed outside Airlock, as far as the database alone can tell:
 * triggers gone or altered, or rows that no longer add up to the digest kept beside them.
 */
export function tamperedTables(sqlite: Sqlite): GuardedTable[] {
  const unguarded = new Set(unguardedTables(sqlite));
  const stored = readStored(sqlite.prepare(STORED));
  for (const table of differingTables(computeRecordDigests(sqlite), stored)) unguarded.add(table);
  return GUARDED_TABLES.filter((table) => unguarded.has(table));
}

/** The refusal of a change: records changed outside Airlock (the first table named). */
export function recordsChanged(tables: readonly GuardedTable[]): DomainError {
  return new DomainError('AUDIT_LOG_DAMAGED', {
    reason: 'records-changed',
    table: tables[0],
  });
}

/**
 * The operator's repair: the triggers as this version makes them, and each digest computed from
 * the rows as they are now (inside the repair's transaction).
 */
export function resetRecordDigests(sqlite: Sqlite): void {
  const computed = computeRecordDigests(sqlite);
  for (const table of GUARDED_TABLES) {
    for (const [name, sql] of Object.entries(recordTriggers(table))) {
      sqlite.exec(`DROP TRIGGER IF EXISTS ${name}`);
      sqlite.exec(sql);
    }
    sqlite
      .prepare('INSERT OR REPLACE INTO record_digests (name, digest) VALUES (?, ?)')
      .run(table, computed[table]);
  }
}
