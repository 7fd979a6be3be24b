// A restore while other connections use the workspace (the app beside a script, two windows):
// nobody commits into the database the restore moved aside, a restore waits for a writer and
// then refuses rather than tearing its work in half, and the app picks up the restored file.

import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkspaceDb } from '../../../electron/services/db/workspace-db.ts';
import { TestClock } from '../../support/ports.ts';
import { dumpDatabase } from '../support/database.ts';
import { call, refusal, servicesOn } from '../support/sides.ts';
import { removeTempDirs } from '../support/temp-dirs.ts';
import { type Workspace, newSite, openOn, ucmDevice } from './support/workspaces.ts';

const clock = new TestClock();
afterAll(removeTempDirs);

const device = (ws: Workspace, n: number) => ucmDevice(ws.id, n);

async function siteWithBackup(): Promise<{ site: Workspace; backup: string }> {
  const site = await newSite(clock);
  const { router, services } = openOn(site.dataDir, clock);
  await call(router, 'site.addDevice', device(site, 1));
  clock.advance(60_000);
  const backup = (await call(router, 'workspace.backup', { workspaceId: site.id })).fileName;
  await call(router, 'site.addDevice', device(site, 2));
  await services.close();
  return { site, backup };
}

const deviceCount = (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM devices').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('a restore while the workspace is open elsewhere', () => {
  it('leaves a connection that had it open unable to commit into the file moved aside', async () => {
    const { site, backup } = await siteWithBackup();
    const other = WorkspaceDb.open(site.db, { workspace: site.id });
    try {
      const { router, services } = openOn(site.dataDir, clock);
      const restored = await call(router, 'workspace.restore', { workspaceId: site.id, backup });
      expect(restored.restored).toBe(true);
      await services.close();
      expect(statSync(site.db).mode & 0o777).toBe(0o600);

      expect(other.replacedOnDisk()).toBe(true);
      expect(() => other.write(() => other.sqlite.exec('DELETE FROM devices'))).toThrow(
        expect.objectContaining({ code: 'WORKSPACE_REPLACED' }),
      );
      // Neither the restored file nor the one kept aside was touched by it.
      expect(deviceCount(site.db)).toBe(1);
      const kept = readdirSync(join(site.dir, 'replaced'));
      expect(kept).toHaveLength(1);
      expect(deviceCount(join(site.dir, 'replaced', kept[0]!, 'workspace.db'))).toBe(2);
    } finally {
      other.close();
    }
  });

  it('lets the app go on with the restored file: it is told, and its next call opens it', async () => {
    const { site, backup } = await siteWithBackup();
    const app = openOn(site.dataDir, clock);
    await call(app.router, 'site.overview', { workspaceId: site.id });
    app.services.workspaces.changedElsewhere();

    const script = openOn(site.dataDir, clock);
    await call(script.router, 'workspace.restore', { workspaceId: site.id, backup });
    await script.services.close();

    expect(app.services.workspaces.changedElsewhere()).toEqual([site.id]);
    const page = await call(app.router, 'site.devicePage', {
      workspaceId: site.id,
      offset: 0,
      limit: 10,
    });
    expect(page.total).toBe(1);
    const added = await call(app.router, 'site.addDevice', device(site, 3));
    expect(added.id).toBe('dev-2'); // the restored site never had the second device
    await app.services.close();
    expect(deviceCount(site.db)).toBe(2);
  });

  it('waits for a writer, and refuses with WORKSPACE_BUSY when it does not finish in time', async () => {
    const { site, backup } = await siteWithBackup();
    const before = dumpDatabase(site.db);
    const writer = new Database(site.db, { fileMustExist: true });
    writer.exec('BEGIN IMMEDIATE');
    const { router, services } = servicesOn(site.dataDir, { busyTimeoutMs: 300 });
    try {
      const error = await refusal(router, 'workspace.restore', {
        workspaceId: site.id,
        backup,
      });
      expect(error.code).toBe('WORKSPACE_BUSY');
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    // Nothing moved: no copy set aside, no temporary file left, the database as it was.
    expect(existsSync(join(site.dir, 'replaced'))).toBe(false);
    expect(readdirSync(site.dir).filter((name) => name.includes('.tmp'))).toEqual([]);
    expect(dumpDatabase(site.db)).toEqual(before);
    // Once the writer is done, the same restore goes through.
    expect(
      (await call(router, 'workspace.restore', { workspaceId: site.id, backup })).restored,
    ).toBe(true);
    await services.close();
  });
});

describe('a restore cut short between its two renames', () => {
  it('names the whole database it was putting aside, and restoring from it loses nothing', async () => {
    const site = await newSite(clock);
    const { router, services } = openOn(site.dataDir, clock);
    await call(router, 'site.addDevice', device(site, 1));
    // Another connection keeps the -wal from being folded in, as a running app would.
    const holder = new Database(site.db, { fileMustExist: true });
    holder.prepare('SELECT count(*) FROM devices').get();
    await call(router, 'site.addDevice', device(site, 2));
    await services.close();
    // What the restore had done when it was killed: the database moved aside, nothing in place.
    const kept = join(site.dir, 'replaced', '2026-12-04T00-00-00-000Z');
    mkdirSync(kept, { recursive: true });
    for (const suffix of ['', '-wal', '-shm'])
      if (existsSync(`${site.db}${suffix}`))
        renameSync(`${site.db}${suffix}`, join(kept, `workspace.db${suffix}`));
    holder.close();

    const again = openOn(site.dataDir, clock);
    const error = await refusal(again.router, 'site.overview', { workspaceId: site.id });
    expect(error).toMatchObject({
      code: 'STORE_MISSING',
      facts: { replaced: join(kept, 'workspace.db') },
    });
    expect(error.message).toContain('loses nothing');
    again.services.workspaces.restore(site.id, join(kept, 'workspace.db'));
    const page = await call(again.router, 'site.devicePage', {
      workspaceId: site.id,
      offset: 0,
      limit: 10,
    });
    expect(page.total).toBe(2);
    await again.services.close();
  });
});
