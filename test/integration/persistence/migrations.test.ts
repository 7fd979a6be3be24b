// A workspace database written by an older Airlock opens in this one: backed up first, upgraded
// to the latest schema, the upgrade logged, and holding everything it held — tested from every
// older version, for both sides. Each version's database is made here with the schema steps up
// to it and the rows of a real workspace (with some history), as that version could hold them.

import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  WORKSPACE_APPLICATION_ID,
  WORKSPACE_SCHEMA,
  WORKSPACE_SCHEMA_VERSION,
} from '../../../shared/migrations/workspace-schema.ts';
import { encodeRequestCode, newRequestNonce } from '../../../shared/codes/request-code.ts';
import { createSigner } from '../../../electron/services/crypto-node.ts';
import { checkpointBytes } from '../../../electron/services/db/checkpoints.ts';
import { tamperedTables } from '../../../electron/services/db/record-digests.ts';
import { unlockAuthorityKey } from '../../../electron/services/keys.ts';
import { SITE_KEY_FILE, unlockSiteKey } from '../../../electron/services/site-key.ts';
import { udiOf } from '../../support/authority.ts';
import { SeededRandom, TestClock } from '../../support/ports.ts';
import { dumpDatabase } from '../support/database.ts';
import { onSnapshot, walkChain } from '../support/readback.ts';
import { PASSPHRASE, TAGS, call, refusal } from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';
import { type History, withHistory } from './support/history.ts';
import { type Workspace, openOn, ucmDevice } from './support/workspaces.ts';

type Row = Record<string, unknown>;

/**
 * How a row of version n + 1 reads at version n, for each step that changed what a row may hold.
 * A new step that does adds its line here; one that only adds tables or columns needs none (a
 * database of an older version simply has not got them).
 */
const DOWNGRADE: Record<number, (table: string, row: Row) => Row> = {
  // Version 2 let an item be `done` or `dismissed`; before, it stood where it was.
  1: (table, row) =>
    table !== 'transfer_items' || (row.status !== 'done' && row.status !== 'dismissed')
      ? row
      : row.status === 'dismissed'
        ? { ...row, status: 'failed' }
        : { ...row, status: row.direction === 'out' ? 'waiting' : 'imported', done_at: null },
};

/**
 * The signature a checkpoint of version n would carry, for each step that changed what one
 * signs. Version 5 signs the records' digests too; a version 4 checkpoint signed the head alone.
 */
const RESIGN: Record<number, (row: Row, sign: (bytes: Uint8Array) => string, id: string) => Row> = {
  4: (row, sign, id) => ({
    ...row,
    signature: sign(checkpointBytes(id, { seq: row.seq as number, hash: row.hash as string })),
  }),
};

/** The workspace's own key, to sign as an older version did (desk: passphrase; site: file). */
function signerOf(ws: Workspace): (bytes: Uint8Array) => string {
  const deskKey = join(ws.dir, 'authority-key.json');
  const key = existsSync(deskKey)
    ? unlockAuthorityKey(JSON.parse(readFileSync(deskKey, 'utf8')), PASSPHRASE)
    : unlockSiteKey(join(ws.dir, SITE_KEY_FILE), {})!;
  const signer = createSigner(key);
  return (bytes) => Buffer.from(signer.sign(bytes)).toString('base64');
}

/** The versions a workspace database can have been written at before this build's. */
const OLDER = WORKSPACE_SCHEMA.map((step) => step.version).filter(
  (version) => version < WORKSPACE_SCHEMA_VERSION,
);

const clock = new TestClock();
let history: History;

beforeAll(async () => {
  history = await withHistory(clock, 'migrations');
});
afterAll(removeTempDirs);

/** The tables (but SQLite's own) of a database and the columns each has. */
function tablesOf(db: Database.Database): Map<string, string[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return new Map(
    tables.map((t) => [
      t,
      db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[],
    ]),
  );
}

/** Rows of `table` (only `columns`) in a stable order. */
function rowsOf(db: Database.Database, table: string, columns: string[]): Row[] {
  const list = columns.map((c) => `"${c}"`).join(', ');
  return (db.prepare(`SELECT ${list} FROM "${table}"`).all() as Row[]).sort((a, b) =>
    JSON.stringify(a) < JSON.stringify(b) ? -1 : 1,
  );
}

