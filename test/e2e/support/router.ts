// Small steps through the real router, for seeding what other specs already drive through the UI
// (creating workspaces, reserving at the authority) and for playing a real device's console
// next to an external device's ledger. Each returns main's own values, never scraped text.
import type {
  AuthorityOverviewDto,
  DeviceActionResultDto,
  DeviceDetailDto,
  LicenseRowDto,
  ReservationResultDto,
  TransferItemDto,
  WorkspaceDto,
} from '../../../shared/ipc/dto.ts';
import type { Airlock } from './fixtures.ts';
import { PASSPHRASE } from './ui.ts';

export interface SeededAuthority {
  authority: WorkspaceDto;
  va: string;
  trust: string;
  /** The VA's licenses that are not PLR, by display name. */
  licenses: Map<string, LicenseRowDto>;
}

/** An authority ready to issue: key unlocked, reservation on, its VAs and the given catalogs. */
export async function seedAuthority(
  airlock: Airlock,
  {
    name = 'Licensing desk',
    vas = ['DEFAULT'],
    catalogs = ['ucm'] as Array<'ucm' | 'expressway'>,
    count = 100,
  } = {},
): Promise<SeededAuthority> {
  const call = airlock.invoke.bind(airlock);
  const authority = await call<WorkspaceDto>('workspace.create', {
    kind: 'authority',
    name,
    passphrase: PASSPHRASE,
  });
  const a = { workspaceId: authority.id };
  const overview = await call<AuthorityOverviewDto>('authority.overview', a);
  if (!overview.keyUnlocked) await call('authority.unlock', { ...a, passphrase: PASSPHRASE });
  await call('authority.setReservationEnabled', { ...a, enabled: true });
  for (const va of vas)
    if (!overview.virtualAccounts.includes(va))
      await call('authority.addVirtualAccount', { ...a, name: va });
  const va = vas[0]!;
  for (const catalog of catalogs) await call('authority.loadCatalog', { ...a, va, catalog, count });
  const rows = await call<LicenseRowDto[]>('authority.licenses', { ...a, va });
  const trust = await call<{ text: string }>('authority.trustFile', a);
  return {
    authority,
    va,
    trust: trust.text,
    licenses: new Map(rows.filter((l) => !l.plr).map((l) => [l.displayName, l])),
  };
}

export async function seedSite(
  airlock: Airlock,
  name: string,
  trust: string,
): Promise<WorkspaceDto> {
  return airlock.invoke<WorkspaceDto>('workspace.create', { kind: 'site', name, trustFile: trust });
}

export interface DeviceSeed {
  name: string;
  product: 'ucm' | 'expressway';
  pid: string;
  sn: string;
  uuid?: string;
  hostId?: string;
  vid?: string;
  external?: boolean;
  /** The release an emulated device runs (`14SU2`); current when absent. */
  softwareVersion?: string;
}

export async function seedDevice(
  airlock: Airlock,
  site: WorkspaceDto,
  device: DeviceSeed,
): Promise<DeviceDetailDto> {
  const { external = false, ...rest } = device;
  return airlock.invoke<DeviceDetailDto>('site.addDevice', {
    workspaceId: site.id,
    external,
    ...rest,
  });
}

/** Many devices in one call, from a device list (CSV with a header), as Add from a list does. */
export async function seedDeviceList(
  airlock: Airlock,
  site: WorkspaceDto,
  rows: string[],
): Promise<number> {
  const header = 'name,product,pid,sn,vid,hostId,uuid,external';
  const result = await airlock.invoke<{ added: number }>('site.addDevices', {
    workspaceId: site.id,
    csv: [header, ...rows].join('\n'),
    dryRun: false,
  });
  return result.added;
}

/** An emulated device's console: what it prints for one reservation action. */
export function deviceConsole(airlock: Airlock, site: WorkspaceDto, deviceId: string) {
  return (action: string, code?: string) =>
    airlock.invoke<DeviceActionResultDto>('site.action', {
      workspaceId: site.id,
      deviceId,
      action,
      ...(code ? { code } : {}),
    });
}

/** Enable and request on an emulated device: its request code. */
export async function requestCodeOf(
  airlock: Airlock,
  site: WorkspaceDto,
  deviceId: string,
): Promise<string> {
  const run = deviceConsole(airlock, site, deviceId);
  await run('enable');
  return (await run('request')).requestCode!;
}

/** The authority issues an SLR for a request: `licenses` by tag → count. */
export async function reserveSlr(
  airlock: Airlock,
  seeded: SeededAuthority,
  requestCode: string,
  licenses: Record<string, number>,
  va = seeded.va,
): Promise<ReservationResultDto> {
  return airlock.invoke<ReservationResultDto>('authority.reserve', {
    workspaceId: seeded.authority.id,
    va,
    requestCode,
    selection: { type: 'SLR', licenses },
  });
}

/** A whole SLR on an emulated device: request, reserve, install, confirm. */
export async function reservedDevice(
  airlock: Airlock,
  seeded: SeededAuthority,
  site: WorkspaceDto,
  deviceId: string,
  licenses: Record<string, number>,
): Promise<ReservationResultDto> {
  const requestCode = await requestCodeOf(airlock, site, deviceId);
  const result = await reserveSlr(airlock, seeded, requestCode, licenses);
  const installed = await deviceConsole(
    airlock,
    site,
    deviceId,
  )('install', result.authorizationCode);
  await airlock.invoke('authority.confirm', {
    workspaceId: seeded.authority.id,
    instanceId: result.instance.id,
    confirmationCode: installed.confirmationCode!,
  });
  return result;
}

/** The tag of a license of the seeded VA, by its display name. */
export function tagOf(seeded: SeededAuthority, displayName: string): string {
  const row = seeded.licenses.get(displayName);
  if (!row) throw new Error(`no license "${displayName}" in ${seeded.va}`);
  return row.tag;
}

/**
 * The codes waiting in one side's outbox (those `pick` keeps, all by default) written to the
 * drive in one file, and imported on the other side when one is given. Returns the file's path.
 */
export async function carry(
  airlock: Airlock,
  from: WorkspaceDto,
  to: WorkspaceDto | null,
  pick: (waiting: TransferItemDto[]) => TransferItemDto[] = (waiting) => waiting,
): Promise<string> {
  const waiting = (
    await airlock.invoke<TransferItemDto[]>('transfer.items', {
      workspaceId: from.id,
      direction: 'out',
    })
  ).filter((i) => i.status === 'waiting');
  const file = await airlock.invoke<{ path: string }>('transfer.export', {
    workspaceId: from.id,
    folder: airlock.services.handles.folder(airlock.driveDir),
    itemIds: pick(waiting).map((i) => i.id),
  });
  if (to)
    await airlock.invoke('transfer.import', {
      workspaceId: to.id,
      file: airlock.services.handles.file(file.path),
    });
  return file.path;
}
