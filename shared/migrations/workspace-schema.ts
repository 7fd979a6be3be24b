// The workspace database's schema, as pure, ordered upgrade steps: step n takes a database at
// `PRAGMA user_version` n − 1 to n. Steps are SQL text only; the main process runs each in the
// same transaction that sets the new version, so an upgrade happens whole or not at all.

import { guardedRecordsSql } from './guarded-records.ts';

export interface SchemaStep {
  /** The `user_version` this step leads to. */
  version: number;
  /** What it does, for the log and for a failed upgrade's message. */
  summary: string;
  sql: string;
}

/** `PRAGMA application_id`: the bytes "Arlk", so no other program's database passes for ours. */
export const WORKSPACE_APPLICATION_ID = 0x41726c6b;

const V1 = `
-- Who this workspace is. One row.
CREATE TABLE workspace (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('authority', 'site')),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Serial numbers handed out once (device ids): never reused, even after a rollback elsewhere.
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;

-- The append-only, hash-chained log: every operation writes its entries in its own transaction.
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  action TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'none')),
  subject TEXT,
  code_kind TEXT,
  code_digest TEXT,
  details TEXT CHECK (details IS NULL OR json_valid(details)),
  prev TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_action ON audit (action, seq);
CREATE INDEX audit_subject ON audit (subject, seq) WHERE subject IS NOT NULL;
CREATE INDEX audit_code ON audit (code_digest) WHERE code_digest IS NOT NULL;
CREATE INDEX audit_time ON audit (time);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Codes waiting to cross the gap (out) and codes that came across (in).
CREATE TABLE transfer_items (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
  kind TEXT NOT NULL CHECK (kind IN ('request', 'authorization', 'confirmation', 'return')),
  code TEXT NOT NULL,
  code_digest TEXT NOT NULL,
  udi TEXT,
  subject TEXT,
  label TEXT,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('waiting', 'exported', 'imported', 'applied', 'failed')),
  done_at INTEGER,
  file TEXT,
  error TEXT CHECK (error IS NULL OR json_valid(error))
) STRICT;
CREATE UNIQUE INDEX transfer_items_code ON transfer_items (direction, code_digest);
CREATE INDEX transfer_items_status ON transfer_items (direction, status, seq);
CREATE INDEX transfer_items_subject ON transfer_items (subject) WHERE subject IS NOT NULL;

-- Authority: the smart account (one row), its virtual accounts and their license pools.
CREATE TABLE smart_account (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  name TEXT NOT NULL,
  reservation_enabled INTEGER NOT NULL CHECK (reservation_enabled IN (0, 1))
) STRICT;
CREATE TABLE virtual_accounts (
  position INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;
CREATE TABLE licenses (
  position INTEGER PRIMARY KEY,
  va TEXT NOT NULL REFERENCES virtual_accounts (name),
  tag TEXT NOT NULL,
  entry TEXT NOT NULL CHECK (json_valid(entry)),
  UNIQUE (va, tag)
) STRICT;

-- Authority: product instances. The record is the domain's; the columns are what lists ask for.
CREATE TABLE instances (
  position INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  va TEXT NOT NULL REFERENCES virtual_accounts (name),
  udi_key TEXT NOT NULL,
  name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('reserved', 'in-transit', 'removed', 'rehosted')),
  product_type TEXT NOT NULL,
  reservation_type TEXT NOT NULL CHECK (reservation_type IN ('SLR', 'PLR')),
  confirmed INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
  created_at INTEGER NOT NULL,
  last_contact INTEGER NOT NULL,
  -- When the authorization still owed an answer was issued (in transit, or not confirmed).
  waiting_since INTEGER,
  record TEXT NOT NULL CHECK (json_valid(record))
) STRICT;
-- One active reservation per UDI, enforced by the database as well as by the ledger.
CREATE UNIQUE INDEX instances_active_udi ON instances (udi_key)
  WHERE state IN ('reserved', 'in-transit');
CREATE INDEX instances_udi ON instances (udi_key);
CREATE INDEX instances_state ON instances (state, confirmed, created_at);
CREATE INDEX instances_va ON instances (va, state, created_at);
CREATE INDEX instances_created ON instances (created_at);
CREATE INDEX instances_waiting ON instances (waiting_since) WHERE waiting_since IS NOT NULL;

-- Site: the trusted authority (at most one row).
CREATE TABLE trust (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  authority_name TEXT NOT NULL,
  public_key_pem TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Site: devices. The state is the agent's (emulated) or the ledger's (external).
CREATE TABLE devices (
  serial INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('emulated', 'external')),
  product TEXT NOT NULL CHECK (product IN ('ucm', 'expressway', 'ios-xe')),
  udi_key TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  -- What the device waits for and where its reservation stands, as of its last change.
  waiting_for TEXT NOT NULL,
  stage TEXT NOT NULL,
  registration TEXT NOT NULL,
  state TEXT NOT NULL CHECK (json_valid(state)),
  CHECK (kind = 'external' OR product <> 'ios-xe')
) STRICT;
CREATE INDEX devices_waiting ON devices (waiting_for, serial);
CREATE INDEX devices_stage ON devices (kind, stage, serial);
`;

