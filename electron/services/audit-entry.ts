// One audit-log entry: its shape, its canonical bytes, and the hash that chains it to the one before.

import { hash as digest } from 'node:crypto';
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

const HEX64 = /^[0-9a-f]{64}$/;

function textOf(value: unknown, min: number, max: number): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !Object.hasOwn(value, 'constructor');
}

/**
 * The common case of inputSchema, checked by hand (appends run it for every entry of a batch):
 * the input when it is certainly valid, undefined when inputSchema must decide (and name the
 * field). It accepts nothing inputSchema refuses; test/integration/services/audit-entry.test.ts
 * holds the two together.
 */
export function quickInput(input: unknown): AuditInput | undefined {
  if (!isPlainRecord(input)) return undefined;
  const { action, direction, subject, codeKind, codeDigest, details } = input;
  if (!textOf(action, 1, 100)) return undefined;
  if (direction !== 'in' && direction !== 'out' && direction !== 'none') return undefined;
  if (subject !== undefined && !textOf(subject, 1, 200)) return undefined;
  if (codeKind !== undefined && !textOf(codeKind, 1, 50)) return undefined;
  if (codeDigest !== undefined && !(typeof codeDigest === 'string' && HEX64.test(codeDigest)))
    return undefined;
  if (details !== undefined && !isPlainRecord(details)) return undefined;
  const out: AuditInput = { action: action as string, direction };
  if (subject !== undefined) out.subject = subject as string;
  if (codeKind !== undefined) out.codeKind = codeKind as string;
  if (codeDigest !== undefined) out.codeDigest = codeDigest;
  if (details !== undefined) out.details = details;
  return out;
}

const NOT_PLAIN = Symbol('not plain JSON');

function plainCopy(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number')
    return Number.isFinite(value) && !Object.is(value, -0) ? value : NOT_PLAIN;
  if (typeof value !== 'object' || depth > 32) return NOT_PLAIN;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = i in value ? plainCopy(value[i], depth + 1) : NOT_PLAIN;
      if (item === NOT_PLAIN) return NOT_PLAIN;
      out[i] = item;
    }
    return out;
  }
  if (!isPlainRecord(value) || 'toJSON' in value) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return NOT_PLAIN; // an assignment would not make it an own key
    const item = plainCopy(value[key], depth + 1);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    out[key] = item;
  }
  return out;
}

/**
 * What the value becomes after a JSON round trip (dates to strings, undefined dropped, NaN to
 * null), which is what verify will later parse. Plain JSON data — all an entry's details ever
 * are in practice — is copied directly, without the text in between.
 */
export function asJson(value: unknown): unknown {
  const copy = plainCopy(value, 0);
  return copy === NOT_PLAIN ? JSON.parse(JSON.stringify(value)) : copy;
}

const recentDigests = new Map<string, string>();
const RECENT_DIGESTS = 4096; // a chunk of a batch (a few MB of codes at most)

/**
 * SHA-256 (hex) of a code after normalisation, the form both sides of the gap agree on. The
 * codes seen lately are remembered: a batch names each code several times (its outbox or inbox
 * row, its log entries) and hashing a 2 kB authorization code again each time is not free.
 */
export function codeDigest(normalisedCode: string): string {
  let hex = recentDigests.get(normalisedCode);
  if (hex === undefined) {
    hex = digest('sha256', normalisedCode, 'hex');
    if (recentDigests.size >= RECENT_DIGESTS) recentDigests.clear();
    recentDigests.set(normalisedCode, hex);
  }
  return hex;
}

/** JSON with object keys sorted at every depth, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out += (i ? ',' : '') + (item === undefined ? 'null' : canonicalJson(item));
    }
    return `${out}]`;
  }
  return `{${members(value as Record<string, unknown>).join(',')}}`;
}

/** The defined keys of a record in sorted order, `skip` left out. */
function sortedKeys(record: Record<string, unknown>, skip?: string): string[] {
  return Object.keys(record)
    .filter((key) => record[key] !== undefined && key !== skip)
    .sort();
}

/** `"key":value` for each defined key, in sorted key order; `skip` leaves one key out. */
function members(record: Record<string, unknown>, skip?: string): string[] {
  return sortedKeys(record, skip).map(
    (key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`,
  );
}

function sha256Hex(text: string): string {
  return digest('sha256', text, 'hex');
}

/** sha256(prev + canonical JSON of the entry without its hash), hex. */
export function hashEntry(entry: Record<string, unknown>): string {
  return sha256Hex(String(entry.prev) + `{${members(entry, 'hash').join(',')}}`);
}

/**
 * The entry with its hash, and its line as the log stores it (the canonical JSON of the whole
 * entry), from one canonicalisation: `hash` takes its sorted place among the body's members.
 */
export function sealEntry(body: Record<string, unknown>): { entry: AuditEntry; line: string } {
  const keys = sortedKeys(body, 'hash');
  const parts = keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(body[key])}`);
  const hash = sha256Hex(String(body.prev) + `{${parts.join(',')}}`);
  const at = keys.findIndex((key) => key > 'hash');
  parts.splice(at < 0 ? parts.length : at, 0, `"hash":${JSON.stringify(hash)}`);
  return { entry: { ...body, hash } as AuditEntry, line: `{${parts.join(',')}}` };
}

/**
 * `sealEntry` for an entry of the log's own fields (what `append` writes, thousands a batch):
 * the same hash and line, built in the canonical key order directly instead of sorting. The
 * details come already in canonical JSON (`detailsJson`), which is also what the table stores.
 * test/integration/services/audit-entry.test.ts holds it to `sealEntry`.
 */
export function sealInput(
  input: AuditInput,
  detailsJson: string | undefined,
  chain: { seq: number; prev: string; time: string; workspace: string },
): { hash: string; line: string } {
  // Sorted: action, codeDigest, codeKind, details, direction, (hash), prev, seq, subject, time,
  // workspace.
  let before = `"action":${JSON.stringify(input.action)}`;
  if (input.codeDigest !== undefined) before += `,"codeDigest":${JSON.stringify(input.codeDigest)}`;
  if (input.codeKind !== undefined) before += `,"codeKind":${JSON.stringify(input.codeKind)}`;
  if (detailsJson !== undefined) before += `,"details":${detailsJson}`;
  before += `,"direction":${JSON.stringify(input.direction)}`;
  let after = `"prev":${JSON.stringify(chain.prev)},"seq":${chain.seq}`;
  if (input.subject !== undefined) after += `,"subject":${JSON.stringify(input.subject)}`;
  after += `,"time":${JSON.stringify(chain.time)},"workspace":${JSON.stringify(chain.workspace)}`;
  const hash = sha256Hex(`${chain.prev}{${before},${after}}`);
  return { hash, line: `{${before},"hash":"${hash}",${after}}` };
}
