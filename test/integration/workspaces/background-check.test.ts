// The app opens a workspace without waiting for the read of its whole file: the check runs on
// another core, and nothing is committed before it has passed. A damaged file found that way is
// refused from then on, with the way back, and the window is told.

import { openSync, closeSync, statSync, writeSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../support/database.ts';
import {
  type Side,
  call,
  databaseOf,
  openSite,
  refusal,
  requestingDevice,
  servicesOn,
} from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

afterAll(removeTempDirs);

/** A site with a few devices and a backup, closed: its file as the next start finds it. */
async function closedSite(): Promise<Side> {
  const site = await openSite(tempDir('bg-check'));
  for (let n = 0; n < 3; n++) await requestingDevice(site);
  await call(site.router, 'workspace.backup', { workspaceId: site.workspaceId });
  await site.services.close();
  return site;
}

/** Zeroes one page deep inside the file (not the header, not the first pages a list reads). */
function zeroPageNearEnd(path: string): void {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(4096), 0, 4096, size - 4096 * 2);
  } finally {
    closeSync(fd);
  }
}

describe('opening with the check in the background', () => {
  it('serves reads at once and commits once the check has passed', async () => {
    const site = await closedSite();
    const { router, services } = servicesOn(site.dataDir, { backgroundChecks: true });
    const overview = await call(router, 'site.overview', { workspaceId: site.workspaceId });
    expect(overview.deviceCount).toBe(3);
    const added = await call(router, 'site.addDevice', {
      workspaceId: site.workspaceId,
      external: true,
      product: 'ios-xe',
      pid: 'C9300-24UX',
      sn: 'FCW2134L0RN',
    });
    expect(added.id).toBe('dev-4');
    await services.close();
  });

  it('refuses every change once the check finds damage, names the backup, and tells the window', async () => {
    const site = await closedSite();
    zeroPageNearEnd(databaseOf(site));
    const before = dumpDatabaseSafely(databaseOf(site));
    const damagedIds: string[] = [];
    const { router, services } = servicesOn(site.dataDir, {
      backgroundChecks: true,
      onDamaged: (id) => damagedIds.push(id),
    });
    const error = await refusal(router, 'site.addDevice', {
      workspaceId: site.workspaceId,
      external: true,
      product: 'ios-xe',
      pid: 'C9300-24UX',
      sn: 'FCW2134L0RN',
    });
    expect(error.code).toBe('STORE_DAMAGED');
    expect(error.facts.backup).toMatch(/^workspace-.*-manual\.db$/);
    expect(damagedIds).toEqual([site.workspaceId]);
    // The next call opens it again and is refused at once; nothing was written to the file.
    const again = await refusal(router, 'site.overview', { workspaceId: site.workspaceId });
    expect(again.code).toBe('STORE_DAMAGED');
    await services.close();
    expect(dumpDatabaseSafely(databaseOf(site))).toEqual(before);
  });
});

/** The file's bytes (a damaged file cannot be dumped table by table). */
function dumpDatabaseSafely(path: string): string {
  try {
    return JSON.stringify(dumpDatabase(path));
  } catch {
    return `unreadable, ${statSync(path).size} bytes`;
  }
}
