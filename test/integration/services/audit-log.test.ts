// The audit log: hash-chained JSON lines, O(1) appends, and every kind of damage found by verify.

import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import { openAuditLog, codeDigest, type AuditInput } from '../../../electron/services/audit-log.ts';
import { canonicalJson, hashEntry } from '../../../electron/services/audit-entry.ts';
import { TestClock } from '../../support/ports.ts';

let dir: string;
let path: string;
let clock: TestClock;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-audit-'));
  path = join(dir, 'audit.jsonl');
  clock = new TestClock();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => openAuditLog(path, { workspace: 'site-osaka', clock });
const sent = (n: number): AuditInput => ({
  action: 'code-exported',
  direction: 'out',
  subject: `device-${n}`,
  codeKind: 'request',
  codeDigest: codeDigest(`CB-PExpressway,S${n}`),
  details: { file: `E:\\airlock\\batch-${n}.txt`, count: n },
});

function withEntries(n: number) {
  const log = open();
  for (let i = 1; i <= n; i++) {
    log.append(sent(i));
    clock.advance(1000);
  }
  return log;
}

const lines = () => readFileSync(path, 'utf8').split('\n').slice(0, -1);
const writeLines = (ls: string[]) => writeFileSync(path, ls.map((l) => `${l}\n`).join(''));

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('audit log', () => {
  it('chains each entry to the previous one with sha256(prev + sorted-key JSON)', () => {
    const log = withEntries(3);
    const entries = lines().map((l) => JSON.parse(l));
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0].prev).toBe('0'.repeat(64));
    expect(entries[0]).toMatchObject({
      time: '2026-01-15T09:00:00.000Z',
      workspace: 'site-osaka',
      action: 'code-exported',
      direction: 'out',
      subject: 'device-1',
    });
    for (const [i, entry] of entries.entries()) {
      const { hash, ...body } = entry;
      const sorted = JSON.stringify(body, Object.keys(body).sort().concat('count', 'file'));
      expect(hash).toBe(
        createHash('sha256')
          .update(body.prev + sorted)
          .digest('hex'),
      );
      if (i > 0) expect(entry.prev).toBe(entries[i - 1].hash);
    }
    expect(log.count).toBe(3);
    expect(log.head).toEqual({ seq: 3, hash: entries[2].hash });
  });

  it('stores the digest of the normalised code, never the code', () => {
    const log = open();
    const entry = log.append({ ...sent(1), codeDigest: codeDigest('08715c93') });
    expect(entry.codeDigest).toBe(createHash('sha256').update('08715c93').digest('hex'));
    expect(readFileSync(path, 'utf8')).not.toContain('08715c93"');
  });

  it('verifies an intact log', async () => {
    withEntries(50);
    expect(await open().verify()).toEqual({ ok: true, entries: 50, lines: 50 });
  });

  it('continues the chain after reopening', async () => {
    withEntries(3);
    const last = JSON.parse(lines()[2]!);
    const entry = open().append(sent(4));
    expect(entry).toMatchObject({ seq: 4, prev: last.hash });
    expect(await open().verify()).toMatchObject({ ok: true, entries: 4 });
  });

  it('keeps one chain when two windows append to the same log', async () => {
    const a = open();
    const b = open();
    a.append(sent(1));
    b.append(sent(2));
    a.append(sent(3));
    expect(await open().verify()).toMatchObject({ ok: true, entries: 3 });
  });

  it('finds an entry edited in the middle', async () => {
    withEntries(10);
    const ls = lines();
    ls[4] = ls[4]!.replace('"direction":"out"', '"direction":"in"');
    writeLines(ls);
    expect(await open().verify()).toMatchObject({
      ok: false,
      entries: 4,
      lines: 10,
      firstBrokenAt: 5,
      firstBrokenSeq: 5,
      reason: 'hash-mismatch',
    });
  });

  it('finds an entry edited and re-hashed by where the chain no longer holds', async () => {
    withEntries(10);
    const ls = lines();
    const edited = { ...JSON.parse(ls[4]!), action: 'nothing-happened' };
    ls[4] = canonicalJson({ ...edited, hash: hashEntry(edited) });
    writeLines(ls);
    expect(await open().verify()).toMatchObject({ firstBrokenAt: 6, reason: 'chain-broken' });
  });

  it('finds a deleted line', async () => {
    withEntries(10);
    writeLines(lines().filter((_, i) => i !== 6));
    expect(await open().verify()).toMatchObject({
      ok: false,
      entries: 6,
      lines: 9,
      firstBrokenAt: 7,
      firstBrokenSeq: 8,
      reason: 'seq-gap',
    });
  });

  it('finds a cut-off tail against the head the workspace remembered', async () => {
    const head = withEntries(10).head;
    writeLines(lines().slice(0, 8));
    expect(await open().verify({ expectHead: head })).toMatchObject({
      ok: false,
      firstBrokenAt: 9,
      reason: 'head-mismatch',
    });
  });

  it('finds lines that are not entries and logs from another workspace', async () => {
    withEntries(3);
    writeLines([...lines().slice(0, 1), 'not json', ...lines().slice(2)]);
    expect(await open().verify()).toMatchObject({ firstBrokenAt: 2, reason: 'not-json' });
    withEntries(0);
    const other = openAuditLog(path, { workspace: 'authority', clock });
    expect(await other.verify()).toMatchObject({ firstBrokenAt: 1, reason: 'workspace-mismatch' });
  });

  it('opens by reading only the tail: damage at the start does not stop appends', async () => {
    withEntries(5);
    const ls = lines();
    writeLines(['x'.repeat(ls[0]!.length), ...ls.slice(1)]);
    const log = open();
    expect(log.damage).toBeUndefined();
    expect(log.append(sent(6)).seq).toBe(6);
    expect(await log.verify()).toMatchObject({ ok: false, firstBrokenAt: 1 });
  });

  describe('a torn last line (a crash mid-append)', () => {
    const tear = () => {
      withEntries(4);
      appendFileSync(path, '{"seq":5,"time":"2026-01-15T09:00:04.000Z","works');
    };

    it('is reported by verify at its line, not silently dropped', async () => {
      tear();
      const log = open();
      expect(log.damage).toEqual({ line: 5, reason: 'torn-line' });
      expect(await log.verify()).toMatchObject({
        ok: false,
        entries: 4,
        lines: 5,
        firstBrokenAt: 5,
        reason: 'torn-line',
      });
    });

    it('blocks appends with AUDIT_LOG_DAMAGED {line} and changes nothing', () => {
      tear();
      const before = readFileSync(path);
      const error = errorOf(() => open().append(sent(5)));
      expect(error.code).toBe('AUDIT_LOG_DAMAGED');
      expect(error.facts).toEqual({ line: 5, reason: 'torn-line' });
      expect(readFileSync(path).equals(before)).toBe(true);
    });

    it('is repaired on request: bytes kept aside, cut off, the repair logged in the chain', async () => {
      tear();
      const torn = readFileSync(path).subarray(lines().join('\n').length + 1);
      const log = open();
      const repair = log.repairTornTail()!;
      expect(repair).toMatchObject({ seq: 5, action: 'audit-log-repaired', direction: 'none' });
      expect(repair.details).toMatchObject({ line: 5, tornBytes: torn.length });
      const copy = readdirSync(dir).find((f) => f.startsWith('audit.torn-5-'))!;
      expect(readFileSync(join(dir, copy)).equals(torn)).toBe(true);
      expect(log.append(sent(6)).seq).toBe(6);
      expect(await open().verify()).toMatchObject({ ok: true, entries: 6 });
      expect(open().repairTornTail()).toBeUndefined();
    });

    it('is handled even when the log holds nothing but the torn line', async () => {
      writeFileSync(path, '{"seq":1,"ti');
      const log = open();
      expect(log.damage).toEqual({ line: 1, reason: 'torn-line' });
      expect(log.repairTornTail()?.seq).toBe(1);
      expect(await open().verify()).toMatchObject({ ok: true, entries: 1 });
    });
  });

  it('refuses appends, and repair, when the last complete entry is damaged', () => {
    withEntries(3);
    const ls = lines();
    ls[2] = ls[2]!.replace('device-3', 'device-X');
    writeLines(ls);
    const log = open();
    expect(log.damage).toEqual({ line: 3, reason: 'tail-invalid' });
    expect(errorOf(() => log.append(sent(4))).code).toBe('AUDIT_LOG_DAMAGED');
    expect(errorOf(() => log.repairTornTail()).facts).toEqual({ line: 3, reason: 'tail-invalid' });
  });

  it('refuses invalid and oversized entries before touching the file', () => {
    const log = open();
    const bad = { ...sent(1), direction: 'sideways' } as unknown as AuditInput;
    expect(errorOf(() => log.append(bad))).toMatchObject({
      code: 'AUDIT_ENTRY_INVALID',
      facts: { field: 'direction' },
    });
    expect(errorOf(() => log.append({ ...sent(1), codeDigest: 'abc' })).code).toBe(
      'AUDIT_ENTRY_INVALID',
    );
    const huge = { ...sent(1), details: { blob: 'x'.repeat(70_000) } };
    expect(errorOf(() => log.append(huge)).code).toBe('AUDIT_ENTRY_TOO_LARGE');
    expect(existsSync(path)).toBe(false);
    expect(log.append(sent(1)).seq).toBe(1);
  });

  it('reads pages, newest first and filtered', async () => {
    const log = withEntries(10);
    log.append({ action: 'code-imported', direction: 'in', subject: 'device-3' });
    const page = await log.read({ offset: 2, limit: 3 });
    expect(page.map((e) => e.seq)).toEqual([3, 4, 5]);
    const newest = await log.read({ newestFirst: true, limit: 2, offset: 1 });
    expect(newest.map((e) => e.seq)).toEqual([10, 9]);
    const forDevice = await log.read({ filter: { subject: 'device-3' } });
    expect(forDevice.map((e) => e.action)).toEqual(['code-exported', 'code-imported']);
    const incoming = await log.read({ filter: { direction: 'in' } });
    expect(incoming.map((e) => e.seq)).toEqual([11]);
    const window = await log.read({
      filter: { since: '2026-01-15T09:00:02.000Z', until: '2026-01-15T09:00:03.000Z' },
    });
    expect(window.map((e) => e.seq)).toEqual([3, 4]);
  });

  it('verifies 100,000 entries in one linear pass', async () => {
    // Built directly (one fsync per append would only measure the disk).
    const out: string[] = [];
    let prev = '0'.repeat(64);
    for (let seq = 1; seq <= 100_000; seq++) {
      const body = JSON.parse(
        JSON.stringify({
          ...sent(seq),
          seq,
          time: new Date(clock.now() + seq).toISOString(),
          workspace: 'site-osaka',
          prev,
        }),
      );
      prev = hashEntry(body);
      out.push(`${canonicalJson({ ...body, hash: prev })}\n`);
    }
    writeFileSync(path, out.join(''));
    const log = open();
    expect(log.count).toBe(100_000);
    const started = performance.now();
    expect(await log.verify()).toEqual({ ok: true, entries: 100_000, lines: 100_000 });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(log.append(sent(1)).seq).toBe(100_001);
  });
});

describe('audit log batches', () => {
  it('appends many entries in one write and keeps one unbroken chain', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openAuditLog } = await import('../../../electron/services/audit-log.ts');
    const dir = mkdtempSync(join(tmpdir(), 'airlock-audit-batch-'));
    const log = openAuditLog(join(dir, 'audit.jsonl'), {
      workspace: 'w',
      clock: { now: () => 1_700_000_000_000 },
    });
    log.append({ action: 'first', direction: 'none' });
    const batch = log.appendMany(
      Array.from({ length: 500 }, (_, i) => ({
        action: 'reserve',
        direction: 'out' as const,
        subject: `i-${i}`,
      })),
    );
    expect(batch.map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 2));
    expect(log.count).toBe(501);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 501 });
    expect(
      openAuditLog(join(dir, 'audit.jsonl'), { workspace: 'w', clock: { now: () => 1 } }).head,
    ).toEqual(log.head);
  });
});
