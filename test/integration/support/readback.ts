// What a workspace database holds, read on a connection of its own (read-only, one snapshot) and
// rebuilt without Airlock's repository: the authority's state as the domain knows it, the audit
// log walked link by link, and the files a workspace folder may hold.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type {
  AuthorityState,
  InstanceRecord,
  PoolEntry,
  VirtualAccount,
} from '../../../shared/authority/index.ts';
import { GENESIS, hashEntry } from '../../../electron/services/audit-entry.ts';

export interface AuditRow {
  seq: number;
  time: string;
  action: string;
  direction: string;
  subject: string | null;
  code_kind: string | null;
  code_digest: string | null;
  details: string | null;
  prev: string;
  hash: string;
}

/** Runs `read` on a read-only connection of its own, inside one read transaction (a snapshot). */
export function onSnapshot<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.transaction(() => read(db))();
  } finally {
    db.close();
  }
}

/**
 * The authority's state from its rows alone: pools and instance records as stored, and the UDI
 * index from the instances' own `state` and `udi_key` columns — so checkPoolInvariant also
 * proves the columns lists filter on agree with the records the ledger decides on.
 */
export function authorityStateOf(db: Database.Database): AuthorityState {
  const account = db
    .prepare('SELECT name, reservation_enabled FROM smart_account WHERE singleton = 1')
    .get() as { name: string; reservation_enabled: number };
  const virtualAccounts: Record<string, VirtualAccount> = {};
  for (const name of db
    .prepare('SELECT name FROM virtual_accounts ORDER BY position')
    .pluck()
    .all() as string[])
    virtualAccounts[name] = { name, pool: {} };
  for (const row of db.prepare('SELECT va, tag, entry FROM licenses').all() as Array<{
    va: string;
    tag: string;
    entry: string;
  }>)
    virtualAccounts[row.va]!.pool[row.tag] = JSON.parse(row.entry) as PoolEntry;
  const instances: Record<string, InstanceRecord> = {};
  const activeByUdi: Record<string, string> = {};
  for (const row of db.prepare('SELECT id, udi_key, state, record FROM instances').all() as Array<{
    id: string;
    udi_key: string;
    state: string;
    record: string;
  }>) {
    const record = JSON.parse(row.record) as InstanceRecord;
    instances[row.id] = record;
    if (row.state === 'reserved' || row.state === 'in-transit') activeByUdi[row.udi_key] = row.id;
  }
  return {
    schemaVersion: 1,
    smartAccount: { name: account.name, reservationEnabled: account.reservation_enabled === 1 },
    virtualAccounts,
    instances,
    activeByUdi,
  };
}

export function auditRowsOf(db: Database.Database): AuditRow[] {
  return db.prepare('SELECT * FROM audit ORDER BY seq').all() as AuditRow[];
}

/**
 * Walks the log from its first entry: seqs 1, 2, 3 …, each `prev` the hash before it, each hash
 * recomputed from the entry's fields (the workspace id comes from the workspace row).
 */
export function walkChain(db: Database.Database): { ok: boolean; entries: number; at?: number } {
  const workspace = db.prepare('SELECT id FROM workspace WHERE singleton = 1').pluck().get();
  let prev = GENESIS;
  let entries = 0;
  for (const row of auditRowsOf(db)) {
    const entry: Record<string, unknown> = {
      seq: row.seq,
      time: row.time,
      workspace,
      prev: row.prev,
      action: row.action,
      direction: row.direction,
    };
    if (row.subject !== null) entry.subject = row.subject;
    if (row.code_kind !== null) entry.codeKind = row.code_kind;
    if (row.code_digest !== null) entry.codeDigest = row.code_digest;
    if (row.details !== null) entry.details = JSON.parse(row.details);
    if (row.seq !== entries + 1 || row.prev !== prev || hashEntry(entry) !== row.hash)
      return { ok: false, entries, at: row.seq };
    prev = row.hash;
    entries++;
  }
  return { ok: true, entries };
}

/** Every file under `dir`, as paths relative to it (folders end in `/`), sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string, prefix: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        out.push(`${prefix}${entry.name}/`);
        walk(join(at, entry.name), `${prefix}${entry.name}/`);
      } else out.push(`${prefix}${entry.name}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

/**
 * What a workspace folder may hold: its database (with -wal and -shm while open), the head
 * marker, the meta file, its key file, backups, the kept schema-1 files and replaced databases.
 * Anything else — a `.tmp` file, a journal, a half-made import — is left over.
 */
const WORKSPACE_FILE = new RegExp(
  [
    'workspace\\.db(-wal|-shm)?',
    'workspace\\.head',
    'meta\\.json',
    '[a-z]+-key\\.json',
    'backups/',
    'backups/workspace-[0-9TZ-]+-[a-z]+\\.db',
    'legacy/',
    'legacy/[^/.][^/]*',
    'replaced/',
    'replaced/[^/.][^/]*/',
    'replaced/[^/.][^/]*/workspace\\.db(-wal|-shm)?',
  ]
    .map((name) => `^${name}$`)
    .join('|'),
);

/** The files in a workspace folder that are none of the workspace's own. */
export function strayFiles(dir: string): string[] {
  return filesUnder(dir).filter((name) => !WORKSPACE_FILE.test(name));
}
