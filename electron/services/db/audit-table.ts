// The workspace's audit log as a table of its database: hash-chained entries appended in the
// same transaction as the change they record, read in windows, verified, exported as JSON Lines.

import { DomainError } from '../../../shared/errors.ts';
import type { Clock } from '../../../shared/ports.ts';
import {
  type AuditEntry,
  type AuditInput,
  GENESIS,
  MAX_LINE_BYTES,
  asJson,
  canonicalJson,
  hashEntry,
  inputSchema,
  quickInput,
  sealInput,
} from '../audit-entry.ts';
import { type WorkspaceDb, escapeLike } from './workspace-db.ts';

export interface AuditHead {
  seq: number;
  hash: string;
}

export type AuditBreak = 'malformed' | 'hash-mismatch' | 'seq-gap' | 'chain-broken';

export interface AuditFilter {
  action?: string;
  /** Entries whose action starts with this (`external-` for all external-device records). */
  actionPrefix?: string;
  direction?: AuditInput['direction'];
  subject?: string;
  codeDigest?: string;
  /** ISO times, inclusive. */
  since?: string;
  until?: string;
}

export interface AuditPageOptions {
  limit?: number;
  offset?: number;
  filter?: AuditFilter;
  newestFirst?: boolean;
}

interface AuditRow {
  seq: number;
  time: string;
  action: string;
  direction: AuditInput['direction'];
  subject: string | null;
  code_kind: string | null;
  code_digest: string | null;
  details: string | null;
  prev: string;
  hash: string;
}

const COLUMNS =
  'seq, time, action, direction, subject, code_kind, code_digest, details, prev, hash';

type RawAuditRow = [
  number,
  string,
  string,
  AuditRow['direction'],
  string | null,
  string | null,
  string | null,
  string | null,
  string,
  string,
];

function rowOf(raw: RawAuditRow): AuditRow {
  const [seq, time, action, direction, subject, code_kind, code_digest, details, prev, hash] = raw;
  return { seq, time, action, direction, subject, code_kind, code_digest, details, prev, hash };
}

function checked(input: AuditInput): AuditInput {
  const quick = quickInput(input);
  if (quick) return quick;
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? '');
    throw new DomainError('AUDIT_ENTRY_INVALID', { field });
  }
  return parsed.data;
}

export class AuditTable {
  constructor(
    private readonly db: WorkspaceDb,
    readonly workspace: string,
    private readonly clock: Clock,
  ) {}

