// The workspace's append-only, tamper-evident audit log: one hash-chained JSON line per entry.

import { createHash } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DomainError } from '../../shared/errors.ts';
import type { Clock } from '../../shared/ports.ts';
import {
  asJson,
  entrySchema,
  GENESIS,
  hashEntry,
  inputSchema,
  MAX_LINE_BYTES,
  quickInput,
  sealEntry,
  type AuditEntry,
  type AuditInput,
} from './audit-entry.ts';
import { forEachLine, parseLine } from './audit-lines.ts';
import { fsyncDirectory } from './durable-write.ts';
import { scanTail, type AuditDamage, type AuditHead, type TailState } from './audit-tail.ts';

export {
  codeDigest,
  type AuditDirection,
  type AuditEntry,
  type AuditInput,
} from './audit-entry.ts';
export type { AuditDamage, AuditHead } from './audit-tail.ts';

export type AuditBreak =
  | 'torn-line'
  | 'not-json'
  | 'malformed'
  | 'hash-mismatch'
  | 'seq-gap'
  | 'chain-broken'
  | 'workspace-mismatch'
  | 'head-mismatch';

export interface AuditVerifyResult {
  ok: boolean;
  /** Intact entries before the first break (all of them when ok). */
  entries: number;
  /** Lines in the file, a torn last line included. */
  lines: number;
  /** 1-based line of the first break (equal to its seq in a healthy log). */
  firstBrokenAt?: number;
  /** The seq written on that line, when it could be read. */
  firstBrokenSeq?: number;
  reason?: AuditBreak;
}

export interface AuditFilter {
  action?: string;
  direction?: AuditInput['direction'];
  subject?: string;
  codeDigest?: string;
  /** ISO times, inclusive. */
  since?: string;
  until?: string;
}

export interface AuditReadOptions {
  limit?: number;
  offset?: number;
  filter?: AuditFilter;
  newestFirst?: boolean;
}

