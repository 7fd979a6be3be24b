// The workspace document on disk: created, upgraded, saved with a last good copy, never reset.

import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../../../shared/errors.ts';
import type { Migration } from '../../../shared/migrations/run-migrations.ts';
import { openDocumentStore, type OpenReport } from '../../../electron/services/store.ts';
import { confBackend } from '../../../electron/services/store-conf.ts';
import { TestClock } from '../../support/ports.ts';

// A small document with history: v1 {title} → v2 {name} → v3 {name, devices: []}.
const docSchema = z.object({
  schemaVersion: z.literal(3),
  name: z.string().min(1),
  devices: z.array(z.object({ id: z.string() })),
});
type Doc = z.infer<typeof docSchema>;
const migrations: Migration[] = [
  ({ title, ...rest }) => ({ ...rest, name: title }),
  (doc) => ({ ...doc, devices: [] }),
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function open(extra: { defaults?: () => Doc; migrations?: Migration[] } = {}) {
  return openDocumentStore<Doc>({
    dir,
    name: 'workspace',
    createBackend: confBackend,
    schemaVersion: 3,
    migrations,
    validate: (doc) => docSchema.parse(doc),
    clock: new TestClock(),
    ...extra,
  });
}

const file = () => join(dir, 'workspace.json');
const backup = () => join(dir, 'workspace.bak.json');
const corruptCopies = () => readdirSync(dir).filter((f) => f.startsWith('workspace.corrupt-'));
const onDisk = (path = file()) => JSON.parse(readFileSync(path, 'utf8')) as unknown;
const labDoc: Doc = { schemaVersion: 3, name: 'Lab', devices: [{ id: 'cucm-1' }] };

/** A store with one saved document and a last good copy of the one before it. */
function storeWithBackup(): void {
  const store = open({ defaults: () => ({ schemaVersion: 3, name: 'Lab', devices: [] }) });
  store.save(labDoc);
  store.save({ ...labDoc, devices: [...labDoc.devices, { id: 'expy-1' }] });
}

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('document store', () => {
  it('creates the document from its defaults when there is none, and writes it', () => {
    const store = open({ defaults: () => ({ schemaVersion: 3, name: 'New', devices: [] }) });
    expect(store.report).toEqual({ recovered: false, created: true });
    expect(store.get()).toEqual({ schemaVersion: 3, name: 'New', devices: [] });
    expect(onDisk()).toEqual({ schemaVersion: 3, name: 'New', devices: [] });
  });

  it('refuses to open a document that does not exist when it has no defaults', () => {
    const error = errorOf(() => open());
    expect(error.code).toBe('STORE_NOT_FOUND');
    expect(existsSync(file())).toBe(false);
  });

  it('saves, reopens to the saved document, and keeps the one before as the last good copy', () => {
    storeWithBackup();
    const reopened = open();
    expect(reopened.report).toEqual({ recovered: false, created: false });
    expect(reopened.get().devices.map((d) => d.id)).toEqual(['cucm-1', 'expy-1']);
    expect(onDisk(backup())).toEqual(labDoc);
  });

  it('refuses to save an invalid document and changes nothing on disk', () => {
    storeWithBackup();
    const store = open();
    const [before, bakBefore] = [readFileSync(file()), readFileSync(backup())];
    const bad = { ...labDoc, name: '' };
    expect(errorOf(() => store.save(bad)).code).toBe('STORE_DOCUMENT_INVALID');
    expect(readFileSync(file()).equals(before)).toBe(true);
    expect(readFileSync(backup()).equals(bakBefore)).toBe(true);
    expect(store.get().name).toBe('Lab');
  });

  it('upgrades a document written by an older version, saves it, and keeps the old one as backup', () => {
    const v1 = Buffer.from(JSON.stringify({ schemaVersion: 1, title: 'Osaka site' }));
    writeFileSync(file(), v1);
    const store = open();
    expect(store.report).toEqual({ recovered: false, created: false, migratedFrom: 1 });
    expect(store.get()).toEqual({ schemaVersion: 3, name: 'Osaka site', devices: [] });
    expect(onDisk()).toEqual({ schemaVersion: 3, name: 'Osaka site', devices: [] });
    expect(readFileSync(backup()).equals(v1)).toBe(true);
    expect(open().report).toEqual({ recovered: false, created: false });
  });

  it('refuses a document from a newer version of the app and leaves it untouched', () => {
    const v4 = Buffer.from(JSON.stringify({ schemaVersion: 4, name: 'Future', devices: [], x: 1 }));
    writeFileSync(file(), v4);
    const error = errorOf(() => open({ defaults: () => labDoc }));
    expect(error.code).toBe('STORE_TOO_NEW');
    expect(error.facts).toEqual({ found: 4, supported: 3 });
    expect(readFileSync(file()).equals(v4)).toBe(true);
    expect(readdirSync(dir)).toEqual(['workspace.json']);
  });

  it('leaves the document untouched when an upgrade step fails', () => {
    const v1 = Buffer.from(JSON.stringify({ schemaVersion: 1, title: 'Osaka' }));
    writeFileSync(file(), v1);
    const failing: Migration[] = [
      migrations[0]!,
      () => {
        throw new Error('bug');
      },
    ];
    expect(errorOf(() => open({ migrations: failing })).code).toBe('MIGRATION_FAILED');
    expect(readFileSync(file()).equals(v1)).toBe(true);
    expect(readdirSync(dir)).toEqual(['workspace.json']);
  });

  describe.each([
    ['garbage bytes', Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0x80, 0x0a, 0x13]), 'not-json'],
    ['a half-written (truncated) file', null, 'not-json'],
    ['valid JSON that breaks the schema', Buffer.from('{"schemaVersion":3,"name":42}'), 'invalid'],
    ['JSON with no schema version', Buffer.from('{"name":"Lab","devices":[]}'), 'no-version'],
    ['an empty file', Buffer.alloc(0), 'not-json'],
    [
      'well-formed JSON around bytes that are not UTF-8',
      Buffer.concat([
        Buffer.from('{"schemaVersion":3,"name":"L'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('b","devices":[]}'),
      ]),
      'not-json',
    ],
  ])('a corrupt document: %s', (_label, fixed, problem) => {
    const corruptBytes = () => fixed ?? readFileSync(file()).subarray(0, 25);

    it('is kept byte-for-byte, replaced by the last good copy, and reported', () => {
      storeWithBackup();
      const bad = corruptBytes();
      writeFileSync(file(), bad);
      const store = open();
      const report = store.report as Extract<OpenReport, { reason: 'corrupt' }>;
      expect(report).toMatchObject({ recovered: true, from: 'backup', reason: 'corrupt', problem });
      expect(readFileSync(report.corruptCopy).equals(bad)).toBe(true);
      expect(report.corruptCopy).toMatch(/workspace\.corrupt-2026-01-15T09-00-00-000Z\.json$/);
      expect(store.get()).toEqual(labDoc);
      expect(onDisk()).toEqual(labDoc);
    });

    it('is refused with STORE_CORRUPT when there is no good copy, and never reset', () => {
      storeWithBackup();
      const bad = corruptBytes();
      writeFileSync(file(), bad);
      unlinkSync(backup());
      const error = errorOf(() => open({ defaults: () => labDoc }));
      expect(error.code).toBe('STORE_CORRUPT');
      expect(error.facts).toMatchObject({ path: file(), problem });
      expect(readFileSync(String(error.facts.corruptCopy)).equals(bad)).toBe(true);
      // The broken file stays where it was, so the next open refuses again instead of starting empty.
      expect(readFileSync(file()).equals(bad)).toBe(true);
      expect(errorOf(() => open({ defaults: () => labDoc })).code).toBe('STORE_CORRUPT');
      expect(corruptCopies()).toHaveLength(1);
    });
  });

  it('is refused with STORE_CORRUPT when the last good copy is damaged too', () => {
    storeWithBackup();
    writeFileSync(file(), '{"schemaVersion":3,');
    writeFileSync(backup(), 'nonsense');
    expect(errorOf(() => open()).code).toBe('STORE_CORRUPT');
    expect(readFileSync(backup(), 'utf8')).toBe('nonsense');
  });

  it('brings back the last good copy when the document itself has vanished', () => {
    storeWithBackup();
    unlinkSync(file());
    const store = open({ defaults: () => ({ schemaVersion: 3, name: 'Empty', devices: [] }) });
    expect(store.report).toEqual({ recovered: true, from: 'backup', reason: 'missing' });
    expect(store.get()).toEqual(labDoc);
    expect(onDisk()).toEqual(labDoc);
  });

  it('does not make a bad file the last good copy when something else rewrote it', () => {
    storeWithBackup();
    const store = open();
    const bakBefore = readFileSync(backup());
    writeFileSync(file(), 'scribbled over by an editor');
    store.save({ ...labDoc, name: 'After' });
    expect(readFileSync(backup()).equals(bakBefore)).toBe(true);
    expect(corruptCopies()).toHaveLength(1);
    expect(readFileSync(join(dir, corruptCopies()[0]!), 'utf8')).toBe(
      'scribbled over by an editor',
    );
    expect(onDisk()).toEqual({ ...labDoc, name: 'After' });
  });

  it('opens a document saved with a UTF-8 byte-order mark (as some editors write it)', () => {
    writeFileSync(
      file(),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(labDoc))]),
    );
    const store = open();
    expect(store.report).toEqual({ recovered: false, created: false });
    expect(store.get()).toEqual(labDoc);
  });

  it('opens a current document without writing to it', () => {
    storeWithBackup();
    const before = readFileSync(file());
    const bakBefore = readFileSync(backup());
    expect(open().get()).toEqual({ ...labDoc, devices: [...labDoc.devices, { id: 'expy-1' }] });
    expect(readFileSync(file()).equals(before)).toBe(true);
    expect(readFileSync(backup()).equals(bakBefore)).toBe(true);
  });

  it('writes the document as compact JSON, with nothing of its backend in it', () => {
    const store = open({ defaults: () => labDoc });
    store.save({ ...labDoc, name: 'Compact' });
    expect(readFileSync(file(), 'utf8')).toBe(JSON.stringify({ ...labDoc, name: 'Compact' }));
    expect(Object.keys(store.get())).toEqual(Object.keys(labDoc));
  });

  describe('a write that fails', () => {
    /** A store whose writer fails on demand: before writing, or after writing part in place. */
    function failingStore(mode: { fail: 'none' | 'before' | 'in-place' }) {
      return openDocumentStore<Doc>({
        dir,
        name: 'workspace',
        createBackend: (o) => {
          const real = confBackend(o);
          return {
            path: real.path,
            set store(value: unknown) {
              if (mode.fail === 'before')
                throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
              if (mode.fail === 'in-place') {
                writeFileSync(real.path, '{"schemaVersion":3,"na');
                throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
              }
              real.store = value;
            },
          };
        },
        schemaVersion: 3,
        migrations,
        validate: (doc) => docSchema.parse(doc),
        clock: new TestClock(),
        defaults: () => ({ schemaVersion: 3, name: 'Lab', devices: [] }),
      });
    }

    it.each(['before', 'in-place'] as const)(
      'leaves the saved document and its last good copy as they were (%s)',
      (fail) => {
        const mode: { fail: 'none' | 'before' | 'in-place' } = { fail: 'none' };
        const store = failingStore(mode);
        store.save(labDoc);
        store.save({ ...labDoc, name: 'Saved' });
        const before = readFileSync(file());
        mode.fail = fail;
        expect(() => store.save({ ...labDoc, name: 'Lost' })).toThrow('no space');
        expect(readFileSync(file()).equals(before)).toBe(true);
        expect(store.get().name).toBe('Saved');
        // The last good copy moved back to be the document (a rename needs no space); the next
        // save that succeeds makes one again.
        expect(existsSync(backup())).toBe(false);
        const reopened = open();
        expect(reopened.report.recovered).toBe(false);
        expect(reopened.get().name).toBe('Saved');
        mode.fail = 'none';
        store.save({ ...labDoc, name: 'Next' });
        expect(onDisk()).toEqual({ ...labDoc, name: 'Next' });
        expect(onDisk(backup())).toEqual({ ...labDoc, name: 'Saved' });
      },
    );
  });

  it('writes only the document and its last good copy, nothing else accumulates', () => {
    const store = open({ defaults: () => labDoc });
    for (let i = 0; i < 20; i++) store.save({ ...labDoc, name: `Lab ${i}` });
    expect(readdirSync(dir).sort()).toEqual(['workspace.bak.json', 'workspace.json']);
    expect(onDisk(backup())).toEqual({ ...labDoc, name: 'Lab 18' });
  });
});
