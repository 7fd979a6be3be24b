// Workload 2: at the site, the authorization file is imported, every code verified and installed
// on its emulated device, and the confirmation codes go back in one file; then the desk imports
// that file and confirms them all. Through the IPC router, as the app's batch screens do it.

import { type PhaseOutput, log, now, peakRssMb, timed } from './measure.ts';
import { PASSPHRASE } from './fixtures.ts';
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
  // The desk changes only under its key (scrypt, before the clock starts).
  await ipc('authority.unlock', { ...a, passphrase: PASSPHRASE });

  log('site: import the authorization file');
  const t0 = now();
  const imported = await ipc('transfer.import', {
    ...s,
    file: app.handles.file(args.authorizationFile),
  });
  const t1 = now();
  const itemIds = imported.items.filter((i) => i.status === 'imported').map((i) => i.id);
  log('site: verify and install every authorization (one call, as the batch screen makes it)');
  const installed = await ipc('site.installBatch', { ...s, itemIds, batchId: 'b-benchinstall' });
  const t2 = now();
  log('site: export the confirmation codes in one file');
  const ids = installed.items.flatMap((i) => (i.outboxItemId ? [i.outboxItemId] : []));
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
      step('install', 'site.installBatch (backup, decode, verify, install, save, log)', t2 - t1),
      step('export', 'transfer.export (write file, save, log)', t3 - t2),
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