// Codes have a life: an operator can mark a code done (carried by hand, answered elsewhere) or
// dismiss a row that failed. SQLite cannot change a CHECK constraint in place: the table is
// rebuilt with its rows, ids (seq) and indexes as they were.
const V2 = `
CREATE TABLE transfer_items_v2 (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
  kind TEXT NOT NULL CHECK (kind IN ('request', 'authorization', 'confirmation', 'return')),
  code TEXT NOT NULL,
  code_digest TEXT NOT NULL,
  udi TEXT,
  subject TEXT,
  label TEXT,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN
    ('waiting', 'exported', 'imported', 'applied', 'failed', 'done', 'dismissed')),
  done_at INTEGER,
  file TEXT,
  error TEXT CHECK (error IS NULL OR json_valid(error))
) STRICT;
INSERT INTO transfer_items_v2 (seq, direction, kind, code, code_digest, udi, subject, label,
  created_at, status, done_at, file, error)
  SELECT seq, direction, kind, code, code_digest, udi, subject, label, created_at, status,
    done_at, file, error FROM transfer_items ORDER BY seq;
-- The next id continues where the old table's counter stood.
DELETE FROM sqlite_sequence WHERE name = 'transfer_items_v2';
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'transfer_items_v2', seq FROM sqlite_sequence WHERE name = 'transfer_items';
DROP TABLE transfer_items;
ALTER TABLE transfer_items_v2 RENAME TO transfer_items;
CREATE UNIQUE INDEX transfer_items_code ON transfer_items (direction, code_digest);
CREATE INDEX transfer_items_status ON transfer_items (direction, status, seq);
CREATE INDEX transfer_items_subject ON transfer_items (subject) WHERE subject IS NOT NULL;
`;

// A keyed head for the log: each committing transaction signs (seq, hash) of the chain's newest
// entry with the workspace's key — the authority's signing key, a site's own checkpoint key — so
// a log cut short, reordered or recomputed by someone without the key no longer verifies.
const V3 = `
CREATE TABLE audit_checkpoints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  time TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL,
  signature TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
  BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
  BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
`;

// The instances table's filters, searches and sorts, answered from an index alone: a row holds
// its whole record (kilobytes), so a search that scanned the table read all of it (~40 ms at
// 10,000 instances; ~4 ms from this index, the page's records then read by rowid).
const V4 = `
CREATE INDEX instances_lookup ON instances
  (va, state, confirmed, waiting_since, name, udi_key, id, product_type, last_contact, created_at, position);
`;

// The records themselves vouched for: a running digest per table, kept by triggers, signed in
// each checkpoint beside the log's head (guarded-records.ts).
const V5 = guardedRecordsSql();

/** Every step, oldest first; the last one's version is what this build writes. */
export const WORKSPACE_SCHEMA: readonly SchemaStep[] = [
  {
    version: 1,
    summary: 'workspace, audit log, transfer items, authority and site tables',
    sql: V1,
  },
  { version: 2, summary: 'transfer items can be marked done or dismissed', sql: V2 },
  { version: 3, summary: 'signed checkpoints of the audit chain', sql: V3 },
  { version: 4, summary: 'the instances table searched from an index', sql: V4 },
  { version: 5, summary: 'digests of the records, signed with the log', sql: V5 },
];

export const WORKSPACE_SCHEMA_VERSION = WORKSPACE_SCHEMA[WORKSPACE_SCHEMA.length - 1]!.version;

/** The steps that take a database from `from` to the latest version, in order. */
export function stepsFrom(from: number): SchemaStep[] {
  return WORKSPACE_SCHEMA.filter((step) => step.version > from);
}