  /** The last entry's seq and hash (GENESIS for an empty log). */
  head(): AuditHead {
    const row = this.db.stmt('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
      AuditHead | undefined;
    return row ?? { seq: 0, hash: GENESIS };
  }

  count(): number {
    return (this.db.stmt('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
  }

  /**
   * Appends entries after the current head. Only inside a write transaction: the entries commit
   * (or roll back) with the change they record.
   */
  append(inputs: readonly AuditInput[]): AuditEntry[] {
    if (inputs.length === 0) return [];
    if (!this.db.inTransaction) throw new Error('audit entries are written inside a transaction');
    const time = new Date(this.clock.now()).toISOString();
    let head = this.head();
    const insert = this.db.stmt(
      `INSERT INTO audit (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const entries: AuditEntry[] = [];
    for (const input of inputs) {
      const data = checked(input);
      const seq = head.seq + 1;
      // Only details can hold what JSON changes (dates, undefined, NaN): they are made what
      // verify will later parse. Every other field is a checked string.
      const details =
        data.details === undefined ? undefined : (asJson(data.details) as Record<string, unknown>);
      const detailsJson = details === undefined ? undefined : canonicalJson(details);
      const { hash, line } = sealInput(data, detailsJson, {
        seq,
        prev: head.hash,
        time,
        workspace: this.workspace,
      });
      if (line.length > MAX_LINE_BYTES)
        throw new DomainError('AUDIT_ENTRY_TOO_LARGE', { bytes: line.length, max: MAX_LINE_BYTES });
      insert.run(
        seq,
        time,
        data.action,
        data.direction,
        data.subject ?? null,
        data.codeKind ?? null,
        data.codeDigest ?? null,
        detailsJson ?? null,
        head.hash,
        hash,
      );
      const entry: AuditEntry = {
        ...data,
        seq,
        time,
        workspace: this.workspace,
        prev: head.hash,
        hash,
      };
      if (details !== undefined) entry.details = details;
      entries.push(entry);
      head = { seq, hash };
    }
    return entries;
  }

  private entryOf(row: AuditRow): AuditEntry {
    const entry: AuditEntry = {
      seq: row.seq,
      time: row.time,
      workspace: this.workspace,
      prev: row.prev,
      action: row.action,
      direction: row.direction,
      hash: row.hash,
    };
    if (row.subject !== null) entry.subject = row.subject;
    if (row.code_kind !== null) entry.codeKind = row.code_kind;
    if (row.code_digest !== null) entry.codeDigest = row.code_digest;
    if (row.details !== null) entry.details = JSON.parse(row.details) as Record<string, unknown>;
    return entry;
  }

  private where(filter: AuditFilter | undefined): { sql: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      clauses.push(clause);
      params.push(value);
    };
    if (filter?.action !== undefined) add('action = ?', filter.action);
    if (filter?.actionPrefix !== undefined)
      add("action LIKE ? ESCAPE '\\'", `${escapeLike(filter.actionPrefix)}%`);
    if (filter?.direction !== undefined) add('direction = ?', filter.direction);
    if (filter?.subject !== undefined) add('subject = ?', filter.subject);
    if (filter?.codeDigest !== undefined) add('code_digest = ?', filter.codeDigest);
    if (filter?.since !== undefined) add('time >= ?', filter.since);
    if (filter?.until !== undefined) add('time <= ?', filter.until);
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  /** A window of entries, oldest first unless `newestFirst`, with how many match in all. */
  page(options: AuditPageOptions = {}): { entries: AuditEntry[]; total: number } {
    const { limit = 100, offset = 0, filter, newestFirst = false } = options;
    const { sql, params } = this.where(filter);
    return this.db.read(() => {
      const rows = this.db
        .stmt(
          `SELECT ${COLUMNS} FROM audit ${sql} ORDER BY seq ${newestFirst ? 'DESC' : 'ASC'} LIMIT ? OFFSET ?`,
        )
        .all(...params, limit, offset) as AuditRow[];
      const total = (
        this.db.stmt(`SELECT count(*) AS n FROM audit ${sql}`).get(...params) as { n: number }
      ).n;
      return { entries: rows.map((row) => this.entryOf(row)), total };
    });
  }

  /** The actions the log holds, with how many entries each. */
  actions(): Array<{ type: string; count: number }> {
    return this.db
      .stmt('SELECT action AS type, count(*) AS count FROM audit GROUP BY action ORDER BY action')
      .all() as Array<{ type: string; count: number }>;
  }

  /** Every entry with seq > `after`, oldest first, one at a time (export, restore previews). */
  *entriesAfter(after = 0): Generator<AuditEntry> {
    const rows = this.db
      .stmt(`SELECT ${COLUMNS} FROM audit WHERE seq > ? ORDER BY seq`)
      .iterate(after) as IterableIterator<AuditRow>;
    for (const row of rows) yield this.entryOf(row);
  }

  /**
   * The entries after `from` (an entry already found sound, or the start) checked as `verify`
   * checks them: where the chain stands when they hold, else the first that does not. Each hash
   * is recomputed from the row's own text (its details as stored, which the log writes in
   * canonical form); a row that does not match that way is checked once more field by field.
   */
  walk(from: AuditHead): {
    entries: number;
    head: AuditHead;
    broken?: { firstBrokenAt: number; reason: AuditBreak };
  } {
    // Rows as arrays (COLUMNS' order), made into plain objects here: a walk reads every row of a
    // long log, and the driver's own row objects cost as much as hashing the row.
    // (A statement of its own: `raw` is a mode of the prepared statement, not of one call.)
    const rows = this.db
      .stmt(`SELECT ${COLUMNS} FROM audit WHERE seq > ? ORDER BY seq /* walk */`)
      .raw(true)
      .iterate(from.seq) as IterableIterator<RawAuditRow>;
    let { seq, hash: prev } = from;
    for (const raw of rows) {
      const row = rowOf(raw);
      const broken = (reason: AuditBreak) => ({
        entries: seq,
        head: { seq, hash: prev },
        broken: { firstBrokenAt: row.seq, reason },
      });
      if (row.seq !== seq + 1) return broken('seq-gap');
      if (row.prev !== prev) return broken('chain-broken');
      if (!this.hashHolds(row)) return broken('hash-mismatch');
      prev = row.hash;
      seq = row.seq;
    }
    return { entries: seq, head: { seq, hash: prev } };
  }

  /**
   * The chain walked from `from` (the start, by default) as `walk` does, except that a break an
   * explicit repair recorded (an `audit-log-repaired` entry after it naming that entry) was
   * accepted: the walk goes on past that entry, taking it as it stands. What is left is a break
   * nobody has examined.
   */
  walkAccepting(from: AuditHead = { seq: 0, hash: GENESIS }): ReturnType<AuditTable['walk']> & {
    accepted: number[];
  } {
    const accepted: number[] = [];
    for (;;) {
      const walked = this.walk(from);
      if (!walked.broken) return { ...walked, accepted };
      const at = walked.broken.firstBrokenAt;
      const repair = (
        this.db
          .stmt(
            `SELECT ${COLUMNS} FROM audit WHERE action = 'audit-log-repaired' AND seq > ?
             ORDER BY seq`,
          )
          .all(at) as AuditRow[]
      ).find((row) => this.recordedBreak(row) === at && this.hashHolds(row));
      if (!repair) return { ...walked, accepted };
      accepted.push(at);
      from = { seq: at, hash: this.hashAt(at)! };
    }
  }

  private recordedBreak(row: AuditRow): number | undefined {
    try {
      const brokenAt = (JSON.parse(row.details ?? '{}') as { brokenAt?: unknown }).brokenAt;
      return typeof brokenAt === 'number' ? brokenAt : undefined;
    } catch {
      return undefined;
    }
  }

  /** The subject of the first entry of `action` that names the code with this digest. */
  firstSubject(action: string, codeDigest: string): string | undefined {
    const subject = this.db
      .stmt('SELECT subject FROM audit WHERE code_digest = ? AND action = ? ORDER BY seq LIMIT 1')
      .pluck()
      .get(codeDigest, action) as string | null | undefined;
    return subject ?? undefined;
  }

  /** The hash of entry `seq`, or undefined when there is none. */
  hashAt(seq: number): string | undefined {
    return this.db.stmt('SELECT hash FROM audit WHERE seq = ?').pluck().get(seq) as
      string | undefined;
  }

  /** Whether the entry `head` names is still there with that hash. */
  holds(head: AuditHead): boolean {
    return head.seq === 0 || this.hashAt(head.seq) === head.hash;
  }

  private hashHolds(row: AuditRow): boolean {
    const input: AuditInput = { action: row.action, direction: row.direction };
    if (row.subject !== null) input.subject = row.subject;
    if (row.code_kind !== null) input.codeKind = row.code_kind as AuditInput['codeKind'];
    if (row.code_digest !== null) input.codeDigest = row.code_digest;
    const chain = { seq: row.seq, prev: row.prev, time: row.time, workspace: this.workspace };
    if (sealInput(input, row.details ?? undefined, chain).hash === row.hash) return true;
    try {
      return hashEntry(this.entryOf(row) as unknown as Record<string, unknown>) === row.hash;
    } catch {
      return false; // details that are not JSON
    }
  }
}