export interface AuditLog {
  readonly path: string;
  /** Entries in the log (complete lines, when damaged). */
  readonly count: number;
  /** The last good entry: keep it in the workspace document to detect a cut-off tail later. */
  readonly head: AuditHead;
  /** Set when the tail is torn or invalid; appends are refused until it is repaired. */
  readonly damage: AuditDamage | undefined;
  append(input: AuditInput): AuditEntry;
  appendMany(inputs: readonly AuditInput[]): AuditEntry[];
  verify(opts?: { expectHead?: AuditHead }): Promise<AuditVerifyResult>;
  read(opts?: AuditReadOptions): Promise<AuditEntry[]>;
  /** Moves a torn last line aside, cuts it off and logs the repair; undefined if not damaged. */
  repairTornTail(): AuditEntry | undefined;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

function matches(entry: AuditEntry, filter: AuditFilter | undefined): boolean {
  if (!filter) return true;
  const { action, direction, subject, codeDigest, since, until } = filter;
  return (
    (action === undefined || entry.action === action) &&
    (direction === undefined || entry.direction === direction) &&
    (subject === undefined || entry.subject === subject) &&
    (codeDigest === undefined || entry.codeDigest === codeDigest) &&
    (since === undefined || entry.time >= since) &&
    (until === undefined || entry.time <= until)
  );
}

/**
 * Opens the log at `path` (created on first append). Only the file's tail is read: the last
 * entry gives the chain's head, so appending stays O(1) however long the log grows.
 */
export function openAuditLog(path: string, opts: { workspace: string; clock: Clock }): AuditLog {
  const { workspace, clock } = opts;
  mkdirSync(dirname(path), { recursive: true });
  let tail: TailState = scanTail(path);

  function append(input: AuditInput): AuditEntry {
    return appendMany([input])[0]!;
  }

  /** Appends entries in one write and one fsync: a batch of 10,000 codes is one disk flush. */
  function appendMany(inputs: readonly AuditInput[]): AuditEntry[] {
    const checkedInputs = inputs.map((input) => {
      const quick = quickInput(input);
      if (quick) return quick;
      const checked = inputSchema.safeParse(input);
      if (!checked.success) {
        const field = String(checked.error.issues[0]?.path[0] ?? '');
        throw new DomainError('AUDIT_ENTRY_INVALID', { field });
      }
      return checked.data;
    });
    if (checkedInputs.length === 0) return [];
    // Someone else (another window, another copy of the app) wrote since we looked: re-read the tail.
    if (sizeOf(path) !== tail.size) tail = scanTail(path);
    if (tail.damage) throw new DomainError('AUDIT_LOG_DAMAGED', { ...tail.damage });
    const time = new Date(clock.now()).toISOString();
    let head = tail.head;
    const entries: AuditEntry[] = [];
    const lines: string[] = [];
    for (const data of checkedInputs) {
      const body: Record<string, unknown> = { seq: head.seq + 1, time, workspace, prev: head.hash };
      for (const [key, value] of Object.entries(data)) {
        if (value === undefined) continue;
        // Only details can hold what JSON changes (dates, undefined, NaN): they are made what
        // verify will later parse. Every other field is a checked string.
        body[key] = key === 'details' ? asJson(value) : value;
      }
      const { entry, line: text } = sealEntry(body);
      const line = `${text}\n`;
      const bytes = Buffer.byteLength(line, 'utf8');
      if (bytes > MAX_LINE_BYTES) {
        throw new DomainError('AUDIT_ENTRY_TOO_LARGE', { bytes, max: MAX_LINE_BYTES });
      }
      entries.push(entry);
      lines.push(line);
      head = { seq: entry.seq, hash: entry.hash };
    }
    const block = Buffer.from(lines.join(''), 'utf8');
    const fd = openSync(path, 'a', 0o600);
    try {
      appendFileSync(fd, block);
      fsyncSync(fd);
    } catch (error) {
      tail = scanTail(path); // a partial write shows up as a torn tail and blocks further appends
      throw new DomainError('AUDIT_WRITE_FAILED', {
        errno: (error as NodeJS.ErrnoException).code ?? 'unknown',
      });
    } finally {
      closeSync(fd);
    }
    if (tail.size === 0) fsyncDirectory(dirname(path));
    tail = { head, size: tail.size + block.length, lines: tail.lines + entries.length };
    return entries;
  }

  async function verify(verifyOpts: { expectHead?: AuditHead } = {}): Promise<AuditVerifyResult> {
    // Without an anchor from the caller, what this process last saw still catches a cut-off tail.
    const expect = verifyOpts.expectHead ?? (tail.damage ? undefined : tail.head);
    let lines = 0;
    let entries = 0;
    let prev = GENESIS;
    let broken: Pick<AuditVerifyResult, 'firstBrokenAt' | 'firstBrokenSeq' | 'reason'> | undefined;
    const breakAt = (reason: AuditBreak, seq?: unknown) => {
      broken = { firstBrokenAt: lines, reason };
      if (typeof seq === 'number') broken.firstBrokenSeq = seq;
    };
    await forEachLine(path, (bytes, torn) => {
      lines++;
      if (broken) return;
      const raw = parseLine(bytes);
      if (torn) return breakAt('torn-line', raw?.seq);
      if (!raw) return breakAt('not-json');
      if (!entrySchema.safeParse(raw).success) return breakAt('malformed', raw.seq);
      if (raw.workspace !== workspace) return breakAt('workspace-mismatch', raw.seq);
      if (hashEntry(raw) !== raw.hash) return breakAt('hash-mismatch', raw.seq);
      if (raw.seq !== lines) return breakAt('seq-gap', raw.seq);
      if (raw.prev !== prev) return breakAt('chain-broken', raw.seq);
      if (expect && raw.seq === expect.seq && raw.hash !== expect.hash) {
        return breakAt('head-mismatch', raw.seq);
      }
      prev = raw.hash as string;
      entries++;
    });
    if (!broken && expect && entries < expect.seq) {
      broken = { firstBrokenAt: entries + 1, reason: 'head-mismatch' };
    }
    return { ok: !broken, entries, lines, ...broken };
  }

  async function read(readOpts: AuditReadOptions = {}): Promise<AuditEntry[]> {
    const { limit = 100, offset = 0, filter, newestFirst = false } = readOpts;
    const keep = offset + limit;
    const found: AuditEntry[] = [];
    let skipped = 0;
    await forEachLine(path, (bytes, torn) => {
      const raw = torn ? undefined : parseLine(bytes);
      const parsed = raw && entrySchema.safeParse(raw);
      if (!parsed || !parsed.success || !matches(parsed.data, filter)) return;
      if (newestFirst) {
        found.push(parsed.data);
        if (found.length > keep) found.shift(); // only the newest offset + limit are ever needed
        return;
      }
      if (skipped < offset) return void skipped++;
      found.push(parsed.data);
      return found.length < limit;
    });
    return newestFirst ? found.reverse().slice(offset, keep) : found;
  }

  function repairTornTail(): AuditEntry | undefined {
    if (!tail.damage) return undefined;
    if (tail.damage.reason !== 'torn-line' || tail.tornStart === undefined) {
      throw new DomainError('AUDIT_LOG_DAMAGED', { ...tail.damage });
    }
    const { line } = tail.damage;
    const fd = openSync(path, 'r+');
    let torn: Buffer;
    let tornCopy: string;
    try {
      torn = Buffer.alloc(fstatSync(fd).size - tail.tornStart);
      readSync(fd, torn, 0, torn.length, tail.tornStart);
      // Keep the torn bytes before cutting them off: a repair must not lose evidence either.
      const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
      tornCopy = join(dirname(path), `${basename(path, '.jsonl')}.torn-${line}-${stamp}.txt`);
      const copy = openSync(tornCopy, 'wx', 0o600);
      try {
        writeSync(copy, torn);
        fsyncSync(copy);
      } finally {
        closeSync(copy);
      }
      fsyncDirectory(dirname(path));
      ftruncateSync(fd, tail.tornStart);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    tail = { head: tail.head, size: tail.tornStart, lines: tail.lines };
    return append({
      action: 'audit-log-repaired',
      direction: 'none',
      details: {
        line,
        tornBytes: torn.length,
        tornSha256: createHash('sha256').update(torn).digest('hex'),
        tornCopy: basename(tornCopy),
      },
    });
  }

  return {
    path,
    get count() {
      return tail.damage ? tail.lines : tail.head.seq;
    },
    get head() {
      return { ...tail.head };
    },
    get damage() {
      return tail.damage ? { ...tail.damage } : undefined;
    },
    append,
    appendMany,
    verify,
    read,
    repairTornTail,
  };
}
