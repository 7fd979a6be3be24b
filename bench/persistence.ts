// Workload 4: a desk holding every instance and a long audit log — opening it, one reservation's
// save (at two log lengths, to show the save does not grow with the log), and checking the chain.

import { cpSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { encodeRequestCode, newRequestNonce } from '../shared/codes/request-code.ts';
import { createRandom } from '../electron/services/crypto-node.ts';
import type { AuthorityWorkspace } from '../electron/services/workspaces/authority-workspace.ts';
import type { AuditRecord } from '../electron/services/workspaces/workspace-base.ts';
import { workspaceDir } from '../electron/services/workspaces/workspace-paths.ts';
import { type Ipc, type Measurement, type PhaseOutput, log, median, timed } from './measure.ts';
import { PASSPHRASE, VA, benchLicenses, benchUdi } from './fixtures.ts';
import { services } from './setup.ts';

const SAVES = 5;

/** Appends realistic entries (codes that went out in files) until the log holds `target`. */
function growAudit(ws: AuthorityWorkspace, target: number): void {
  const random = createRandom();
  while (ws.audit.count < target) {
    const batch = Math.min(10_000, target - ws.audit.count);
    const records: AuditRecord[] = Array.from({ length: batch }, (_, i) => ({
      action: 'code-exported',
      direction: 'out',
      subject: `instance-${i}`,
      code: {
        kind: 'authorization',
        text: `padding ${ws.audit.count + i} ${random.bytes(8).join('.')}`,
      },
      details: { file: '/media/usb/airlock-authorization-20261123-1900-10000.airlock' },
    }));
    ws.log(records);
  }
  ws.save(); // the document remembers the log's head, as after any change
}

/** A copy of the desk after workloads 1 and 2, its log grown to `auditEntries`. */
export async function persistencePrep(args: {
  dataDir: string;
  driveDir: string;
  authorityId: string;
  dir: string;
  auditEntries: number;
}): Promise<PhaseOutput> {
  const dataDir = join(args.dir, 'persistence');
  mkdirSync(join(dataDir, 'workspaces'), { recursive: true });
  cpSync(workspaceDir(args.dataDir, args.authorityId), workspaceDir(dataDir, args.authorityId), {
    recursive: true,
  });
  const { app } = services(dataDir, args.driveDir);
  log(`copy of the desk: growing its audit log to ${args.auditEntries} entries`);
  growAudit(app.workspaces.authority(args.authorityId), args.auditEntries);
  return { state: { persistenceDir: dataDir }, measurements: [] };
}

async function reservations(
  ipc: Ipc,
  workspaceId: string,
  from: number,
  licenses: number,
): Promise<number[]> {
  const random = createRandom();
  const times: number[] = [];
  for (let k = 0; k < SAVES; k++) {
    const requestCode = encodeRequestCode(benchUdi(from + k), newRequestNonce(random));
    const { ms } = await timed(() =>
      ipc('authority.reserve', {
        workspaceId,
        va: VA,
        requestCode,
        selection: { type: 'SLR', licenses: benchLicenses(licenses) },
      }),
    );
    times.push(ms);
  }
  return times;
}

export async function persistence(args: {
  persistenceDir: string;
  dataDir: string;
  driveDir: string;
  authorityId: string;
  siteId: string;
  devices: number;
  licenses: number;
  auditEntries: number;
}): Promise<PhaseOutput> {
  const { app, ipc } = services(args.persistenceDir, args.driveDir);
  const a = { workspaceId: args.authorityId };
  const n = args.auditEntries;

  log('open the desk (cold process)');
  const opened = await timed(() => app.workspaces.authority(args.authorityId));
  const ws = opened.value;
  const instanceCount = Object.keys(ws.doc.authority.instances).length;
  const overview = await timed(() => ipc('authority.overview', a));
  const instances = await timed(() => ipc('authority.instances', { ...a, va: VA }));
  log(`verify the audit chain (${ws.audit.count} entries)`);
  const verified = await timed(() => ipc('workspace.verifyAudit', a));
  if (!verified.value.ok || verified.value.entries !== ws.audit.count)
    throw new Error(`workload 4: audit chain not intact (${JSON.stringify(verified.value)})`);

  await ipc('authority.unlock', { ...a, passphrase: PASSPHRASE });
  log(`${SAVES} single reservations at ${ws.audit.count} audit entries`);
  // The first save also makes the store's writer, which reads the file once (store-conf-like.ts).
  const firstSave = await timed(() => ws.save());
  const atN = await reservations(ipc, args.authorityId, args.devices + 1, args.licenses);
  const saves: number[] = [];
  for (let i = 0; i < 3; i++) saves.push((await timed(() => ws.save())).ms);
  const entriesBefore = ws.audit.count;
  growAudit(ws, 2 * entriesBefore);
  log(`${SAVES} single reservations at ${ws.audit.count} audit entries`);
  const at2N = await reservations(ipc, args.authorityId, args.devices + 1 + SAVES, args.licenses);
  const ratio = median(at2N) / median(atN);

  log('open the site (cold in this process)');
  const siteApp = services(args.dataDir, args.driveDir).app;
  const siteOpened = await timed(() => siteApp.workspaces.site(args.siteId));
  const deviceCount = siteOpened.value.devices().length;

  // The file as opening reads it and a save writes it (outbox codes the ledger holds are named).
  const fileMb = (statSync(join(ws.dir, 'workspace.json')).size / 1e6).toFixed(1);
  const memoryMb = (JSON.stringify(ws.doc).length / 1e6).toFixed(1);
  const rows: Measurement[] = [
    {
      id: 'w4.open',
      workload: 4,
      label: `open the desk: ${instanceCount} instances, ${n} audit entries`,
      ms: opened.ms,
      note: `workspace file ${fileMb} MB (the document in memory: ${memoryMb} MB of JSON)`,
    },
    {
      id: 'w4.overview',
      workload: 4,
      label: '  then authority.overview (first screen)',
      ms: overview.ms,
    },
    {
      id: 'w4.instances',
      workload: 4,
      label: '  then authority.instances (the instances table)',
      items: instances.value.length,
      unit: 'row',
      ms: instances.ms,
    },
    {
      id: 'w4.save',
      workload: 4,
      label: `one reservation (sign, save, log) at ${entriesBefore} entries, median of ${SAVES}`,
      ms: median(atN),
    },
    {
      id: 'w4.save2x',
      workload: 4,
      label: `one reservation at ${2 * entriesBefore} entries, median of ${SAVES}`,
      ms: median(at2N),
      note: `log twice as long: save time ×${ratio.toFixed(2)}`,
    },
    {
      id: 'w4.storeSave',
      workload: 4,
      label: '  of which the document save alone (median of 3)',
      ms: median(saves),
    },
    {
      id: 'w4.firstSave',
      workload: 4,
      label: '  the first save after opening (its writer reads the file once)',
      ms: firstSave.ms,
    },
    {
      id: 'w4.verify',
      workload: 4,
      label: `audit chain verification, ${verified.value.entries} entries`,
      items: verified.value.entries,
      unit: 'entry',
      ms: verified.ms,
    },
    {
      id: 'w4.openSite',
      workload: 4,
      label: `open the site: ${deviceCount} devices`,
      ms: siteOpened.ms,
    },
  ];
  return { measurements: rows, state: { saveRatio: String(ratio) } };
}
