// Workload 3: every device returns its reservation (site.returnBatch: one save); the return codes
// travel in one file and the desk releases them all. One site.action through the router is timed
// as well, to show what the per-device call costs at this size.

import { type Measurement, type PhaseOutput, log, now, timed } from './measure.ts';
import { PASSPHRASE } from './fixtures.ts';
import { services } from './setup.ts';

export async function returns(args: {
  dataDir: string;
  driveDir: string;
  authorityId: string;
  siteId: string;
  devices: number;
}): Promise<PhaseOutput> {
  const { app, ipc } = services(args.dataDir, args.driveDir);
  const s = { workspaceId: args.siteId };
  const a = { workspaceId: args.authorityId };
  await ipc('transfer.items', { ...s, direction: 'in' });
  await ipc('transfer.items', { ...a, direction: 'in' });
  // The desk changes only under its key (scrypt, before the clock starts).
  await ipc('authority.unlock', { ...a, passphrase: PASSPHRASE });
  const ws = app.workspaces.site(args.siteId);
  const devices = [...ws.devices.all({ kind: 'emulated' })];

  log('site: one device returns through site.action (the per-device call the app has)');
  const first = devices[0]!;
  const single = await timed(() =>
    ipc('site.action', { ...s, deviceId: first.id, action: 'return' }),
  );
  if (!single.value.returnCode) throw new Error('workload 3: site.action printed no return code');

  log(`site: the other ${devices.length - 1} devices return (site.returnBatch, one save)`);
  const t0 = now();
  const rest = devices.slice(1);
  const batch = await ipc('site.returnBatch', {
    ...s,
    deviceIds: rest.map((d) => d.id),
    batchId: 'b-benchreturn',
  });
  const refused = batch.items.find((i) => !i.ok || !i.code);
  if (refused)
    throw new Error(
      `workload 3: ${refused.instanceId} refused to return (${refused.error?.code ?? ''})`,
    );
  const t1 = now();
  log('site: export the return codes in one file');
  const alone = await ipc('transfer.itemPage', {
    ...s,
    direction: 'out',
    kind: 'return',
    status: 'waiting',
    subject: first.id,
    offset: 0,
    limit: 1,
  });
  const ids = [
    ...alone.rows.map((i) => i.id),
    ...batch.items.flatMap((i) => (i.outboxItemId ? [i.outboxItemId] : [])),
  ];
  const exported = await ipc('transfer.export', {
    ...s,
    folder: app.handles.folder(args.driveDir),
    itemIds: ids,
  });
  const t2 = now();
  if (exported.count !== devices.length)
    throw new Error(`workload 3: ${exported.count} of ${devices.length} return codes exported`);

  log('authority: import the return file (releases every reservation)');
  const released = await timed(() =>
    ipc('transfer.import', { ...a, file: app.handles.file(exported.path) }),
  );
  const notApplied = released.value.items.filter((i) => i.status !== 'applied');
  if (notApplied.length > 0)
    throw new Error(
      `workload 3: ${notApplied.length} returns not applied (${notApplied[0]?.error?.code ?? ''})`,
    );
  const overview = await ipc('authority.overview', a);
  if (overview.pool.some((p) => p.reserved !== 0 || p.inTransit !== 0))
    throw new Error('workload 3: licenses still held after every return');

  const n = devices.length;
  const row = (id: string, label: string, ms: number, items = n): Measurement => ({
    id: `w3.${id}`,
    workload: 3,
    label,
    items,
    unit: 'code',
    ms,
  });
  return {
    measurements: [
      row(
        'total',
        'returns: generate at the site → return file → released at the desk',
        t2 - t0 + released.ms,
      ),
      row(
        'generate',
        '  site: site.returnBatch (return codes printed, one save, log)',
        t1 - t0,
        n - 1,
      ),
      row('export', '  site: transfer.export (write file, save, log)', t2 - t1),
      row('release', '  authority: transfer.import of the return file (removeMany)', released.ms),
      {
        ...row('single', 'site.action return, one device, at this size', single.ms, 1),
        note: `one transaction per call: ${n} returns one by one ≈ ${((single.ms * n) / 1000).toFixed(0)} s`,
      },
    ],
  };
}