/**
 * A copy of `ws`'s folder in a data folder of its own, its database rewritten as the build that
 * wrote `version` would have: that version's schema, and the rows as that version holds them.
 */
function copyAt(ws: Workspace, version: number): Workspace {
  const dataDir = tempDir(`v${version}`);
  const dir = join(dataDir, 'workspaces', ws.id);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(ws.dir))
    if (!name.startsWith('workspace.db') && name !== 'backups')
      copyFileSync(join(ws.dir, name), join(dir, name));
  const path = join(dir, 'workspace.db');
  const source = new Database(ws.db, { readonly: true, fileMustExist: true });
  const db = new Database(path);
  const sign = signerOf(ws);
  try {
    db.pragma(`application_id = ${WORKSPACE_APPLICATION_ID}`);
    db.pragma('journal_mode = WAL');
    db.transaction(() => {
      for (const step of WORKSPACE_SCHEMA.filter((s) => s.version <= version)) db.exec(step.sql);
      db.pragma(`user_version = ${version}`);
      for (const [table, columns] of tablesOf(db)) {
        const insert = db.prepare(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        for (let row of source.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Row[]) {
          for (let v = WORKSPACE_SCHEMA_VERSION - 1; v >= version; v--) {
            row = DOWNGRADE[v]?.(table, row) ?? row;
            const resign = table === 'audit_checkpoints' ? RESIGN[v] : undefined;
            if (resign) row = resign(row, sign, ws.id);
          }
          insert.run(...columns.map((c) => row[c]));
        }
      }
      for (const { name, seq } of source
        .prepare('SELECT name, seq FROM sqlite_sequence')
        .all() as Array<{
        name: string;
        seq: number;
      }>)
        db.prepare('UPDATE sqlite_sequence SET seq = ? WHERE name = ?').run(seq, name);
    })();
  } finally {
    source.close();
    db.close();
  }
  return { dataDir, id: ws.id, dir, db: path };
}

