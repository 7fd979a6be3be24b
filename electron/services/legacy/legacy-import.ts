// Brings a schema-1 workspace (`workspace.json` and `audit.jsonl`) into a database, once, on its
// first open: the document read strictly (no fallback to its backup copy), the log's chain
// verified against the head the document recorded, everything written in one transaction under
// a temporary name, then the database put in place and the old files kept read-only in `legacy/`.

import { hash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { DomainError } from '../../../shared/errors.ts';
import type { DomainPorts } from '../../../shared/ports.ts';
import { canonicalJson } from '../audit-entry.ts';
import { readAuditFile } from '../audit-file.ts';
import { fsyncDirectory } from '../durable-write.ts';
import { AuditTable } from '../db/audit-table.ts';
import { writeHeadMarker } from '../db/head-marker.ts';
import { WorkspaceDb } from '../db/workspace-db.ts';
import { UPSERT_INSTANCE, instanceColumns } from '../workspaces/authority/working-set.ts';
import type { SiteDevice } from '../workspaces/site/device-rows.ts';
import { SiteWorkspace } from '../workspaces/site/site-workspace.ts';
import {
  type AuthorityDocument,
  LEGACY_SCHEMA_VERSION,
  type SiteDocument,
  type WorkspaceDocument,
  decodeLegacyDocument,
  validateLegacyDocument,
} from './legacy-document.ts';

export const LEGACY_DOCUMENT = 'workspace.json';
export const LEGACY_AUDIT = 'audit.jsonl';
export const LEGACY_DIR = 'legacy';
/** What a schema-1 workspace kept beside its key file; moved to `legacy/` once imported. */
const LEGACY_FILES = [LEGACY_DOCUMENT, 'workspace.bak.json', LEGACY_AUDIT];
const IMPORTING = 'workspace.db.importing';

export function hasLegacyWorkspace(dir: string): boolean {
  return existsSync(join(dir, LEGACY_DOCUMENT));
}

function failure(path: string, problem: string): DomainError {
  return new DomainError('LEGACY_IMPORT_FAILED', { path, problem });
}

function readDocument(path: string): WorkspaceDocument {
  const bytes = readFileSync(path);
  if (!isUtf8(bytes)) throw failure(path, 'not UTF-8 text');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw failure(path, 'not JSON (cut short or damaged)');
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== LEGACY_SCHEMA_VERSION) throw failure(path, `schema version ${String(version)}`);
  try {
    return validateLegacyDocument(decodeLegacyDocument(json));
  } catch (error) {
    throw failure(path, error instanceof Error ? error.message.slice(0, 200) : 'invalid');
  }
}

function serialOf(id: string, pattern: RegExp, path: string): number {
  const serial = Number(pattern.exec(id)?.[1] ?? NaN);
  if (!Number.isSafeInteger(serial)) throw failure(path, `unexpected id ${id.slice(0, 40)}`);
  return serial;
}

