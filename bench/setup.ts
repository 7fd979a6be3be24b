// The bench's starting point, made through the app's own services: an authority desk with a pool
// big enough for every device, and a site of emulated devices that each printed a request code,
// all carried out to the "drive" in one transfer file (the input of workload 1).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../shared/agent/index.ts';
import { udiKey } from '../shared/codes/udi.ts';
import { createAppServices } from '../electron/app-services.ts';
import { createRouter } from '../electron/ipc/router.ts';
import type { AuditRecord } from '../electron/services/workspaces/workspace-base.ts';
import type { SiteDevice } from '../electron/services/workspaces/workspace-document.ts';
import type { SiteWorkspace } from '../electron/services/workspaces/site-workspace.ts';
import { createDeviceState } from '../shared/agent/index.ts';
import { PASSPHRASE, VA, benchUdi } from './fixtures.ts';
import { type Ipc, type PhaseOutput, ipcClient, log, timed } from './measure.ts';

export function services(
  dataDir: string,
  driveDir: string,
): { ipc: Ipc; app: ReturnType<typeof createAppServices> } {
  const app = createAppServices({ dataDir, extraDrives: [driveDir], appVersion: 'bench' });
  return { app, ipc: ipcClient(createRouter(app)) };
}

/**
 * Emulated devices, each enabled and asked for a request code, in ONE save of the site document.
 * The site workspace has no batch "add devices" call (site.addDevice saves the whole document
 * once per device), so this does what addDevice + exec do, device by device, through the same
 * public pieces (the document, the agent, the outbox, the log), and saves once at the end.
 */
export function seedDevices(ws: SiteWorkspace, count: number, from = 1): void {
  const now = Date.now();
  const records: AuditRecord[] = [];
  for (let n = from; n < from + count; n++) {
    const id = `dev-${ws.doc.nextDevice++}`;
    const udi = benchUdi(n);
    const device: SiteDevice = {
      id,
      name: `cucm-${n}`,
      product: 'ucm',
      createdAt: now,
      kind: 'emulated',
      agent: createDeviceState({ udi, product: 'ucm', now }),
    };
    ws.doc.devices[id] = device;
    records.push({
      action: 'device-added',
      subject: id,
      details: { udi: udiKey(udi), kind: 'emulated', product: 'ucm' },
    });
    const agent = ws.agent(device);
    runCommand(agent, { kind: 'enable' }, 'ucm');
    const { requestCode } = runCommand(agent, { kind: 'request' }, 'ucm');
    for (const e of agent.drainEvents())
      records.push({ action: e.type, subject: id, details: { ...e.facts, at: e.at } });
    const code = requestCode!;
    records.push({
      action: 'request-code-printed',
      direction: 'out',
      subject: id,
      code: { kind: 'request', text: code },
    });
    ws.items.outgoing({ kind: 'request', code, udi: udiKey(udi), subject: id, label: device.name });
  }
  ws.save();
  ws.log(records);
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
  const seeded = await timed(() => seedDevices(app.workspaces.site(site.id), args.devices));

  log('site: the request codes go out to the drive in one transfer file');
  const s = { workspaceId: site.id };
  const exported = await timed(async () => {
    const out = await ipc('transfer.items', { ...s, direction: 'out' });
    const ids = out.filter((i) => i.kind === 'request' && i.status === 'waiting').map((i) => i.id);
    return ipc('transfer.export', { ...s, directory: driveDir, itemIds: ids });
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
        id: 'setup.devices',
        workload: 0,
        label: 'site: seed devices, enable + request (domain, one save)',
        items: args.devices,
        unit: 'dev',
        ms: seeded.ms,
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
