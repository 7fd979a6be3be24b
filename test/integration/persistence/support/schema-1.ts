// A workspace written the way Airlock wrote them before each became a database (schema 1, up to
// commit 79e9a6d): `workspace.json` — the whole document, compact JSON, written through conf —
// its previous generation `workspace.bak.json`, and `audit.jsonl`, one hash-chained entry per
// line. The document names the log's head as it stood at its last save (the entries of that
// save's own change came after), and an outbox authorization code that its instance holds is
// written as `code: ""` with `codeHeldBy` instead of twice (document-codes.ts at 79e9a6d).
//
// Made from a workspace of this build: its rows become the document, its log (without what
// schema 1 never logged, chained again as the old code chained it) the lines, and the database
// and everything else schema 1 did not have are taken away — what an upgrade would find on disk.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthorityState } from '../../../../shared/authority/index.ts';
import {
  type AuditEntry,
  GENESIS,
  canonicalJson,
  sealEntry,
} from '../../../../electron/services/audit-entry.ts';
import { auditRowsOf, authorityStateOf, onSnapshot } from '../../support/readback.ts';
import type { Workspace } from './workspaces.ts';

export interface Schema1Files {
  document: string;
  backup: string;
  log: string;
  /** The log's entries, as its lines hold them. */
  entries: AuditEntry[];
}

/** What this build logs that schema 1 never did: a schema-1 log cannot hold it. */
const NEVER_IN_SCHEMA_1 = new Set(['audit-checkpoints-started', 'audit-log-repaired']);

interface ItemRow {
  seq: number;
  direction: 'out' | 'in';
  kind: string;
  code: string;
  udi: string | null;
  subject: string | null;
  label: string | null;
  created_at: number;
  status: string;
  done_at: number | null;
  file: string | null;
  error: string | null;
}

/**
 * An item as schema 1 could hold it. It knew no `done` (a code made moot by a later event) and
 * no `dismissed`: such an item stood where it was before — waiting to go out, or imported and
 * not yet used — and a dismissed row had failed.
 */
export function asSchema1<T extends { direction: string; status: string; doneAt: number | null }>(
  item: T,
): T {
  if (item.status === 'done')
    return { ...item, status: item.direction === 'out' ? 'waiting' : 'imported', doneAt: null };
  if (item.status === 'dismissed') return { ...item, status: 'failed' };
  return item;
}

/** What encodeWorkspaceDocument did to an outbox item whose code its instance holds. */
function encodeItem(item: Record<string, unknown>, authority: AuthorityState | undefined) {
  if (!authority || item.direction !== 'out' || item.kind !== 'authorization' || !item.subject)
    return item;
  const instance = authority.instances[item.subject as string];
  if (!instance) return item;
  if (instance.current.code === item.code) return { ...item, code: '', codeHeldBy: 'current' };
  if (instance.state === 'in-transit' && instance.pending.authorization.code === item.code)
    return { ...item, code: '', codeHeldBy: 'pending' };
  return item;
}

/** Writes the schema-1 files of the (closed) workspace and removes its database and marker. */
export function toSchema1(ws: Workspace): Schema1Files {
  const { doc, lines } = onSnapshot(ws.db, (db) => {
    const identity = db
      .prepare('SELECT id, kind, name, created_at FROM workspace WHERE singleton = 1')
      .get() as { id: string; kind: 'authority' | 'site'; name: string; created_at: string };
    const authority = identity.kind === 'authority' ? authorityStateOf(db) : undefined;
    const items = (db.prepare('SELECT * FROM transfer_items ORDER BY seq').all() as ItemRow[]).map(
      (r) =>
        encodeItem(
          asSchema1({
            id: `${r.direction}-${r.seq}`,
            direction: r.direction,
            kind: r.kind,
            code: r.code,
            udi: r.udi,
            subject: r.subject,
            label: r.label,
            createdAt: r.created_at,
            status: r.status,
            doneAt: r.done_at,
            file: r.file,
            error: r.error === null ? null : JSON.parse(r.error),
          }),
          authority,
        ),
    );
    const itemSerial =
      (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'transfer_items'").pluck().get() as
        number | undefined) ?? 0;
    // The log as the old code chained it: this build's entries but those schema 1 never wrote.
    let prev = GENESIS;
    const entries = auditRowsOf(db)
      .filter((row) => !NEVER_IN_SCHEMA_1.has(row.action))
      .map((row, i) => {
        const body: Record<string, unknown> = {
          seq: i + 1,
          time: row.time,
          workspace: identity.id,
          prev,
          action: row.action,
          direction: row.direction,
        };
        if (row.subject !== null) body.subject = row.subject;
        if (row.code_kind !== null) body.codeKind = row.code_kind;
        if (row.code_digest !== null) body.codeDigest = row.code_digest;
        if (row.details !== null) body.details = JSON.parse(row.details);
        const { entry } = sealEntry(body);
        prev = entry.hash;
        return entry;
      });
    // Saved before the last change's entries were appended: the head it names is one back.
    const head = entries.at(-2) ?? entries.at(-1);
    const common = {
      schemaVersion: 1,
      id: identity.id,
      name: identity.name,
      createdAt: identity.created_at,
      kind: identity.kind,
      items,
      nextItem: itemSerial + 1,
      ...(head ? { auditHead: { seq: head.seq, hash: head.hash } } : {}),
    };
    if (authority) return { doc: { ...common, authority }, lines: entries };
    const trust = db
      .prepare(
        'SELECT authority_name, public_key_pem, fingerprint, created_at FROM trust WHERE singleton = 1',
      )
      .get() as
      | { authority_name: string; public_key_pem: string; fingerprint: string; created_at: string }
      | undefined;
    const devices: Record<string, unknown> = {};
    for (const d of db
      .prepare('SELECT id, name, kind, product, created_at, state FROM devices ORDER BY serial')
      .all() as Array<{
      id: string;
      name: string;
      kind: 'emulated' | 'external';
      product: string;
      created_at: number;
      state: string;
    }>)
      devices[d.id] = {
        id: d.id,
        name: d.name,
        product: d.product,
        createdAt: d.created_at,
        kind: d.kind,
        [d.kind === 'emulated' ? 'agent' : 'ledger']: JSON.parse(d.state),
      };
    const nextDevice =
      (db.prepare("SELECT value FROM counters WHERE name = 'device'").pluck().get() as
        number | undefined) ?? 1;
    return {
      doc: {
        ...common,
        trust: trust
          ? {
              authorityName: trust.authority_name,
              publicKeyPem: trust.public_key_pem,
              fingerprint: trust.fingerprint,
              createdAt: trust.created_at,
            }
          : null,
        devices,
        nextDevice,
      },
      lines: entries,
    };
  });
  const document = JSON.stringify(doc);
  // The generation before: the same workspace one save earlier (here: under its earlier name).
  const backup = JSON.stringify({ ...doc, name: `${doc.name} (earlier)` });
  const log = lines.map((entry) => `${canonicalJson(entry)}\n`).join('');
  // Nothing of what this build keeps beside the document existed then.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${ws.db}${suffix}`, { force: true });
  for (const name of ['workspace.head', 'site-key.json', 'backups'])
    rmSync(join(ws.dir, name), { recursive: true, force: true });
  writeFileSync(join(ws.dir, 'workspace.json'), document, { mode: 0o600 });
  writeFileSync(join(ws.dir, 'workspace.bak.json'), backup, { mode: 0o600 });
  writeFileSync(join(ws.dir, 'audit.jsonl'), log, { mode: 0o600 });
  return { document, backup, log, entries: lines };
}
