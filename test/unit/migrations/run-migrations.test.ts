// The pure migration chain: version by version, never past what the app knows, input untouched.

import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import {
  latestVersion,
  runMigrations,
  type Migration,
} from '../../../shared/migrations/run-migrations.ts';

// v1 {name} → v2 {title} → v3 {title, tags: []}
const renameNameToTitle: Migration = ({ name, ...rest }) => ({ ...rest, title: name });
const addTags: Migration = (doc) => ({ ...doc, tags: [] });
const chain = [renameNameToTitle, addTags];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
  return undefined;
}

describe('runMigrations', () => {
  it('upgrades an old document one step at a time to the latest version', () => {
    const result = runMigrations({ schemaVersion: 1, name: 'Lab' }, chain);
    expect(result).toEqual({
      doc: { schemaVersion: 3, title: 'Lab', tags: [] },
      fromVersion: 1,
      toVersion: 3,
      applied: 2,
    });
  });

  it('starts from the version the document says it has', () => {
    const result = runMigrations({ schemaVersion: 2, title: 'Lab' }, chain);
    expect(result.doc).toEqual({ schemaVersion: 3, title: 'Lab', tags: [] });
    expect(result.applied).toBe(1);
  });

  it('returns a current document unchanged, with nothing applied', () => {
    const doc = { schemaVersion: 3, title: 'Lab', tags: ['a'] };
    const result = runMigrations(doc, chain);
    expect(result.doc).toEqual(doc);
    expect(result.applied).toBe(0);
  });

  it('sets schemaVersion itself, so a step need not remember to', () => {
    const forgetful: Migration = (doc) => ({ ...doc, schemaVersion: 99, added: true });
    expect(runMigrations({ schemaVersion: 1 }, [forgetful]).doc).toEqual({
      schemaVersion: 2,
      added: true,
    });
  });

  it('never modifies the document it was given, even when a step mutates its argument', () => {
    const mutating: Migration = (doc) => {
      doc.touched = true;
      (doc.list as number[]).push(4);
      return doc;
    };
    const input = { schemaVersion: 1, list: [1, 2, 3] };
    const before = structuredClone(input);
    runMigrations(input, [mutating]);
    expect(input).toEqual(before);
  });

  it('refuses a document from a newer schema with STORE_TOO_NEW and the versions', () => {
    try {
      runMigrations({ schemaVersion: 4 }, chain);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('STORE_TOO_NEW');
      expect((error as DomainError).facts).toEqual({ found: 4, supported: 3 });
    }
  });

  it.each([
    ['no version', { title: 'x' }],
    ['version zero', { schemaVersion: 0 }],
    ['fractional version', { schemaVersion: 1.5 }],
    ['version as text', { schemaVersion: '2' }],
    ['an array', [1, 2]],
    ['null', null],
  ])('refuses a document with %s as STORE_VERSION_MISSING', (_label, doc) => {
    expect(codeOf(() => runMigrations(doc, chain))).toBe('STORE_VERSION_MISSING');
  });

  it('reports a failing step as MIGRATION_FAILED with the versions it was between', () => {
    const broken: Migration = () => {
      throw new Error('boom');
    };
    try {
      runMigrations({ schemaVersion: 1 }, [addTags, broken]);
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).code).toBe('MIGRATION_FAILED');
      expect((error as DomainError).facts).toMatchObject({ from: 2, to: 3, reason: 'boom' });
    }
  });

  it('reports a step that returns something other than an object as MIGRATION_FAILED', () => {
    const nothing = (() => undefined) as unknown as Migration;
    expect(codeOf(() => runMigrations({ schemaVersion: 1 }, [nothing]))).toBe('MIGRATION_FAILED');
  });

  it('treats a target version that does not match the chain as a programming error', () => {
    expect(latestVersion(chain)).toBe(3);
    expect(() => runMigrations({ schemaVersion: 1 }, chain, 5)).toThrow(/does not match/);
  });
});
