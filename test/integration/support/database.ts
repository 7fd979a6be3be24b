// A second, independent look at a workspace's database: what another process would read.

import { registerRecordFunctions } from '../../../electron/services/db/record-digests.ts';
import Database from 'better-sqlite3';

/** Every table's rows, in storage order: equal dumps mean nothing at all changed. */
export function dumpDatabase(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    const dump: Record<string, unknown[]> = {};
    for (const table of tables) dump[table] = db.prepare(`SELECT * FROM "${table}"`).all();
    return dump;
  } finally {
    db.close();
  }
}

/** How many entries the audit log holds. */
export function auditCount(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM audit').pluck().get() as number;
  } finally {
    db.close();
  }
}

/**
 * Runs SQL on the file as someone with the file (not Airlock) would: the attacker's pen. With
 * `keepDigests`, as one who also keeps the records' digests the way Airlock does.
 */
export function tamper(path: string, sql: string, options: { keepDigests?: boolean } = {}): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    if (options.keepDigests) registerRecordFunctions(db);
    db.exec(sql);
  } finally {
    db.close();
  }
}
