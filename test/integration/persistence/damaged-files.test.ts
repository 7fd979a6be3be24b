// A workspace whose database file was damaged, lost or swapped is refused with what is wrong and
// the newest backup — never reset, never quietly replaced: the files stay exactly as they were.
// The way back is explicit: a dry run shows what restoring would lose, the restore itself is
// logged, and the database it replaces is kept.

import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { udiOf } from '../../support/authority.ts';
import { TestClock } from '../../support/ports.ts';
import { acknowledged, killAfter, startChild } from '../support/children.ts';
import { dumpDatabase } from '../support/database.ts';
import { filesUnder, onSnapshot, walkChain } from '../support/readback.ts';
import { call, refusal } from '../support/sides.ts';
import { removeTempDirs } from '../support/temp-dirs.ts';
import { type Workspace, newSite, openOn, siteLogAgrees } from './support/workspaces.ts';

const clock = new TestClock();
let seed = 300;

afterAll(removeTempDirs);

interface Made extends Workspace {
  /** The newest backup's file name, and how far its log reaches. */
  backup: string;
  backupSeq: number;
  /** How far the log reached when the workspace was last closed. */
  seq: number;
  devices: number;
}

async function addDevices(
  router: ReturnType<typeof openOn>['router'],
  id: string,
  from: number,
  n: number,
) {
  for (let i = from; i < from + n; i++) {
    const udi = udiOf(i, 'ucm');
    await call(router, 'site.addDevice', {
      workspaceId: id,
      external: false,
      product: 'ucm',
      pid: udi.pid,
      sn: udi.sn,
      uuid: udi.uuid!,
    });
  }
}

/** How far the workspace's log reaches (its newest entry's seq). */
function logLength(ws: Workspace): number {
  return onSnapshot(
    ws.db,
    (db) => db.prepare('SELECT max(seq) FROM audit').pluck().get() as number,
  );
}

/** A site with 150 devices, backed up after the first 100, closed cleanly. */
async function siteWithBackup(): Promise<Made> {
  const ws = await newSite(clock, 'damage');
  const { router, services } = openOn(ws.dataDir, clock);
  await addDevices(router, ws.id, 0, 100);
  clock.advance(1000);
  const backup = await call(router, 'workspace.backup', { workspaceId: ws.id });
  const backupSeq = logLength(ws);
  clock.advance(1000);
  await addDevices(router, ws.id, 100, 50);
  const seq = logLength(ws);
  await services.close();
  return { ...ws, backup: backup.fileName, backupSeq, seq, devices: 150 };
}

/** Every file in the workspace folder with a digest of its bytes. */
function filesOf(ws: Workspace): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of filesUnder(ws.dir))
    out[name] = name.endsWith('/')
      ? 'folder'
      : createHash('sha256')
          .update(readFileSync(join(ws.dir, name)))
          .digest('hex');
  return out;
}

