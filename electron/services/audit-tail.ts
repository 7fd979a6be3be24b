// Finds where an audit log ends by reading only its last bytes: the head of the chain, or damage.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { entrySchema, GENESIS, hashEntry, MAX_LINE_BYTES } from './audit-entry.ts';

export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * `torn-line`: the file ends in a line with no newline (a crash mid-append).
 * `tail-invalid`: the last complete line is not a well-formed, self-consistent entry.
 */
export interface AuditDamage {
  line: number;
  reason: 'torn-line' | 'tail-invalid';
}

export interface TailState {
  head: AuditHead;
  /** File size when scanned (or after our own last append). */
  size: number;
  /** Complete lines: counted only when damaged, otherwise taken to be head.seq. */
  lines: number;
  damage?: AuditDamage;
  /** Where the torn line starts, for a repair. */
  tornStart?: number;
}

const CHUNK = 64 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function readAt(fd: number, start: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, start + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

// Only on the damaged path, where the exact line number is worth one pass over the file.
function countNewlines(fd: number, size: number): number {
  let count = 0;
  for (let pos = 0; pos < size; pos += 1 << 20) {
    const buf = readAt(fd, pos, Math.min(1 << 20, size - pos));
    for (let at = buf.indexOf(0x0a); at !== -1; at = buf.indexOf(0x0a, at + 1)) count++;
  }
  return count;
}

function headOf(line: Buffer): AuditHead | undefined {
  try {
    const raw: unknown = JSON.parse(utf8.decode(line));
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success || hashEntry(raw as Record<string, unknown>) !== parsed.data.hash) {
      return undefined;
    }
    return { seq: parsed.data.seq, hash: parsed.data.hash };
  } catch {
    return undefined;
  }
}

export function scanTail(path: string): TailState {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { head: { seq: 0, hash: GENESIS }, size: 0, lines: 0 };
    }
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    // Read backwards until the buffer holds the last newline and the one before it (or the start).
    let start = size;
    let buf = Buffer.alloc(0);
    let lastNewline = -1;
    let prevNewline = -1;
    for (;;) {
      lastNewline = buf.lastIndexOf(0x0a);
      prevNewline = lastNewline > 0 ? buf.lastIndexOf(0x0a, lastNewline - 1) : -1;
      if (start === 0 || prevNewline !== -1 || size - start > 2 * MAX_LINE_BYTES + CHUNK) break;
      const from = Math.max(0, start - CHUNK);
      buf = Buffer.concat([readAt(fd, from, start - from), buf]);
      start = from;
    }
    const complete = lastNewline !== -1 && (prevNewline !== -1 || start === 0);
    const tornStart = lastNewline === -1 ? (start === 0 ? 0 : undefined) : start + lastNewline + 1;
    const head = complete ? headOf(buf.subarray(prevNewline + 1, lastNewline)) : undefined;

    const healthy = tornStart === size && (head !== undefined || size === 0);
    if (healthy) return { head: head ?? { seq: 0, hash: GENESIS }, size, lines: head?.seq ?? 0 };

    const lines = countNewlines(fd, size);
    const lastLineBad = lastNewline !== -1 && head === undefined;
    const damage: AuditDamage =
      lastLineBad || tornStart === undefined
        ? { line: lastLineBad ? lines : lines + 1, reason: 'tail-invalid' }
        : { line: lines + 1, reason: 'torn-line' };
    return {
      head: head ?? { seq: 0, hash: GENESIS },
      size,
      lines,
      damage,
      ...(damage.reason === 'torn-line' ? { tornStart } : {}),
    };
  } finally {
    closeSync(fd);
  }
}
