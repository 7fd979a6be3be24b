// Both sides of the gap in the test's own process: each its own data folder, its own services and
// router — the very ones the desktop app builds — talked to only through IPC channels.

import { join } from 'node:path';
import { expect } from 'vitest';
import type { Channel, Request, Response } from '../../../shared/ipc/contract.ts';
import type { ErrorDto } from '../../../shared/ipc/dto.ts';
import {
  type AppServices,
  type AppServicesOptions,
  createAppServices,
} from '../../../electron/app-services.ts';
import { type Router, createRouter } from '../../../electron/ipc/router.ts';
import { workspaceDir } from '../../../electron/services/workspaces/workspace-paths.ts';
import { TAGS } from '../../support/agent.ts';

export const PASSPHRASE = 'a passphrase long enough for the desk';
export { TAGS };

export interface Side {
  readonly dataDir: string;
  readonly services: AppServices;
  readonly router: Router;
  readonly workspaceId: string;
  /** The workspace's folder: workspace.db, backups/, the key file, … */
  readonly dir: string;
}

/** Invokes a channel and returns its value; a refusal fails the test with its code. */
export async function call<C extends Channel>(
  router: Router,
  channel: C,
  request: Request<C>,
): Promise<Response<C>> {
  const result = await router.invoke(channel, request);
  if (!result.ok)
    throw new Error(`${channel} refused: ${result.error.code} — ${result.error.message}`);
  return result.value as Response<C>;
}

/** Invokes a channel that must refuse; returns the error as the renderer receives it. */
export async function refusal(
  router: Router,
  channel: string,
  request: unknown,
): Promise<ErrorDto> {
  const result = await router.invoke(channel, request);
  expect(result.ok, `${channel} should have been refused`).toBe(false);
  return (result as { ok: false; error: ErrorDto }).error;
}

/** Fresh services on a data folder, as a new app start would build them (nothing cached). */
export function servicesOn(dataDir: string, options: Partial<AppServicesOptions> = {}) {
  const services = createAppServices({ dataDir, ...options });
  return { services, router: createRouter(services) };
}

export function reopen(side: Side, options: Partial<AppServicesOptions> = {}): Side {
  return { ...side, ...servicesOn(side.dataDir, options) };
}

/** An authority with reservation enabled, virtual account "Lab" and the UCM and Expressway catalogs. */
export async function openDesk(dataDir: string, count = 10): Promise<Side> {
  const { services, router } = servicesOn(dataDir);
  const ws = await call(router, 'workspace.create', {
    kind: 'authority',
    name: 'License desk',
    passphrase: PASSPHRASE,
  });
  await call(router, 'authority.setReservationEnabled', { workspaceId: ws.id, enabled: true });
  await call(router, 'authority.addVirtualAccount', { workspaceId: ws.id, name: 'Lab' });
  for (const catalog of ['ucm', 'expressway'] as const)
    await call(router, 'authority.loadCatalog', { workspaceId: ws.id, va: 'Lab', catalog, count });
  return { dataDir, services, router, workspaceId: ws.id, dir: workspaceDir(dataDir, ws.id) };
}

/** A site trusting `desk` (or nobody). */
export async function openSite(dataDir: string, desk?: Side, name = 'Plant A'): Promise<Side> {
  const { services, router } = servicesOn(dataDir);
  const trustFile = desk
    ? (await call(desk.router, 'authority.trustFile', { workspaceId: desk.workspaceId })).text
    : undefined;
  const ws = await call(router, 'workspace.create', {
    kind: 'site',
    name,
    ...(trustFile ? { trustFile } : {}),
  });
  return { dataDir, services, router, workspaceId: ws.id, dir: workspaceDir(dataDir, ws.id) };
}

let serial = 0;

/** An emulated device with reservation enabled and a pending request; its request code is queued. */
export async function requestingDevice(
  site: Side,
  product: 'ucm' | 'expressway' = 'ucm',
): Promise<{ id: string; udi: string; requestCode: string }> {
  serial += 1;
  const workspaceId = site.workspaceId;
  const sn = `SN${String(serial).padStart(4, '0')}`;
  const device = await call(site.router, 'site.addDevice', {
    workspaceId,
    external: false,
    product,
    pid: product === 'ucm' ? 'UCM' : 'Expressway',
    sn,
    ...(product === 'ucm'
      ? { uuid: `d9a2c661-8fe1-4ce7-9e6f-bbc68a3e${String(serial).padStart(4, '0')}` }
      : { vid: '1.0', hostId: `320aa${String(serial).padStart(3, '0')}` }),
  });
  await call(site.router, 'site.action', { workspaceId, deviceId: device.id, action: 'enable' });
  const requested = await call(site.router, 'site.action', {
    workspaceId,
    deviceId: device.id,
    action: 'request',
  });
  return { id: device.id, udi: device.udi, requestCode: requested.requestCode! };
}

/** The workspace's database file. */
export function databaseOf(side: Side): string {
  return join(side.dir, 'workspace.db');
}

/** Every device of a site, oldest first, as the device list pages them. */
export async function devicesOf(site: Side) {
  const page = await call(site.router, 'site.devicePage', {
    workspaceId: site.workspaceId,
    offset: 0,
    limit: 1000,
  });
  return page.rows;
}
