// Writing a transfer file (`transfer.export`) to a drive that is full, read-only or gone: a clear
// error, the codes still waiting in the outbox, the workspace untouched, nothing partial on the drive.

import { existsSync, readFileSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { makeReadOnly } from '../services/scratch-mounts.ts';
import { fill, mountTmpfs, useUpInodes } from '../support/mounts.ts';
import { dumpDatabase } from '../support/database.ts';
import {
  type Side,
  call,
  databaseOf,
  openSite,
  refusal,
  requestingDevice,
} from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

let site: Side;
let itemIds: string[];

beforeEach(async () => {
  site = await openSite(tempDir('drive-site'));
  await requestingDevice(site, 'ucm');
  await requestingDevice(site, 'expressway');
  itemIds = (await call(site.router, 'transfer.items', { workspaceId: site.workspaceId })).map(
    (i) => i.id,
  );
  expect(itemIds).toHaveLength(2);
});
afterAll(removeTempDirs);

/** Every file in a folder with its bytes, hidden temp files included. */
const contents = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name)).toString('base64')]),
  );

/** The workspace as it lies on disk, and its outbox as the UI sees it. */
async function workspaceState() {
  return {
    database: dumpDatabase(databaseOf(site)),
    items: await call(site.router, 'transfer.items', { workspaceId: site.workspaceId }),
  };
}

/** Exports to `drive` expecting a refusal; proves nothing changed on either side. */
async function refusedExport(drive: string, code: string) {
  const before = await workspaceState();
  const onDrive = contents(drive);
  const error = await refusal(site.router, 'transfer.export', {
    workspaceId: site.workspaceId,
    folder: site.services.handles.folder(drive),
    itemIds,
  });
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/\S/);
  const after = await workspaceState();
  expect(after).toEqual(before);
  expect(after.items.map((i) => i.status)).toEqual(['waiting', 'waiting']);
  expect(contents(drive)).toEqual(onDrive);
  return error;
}

async function exportsAfterAll(drive: string): Promise<void> {
  const written = await call(site.router, 'transfer.export', {
    workspaceId: site.workspaceId,
    folder: site.services.handles.folder(drive),
    itemIds,
  });
  expect(written.count).toBe(2);
  const items = await call(site.router, 'transfer.items', { workspaceId: site.workspaceId });
  expect(items.map((i) => [i.status, i.file])).toEqual([
    ['exported', written.path],
    ['exported', written.path],
  ]);
  for (const item of items) expect(readFileSync(written.path, 'utf8')).toContain(item.code);
}

const NO_MOUNT = 'mounting a tmpfs is not permitted here (the test needs root)';

describe('transfer.export to a drive that cannot take the file', () => {
  it('a full drive (a real 64 KiB tmpfs, filled up) gives DRIVE_FULL and loses nothing; once room is made the same codes go out', async (ctx) => {
    const drive = join(tempDir('drive-full'), 'stick');
    const mounted = mountTmpfs(drive, 'size=64k');
    if (!mounted) return ctx.skip(NO_MOUNT);
    try {
      writeFileSync(join(drive, 'kept-from-last-trip.airlock'), 'the operator’s earlier file\n');
      fill(drive);
      const error = await refusedExport(drive, 'DRIVE_FULL');
      expect(error.facts).toMatchObject({ freeBytes: 0 });
      expect(Number(error.facts.neededBytes)).toBeGreaterThan(0);

      rmSync(join(drive, 'filler.bin'));
      await exportsAfterAll(drive);
      expect(readFileSync(join(drive, 'kept-from-last-trip.airlock'), 'utf8')).toBe(
        'the operator’s earlier file\n',
      );
    } finally {
      mounted.unmount();
    }
  });

  it('a drive with bytes to spare but no inode left passes the early space check, then the kernel’s own ENOSPC gives DRIVE_FULL and nothing partial is left', async (ctx) => {
    const drive = join(tempDir('drive-inodes'), 'stick');
    const mounted = mountTmpfs(drive, 'size=64k,nr_inodes=6');
    if (!mounted) return ctx.skip(NO_MOUNT);
    try {
      useUpInodes(drive);
      const { bavail, bsize } = statfsSync(drive);
      expect(bavail * bsize).toBeGreaterThan(16 * 1024); // the early free-space check passes
      await refusedExport(drive, 'DRIVE_FULL');

      // tmpfs counts the hard link that puts the file in place as an inode of its own.
      for (const held of ['held-0.txt', 'held-1.txt']) rmSync(join(drive, held));
      await exportsAfterAll(drive);
    } finally {
      mounted.unmount();
    }
  });

  it('a read-only drive gives DRIVE_READ_ONLY and loses nothing', async (ctx) => {
    const drive = tempDir('drive-readonly');
    writeFileSync(join(drive, 'kept.txt'), 'kept\n');
    const readOnly = makeReadOnly(drive);
    try {
      if (readOnly.mode === 'injected EROFS')
        return ctx.skip('neither chmod nor a read-only bind mount makes a folder read-only here');
      await refusedExport(drive, 'DRIVE_READ_ONLY');
    } finally {
      readOnly.undo();
    }
    await exportsAfterAll(drive);
  });

  it('a drive pulled out (its folder gone) gives DRIVE_REMOVED and loses nothing', async () => {
    const drive = join(tempDir('drive-pulled'), 'stick');
    const before = await workspaceState();
    const error = await refusal(site.router, 'transfer.export', {
      workspaceId: site.workspaceId,
      folder: site.services.handles.folder(drive),
      itemIds,
    });
    expect(error.code).toBe('DRIVE_REMOVED');
    expect(await workspaceState()).toEqual(before);
    expect(existsSync(drive)).toBe(false);
  });
});
