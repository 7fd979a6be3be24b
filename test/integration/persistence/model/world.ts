// The system under test for the model-based property: a license desk and a site, each on its own
// database file in its own data folder, driven through the IPC router the app uses — and beside
// each, a second set of services on the same folder (a second connection, as another process
// would open it) that only reads.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AppServices } from '../../../../electron/app-services.ts';
import type { Router } from '../../../../electron/ipc/router.ts';
import { workspaceDir } from '../../../../electron/services/workspaces/workspace-paths.ts';
import {
  authorizationDigest,
  decodeAuthorizationCode,
} from '../../../../shared/codes/authorization.ts';
import { confirmationCodeFor } from '../../../../shared/codes/confirmation-code.ts';
import type { Udi } from '../../../../shared/codes/udi.ts';
import { SeededRandom, TestClock, hasher } from '../../../support/ports.ts';
import { PASSPHRASE, call, servicesOn } from '../../support/sides.ts';
import { tempDir } from '../../support/temp-dirs.ts';

export interface Connection {
  services: AppServices;
  router: Router;
}

export interface SideOfWorld {
  workspaceId: string;
  dataDir: string;
  /** The workspace's database file. */
  db: string;
  /** The connection every operation goes through. */
  main: Connection;
  /** A second connection on the same file: it only reads. */
  again: Connection;
}

export interface World {
  clock: TestClock;
  /** The test's own randomness (request codes typed in from external devices). */
  random: SeededRandom;
  desk: SideOfWorld;
  site: SideOfWorld;
  /** A folder standing for the stick that carries transfer files. */
  stick: string;
  /** The next device number (each device gets a UDI of its own). */
  serial: number;
}

export const VIRTUAL_ACCOUNTS = ['Lab', 'Spare'];

function connect(dataDir: string, clock: TestClock, seed: number): Connection {
  return servicesOn(dataDir, { ports: { clock, random: new SeededRandom(seed) } });
}

/**
 * A desk with reservation enabled, virtual accounts Lab and Spare and a scarce pool (the UCM and
 * Expressway catalogs twice in Lab, UCM once in Spare), and a site trusting it.
 */
export async function makeWorld(seed: number): Promise<World> {
  const clock = new TestClock();
  const deskDir = tempDir('model-desk');
  const siteDir = tempDir('model-site');
  const deskMain = connect(deskDir, clock, seed);
  const ws = await call(deskMain.router, 'workspace.create', {
    kind: 'authority',
    name: 'License desk',
    passphrase: PASSPHRASE,
  });
  const deskId = ws.id;
  await call(deskMain.router, 'authority.setReservationEnabled', {
    workspaceId: deskId,
    enabled: true,
  });
  for (const va of VIRTUAL_ACCOUNTS)
    await call(deskMain.router, 'authority.addVirtualAccount', { workspaceId: deskId, name: va });
  for (const catalog of ['ucm', 'expressway'] as const)
    await call(deskMain.router, 'authority.loadCatalog', {
      workspaceId: deskId,
      va: 'Lab',
      catalog,
      count: 2,
    });
  await call(deskMain.router, 'authority.loadCatalog', {
    workspaceId: deskId,
    va: 'Spare',
    catalog: 'ucm',
    count: 1,
  });
  const trust = await call(deskMain.router, 'authority.trustFile', { workspaceId: deskId });
  const siteMain = connect(siteDir, clock, seed + 1);
  const site = await call(siteMain.router, 'workspace.create', {
    kind: 'site',
    name: 'Plant A',
    trustFile: trust.text,
  });
  const side = (dataDir: string, id: string, main: Connection, offset: number): SideOfWorld => ({
    workspaceId: id,
    dataDir,
    db: join(workspaceDir(dataDir, id), 'workspace.db'),
    main,
    again: connect(dataDir, clock, seed + offset),
  });
  return {
    clock,
    random: new SeededRandom(seed + 3),
    desk: side(deskDir, deskId, deskMain, 4),
    site: side(siteDir, site.id, siteMain, 5),
    stick: tempDir('model-stick'),
    serial: 0,
  };
}

export async function closeWorld(world: World): Promise<void> {
  for (const side of [world.desk, world.site]) {
    await side.main.services.close();
    await side.again.services.close();
    rmSync(side.dataDir, { recursive: true, force: true });
  }
  rmSync(world.stick, { recursive: true, force: true });
}

/** A UDI of its own for device `n`. */
export function udiFor(n: number, product: 'ucm' | 'expressway'): Udi {
  const hex = n.toString(16).padStart(8, '0');
  return product === 'ucm'
    ? { pid: 'UCM', sn: `m${hex.slice(-5)}`, uuid: `${hex}-0000-4000-8000-${'0'.repeat(12)}` }
    : { pid: 'Expressway', sn: hex.toUpperCase(), vid: '1.0', hostId: `32${hex.slice(2)}` };
}

/** What a device prints when it installs `authorizationCode` (SLR). */
export function confirmationFor(authorizationCode: string, udi: Udi): string {
  const digest = authorizationDigest(decodeAuthorizationCode(authorizationCode), hasher);
  return confirmationCodeFor(digest, udi, hasher);
}