/** A file a killed writer left half-made (durable-write.ts): opening sweeps it, by design. */
const DEAD_WRITERS_TEMP = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * No byte of any file the folder held changed (the database, its -wal when there was one, the
 * marker, the backups), and nothing was added but what any read-only look at a WAL database
 * leaves: an empty -wal and its -shm index (SQLite's own; they hold nothing).
 */
function expectLeftAsItWas(ws: Workspace, before: Record<string, string>): void {
  const after = filesOf(ws);
  for (const [name, digest] of Object.entries(before))
    if (!DEAD_WRITERS_TEMP.test(name.split('/').at(-1)!)) expect(after[name], name).toBe(digest);
  const added = Object.keys(after).filter((name) => !(name in before));
  expect(added.filter((name) => !/^workspace\.db-(wal|shm)$/.test(name))).toEqual([]);
  if (added.includes('workspace.db-wal')) expect(statSync(`${ws.db}-wal`).size).toBe(0);
}

/** Opens the workspace afresh and asks for its overview, which must be refused. */
async function refusedOnOpen(ws: Workspace) {
  const { router, services } = openOn(ws.dataDir, clock);
  try {
    return await refusal(router, 'site.overview', { workspaceId: ws.id });
  } finally {
    await services.close();
  }
}

function zeroPage(path: string, page: number, pageSize = 4096): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/** A page in the middle of the devices table's b-tree (not its root): its rows are lost if zeroed. */
function pageOfDevices(path: string): number {
  const pages = onSnapshot(
    path,
    (db) =>
      db
        .prepare(
          "SELECT pageno FROM dbstat WHERE name = 'devices' AND pagetype = 'leaf' ORDER BY pageno",
        )
        .pluck()
        .all() as number[],
  );
  expect(pages.length).toBeGreaterThan(2);
  return pages[Math.floor(pages.length / 2)]!;
}

describe('a damaged or missing database', () => {
  /** A sound database of another site, to be put where one of ours should be. */
  let other: Workspace;
  beforeAll(async () => {
    other = await newSite(clock, 'other');
  });

  const cases: Array<{
    name: string;
    damage: (ws: Made) => void;
    code: string;
    problem?: RegExp;
  }> = [
    {
      name: 'cut short (truncated to half)',
      damage: (ws) => truncateSync(ws.db, Math.floor(statSync(ws.db).size / 2 / 4096) * 4096),
      code: 'STORE_DAMAGED',
    },
    {
      name: 'with a page in the middle zeroed',
      damage: (ws) => zeroPage(ws.db, pageOfDevices(ws.db)),
      code: 'STORE_DAMAGED',
    },
    {
      name: 'another program’s SQLite file in its place',
      damage: (ws) => {
        rmSync(ws.db);
        const foreign = new Database(ws.db);
        foreign.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
        foreign.prepare('INSERT INTO notes (text) VALUES (?)').run('not Airlock');
        foreign.close();
      },
      code: 'STORE_DAMAGED',
      problem: /not an Airlock workspace database/,
    },
    {
      name: 'an empty (0-byte) file',
      damage: (ws) => writeFileSync(ws.db, ''),
      code: 'STORE_DAMAGED',
      problem: /not an Airlock workspace database/,
    },
    {
      name: 'of another workspace put in its place',
      damage: (ws) => copyFileSync(other.db, ws.db),
      code: 'STORE_DAMAGED',
      problem: /holds workspace s-/,
    },
    {
      name: 'deleted, with backups beside it',
      damage: (ws) => rmSync(ws.db),
      code: 'STORE_MISSING',
    },
  ];

  it.each(cases)(
    'refuses a database $name with $code, names the newest backup, and leaves every file as it was',
    async ({ damage, code, problem }) => {
      const ws = await siteWithBackup();
      damage(ws);
      const before = filesOf(ws);
      const error = await refusedOnOpen(ws);
      expect(error.code).toBe(code);
      expect(error.facts).toMatchObject({ workspace: ws.id, backup: ws.backup });
      if (problem) expect(String(error.facts.problem)).toMatch(problem);
      expect(error.message).toContain(ws.backup);
      expectLeftAsItWas(ws, before);
      // Asked again (a second look, another start), the answer is the same: never a fresh start.
      expect((await refusedOnOpen(ws)).code).toBe(code);
      expectLeftAsItWas(ws, before);
    },
  );

  it('opens with nothing lost when -wal and -shm are deleted after a clean close', async () => {
    const ws = await siteWithBackup();
    rmSync(`${ws.db}-wal`, { force: true });
    rmSync(`${ws.db}-shm`, { force: true });
    const { router, services } = openOn(ws.dataDir, clock);
    const overview = await call(router, 'site.overview', { workspaceId: ws.id });
    expect(overview.deviceCount).toBe(150);
    expect(await call(router, 'workspace.verifyAudit', { workspaceId: ws.id })).toMatchObject({
      ok: true,
      entries: ws.seq,
    });
    await services.close();
  });

  it('refuses as rolled back when -wal and -shm are deleted after a crash with committed work in them', async () => {
    const ws = await siteWithBackup();
    const child = startChild({
      dataDir: ws.dataDir,
      workspaceId: ws.id,
      clockMs: clock.now(),
      seed: seed++,
      job: { kind: 'add-devices', first: 10_000, count: 100_000 },
    });
    await child.acknowledgedAtLeast(5);
    await killAfter(child, 0);
    expect(acknowledged(child).length).toBeGreaterThanOrEqual(5);
    expect(existsSync(`${ws.db}-wal`)).toBe(true); // the acknowledged work is in there
    rmSync(`${ws.db}-wal`);
    rmSync(`${ws.db}-shm`, { force: true });
    const before = filesOf(ws);
    const error = await refusedOnOpen(ws);
    expect(error.code).toBe('STORE_ROLLED_BACK');
    expect(error.facts).toMatchObject({ found: ws.seq, backup: ws.backup });
    expect(Number(error.facts.expected)).toBeGreaterThanOrEqual(ws.seq + 5);
    expectLeftAsItWas(ws, before);
  });
});

describe('restoring a backup, explicitly', () => {
  it('shows what restoring would lose without changing anything (dry run)', async () => {
    const ws = await siteWithBackup();
    const { router, services } = openOn(ws.dataDir, clock);
    const before = dumpDatabase(ws.db);
    const preview = await call(router, 'workspace.restore', {
      workspaceId: ws.id,
      backup: ws.backup,
      dryRun: true,
    });
    expect(preview).toMatchObject({
      restored: false,
      backup: { file: ws.backup, seq: ws.backupSeq },
      lost: { count: ws.seq - ws.backupSeq, readable: true },
    });
    // Exactly the log entries after the backup: the 50 devices added since.
    const lost = onSnapshot(ws.db, (db) =>
      db
        .prepare('SELECT seq, action, subject FROM audit WHERE seq > ? ORDER BY seq')
        .all(ws.backupSeq),
    );
    expect(
      preview.lost.entries.map(({ seq, action, subject }) => ({ seq, action, subject })),
    ).toEqual(lost);
    expect(preview.lost.entries.filter((e) => e.action === 'device-added')).toHaveLength(50);
    expect(dumpDatabase(ws.db)).toEqual(before);
    expect(existsSync(join(ws.dir, 'replaced'))).toBe(false);
    await services.close();
  });

  it('restores the newest backup of a damaged workspace: logged, the damaged file kept, usable again', async () => {
    const ws = await siteWithBackup();
    truncateSync(ws.db, Math.floor(statSync(ws.db).size / 2 / 4096) * 4096);
    const damagedBytes = readFileSync(ws.db);
    const { router, services } = openOn(ws.dataDir, clock);
    expect((await refusal(router, 'site.overview', { workspaceId: ws.id })).code).toBe(
      'STORE_DAMAGED',
    );
    const backups = await call(router, 'workspace.backups', { workspaceId: ws.id });
    expect(backups[0]!.fileName).toBe(ws.backup);

    const preview = await call(router, 'workspace.restore', {
      workspaceId: ws.id,
      backup: ws.backup,
      dryRun: true,
    });
    // The damaged file cannot be read: what it held after the backup is known from the marker.
    expect(preview.lost).toEqual({ count: ws.seq - ws.backupSeq, entries: [], readable: false });
    expect(readFileSync(ws.db).equals(damagedBytes)).toBe(true);

    clock.advance(60_000);
    const report = await call(router, 'workspace.restore', {
      workspaceId: ws.id,
      backup: ws.backup,
    });
    expect(report).toMatchObject({
      restored: true,
      backup: { file: ws.backup, seq: ws.backupSeq },
    });
    expect(report.replacedKeptAt).toMatch(/[/\\]replaced[/\\][^/\\]+$/);
    expect(readFileSync(join(report.replacedKeptAt!, 'workspace.db')).equals(damagedBytes)).toBe(
      true,
    );

    const overview = await call(router, 'site.overview', { workspaceId: ws.id });
    expect(overview.deviceCount).toBe(100);
    const events = await call(router, 'workspace.events', {
      workspaceId: ws.id,
      offset: 0,
      limit: 1,
    });
    expect(events.rows[0]).toMatchObject({ type: 'workspace-restored' });
    onSnapshot(ws.db, (db) => {
      const last = db
        .prepare('SELECT seq, action, details FROM audit ORDER BY seq DESC LIMIT 1')
        .get() as {
        seq: number;
        action: string;
        details: string;
      };
      expect(last.seq).toBe(ws.backupSeq + 1);
      expect(JSON.parse(last.details)).toEqual({
        backup: ws.backup,
        backupSeq: ws.backupSeq,
        lost: ws.seq - ws.backupSeq,
        replacedKeptAt: report.replacedKeptAt,
      });
      expect(walkChain(db)).toEqual({ ok: true, entries: ws.backupSeq + 1 });
    });
    await addDevices(router, ws.id, 1000, 1);
    await services.close();

    // The next start opens it as any other (the marker follows the restored log).
    const again = openOn(ws.dataDir, clock);
    expect((await call(again.router, 'site.overview', { workspaceId: ws.id })).deviceCount).toBe(
      101,
    );
    await again.services.close();
    siteLogAgrees(ws);
  });

  it('restores over a rolled-back database too, and keeps it', async () => {
    const ws = await siteWithBackup();
    const child = startChild({
      dataDir: ws.dataDir,
      workspaceId: ws.id,
      clockMs: clock.now(),
      seed: seed++,
      job: { kind: 'add-devices', first: 20_000, count: 100_000 },
    });
    await child.acknowledgedAtLeast(3);
    await killAfter(child, 0);
    rmSync(`${ws.db}-wal`);
    rmSync(`${ws.db}-shm`, { force: true });
    const { router, services } = openOn(ws.dataDir, clock);
    expect((await refusal(router, 'site.overview', { workspaceId: ws.id })).code).toBe(
      'STORE_ROLLED_BACK',
    );
    const report = await call(router, 'workspace.restore', {
      workspaceId: ws.id,
      backup: ws.backup,
    });
    expect(report.restored).toBe(true);
    expect(existsSync(join(report.replacedKeptAt!, 'workspace.db'))).toBe(true);
    expect((await call(router, 'site.overview', { workspaceId: ws.id })).deviceCount).toBe(100);
    expect((await call(router, 'workspace.verifyAudit', { workspaceId: ws.id })).ok).toBe(true);
    await services.close();
    siteLogAgrees(ws);
  });
});
