// Upgrades a stored document, one schema version at a time, with the caller's pure migration steps.

import { DomainError } from '../errors.ts';

/** A stored document: a JSON object that says which schema it was written with. */
export type VersionedDocument = { schemaVersion: number } & Record<string, unknown>;

/**
 * One upgrade step, version n → n + 1. It receives a private copy, so it may return a new object
 * or change the one it got; the runner sets `schemaVersion` afterwards, so steps need not.
 */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

export interface MigrationResult {
  doc: VersionedDocument;
  fromVersion: number;
  toVersion: number;
  /** How many steps ran (0 when the document was already current). */
  applied: number;
}

/** Versions start at 1, so `migrations[i]` upgrades version i + 1 to i + 2. */
export const FIRST_SCHEMA_VERSION = 1;

/** The schema version a chain of migrations leads to. */
export function latestVersion(migrations: readonly Migration[]): number {
  return FIRST_SCHEMA_VERSION + migrations.length;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Brings `input` up to `targetVersion`. Refuses a document from a newer schema (STORE_TOO_NEW) and
 * one with no usable version (STORE_VERSION_MISSING); a throwing step is MIGRATION_FAILED. The
 * input is never modified: a failed upgrade must leave what was read intact for a retry.
 */
export function runMigrations(
  input: unknown,
  migrations: readonly Migration[],
  targetVersion: number = latestVersion(migrations),
): MigrationResult {
  if (targetVersion !== latestVersion(migrations)) {
    // A programming slip (a step missing or a version bumped twice), not something a user did.
    throw new Error(
      `schema version ${targetVersion} does not match ${migrations.length} migration step(s)`,
    );
  }
  if (!isPlainObject(input))
    throw new DomainError('STORE_VERSION_MISSING', { found: typeof input });
  const found = input.schemaVersion;
  if (typeof found !== 'number' || !Number.isInteger(found) || found < FIRST_SCHEMA_VERSION) {
    throw new DomainError('STORE_VERSION_MISSING', { found: String(found) });
  }
  if (found > targetVersion) {
    throw new DomainError('STORE_TOO_NEW', { found, supported: targetVersion });
  }

  // Documents are JSON by contract; a JSON round trip is the copy shared/ can make without hosts.
  let doc = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
  for (let version = found; version < targetVersion; version++) {
    const step = migrations[version - FIRST_SCHEMA_VERSION];
    if (!step) throw new Error(`missing migration from schema version ${version}`);
    let next: unknown;
    try {
      next = step(doc);
    } catch (error) {
      throw new DomainError('MIGRATION_FAILED', {
        from: version,
        to: version + 1,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    if (!isPlainObject(next)) {
      throw new DomainError('MIGRATION_FAILED', {
        from: version,
        to: version + 1,
        reason: 'step did not return an object',
      });
    }
    doc = { ...next, schemaVersion: version + 1 };
  }
  return {
    doc: doc as VersionedDocument,
    fromVersion: found,
    toVersion: targetVersion,
    applied: targetVersion - found,
  };
}
