// One audit-log entry: its shape, its canonical bytes, and the hash that chains it to the one before.

import { createHash } from 'node:crypto';
import { z } from 'zod';

export type AuditDirection = 'in' | 'out' | 'none';

/** What a caller records; the log adds seq, time, workspace and the chain. */
export interface AuditInput {
  action: string;
  direction: AuditDirection;
  /** Device id or product-instance id. */
  subject?: string;
  codeKind?: string;
  /** `codeDigest(normalisedCode)`: the log proves which code crossed without holding it. */
  codeDigest?: string;
  details?: Record<string, unknown>;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  /** ISO 8601, from the injected clock. */
  time: string;
  workspace: string;
  /** `hash` of the previous entry; GENESIS for the first. */
  prev: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);
/** Longest line append writes; a longer one is refused before anything touches the file. */
export const MAX_LINE_BYTES = 64 * 1024;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const inputSchema = z.object({
  action: z.string().min(1).max(100),
  direction: z.enum(['in', 'out', 'none']),
  subject: z.string().min(1).max(200).optional(),
  codeKind: z.string().min(1).max(50).optional(),
  codeDigest: hex64.optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const entrySchema = inputSchema.extend({
  seq: z.number().int().min(1),
  time: z.string().min(1),
  workspace: z.string(),
  prev: hex64,
  hash: hex64,
});

/** SHA-256 (hex) of a code after normalisation, the form both sides of the gap agree on. */
export function codeDigest(normalisedCode: string): string {
  return createHash('sha256').update(normalisedCode, 'utf8').digest('hex');
}

/** JSON with object keys sorted at every depth, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256(prev + canonical JSON of the entry without its hash), hex. */
export function hashEntry(entry: Record<string, unknown>): string {
  const { hash: _hash, ...body } = entry;
  return createHash('sha256')
    .update(String(body.prev) + canonicalJson(body), 'utf8')
    .digest('hex');
}
