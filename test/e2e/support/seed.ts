// Seeds both sides through the router (not the UI) so the a11y and screenshot tests can look at
// every screen with realistic content.
import type { WorkspaceDto } from '../../../shared/ipc/dto.ts';
import { damageDatabase } from './damage.ts';
import type { Airlock } from './fixtures.ts';
import {
  deviceConsole,
  requestCodeOf,
  reserveSlr,
  reservedDevice,
  seedAuthority,
  seedDevice,
  seedDeviceList,
  seedSite,
  tagOf,
} from './router.ts';

export interface Seeded {
  authority: WorkspaceDto;
  site: WorkspaceDto;
  va: string;
  authorizationCode: string;
  pendingRequestCode: string;
  /** The desk's trust file, and another desk's (a key the site does not trust). */
  trust: string;
  otherTrust: string;
}

const ucm = (name: string, sn: string, digit: string) => ({
  name,
  product: 'ucm' as const,
  pid: 'UCM',
  sn,
  uuid: `${digit}e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c`,
});

export async function seedBothSides(airlock: Airlock): Promise<Seeded> {
  const desk = await seedAuthority(airlock);
  const site = await seedSite(airlock, 'Plant B', desk.trust);
  const reserved = await seedDevice(airlock, site, ucm('cucm-pub-1', 'EDB16', '2'));
  const pending = await seedDevice(airlock, site, ucm('cucm-sub-1', 'EDB17', '3'));
  await seedDevice(airlock, site, ucm('cucm-sub-2', 'EDB18', '4'));
  await seedDevice(airlock, site, {
    external: true,
    product: 'expressway',
    name: 'expwy-core',
    pid: 'Expressway',
    sn: '08F8FF3C',
    vid: '1.0',
    hostId: '320aa69d',
  });
  // An Expressway in evaluation, busy: its banner and its encrypted sessions near the limit.
  const edge = await seedDevice(airlock, site, {
    product: 'expressway',
    name: 'expwy-edge',
    pid: 'Expressway',
    sn: '0B070519',
    vid: '1.0',
    hostId: '320ac19c',
    softwareVersion: 'X14.2',
  });
  await airlock.invoke('site.setUsage', {
    workspaceId: site.id,
    deviceId: edge.id,
    tag: 'regid.2020-05.com.cisco.EXPWY_RMS,1.0_b6d5b8fd-fbde-4e0c-a5a5-21b02e17c6a0',
    count: 12,
  });
  await airlock.invoke('site.setSessions', {
    workspaceId: site.id,
    deviceId: edge.id,
    active: 2300,
  });
  // A 12.5 CUCM, offered the upgrades of seed 000.
  await seedDevice(airlock, site, { ...ucm('cucm-old', 'EDB20', '6'), softwareVersion: '12.5' });
  const result = await reservedDevice(airlock, desk, site, reserved.id, {
    [tagOf(desk, 'UC Manager CUWL License (12.x)')]: 4,
    [tagOf(desk, 'UC Manager Enhanced License (12.x)')]: 10,
  });
  // A lab node whose confirmation code never came back: after eight days, an alert says so.
  const lab = await seedDevice(airlock, site, ucm('cucm-lab', 'EDB19', '5'));
  const unconfirmed = await reserveSlr(airlock, desk, await requestCodeOf(airlock, site, lab.id), {
    [tagOf(desk, 'UC Manager Basic License (12.x)')]: 2,
  });
  await deviceConsole(airlock, site, lab.id)('install', unconfirmed.authorizationCode);
  airlock.advanceClock(8 * 24 * 60 * 60 * 1000);
  const pendingRequestCode = await requestCodeOf(airlock, site, pending.id);
  const other = await airlock.invoke<{ text: string }>('authority.trustFile', {
    workspaceId: (await seedAuthority(airlock, { name: 'Spare desk', catalogs: [] })).authority.id,
  });
  await seedDamagedSite(airlock, 'Plant Z', desk.trust);
  return {
    trust: desk.trust,
    otherTrust: other.text,
    authority: desk.authority,
    site,
    va: desk.va,
    authorizationCode: result.authorizationCode,
    pendingRequestCode,
  };
}

/** A site whose database was damaged after a backup (and a device added since): last, it closes the databases. */
export async function seedDamagedSite(
  airlock: Airlock,
  name: string,
  trust: string,
): Promise<WorkspaceDto> {
  const site = await seedSite(airlock, name, trust);
  await seedDeviceList(airlock, site, ['z-cucm-1,ucm,UCM,ZZZ01,,,,', 'z-cucm-2,ucm,UCM,ZZZ02,,,,']);
  await airlock.invoke('workspace.backup', { workspaceId: site.id });
  await seedDevice(airlock, site, { name: 'z-late', product: 'ucm', pid: 'UCM', sn: 'ZZZ03' });
  await damageDatabase(airlock, site.id);
  return site;
}
