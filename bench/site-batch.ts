// Workload 2: at the site, the authorization file is imported, every code verified and installed
// on its emulated device, and the confirmation codes go back in one file; then the desk imports
// that file and confirms them all. Through the IPC router, as the app's batch screens do it.

import type { BatchItemDto } from '../shared/ipc/dto.ts';
import { batchChunks } from '../renderer/lib/code-list.ts';
import { type PhaseOutput, log, now, peakRssMb, timed } from './measure.ts';
import { services } from './setup.ts';

export async function siteBatch(args: {
  dataDir: string;
  driveDir: string;
  authorityId: string;
  siteId: string;
  authorizationFile: string;
  devices: number;
}): Promise<PhaseOutput> {
  const { app, ipc } = services(args.dataDir, args.driveDir);
  const drive = app.handles.folder(args.driveDir);
  const s = { workspaceId: args.siteId };
  const a = { workspaceId: args.authorityId };
  const n = args.devices;
  // Opened before the clock starts (workload 4 measures opening).
  await ipc('transfer.items', { ...s, direction: 'in' });
  await ipc('transfer.items', { ...a, direction: 'in' });

  log('site: import the authorization file');
  const t0 = now();
  const imported = await ipc('transfer.import', {
    ...s,
    file: app.handles.file(args.authorizationFile),
  });
  const t1 = now();
  const parts = batchChunks(imported.items.filter((i) => i.status === 'imported').map((i) => i.id));
  log(`site: verify and install every authorization (${parts.length} calls, as the batch screen)`);
  const installed = { items: [] as BatchItemDto[] };
  for (const itemIds of parts) {
    installed.items.push(...(await ipc('site.installBatch', { ...s, itemIds })).items);
  }
  const t2 = now();
  log('site: export the confirmation codes in one file');
  const out = await ipc('transfer.items', { ...s, direction: 'out' });
  const ids = out
    .filter((i) => i.kind === 'confirmation' && i.status === 'waiting')
    .map((i) => i.id);
  const exported = await ipc('transfer.export', { ...s, folder: drive, itemIds: ids });
  const t3 = now();
  const refused = installed.items.filter((i) => !i.ok);
  if (refused.length > 0 || exported.count !== n)
    throw new Error(
      `workload 2: ${refused.length} refused (${refused[0]?.error?.code ?? ''}), ${exported.count} exported`,
    );

  log('authority: import the confirmation file (confirms every instance)');
  const confirmed = await timed(() =>
    ipc('transfer.import', { ...a, file: app.handles.file(exported.path) }),
  );
  const notApplied = confirmed.value.items.filter((i) => i.status !== 'applied');
  if (notApplied.length > 0)
    throw new Error(`workload 2: ${notApplied.length} confirmations not applied`);

  const step = (id: string, label: string, ms: number) => ({
    id: `w2.${id}`,
    workload: 2,
    label: `  ${label}`,
    items: n,
    unit: 'code',
    ms,
  });
  return {
    state: { confirmationFile: exported.path },
    measurements: [
      {
        id: 'w2.total',
        workload: 2,
        label: 'site batch: authorization file → verify + install → confirmation file',
        items: n,
        unit: 'code',
        ms: t3 - t0,
        peakRssMb: peakRssMb(),
      },
      step('import', 'transfer.import (read, checksum, match devices)', t1 - t0),
      step(
        'install',
        `site.installBatch × ${parts.length} (decode, verify, install, save, log)`,
        t2 - t1,
      ),
      step('export', 'transfer.items + transfer.export', t3 - t2),
      {
        id: 'w2.confirm',
        workload: 2,
        label: 'authority: confirmation file → every instance confirmed',
        items: n,
        unit: 'code',
        ms: confirmed.ms,
      },
    ],
  };
}
