// A desk and a site with some history behind them — reservations SLR and PLR, one confirmed, one
// updated and in transit, codes in both outboxes and in the site's inbox, emulated and external
// devices at different stages — made through the router, then closed; and everything the window
// can be shown of each, to compare a workspace with itself after it was copied, upgraded or
// imported.

import type { Router } from '../../../../electron/ipc/router.ts';
import { encodeRequestCode, newRequestNonce } from '../../../../shared/codes/request-code.ts';
import { writeTransferFile } from '../../../../shared/transfer/transfer-file.ts';
import { udiOf } from '../../../support/authority.ts';
import { SeededRandom, type TestClock, hasher } from '../../../support/ports.ts';
import { PASSPHRASE, TAGS, call } from '../../support/sides.ts';
import { tempDir } from '../../support/temp-dirs.ts';
import { type Workspace, openOn, workspaceAt } from './workspaces.ts';

export interface History {
  desk: Workspace;
  site: Workspace;
}

export async function withHistory(clock: TestClock, label: string): Promise<History> {
  const random = new SeededRandom(77);
  const deskDir = tempDir(`${label}-desk`);
  const siteDir = tempDir(`${label}-site`);
  const desk = openOn(deskDir, clock);
  const site = openOn(siteDir, clock);
  const d = (
    await call(desk.router, 'workspace.create', {
      kind: 'authority',
      name: 'License desk',
      passphrase: PASSPHRASE,
    })
  ).id;
  await call(desk.router, 'authority.setReservationEnabled', { workspaceId: d, enabled: true });
  for (const name of ['Lab', 'Spare'])
    await call(desk.router, 'authority.addVirtualAccount', { workspaceId: d, name });
  await call(desk.router, 'authority.loadCatalog', {
    workspaceId: d,
    va: 'Lab',
    catalog: 'ucm',
    count: 5,
  });
  await call(desk.router, 'authority.loadCatalog', {
    workspaceId: d,
    va: 'Lab',
    catalog: 'expressway',
    count: 3,
  });
  const trust = await call(desk.router, 'authority.trustFile', { workspaceId: d });
  const s = (
    await call(site.router, 'workspace.create', {
      kind: 'site',
      name: 'Plant A',
      trustFile: trust.text,
    })
  ).id;
  clock.advance(60_000);

  const add = async (n: number, product: 'ucm' | 'expressway', external = false) => {
    const udi = udiOf(n, product);
    return call(site.router, 'site.addDevice', {
      workspaceId: s,
      external,
      product,
      pid: udi.pid,
      sn: udi.sn,
      ...(udi.uuid ? { uuid: udi.uuid } : { vid: udi.vid!, hostId: udi.hostId! }),
    });
  };
  const ucm = await add(1, 'ucm');
  const expressway = await add(2, 'expressway');
  const external = await add(3, 'ucm', true);
  await add(4, 'ucm'); // left as it came
  const requested = await call(site.router, 'site.requestBatch', {
    workspaceId: s,
    deviceIds: [ucm.id, expressway.id],
  });
  const externalRequest = encodeRequestCode(udiOf(3, 'ucm'), newRequestNonce(random));
  await call(site.router, 'site.recordExternal', {
    workspaceId: s,
    deviceId: external.id,
    kind: 'request',
    code: externalRequest,
  });
  clock.advance(60_000);

  const slr = await call(desk.router, 'authority.reserve', {
    workspaceId: d,
    va: 'Lab',
    requestCode: requested.items[0]!.code!,
    selection: { type: 'SLR', licenses: { [TAGS.enhanced]: 2 } },
  });
  const plr = await call(desk.router, 'authority.reserve', {
    workspaceId: d,
    va: 'Lab',
    requestCode: requested.items[1]!.code!,
    selection: { type: 'PLR', exportControl: false },
  });
  await call(desk.router, 'authority.reserve', {
    workspaceId: d,
    va: 'Lab',
    requestCode: externalRequest,
    selection: { type: 'SLR', licenses: { [TAGS.enhanced]: 1 } },
  });
  clock.advance(60_000);

  const installed = await call(site.router, 'site.action', {
    workspaceId: s,
    deviceId: ucm.id,
    action: 'install',
    code: slr.authorizationCode,
  });
  await call(desk.router, 'authority.confirm', {
    workspaceId: d,
    instanceId: slr.instance.id,
    confirmationCode: installed.confirmationCode!,
  });
  // The PLR code crosses in a file: an inbox item, installed from there.
  const imported = await call(site.router, 'transfer.import', {
    workspaceId: s,
    fileName: 'from-the-desk.airlock',
    text: writeTransferFile(
      {
        createdAt: new Date(clock.now()).toISOString(),
        from: { workspace: 'License desk', side: 'authority' },
        entries: [{ kind: 'authorization', code: plr.authorizationCode }],
      },
      hasher,
    ),
  });
  await call(site.router, 'site.installBatch', {
    workspaceId: s,
    itemIds: imported.items.map((i) => i.id),
  });
  clock.advance(60_000);
  // An update: in transit, its code held as the instance's pending one.
  await call(desk.router, 'authority.update', {
    workspaceId: d,
    instanceId: slr.instance.id,
    licenses: { [TAGS.enhanced]: 3 },
  });
  await desk.services.close();
  await site.services.close();
  return { desk: workspaceAt(deskDir, d), site: workspaceAt(siteDir, s) };
}

const ALL = { offset: 0, limit: 1000 };

/** Everything the window can be shown of a site, but its log. */
export async function siteViews(router: Router, workspaceId: string) {
  const ws = { workspaceId };
  const devices = await call(router, 'site.devicePage', { ...ws, ...ALL });
  return {
    overview: await call(router, 'site.overview', ws),
    devices,
    details: await Promise.all(
      devices.rows.map((r) => call(router, 'site.device', { ...ws, deviceId: r.id })),
    ),
    items: await call(router, 'transfer.itemPage', { ...ws, ...ALL }),
  };
}

/** Everything the window can be shown of a desk, but its log and whether its key is unlocked. */
export async function deskViews(router: Router, workspaceId: string) {
  const ws = { workspaceId };
  const {
    keyUnlocked: _k,
    passphraseRemembered: _p,
    ...overview
  } = await call(router, 'authority.overview', ws);
  const instances = await call(router, 'authority.instancePage', { ...ws, ...ALL });
  return {
    overview,
    licenses: await Promise.all(
      overview.virtualAccounts.map((va) => call(router, 'authority.licenses', { ...ws, va })),
    ),
    instances,
    details: await Promise.all(
      instances.rows.map((r) => call(router, 'authority.instance', { ...ws, instanceId: r.id })),
    ),
    items: await call(router, 'transfer.itemPage', { ...ws, ...ALL }),
  };
}