function insertItems(db: WorkspaceDb, doc: WorkspaceDocument, path: string): void {
  const insert = db.stmt(
    `INSERT INTO transfer_items (seq, direction, kind, code, code_digest, udi, subject, label,
       created_at, status, done_at, file, error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const item of doc.items) {
    insert.run(
      serialOf(item.id, /^(?:out|in)-(\d+)$/, path),
      item.direction,
      item.kind,
      item.code,
      hash('sha256', item.code, 'hex'),
      item.udi,
      item.subject,
      item.label,
      item.createdAt,
      item.status,
      item.doneAt,
      item.file,
      item.error === null ? null : JSON.stringify(item.error),
    );
  }
  // The next item keeps the serial the document would have given it.
  db.stmt("DELETE FROM sqlite_sequence WHERE name = 'transfer_items'").run();
  db.stmt("INSERT INTO sqlite_sequence (name, seq) VALUES ('transfer_items', ?)").run(
    Math.max(doc.nextItem - 1, ...doc.items.map((i) => serialOf(i.id, /-(\d+)$/, path))),
  );
}

function insertAuthority(db: WorkspaceDb, doc: AuthorityDocument): void {
  const { smartAccount, virtualAccounts, instances } = doc.authority;
  db.stmt('INSERT INTO smart_account (singleton, name, reservation_enabled) VALUES (1, ?, ?)').run(
    smartAccount.name,
    smartAccount.reservationEnabled ? 1 : 0,
  );
  for (const account of Object.values(virtualAccounts)) {
    db.stmt('INSERT INTO virtual_accounts (name) VALUES (?)').run(account.name);
    for (const entry of Object.values(account.pool))
      db.stmt('INSERT INTO licenses (va, tag, entry) VALUES (?, ?, ?)').run(
        account.name,
        entry.tag,
        JSON.stringify(entry),
      );
  }
  const upsert = db.stmt(UPSERT_INSTANCE);
  for (const record of Object.values(instances))
    upsert.run({ ...instanceColumns(record), record: JSON.stringify(record) });
}

function insertSite(ws: SiteWorkspace, doc: SiteDocument, path: string): void {
  if (doc.trust) ws.setTrust(doc.trust);
  const verifier = ws.verifier;
  for (const stored of Object.values(doc.devices)) {
    // An emulated device is a UCM or an Expressway: its agent's own product says which.
    const device: SiteDevice =
      stored.kind === 'emulated' ? { ...stored, product: stored.agent.product } : stored;
    ws.devices.insert(
      device,
      serialOf(device.id, /^dev-(\d+)$/, path),
      ws.rowSummary(device, verifier),
    );
  }
  ws.db
    .stmt(
      `INSERT INTO counters (name, value) VALUES ('device', ?)
       ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)`,
    )
    .run(doc.nextDevice);
}

/**
 * Imports the schema-1 workspace in `dir` into `dbPath`. Refuses (LEGACY_IMPORT_FAILED, or
 * AUDIT_LOG_DAMAGED with the line) and changes nothing when the document or its log is damaged.
 */
export function importLegacyWorkspace(
  dir: string,
  id: string,
  dbPath: string,
  ports: DomainPorts,
): { entries: number } {
  const docPath = join(dir, LEGACY_DOCUMENT);
  const doc = readDocument(docPath);
  if (doc.id !== id) throw failure(docPath, `it belongs to workspace ${doc.id}`);
  const auditPath = join(dir, LEGACY_AUDIT);
  const chain = readAuditFile(auditPath, id, doc.auditHead);
  if (!chain.ok)
    throw new DomainError('AUDIT_LOG_DAMAGED', {
      path: auditPath,
      line: chain.firstBrokenAt,
      reason: chain.reason,
    });
  const entries = chain.entries;

  const temp = join(dir, IMPORTING);
  removeImporting(dir);
  const db = WorkspaceDb.create(temp, (db) => {
    db.stmt(
      'INSERT INTO workspace (singleton, id, kind, name, created_at) VALUES (1, ?, ?, ?, ?)',
    ).run(doc.id, doc.kind, doc.name, doc.createdAt);
    const insert = db.stmt(
      `INSERT INTO audit (seq, time, action, direction, subject, code_kind, code_digest, details,
         prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const e of entries)
      insert.run(
        e.seq,
        e.time,
        e.action,
        e.direction,
        e.subject ?? null,
        e.codeKind ?? null,
        e.codeDigest ?? null,
        e.details === undefined ? null : canonicalJson(e.details),
        e.prev,
        e.hash,
      );
    insertItems(db, doc, docPath);
    if (doc.kind === 'authority') insertAuthority(db, doc);
    else insertSite(new SiteWorkspace({ id, db, ports, dir }), doc, docPath);
    new AuditTable(db, id, ports.clock).append([
      {
        action: 'workspace-imported',
        direction: 'none',
        details: { from: 'schema 1', entries: entries.length, keptIn: LEGACY_DIR },
      },
    ]);
  });
  const head = new AuditTable(db, id, ports.clock).head();
  db.close();
  renameSync(temp, dbPath);
  fsyncDirectory(dir);
  writeHeadMarker(dir, head);
  keepLegacyFiles(dir);
  return { entries: entries.length };
}

/** A crash mid-import leaves a half-written database under its temporary name: it is not ours. */
function removeImporting(dir: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    rmSync(join(dir, `${IMPORTING}${suffix}`), { force: true });
}

/** Moves the schema-1 files into `legacy/`, read-only: kept as evidence, never read again. */
export function keepLegacyFiles(dir: string): void {
  const keep = join(dir, LEGACY_DIR);
  mkdirSync(keep, { recursive: true, mode: 0o700 });
  for (const name of LEGACY_FILES) {
    const from = join(dir, name);
    if (!existsSync(from)) continue;
    const to = existsSync(join(keep, name))
      ? join(keep, `${name}.${Date.now()}`)
      : join(keep, name);
    renameSync(from, to);
    try {
      chmodSync(to, 0o400);
    } catch {
      // Not every filesystem keeps permission bits; the files are kept all the same.
    }
  }
  fsyncDirectory(keep);
  fsyncDirectory(dir);
}
