// Audit logs as JSON Lines files: what `audit export` writes for an auditor, and the log a
// schema-1 workspace kept beside its document. Verified with the same chain rule as the
// database's log (audit-entry.ts), so an export can be checked with no Airlock database.

import { readFileSync } from 'node:fs';
import { type AuditEntry, GENESIS, canonicalJson, entrySchema, hashEntry } from './audit-entry.ts';

export type AuditFileBreak =
  | 'torn-line'
  | 'not-json'
  | 'malformed'
  | 'hash-mismatch'
  | 'seq-gap'
  | 'chain-broken'
  | 'workspace-mismatch'
  | 'head-mismatch';

export interface AuditFileResult {
  ok: boolean;
  /** Intact entries before the first break (all of them when ok), in order. */
  entries: AuditEntry[];
  lines: number;
  /** 1-based line of the first break. */
  firstBrokenAt?: number;
  reason?: AuditFileBreak;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseLine(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(utf8.decode(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads and checks every line of the file at `path`: well-formed, this workspace's, hash as
 * recomputed, seqs from 1 without gaps, each `prev` the hash before it; and, when `expectHead`
 * is given, that the file reaches that entry with that hash (a log cut short fails). A missing
 * file is an empty log.
 */
export function readAuditFile(
  path: string,
  /** Whose log it must be; an export names it on every line, so by default its first line says. */
  workspace?: string,
  expectHead?: { seq: number; hash: string },
): AuditFileResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    bytes = Buffer.alloc(0);
  }
  const entries: AuditEntry[] = [];
  let lines = 0;
  let prev = GENESIS;
  const broken = (reason: AuditFileBreak): AuditFileResult => ({
    ok: false,
    entries,
    lines,
    firstBrokenAt: lines,
    reason,
  });
  for (let start = 0; start < bytes.length;) {
    const end = bytes.indexOf(0x0a, start);
    lines++;
    if (end === -1) return broken('torn-line');
    const raw = parseLine(bytes.subarray(start, end));
    start = end + 1;
    if (!raw) return broken('not-json');
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) return broken('malformed');
    workspace ??= parsed.data.workspace;
    if (raw.workspace !== workspace) return broken('workspace-mismatch');
    if (hashEntry(raw) !== raw.hash) return broken('hash-mismatch');
    if (raw.seq !== entries.length + 1) return broken('seq-gap');
    if (raw.prev !== prev) return broken('chain-broken');
    if (expectHead && raw.seq === expectHead.seq && raw.hash !== expectHead.hash)
      return broken('head-mismatch');
    prev = raw.hash as string;
    entries.push(raw as unknown as AuditEntry);
  }
  if (expectHead && entries.length < expectHead.seq)
    return { ok: false, entries, lines, firstBrokenAt: lines + 1, reason: 'head-mismatch' };
  return { ok: true, entries, lines };
}

/** Entries as JSON Lines: each line the entry's canonical JSON, exactly what its hash covers. */
export function formatAuditFile(entries: Iterable<AuditEntry>): { text: string; count: number } {
  const lines: string[] = [];
  for (const entry of entries) lines.push(`${canonicalJson(entry)}\n`);
  return { text: lines.join(''), count: lines.length };
}
