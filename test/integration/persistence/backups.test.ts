// Copies of a workspace in its `backups/` folder: once a day when it is opened (by the clock the
// services are given), on demand, before every batch; the newest ten kept, and the newest ten
// made on demand never pushed out by automatic ones. Each copy is a plain
// one-file database, checked sound, holding exactly what the workspace held when it was made.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKSPACE_APPLICATION_ID } from '../../../shared/migrations/workspace-schema.ts';
import { ucmRow } from '../../support/authority.ts';
import { TestClock } from '../../support/ports.ts';
import { dumpDatabase } from '../support/database.ts';
import { call } from '../support/sides.ts';
import { removeTempDirs } from '../support/temp-dirs.ts';
import { type Workspace, newSite, openOn, ucmDevice } from './support/workspaces.ts';

const DAY = 24 * 60 * 60 * 1000;

afterAll(removeTempDirs);

function backupsOf(ws: Workspace): string[] {
  const folder = join(ws.dir, 'backups');
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

/** A backup is a whole database of its own: ours, sound, in rollback mode (no -wal beside it). */
function expectSoundCopy(path: string): void {
  expect(statSync(path).mode & 0o777).toBe(0o600); // its owner's alone, as the workspace is
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('application_id', { simple: true })).toBe(WORKSPACE_APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
}

async function addDevice(router: ReturnType<typeof openOn>['router'], ws: Workspace, n: number) {
  await call(router, 'site.addDevice', ucmDevice(ws.id, n));
}

/** Opens the workspace as the app does at start, looks at it, and closes it (waiting for backups). */
async function openAndClose(ws: Workspace, clock: TestClock, device?: number): Promise<void> {
  const { router, services } = openOn(ws.dataDir, clock);
  await call(router, 'site.overview', { workspaceId: ws.id });
  if (device !== undefined) await addDevice(router, ws, device);
  await services.close();
}

describe('backups of a workspace', () => {
  it('are made once a day when the workspace is opened, by the clock it is given', async () => {
    const clock = new TestClock(Date.UTC(2026, 2, 1, 8, 0, 0));
    const ws = await newSite(clock, 'daily');
    expect(backupsOf(ws)).toEqual([]);

    await openAndClose(ws, clock, 1);
    expect(backupsOf(ws)).toEqual(['workspace-2026-03-01T08-00-00-000Z-daily.db']);
    clock.advance(DAY - 60_000); // the same day, as far as a day goes
    await openAndClose(ws, clock, 2);
    expect(backupsOf(ws)).toHaveLength(1);

    clock.advance(60_000); // a whole day after the last one
    await openAndClose(ws, clock);
    expect(backupsOf(ws)).toEqual([
      'workspace-2026-03-01T08-00-00-000Z-daily.db',
      'workspace-2026-03-02T08-00-00-000Z-daily.db',
    ]);
    // The second day's copy holds both devices: what the workspace held when it was opened.
    const copy = join(ws.dir, 'backups', 'workspace-2026-03-02T08-00-00-000Z-daily.db');
    expectSoundCopy(copy);
    expect(dumpDatabase(copy)).toEqual(dumpDatabase(ws.db));
  });

  it('are made on demand, holding exactly what the workspace holds', async () => {
    const clock = new TestClock();
    const ws = await newSite(clock, 'manual');
    const { router, services } = openOn(ws.dataDir, clock);
    for (let n = 0; n < 25; n++) await addDevice(router, ws, n);
    clock.advance(1000);
    const backup = await call(router, 'workspace.backup', { workspaceId: ws.id });
    expect(backup).toMatchObject({ reason: 'manual', createdAt: clock.now() });
    const path = join(ws.dir, 'backups', backup.fileName);
    expectSoundCopy(path);
    expect(dumpDatabase(path)).toEqual(dumpDatabase(ws.db)); // read from the open workspace
    expect((await call(router, 'workspace.backups', { workspaceId: ws.id }))[0]).toEqual(backup);
    await services.close();
  });

  it('are made before a batch changes anything', async () => {
    const clock = new TestClock();
    const ws = await newSite(clock, 'batch');
    const { router, services } = openOn(ws.dataDir, clock);
    await addDevice(router, ws, 1);
    const before = dumpDatabase(ws.db);
    clock.advance(1000);
    const csv = ['product,pid,sn,uuid', ...[2, 3, 4].map(ucmRow)].join('\n');
    await call(router, 'site.addDevices', { workspaceId: ws.id, csv, dryRun: false });
    const batch = (await call(router, 'workspace.backups', { workspaceId: ws.id })).find(
      (b) => b.reason === 'batch',
    );
    expect(batch).toBeDefined();
    expect(dumpDatabase(join(ws.dir, 'backups', batch!.fileName))).toEqual(before);
    await services.close();
  });

  it('keep the newest ten of each kind: the oldest go as new ones are made', async () => {
    const clock = new TestClock();
    const ws = await newSite(clock, 'ten');
    const { router, services } = openOn(ws.dataDir, clock);
    const made: string[] = [];
    for (let n = 0; n < 13; n++) {
      clock.advance(60_000);
      await addDevice(router, ws, n);
      made.push((await call(router, 'workspace.backup', { workspaceId: ws.id })).fileName);
    }
    const listed = await call(router, 'workspace.backups', { workspaceId: ws.id });
    const manual = listed.filter((b) => b.reason === 'manual').map((b) => b.fileName);
    expect(manual).toEqual(made.slice(-10).reverse()); // newest first
    // The day's first open made one of its own, which thirteen on demand do not push out.
    const daily = listed.filter((b) => b.reason === 'daily').map((b) => b.fileName);
    expect(daily).toHaveLength(1);
    expect(backupsOf(ws)).toEqual([...made.slice(-10), ...daily].sort());
    await services.close();
  });

  it('a backup made on demand outlives a run of batches, each of which backs up first', async () => {
    const clock = new TestClock();
    const ws = await newSite(clock, 'kept');
    const { router, services } = openOn(ws.dataDir, clock);
    clock.advance(60_000);
    const manual = (await call(router, 'workspace.backup', { workspaceId: ws.id })).fileName;
    for (let n = 0; n < 12; n++) {
      clock.advance(60_000);
      const csv = `product,pid,sn,uuid\n${ucmRow(n)}`;
      await call(router, 'site.addDevices', { workspaceId: ws.id, csv, dryRun: false });
    }
    const listed = await call(router, 'workspace.backups', { workspaceId: ws.id });
    const batches = listed.filter((b) => b.reason === 'batch');
    expect(batches).toHaveLength(10); // the two oldest batch copies went
    expect(listed.map((b) => b.fileName)).toContain(manual);
    expect(listed.at(-1)!.fileName).toBe(manual); // the oldest kept: newest first
    expect(backupsOf(ws)).toHaveLength(11);
    await services.close();
  });
});
