// Workload 1: at the desk, one transfer file of request codes becomes SLR reservations and one
// file of authorization codes — through the IPC router, exactly as the app's batch screen does it.

import {
  type Measurement,
  type PhaseOutput,
  currentRssMb,
  log,
  now,
  peakRssMb,
} from './measure.ts';
import { PASSPHRASE, VA, benchLicenses } from './fixtures.ts';
import { services } from './setup.ts';

export async function authorityBatch(args: {
  dataDir: string;
  driveDir: string;
  authorityId: string;
  requestFile: string;
  devices: number;
  licenses: number;
}): Promise<PhaseOutput> {
  const { app, ipc } = services(args.dataDir, args.driveDir);
  const drive = app.handles.folder(args.driveDir);
  const a = { workspaceId: args.authorityId };
  // Opening and unlocking come before the batch (workload 4 measures opening).
  await ipc('authority.unlock', { ...a, passphrase: PASSPHRASE });
  const rssBefore = currentRssMb();

  log('authority: import the request file');
  const t0 = now();
  const imported = await ipc('transfer.import', { ...a, file: app.handles.file(args.requestFile) });
  const t1 = now();
  const requestCodes = imported.items.filter((i) => i.kind === 'request').map((i) => i.code);
  log('authority: reserve every request (one call, as the batch screen makes it)');
  const reserved = await ipc('authority.reserveBatch', {
    ...a,
    va: VA,
    requestCodes,
    selection: { type: 'SLR', licenses: benchLicenses(args.licenses) },
    batchId: 'b-benchreserve',
  });
  const t2 = now();
  log('authority: export the authorization codes in one file');
  const ids = reserved.items.flatMap((i) => (i.outboxItemId ? [i.outboxItemId] : []));
  const exported = await ipc('transfer.export', { ...a, folder: drive, itemIds: ids });
  const t3 = now();

  const failed = reserved.items.filter((i) => !i.ok);
  if (failed.length > 0 || exported.count !== args.devices)
    throw new Error(
      `workload 1: ${failed.length} refused (${failed[0]?.error?.code ?? ''}), ${exported.count} exported`,
    );
  const n = args.devices;
  const step = (id: string, label: string, ms: number): Measurement => ({
    id: `w1.${id}`,
    workload: 1,
    label: `  ${label}`,
    items: n,
    unit: 'code',
    ms,
  });
  return {
    state: { authorizationFile: exported.path },
    measurements: [
      {
        id: 'w1.total',
        workload: 1,
        label: 'authority batch: request file → reservations → authorization file',
        items: n,
        unit: 'code',
        ms: t3 - t0,
        note: `authorization file ${(exported.bytes / 1e6).toFixed(1)} MB`,
      },
      {
        id: 'w1.rss',
        workload: 1,
        label: '  peak RSS of the process (workspace opened and unlocked first)',
        ms: 0,
        peakRssMb: peakRssMb(),
        note: `RSS when the batch started: ${rssBefore.toFixed(0)} MiB`,
      },
      step('import', 'transfer.import (read, checksum, queue requests)', t1 - t0),
      step('reserve', 'authority.reserveBatch (backup, decode, sign, save, log)', t2 - t1),
      step('export', 'transfer.export (write file, save, log)', t3 - t2),
    ],
  };
}