describe('opening a workspace database written by an older Airlock', () => {
  it('has every older version to test from (a new schema step is tested from here by itself)', () => {
    expect(OLDER.length).toBeGreaterThan(0);
    for (const version of OLDER)
      expect(WORKSPACE_SCHEMA.some((s) => s.version === version + 1)).toBe(true);
  });

  const cases = OLDER.flatMap((version) =>
    (['site', 'desk'] as const).map((side) => ({ version, side })),
  );

  it.each(cases)(
    'upgrades a $side of version $version: backed up first, logged, holding all it held',
    async ({ version, side }) => {
      const ws = copyAt(history[side], version);
      const old = dumpDatabase(ws.db);
      const oldTables = onSnapshot(ws.db, (db) => tablesOf(db));
      const oldRows = onSnapshot(ws.db, (db) =>
        Object.fromEntries([...oldTables].map(([t, columns]) => [t, rowsOf(db, t, columns)])),
      );
      const { router, services } = openOn(ws.dataDir, clock);
      const workspaceId = ws.id;
      if (side === 'site') await call(router, 'site.overview', { workspaceId });
      else await call(router, 'authority.overview', { workspaceId });

      // The copy made before the upgrade: the old database exactly.
      const backups = await call(router, 'workspace.backups', { workspaceId });
      const migration = backups.find((b) => b.reason === 'migration');
      expect(migration).toBeDefined();
      const copy = join(ws.dir, 'backups', migration!.fileName);
      expect(dumpDatabase(copy)).toEqual(old);
      onSnapshot(copy, (db) => expect(db.pragma('user_version', { simple: true })).toBe(version));

      onSnapshot(ws.db, (db) => {
        expect(db.pragma('user_version', { simple: true })).toBe(WORKSPACE_SCHEMA_VERSION);
        // Every row it held, on every column it had; the log as it was, then the upgrade.
        for (const [table, columns] of oldTables)
          if (table !== 'audit') expect(rowsOf(db, table, columns), table).toEqual(oldRows[table]);
        const log = db.prepare('SELECT * FROM audit ORDER BY seq').all() as Row[];
        expect(log.slice(0, old.audit!.length)).toEqual(old.audit);
        const migrated = log.find((e) => e.action === 'workspace-migrated');
        expect(migrated?.seq).toBe(old.audit!.length + 1);
        expect(JSON.parse(migrated!.details as string)).toEqual({
          from: version,
          to: WORKSPACE_SCHEMA_VERSION,
          backup: migration!.fileName,
        });
        expect(walkChain(db).ok).toBe(true);
        // The records' digests start from what the database held: none reads as changed.
        expect(tamperedTables(db)).toEqual([]);
      });

      // And it works as any workspace of this build: the next device, the next reservation.
      if (side === 'site') {
        const device = await call(router, 'site.addDevice', ucmDevice(workspaceId, 50));
        expect(device.id).toBe('dev-5');
      } else {
        await call(router, 'authority.unlock', { workspaceId, passphrase: PASSPHRASE });
        const reserved = await call(router, 'authority.reserve', {
          workspaceId,
          va: 'Lab',
          requestCode: encodeRequestCode(udiOf(51, 'ucm'), newRequestNonce(new SeededRandom(3))),
          selection: { type: 'SLR', licenses: { [TAGS.enhanced]: 1 } },
        });
        expect(reserved.instance.state).toBe('reserved');
      }
      await services.close();
    },
  );

  it('upgrades and logs the upgrade in one transaction: if the entry cannot be written, nothing is upgraded', async () => {
    const version = OLDER[0]!;
    const ws = copyAt(history.site, version);
    // The log refuses the upgrade's entry (as a full disk or a crash would stop its commit).
    const db = new Database(ws.db);
    db.exec(`CREATE TRIGGER no_room BEFORE INSERT ON audit WHEN NEW.action = 'workspace-migrated'
      BEGIN SELECT RAISE(ABORT, 'no room for the entry'); END`);
    db.close();
    const old = dumpDatabase(ws.db);
    const first = openOn(ws.dataDir, clock);
    await refusal(first.router, 'site.overview', { workspaceId: ws.id }); // it cannot be opened
    await first.services.close();
    expect(dumpDatabase(ws.db)).toEqual(old);
    onSnapshot(ws.db, (check) =>
      expect(check.pragma('user_version', { simple: true })).toBe(version),
    );

    // Once the entry can be written, the next start upgrades it, and says so in the log.
    const fix = new Database(ws.db);
    fix.exec('DROP TRIGGER no_room');
    fix.close();
    const again = openOn(ws.dataDir, clock);
    await call(again.router, 'site.overview', { workspaceId: ws.id });
    await again.services.close();
    onSnapshot(ws.db, (check) => {
      expect(check.pragma('user_version', { simple: true })).toBe(WORKSPACE_SCHEMA_VERSION);
      expect(
        check
          .prepare("SELECT count(*) FROM audit WHERE action = 'workspace-migrated'")
          .pluck()
          .get(),
      ).toBe(1);
    });
  });

  it('refuses a database at version 0 — it holds no workspace — and leaves it as it was', async () => {
    const dataDir = tempDir('v0');
    const id = 's-00000000aa';
    const dir = join(dataDir, 'workspaces', id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'meta.json'),
      JSON.stringify({
        id,
        kind: 'site',
        name: 'Never made',
        createdAt: '2026-01-01T00:00:00.000Z',
      }),
    );
    // What a creation cut short before its first commit leaves: the id set, no schema yet.
    const db = new Database(join(dir, 'workspace.db'));
    db.pragma(`application_id = ${WORKSPACE_APPLICATION_ID}`);
    db.close();
    const { router, services } = openOn(dataDir, clock);
    const error = await refusal(router, 'site.overview', { workspaceId: id });
    expect(error.code).toBe('STORE_DAMAGED');
    expect(error.facts.problem).toBe('it holds no workspace');
    await services.close();
    onSnapshot(join(dir, 'workspace.db'), (check) => {
      expect(check.pragma('user_version', { simple: true })).toBe(0);
      expect(tablesOf(check).size).toBe(0);
    });
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });
});
