// A workspace database made by an older Airlock opens in this one: backed up first, upgraded step
// by step to the latest schema in one transaction, the upgrade logged — from every older version.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sealEntry, GENESIS } from '../../../electron/services/audit-entry.ts';
import { registerRecordFunctions } from '../../../electron/services/db/record-digests.ts';
import {
  WORKSPACE_APPLICATION_ID,
  WORKSPACE_SCHEMA,
  WORKSPACE_SCHEMA_VERSION,
} from '../../../shared/migrations/workspace-schema.ts';
import { call, refusal, servicesOn } from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

afterAll(removeTempDirs);

const ID = 's-0123456789';
const CREATED = '2026-11-01T09:00:00.000Z';

/** A site database exactly as the build that wrote `version` left it, with a few rows. */
function siteAt(version: number): string {
  const dataDir = tempDir(`schema-v${version}`);
  const dir = join(dataDir, 'workspaces', ID);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'meta.json'),
    JSON.stringify({ id: ID, kind: 'site', name: 'Old site', createdAt: CREATED }),
  );
  const db = new Database(join(dir, 'workspace.db'));
  registerRecordFunctions(db); // the records' triggers (step 5) call them
  db.pragma(`application_id = ${WORKSPACE_APPLICATION_ID}`);
  db.pragma('journal_mode = WAL');
  for (const step of WORKSPACE_SCHEMA.filter((s) => s.version <= version)) db.exec(step.sql);
  db.pragma(`user_version = ${version}`);
  db.prepare(
    'INSERT INTO workspace (singleton, id, kind, name, created_at) VALUES (1, ?, ?, ?, ?)',
  ).run(ID, 'site', 'Old site', CREATED);
  const { entry } = sealEntry({
    seq: 1,
    time: CREATED,
    workspace: ID,
    prev: GENESIS,
    action: 'workspace-created',
    direction: 'none',
    details: { kind: 'site', name: 'Old site' },
  });
  db.prepare(
    `INSERT INTO audit (seq, time, action, direction, details, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    1,
    entry.time,
    entry.action,
    entry.direction,
    JSON.stringify(entry.details),
    entry.prev,
    entry.hash,
  );
  // Two codes that went out, the second with id out-7 (ids are kept, the counter goes on).
  const insert = db.prepare(
    `INSERT INTO transfer_items (seq, direction, kind, code, code_digest, created_at, status)
     VALUES (?, 'out', 'request', ?, ?, 1, ?)`,
  );
  insert.run(3, 'CB-first', 'a'.repeat(64), 'exported');
  insert.run(7, 'CB-second', 'b'.repeat(64), 'waiting');
  db.close();
  return dataDir;
}

describe('opening a database of an older schema', () => {
  const older = WORKSPACE_SCHEMA.map((s) => s.version).filter((v) => v < WORKSPACE_SCHEMA_VERSION);

  it('has an older version to test from (a new step adds its own case here by itself)', () => {
    expect(older.length).toBeGreaterThan(0);
  });

  it.each(older)(
    'upgrades a version-%i site to the latest, backed up first and logged',
    async (version) => {
      const dataDir = siteAt(version);
      const { router, services } = servicesOn(dataDir);
      const overview = await call(router, 'site.overview', { workspaceId: ID });
      expect(overview.workspace.name).toBe('Old site');
      const items = await call(router, 'transfer.items', { workspaceId: ID, direction: 'out' });
      expect(items.map((i) => [i.id, i.status])).toEqual([
        ['out-3', 'exported'],
        ['out-7', 'waiting'],
      ]);
      const backups = await call(router, 'workspace.backups', { workspaceId: ID });
      expect(backups.map((b) => b.reason)).toContain('migration');
      const events = await call(router, 'workspace.events', {
        workspaceId: ID,
        offset: 0,
        limit: 1,
        type: 'workspace-migrated',
      });
      expect(events.rows[0]!.details).toMatchObject({
        from: version,
        to: WORKSPACE_SCHEMA_VERSION,
      });
      // Migrated (2), then signed for the first time with the key the site got on opening (3).
      expect(await call(router, 'workspace.verifyAudit', { workspaceId: ID })).toMatchObject({
        ok: true,
        entries: 3,
        unsigned: 0,
      });
      // What the latest schema allows, on the upgraded rows; the next id follows the old ones.
      await call(router, 'transfer.mark', { workspaceId: ID, itemIds: ['out-7'], status: 'done' });
      const device = await call(router, 'site.addDevice', {
        workspaceId: ID,
        external: false,
        product: 'ucm',
        pid: 'UCM',
        sn: 'up1',
        uuid: 'd9a2c661-8fe1-4ce7-9e6f-bbc68a3e0001',
      });
      await call(router, 'site.action', { workspaceId: ID, deviceId: device.id, action: 'enable' });
      const requested = await call(router, 'site.action', {
        workspaceId: ID,
        deviceId: device.id,
        action: 'request',
      });
      expect(requested.outboxItemIds).toEqual(['out-8']);
      await services.close();
    },
  );

  it('refuses a database from a newer Airlock, and leaves it as it is', async () => {
    const dataDir = siteAt(WORKSPACE_SCHEMA_VERSION);
    const path = join(dataDir, 'workspaces', ID, 'workspace.db');
    const db = new Database(path);
    db.pragma(`user_version = ${WORKSPACE_SCHEMA_VERSION + 1}`);
    db.close();
    const { router } = servicesOn(dataDir);
    const error = await refusal(router, 'site.overview', { workspaceId: ID });
    expect(error.code).toBe('STORE_TOO_NEW');
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(WORKSPACE_SCHEMA_VERSION + 1);
    after.close();
  });
});
