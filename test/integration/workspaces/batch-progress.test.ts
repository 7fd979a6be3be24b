// A long batch commits chunk by chunk and says how far it got after each; cancelled, it stops
// between two chunks, keeps what was committed, and says exactly what was and was not done.

import { afterAll, describe, expect, it } from 'vitest';
import type { BatchProgressDto, MainEvent } from '../../../shared/ipc/dto.ts';
import { BATCH_CHUNK } from '../../../electron/services/batches.ts';
import { auditCount } from '../support/database.ts';
import { call, databaseOf, devicesOf, openSite, refusal } from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

afterAll(removeTempDirs);

const DEVICES = BATCH_CHUNK * 2 + 500;

function deviceList(count: number): string {
  const rows = ['name,product,pid,sn,uuid'];
  for (let n = 1; n <= count; n++) {
    const hex = n.toString(16).padStart(8, '0');
    rows.push(`node-${n},ucm,UCM,P${n},${hex}${'ab12'.repeat(6)}`);
  }
  return rows.join('\n');
}

async function siteWithDevices() {
  const site = await openSite(tempDir('batch-progress'));
  await call(site.router, 'site.addDevices', {
    workspaceId: site.workspaceId,
    csv: deviceList(DEVICES),
    dryRun: false,
  });
  const progress: BatchProgressDto[] = [];
  site.services.onEvent((event: MainEvent) => {
    if (event.type === 'batch-progress') progress.push(event);
  });
  return { site, progress };
}

describe('a batch in chunks', () => {
  it('reports done, total, rate and time left after every chunk, and ends complete', async () => {
    const { site, progress } = await siteWithDevices();
    const result = await call(site.router, 'site.requestBatch', {
      workspaceId: site.workspaceId,
      batchId: 'b-whole',
    });
    expect(result).toMatchObject({ done: DEVICES, total: DEVICES, cancelled: false });
    expect(result.items.map((i) => i.index)).toEqual([...Array(DEVICES).keys()]);
    expect(progress.map((p) => p.done)).toEqual([BATCH_CHUNK, 2 * BATCH_CHUNK, DEVICES]);
    expect(progress.every((p) => p.batchId === 'b-whole' && p.total === DEVICES)).toBe(true);
    expect(progress.at(-1)!.etaMs).toBe(0);
    expect(progress[0]!.rate).toBeGreaterThan(0);
  });

  it('stops between chunks when cancelled, keeping what it committed and nothing more', async () => {
    const { site, progress } = await siteWithDevices();
    site.services.onEvent((event) => {
      // The window's Cancel, arriving while the first chunk's progress is shown.
      if (event.type === 'batch-progress' && event.done === BATCH_CHUNK)
        void site.router.invoke('batch.cancel', { batchId: 'b-cancel' });
    });
    const entriesBefore = auditCount(databaseOf(site));
    const result = await call(site.router, 'site.requestBatch', {
      workspaceId: site.workspaceId,
      batchId: 'b-cancel',
    });
    expect(result).toMatchObject({ done: BATCH_CHUNK, total: DEVICES, cancelled: true });
    expect(result.items).toHaveLength(BATCH_CHUNK);
    expect(progress.map((p) => p.done)).toEqual([BATCH_CHUNK]);
    const devices = await devicesOf(site);
    const waiting = devices.filter((d) => d.pendingRequestCode !== null);
    expect(waiting).toHaveLength(BATCH_CHUNK);
    expect(waiting.map((d) => d.id)).toEqual(result.items.map((i) => i.instanceId));
    // Three entries per device asked (enabled, request created, code printed): no more.
    expect(auditCount(databaseOf(site)) - entriesBefore).toBe(3 * BATCH_CHUNK);
    // A cancel for a batch that has ended says so.
    expect(await call(site.router, 'batch.cancel', { batchId: 'b-cancel' })).toEqual({
      cancelled: false,
    });
  });

  it('refuses a batch id that is not one (no paths, no spaces)', async () => {
    const { site, progress } = await siteWithDevices();
    const entriesBefore = auditCount(databaseOf(site));
    const error = await refusal(site.router, 'site.requestBatch', {
      workspaceId: site.workspaceId,
      batchId: '../x',
    });
    expect(error.code).toBe('IPC_INVALID_REQUEST');
    // Refused before it began: no entry logged, no device asked, no progress told.
    expect(auditCount(databaseOf(site))).toBe(entriesBefore);
    // Every device, a window of at most 1000 at a time (the most one window holds).
    const devices = [];
    for (let offset = 0; ; offset += 1000) {
      const window = await call(site.router, 'site.devicePage', {
        workspaceId: site.workspaceId,
        offset,
        limit: 1000,
      });
      devices.push(...window.rows);
      if (window.rows.length === 0 || devices.length >= window.total) break;
    }
    expect(devices).toHaveLength(DEVICES);
    expect(devices.filter((d) => d.pendingRequestCode !== null)).toHaveLength(0);
    expect(progress).toHaveLength(0);
  });
});
