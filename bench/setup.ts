// The bench's starting point, made through the app's own services: an authority desk with a pool
// big enough for every device, and a site of emulated devices that each printed a request code,
// all carried out to the "drive" in one transfer file (the input of workload 1).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAppServices } from '../electron/app-services.ts';
import { createRouter } from '../electron/ipc/router.ts';
import { PASSPHRASE, VA, benchUdi } from './fixtures.ts';
import { type Ipc, type PhaseOutput, ipcClient, log, timed } from './measure.ts';

export function services(
  dataDir: string,
  driveDir: string,
): { ipc: Ipc; app: ReturnType<typeof createAppServices> } {
  // As the app builds them: each database's whole-file check runs beside its first use.
  const app = createAppServices({
    dataDir,
    extraDrives: [driveDir],
    appVersion: 'bench',
    backgroundChecks: true,
  });
  return { app, ipc: ipcClient(createRouter(app)) };
}

/** The site's device list as an operator would hand it over: one CSV row per device. */
export function deviceList(count: number): string {
  const rows = ['name,product,pid,sn,uuid'];
  for (let n = 1; n <= count; n++) {
    const udi = benchUdi(n);
    rows.push(`cucm-${n},ucm,${udi.pid},${udi.sn},${udi.uuid}`);
  }
  return rows.join('\n');
}

export async function setup(args: { dir: string; devices: number }): Promise<PhaseOutput> {
  const dataDir = join(args.dir, 'data');
  const driveDir = join(args.dir, 'drive');
  mkdirSync(driveDir, { recursive: true });
  const { app, ipc } = services(dataDir, driveDir);

  log('authority: new workspace, key, virtual account, catalog');
  const authority = await ipc('workspace.create', {
    kind: 'authority',
    name: 'Bench desk',
    passphrase: PASSPHRASE,
  });
  const a = { workspaceId: authority.id };
  await ipc('authority.addVirtualAccount', { ...a, name: VA });
  await ipc('authority.setReservationEnabled', { ...a, enabled: true });
  // Enough of every license for each device, and some to spare for the persistence workload.
  await ipc('authority.loadCatalog', { ...a, va: VA, catalog: 'ucm', count: args.devices + 1000 });
  const trust = await ipc('authority.trustFile', a);

  log(`site: ${args.devices} emulated devices, each enabled and printing a request code`);
  const site = await ipc('workspace.create', {
    kind: 'site',
    name: 'Bench site',
    trustFile: trust.text,
  });
  const csv = deviceList(args.devices);
  const listed = await timed(() =>
    ipc('site.addDevices', { workspaceId: site.id, csv, dryRun: false }),
  );
  if (listed.value.added !== args.devices) throw new Error('setup: not every device was added');
  const requested = await timed(() => ipc('site.requestBatch', { workspaceId: site.id }));
  if (requested.value.items.filter((i) => i.ok).length !== args.devices)
    throw new Error('setup: not every device printed a request code');

  log('site: the request codes go out to the drive in one transfer file');
  const s = { workspaceId: site.id };
  const exported = await timed(async () => {
    const out = await ipc('transfer.items', { ...s, direction: 'out' });
    const ids = out.filter((i) => i.kind === 'request' && i.status === 'waiting').map((i) => i.id);
    return ipc('transfer.export', { ...s, folder: app.handles.folder(driveDir), itemIds: ids });
  });
  if (exported.value.count !== args.devices) throw new Error('setup: not every request went out');

  return {
    state: {
      dataDir,
      driveDir,
      authorityId: authority.id,
      siteId: site.id,
      requestFile: exported.value.path,
    },
    measurements: [
      {
        id: 'setup.device-list',
        workload: 0,
        label: 'site: add devices from one CSV list (site.addDevices, one save)',
        items: args.devices,
        unit: 'dev',
        ms: listed.ms,
        note: `device list ${(csv.length / 1e6).toFixed(1)} MB of CSV`,
      },
      {
        id: 'setup.devices',
        workload: 0,
        label: 'site: enable + request on every device (site.requestBatch, one save)',
        items: args.devices,
        unit: 'dev',
        ms: requested.ms,
      },
      {
        id: 'setup.export-requests',
        workload: 0,
        label: 'site: export request codes to one file',
        items: args.devices,
        unit: 'code',
        ms: exported.ms,
      },
    ],
  };
}
