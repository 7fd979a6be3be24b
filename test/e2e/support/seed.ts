// Seeds both sides through the router (not the UI) so the a11y and screenshot tests can look at
// every screen with realistic content. Flow specs never use this: they click through the UI.
import type {
  AuthorityOverviewDto,
  DeviceActionResultDto,
  DeviceDetailDto,
  ReservationResultDto,
  WorkspaceDto,
} from '../../../shared/ipc/dto.ts';
import type { Airlock } from './fixtures.ts';
import { PASSPHRASE } from './ui.ts';

export interface Seeded {
  authority: WorkspaceDto;
  site: WorkspaceDto;
  va: string;
  authorizationCode: string;
  pendingRequestCode: string;
}

export async function seedBothSides(airlock: Airlock): Promise<Seeded> {
  const call = airlock.invoke.bind(airlock);
  const authority = await call<WorkspaceDto>('workspace.create', {
    kind: 'authority',
    name: 'Licensing desk',
    passphrase: PASSPHRASE,
  });
  const a = { workspaceId: authority.id };
  let overview = await call<AuthorityOverviewDto>('authority.overview', a);
  if (!overview.keyUnlocked)
    overview = await call('authority.unlock', { ...a, passphrase: PASSPHRASE });
  await call('authority.setReservationEnabled', { ...a, enabled: true });
  if (overview.virtualAccounts.length === 0) {
    overview = await call<AuthorityOverviewDto>('authority.addVirtualAccount', {
      ...a,
      name: 'DEFAULT',
    });
  }
  const va = overview.virtualAccounts[0]!;
  await call('authority.loadCatalog', { ...a, va, catalog: 'ucm', count: 100 });
  const trust = await call<{ text: string }>('authority.trustFile', a);

  const site = await call<WorkspaceDto>('workspace.create', {
    kind: 'site',
    name: 'Plant B',
    trustFile: trust.text,
  });
  const s = { workspaceId: site.id };
  const add = (name: string, sn: string, uuid: string) =>
    call<DeviceDetailDto>('site.addDevice', {
      ...s,
      external: false,
      product: 'ucm',
      name,
      pid: 'UCM',
      sn,
      uuid,
    });
  const reserved = await add('cucm-pub-1', 'EDB16', '2e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c');
  const pending = await add('cucm-sub-1', 'EDB17', '3e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c');
  await add('cucm-sub-2', 'EDB18', '4e1b2a4c9f0d4e3b8a7c6d5e4f3a2b1c');
  await call('site.addDevice', {
    ...s,
    external: true,
    product: 'expressway',
    name: 'expwy-core',
    pid: 'Expressway',
    sn: '08F8FF3C',
    vid: '1.0',
    hostId: '320aa69d',
  });

  const action = (deviceId: string, name: string, code?: string) =>
    call<DeviceActionResultDto>('site.action', {
      ...s,
      deviceId,
      action: name,
      ...(code ? { code } : {}),
    });
  await action(reserved.id, 'enable');
  const request = await action(reserved.id, 'request');
  const tags = (
    await call<Array<{ tag: string; plr: string | null }>>('authority.licenses', { ...a, va })
  ).filter((l) => !l.plr);
  const result = await call<ReservationResultDto>('authority.reserve', {
    ...a,
    va,
    requestCode: request.requestCode!,
    selection: { type: 'SLR', licenses: { [tags[0]!.tag]: 4, [tags[2]!.tag]: 10 } },
  });
  const installed = await action(reserved.id, 'install', result.authorizationCode);
  await call('authority.confirm', {
    ...a,
    instanceId: result.instance.id,
    confirmationCode: installed.confirmationCode!,
  });

  await action(pending.id, 'enable');
  const second = await action(pending.id, 'request');
  return {
    authority,
    site,
    va,
    authorizationCode: result.authorizationCode,
    pendingRequestCode: second.requestCode!,
  };
}
