// Workload 4: a desk holding every instance and a long audit log, and the site of every device —
// opening each to its first screen, the first page of the instances table, one reservation (at
// two log lengths, to show a change does not grow with the log), one device action, the chain
// check, and the database's size on disk.

import { cpSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { encodeRequestCode, newRequestNonce } from '../shared/codes/request-code.ts';
import { createRandom } from '../electron/services/crypto-node.ts';
import type { AuthorityWorkspace } from '../electron/services/workspaces/authority/authority-workspace.ts';
import type { AuditRecord } from '../electron/services/workspaces/workspace-base.ts';
import { DATABASE_FILE, workspaceDir } from '../electron/services/workspaces/workspace-paths.ts';
import { type Ipc, type Measurement, type PhaseOutput, log, median, timed } from './measure.ts';
import { PASSPHRASE, VA, benchLicenses, benchUdi } from './fixtures.ts';
import { services } from './setup.ts';

const RUNS = 9;

/** Appends realistic entries (codes that went out in files) until the log holds `target`. */
function growAudit(ws: AuthorityWorkspace, target: number): void {
  const random = createRandom();
  for (let count = ws.audit.count(); count < target; count = ws.audit.count()) {
    const batch = Math.min(10_000, target - count);
    const records: AuditRecord[] = Array.from({ length: batch }, (_, i) => ({
      action: 'code-exported',
      direction: 'out',
      subject: `instance-${i}`,
      code: {
        kind: 'authorization',
        text: `padding ${count + i} ${random.bytes(8).join('.')}`,
      },
      details: { file: '/media/usb/airlock-authorization-20261123-1900-10000.airlock' },
    }));
    ws.log(records);
  }
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
  await app.close();
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
  for (let k = 0; k < RUNS; k++) {
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

/** The database and its write-ahead log, MB. */
function sizeOnDisk(dir: string): string {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(join(dir, `${DATABASE_FILE}${suffix}`)).size;
    } catch {
      // no -wal: everything is in the database file
    }
  }
  return (bytes / 1e6).toFixed(1);
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

  log('open the desk to its first screen (cold process)');
  const opened = await timed(() => app.workspaces.authority(args.authorityId));
  const overview = await timed(() => ipc('authority.overview', a));
  const ws = opened.value;
  const instanceCount = ws.queries.count();
  const firstPage = await timed(() =>
    ipc('authority.instancePage', { ...a, offset: 0, limit: 100 }),
  );
  const searched = await timed(() =>
    ipc('authority.instancePage', {
      ...a,
      offset: 0,
      limit: 100,
      state: 'reserved',
      search: 'B0099',
      sort: { key: 'name' },
    }),
  );
  const entries = ws.audit.count();
  log(`verify the audit chain (${entries} entries)`);
  const verified = await timed(() => ipc('workspace.verifyAudit', a));
  if (!verified.value.ok || verified.value.entries !== entries)
    throw new Error(`workload 4: audit chain not intact (${JSON.stringify(verified.value)})`);

  await ipc('authority.unlock', { ...a, passphrase: PASSPHRASE });
  log(`${RUNS} single reservations at ${entries} audit entries`);
  const atN = await reservations(ipc, args.authorityId, args.devices + 1, args.licenses);
  growAudit(ws, 2 * entries);
  log(`${RUNS} single reservations at ${ws.audit.count()} audit entries`);
  const at2N = await reservations(ipc, args.authorityId, args.devices + 1 + RUNS, args.licenses);
  const ratio = median(at2N) / median(atN);
  const deskSize = sizeOnDisk(ws.dir);
  await app.close();

  log('open the site to its first screen (cold in this process)');
  const site = services(args.dataDir, args.driveDir);
  const s = { workspaceId: args.siteId };
  const siteOpened = await timed(async () => {
    site.app.workspaces.site(args.siteId);
    return site.ipc('site.overview', s);
  });
  const devicePage = await timed(() =>
    site.ipc('site.devicePage', { ...s, offset: 0, limit: 100 }),
  );
  log(`${RUNS} device actions at a ${siteOpened.value.deviceCount}-device site`);
  const tag = benchLicenses(1);
  const actions: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const deviceId = `dev-${1 + k}`;
    const { ms } = await timed(() =>
      site.ipc('site.setUsage', { ...s, deviceId, tag: Object.keys(tag)[0]!, count: 1 + (k % 2) }),
    );
    actions.push(ms);
  }
  const siteSize = sizeOnDisk(site.app.workspaces.site(args.siteId).dir);
  await site.app.close();

  const rows: Measurement[] = [
    {
      id: 'w4.open',
      workload: 4,
      label: `open the desk to its first screen: ${instanceCount} instances, ${entries} entries`,
      ms: opened.ms + overview.ms,
      note: `the desk's database on disk: ${deskSize} MB (the schema-1 JSON document was 36 MB at this size)`,
    },
    {
      id: 'w4.openOnly',
      workload: 4,
      label: '  of which opening (checks included)',
      ms: opened.ms,
    },
    { id: 'w4.overview', workload: 4, label: '  of which authority.overview', ms: overview.ms },
    {
      id: 'w4.firstPage',
      workload: 4,
      label: 'the instances table, first page (authority.instancePage, 100 rows)',
      items: firstPage.value.rows.length,
      unit: 'row',
      ms: firstPage.ms,
    },
    {
      id: 'w4.search',
      workload: 4,
      label: '  a search with a state filter, sorted by name',
      items: searched.value.total,
      unit: 'row',
      ms: searched.ms,
    },
    {
      id: 'w4.save',
      workload: 4,
      label: `one reservation (sign, commit, audit) at ${entries} entries, median of ${RUNS}`,
      ms: median(atN),
    },
    {
      id: 'w4.save2x',
      workload: 4,
      label: `one reservation at ${2 * entries} entries, median of ${RUNS}`,
      ms: median(at2N),
      note: `log twice as long: a reservation takes ×${ratio.toFixed(2)}`,
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
      label: `open the site to its first screen: ${siteOpened.value.deviceCount} devices`,
      ms: siteOpened.ms,
      note: `the site's database on disk: ${siteSize} MB`,
    },
    {
      id: 'w4.devicePage',
      workload: 4,
      label: '  then the device list, first page (site.devicePage, 100 rows)',
      items: devicePage.value.rows.length,
      unit: 'row',
      ms: devicePage.ms,
    },
    {
      id: 'w4.deviceAction',
      workload: 4,
      label: `one device action (site.setUsage: commit, audit), median of ${RUNS}`,
      ms: median(actions),
    },
  ];
  return { measurements: rows, state: { saveRatio: String(ratio) } };
}
