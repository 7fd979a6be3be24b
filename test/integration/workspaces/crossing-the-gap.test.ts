// Transfer files between an authority and a site, each in its own data folder, through the IPC
// channels only: export to a "stick", import by path on the other side, apply what came across.

import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeAuthorizationCode } from '../../../shared/codes/authorization.ts';
import { udiKey } from '../../../shared/codes/udi.ts';
import {
  type Side,
  TAGS,
  call,
  databaseOf,
  devicesOf,
  openDesk,
  openSite,
  requestingDevice,
} from '../support/sides.ts';
import { auditCount } from '../support/database.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

let desk: Side;
let site: Side;
let stick: string;

beforeEach(async () => {
  desk = await openDesk(tempDir('gap-desk'));
  site = await openSite(tempDir('gap-site'), desk);
  stick = tempDir('gap-stick');
});
afterAll(removeTempDirs);

const waiting = async (side: Side) =>
  (await call(side.router, 'transfer.items', { workspaceId: side.workspaceId, direction: 'out' }))
    .filter((i) => i.status === 'waiting')
    .map((i) => i.id);

/** Writes every waiting outgoing code of `from` to the stick; returns the file's path. */
async function carry(from: Side): Promise<string> {
  const ids = await waiting(from);
  const written = await call(from.router, 'transfer.export', {
    workspaceId: from.workspaceId,
    folder: from.services.handles.folder(stick),
    itemIds: ids,
  });
  expect(written.count).toBe(ids.length);
  return written.path;
}

async function importFile(to: Side, path: string) {
  return call(to.router, 'transfer.import', {
    workspaceId: to.workspaceId,
    file: to.services.handles.file(path),
  });
}

const auditLines = (side: Side) => auditCount(databaseOf(side));

/** Requests from three devices travel to the desk, which reserves them in one batch, in reverse. */
async function authorizedRound() {
  const devices = [
    await requestingDevice(site, 'ucm'),
    await requestingDevice(site, 'expressway'),
    await requestingDevice(site, 'ucm'),
  ];
  const requests = await importFile(desk, await carry(site));
  expect(requests.items.map((i) => [i.kind, i.status])).toEqual([
    ['request', 'imported'],
    ['request', 'imported'],
    ['request', 'imported'],
  ]);
  const ucm = devices.filter((_, n) => n !== 1).reverse();
  const batch = await call(desk.router, 'authority.reserveBatch', {
    workspaceId: desk.workspaceId,
    va: 'Lab',
    requestCodes: ucm.map((d) => d.requestCode),
    selection: { type: 'SLR', licenses: { [TAGS.enhanced]: 2 } },
  });
  expect(batch.items.every((i) => i.ok)).toBe(true);
  await call(desk.router, 'authority.reserve', {
    workspaceId: desk.workspaceId,
    va: 'Lab',
    requestCode: devices[1]!.requestCode,
    selection: { type: 'PLR', exportControl: false },
  });
  return { devices, authorizations: await carry(desk) };
}

describe('a site importing a transfer file from the authority', () => {
  it('matches each authorization code to its device by UDI, and installs them in one batch, queuing the confirmation codes', async () => {
    const { devices, authorizations } = await authorizedRound();
    const imported = await importFile(site, authorizations);
    expect(imported.format).toBe('airlock');
    expect(imported.items).toHaveLength(3);
    for (const item of imported.items) {
      expect(item).toMatchObject({ direction: 'in', kind: 'authorization', status: 'imported' });
      const device = devices.find((d) => d.id === item.subject)!;
      expect(item.udi).toBe(device.udi);
      const decoded = decodeAuthorizationCode(item.code);
      if (decoded.type === 'SLR') expect(udiKey(decoded.udi)).toBe(device.udi);
    }
    // The file's order is the desk's (reversed), not the devices': matching went by UDI.
    expect(imported.items.map((i) => i.subject)).toEqual([
      devices[2]!.id,
      devices[0]!.id,
      devices[1]!.id,
    ]);

    const installed = await call(site.router, 'site.installBatch', {
      workspaceId: site.workspaceId,
    });
    expect(installed.items.map((i) => [i.instanceId, i.ok])).toEqual([
      [devices[2]!.id, true],
      [devices[0]!.id, true],
      [devices[1]!.id, true],
    ]);
    const outbox = await call(site.router, 'transfer.items', {
      workspaceId: site.workspaceId,
      direction: 'out',
    });
    const confirmations = outbox.filter((i) => i.kind === 'confirmation');
    // SLR gives a confirmation code; PLR (the Expressway) does not.
    expect(confirmations.map((i) => [i.subject, i.status, i.code])).toEqual([
      [devices[2]!.id, 'waiting', installed.items[0]!.code],
      [devices[0]!.id, 'waiting', installed.items[1]!.code],
    ]);
    expect(installed.items[2]!.code).toBeUndefined();
    expect(installed.outboxCount).toBe(2);
    const inbox = await call(site.router, 'transfer.items', {
      workspaceId: site.workspaceId,
      direction: 'in',
    });
    expect(inbox.map((i) => i.status)).toEqual(['applied', 'applied', 'applied']);
    expect((await devicesOf(site)).map((d) => d.registrationStatus)).toEqual([
      'Registered - Specific License Reservation',
      'Registered - Universal License Reservation',
      'Registered - Specific License Reservation',
    ]);
  });

  it('adds nothing when the same file is imported twice: the same items come back, no new entries, no new audit lines', async () => {
    const { authorizations } = await authorizedRound();
    const first = await importFile(site, authorizations);
    const itemsBefore = await call(site.router, 'transfer.items', {
      workspaceId: site.workspaceId,
    });
    const linesBefore = auditLines(site);

    const again = await importFile(site, authorizations);
    expect(again.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
    expect(await call(site.router, 'transfer.items', { workspaceId: site.workspaceId })).toEqual(
      itemsBefore,
    );
    expect(auditLines(site)).toBe(linesBefore);

    // Nor after the codes were installed: an installed code is not offered again.
    await call(site.router, 'site.installBatch', { workspaceId: site.workspaceId });
    const installedItems = await call(site.router, 'transfer.items', {
      workspaceId: site.workspaceId,
    });
    await importFile(site, authorizations);
    expect(await call(site.router, 'transfer.items', { workspaceId: site.workspaceId })).toEqual(
      installedItems,
    );
    const rerun = await call(site.router, 'site.installBatch', { workspaceId: site.workspaceId });
    expect(rerun.items).toEqual([]);
  });

  it("accepts a plain .txt holding one code (CSSM's Download as File) and finds the device from the code itself", async () => {
    const ucm = await requestingDevice(site, 'ucm');
    const expressway = await requestingDevice(site, 'expressway');
    const slr = await call(desk.router, 'authority.reserve', {
      workspaceId: desk.workspaceId,
      va: 'Lab',
      requestCode: ucm.requestCode,
      selection: { type: 'SLR', licenses: { [TAGS.enhanced]: 1 } },
    });
    const plr = await call(desk.router, 'authority.reserve', {
      workspaceId: desk.workspaceId,
      va: 'Lab',
      requestCode: expressway.requestCode,
      selection: { type: 'PLR', exportControl: true },
    });
    writeFileSync(join(stick, 'AuthorizationCode_ucm.txt'), `${slr.authorizationCode}\r\n`);
    writeFileSync(join(stick, 'AuthorizationCode_expy.txt'), `\uFEFF${plr.authorizationCode}\n`);

    const fromSlr = await importFile(site, join(stick, 'AuthorizationCode_ucm.txt'));
    const fromPlr = await importFile(site, join(stick, 'AuthorizationCode_expy.txt'));
    expect(fromSlr).toMatchObject({ file: 'AuthorizationCode_ucm.txt', format: 'plain' });
    expect(fromSlr.items).toMatchObject([{ subject: ucm.id, udi: ucm.udi, status: 'imported' }]);
    // A PLR code names no UDI in the file: its signature binds it to the Expressway.
    expect(fromPlr.items).toMatchObject([
      { subject: expressway.id, udi: expressway.udi, status: 'imported' },
    ]);
  });

  it('keeps an authorization for a device it does not have, or a code for the other side, as failed with the reason', async () => {
    const elsewhere = await openSite(tempDir('gap-other-site'), desk, 'Plant B');
    const stranger = await requestingDevice(elsewhere, 'ucm');
    await call(desk.router, 'authority.reserve', {
      workspaceId: desk.workspaceId,
      va: 'Lab',
      requestCode: stranger.requestCode,
      selection: { type: 'SLR', licenses: { [TAGS.enhanced]: 1 } },
    });
    const imported = await importFile(site, await carry(desk));
    expect(imported.items).toMatchObject([
      { status: 'failed', subject: null, error: { code: 'IMPORT_NO_DEVICE' } },
    ]);
    expect(imported.items[0]!.error!.message).toMatch(/\S/);

    const mine = await requestingDevice(site, 'ucm');
    const requestsAtSite = await call(site.router, 'transfer.import', {
      workspaceId: site.workspaceId,
      fileName: 'request.txt',
      text: mine.requestCode,
    });
    expect(requestsAtSite.items).toMatchObject([
      { kind: 'request', status: 'failed', error: { code: 'IMPORT_WRONG_SIDE' } },
    ]);
  });
});

describe('an authority importing confirmations and returns from a site', () => {
  it('applies them: instances are confirmed, then removed, and the pool balances back to purchased', async () => {
    const { authorizations } = await authorizedRound();
    await importFile(site, authorizations);
    await call(site.router, 'site.installBatch', { workspaceId: site.workspaceId });

    const confirmations = await importFile(desk, await carry(site));
    expect(confirmations.items.map((i) => [i.kind, i.status])).toEqual([
      ['confirmation', 'applied'],
      ['confirmation', 'applied'],
    ]);
    const instances = await call(desk.router, 'authority.instances', {
      workspaceId: desk.workspaceId,
    });
    expect(instances.map((i) => [i.state, i.confirmed])).toEqual([
      ['reserved', true],
      ['reserved', true],
      ['reserved', true],
    ]);
    for (const item of confirmations.items)
      expect(instances.map((i) => i.id)).toContain(item.subject);

    for (const device of await devicesOf(site))
      await call(site.router, 'site.action', {
        workspaceId: site.workspaceId,
        deviceId: device.id,
        action: 'return',
      });
    const returnsFile = await carry(site);
    const returns = await importFile(desk, returnsFile);
    expect(returns.items.map((i) => [i.kind, i.status])).toEqual([
      ['return', 'applied'],
      ['return', 'applied'],
      ['return', 'applied'],
    ]);
    const after = await call(desk.router, 'authority.instances', { workspaceId: desk.workspaceId });
    expect(after.map((i) => i.state)).toEqual(['removed', 'removed', 'removed']);
    const pool = await call(desk.router, 'authority.licenses', {
      workspaceId: desk.workspaceId,
      va: 'Lab',
    });
    for (const row of pool)
      expect(row).toMatchObject({ reserved: 0, inTransit: 0, balance: row.purchased });

    // Once more, the same file: nothing new, nothing applied twice.
    const linesBefore = auditLines(desk);
    const again = await importFile(desk, returnsFile);
    expect(again.items.map((i) => i.id)).toEqual(returns.items.map((i) => i.id));
    expect(auditLines(desk)).toBe(linesBefore);
    expect(readdirSync(stick)).toHaveLength(4);
  });
});

describe('a site returning many devices in one call', () => {
  it('returns every reserved device in one save, queues each return code, and the desk releases them all', async () => {
    const { authorizations } = await authorizedRound();
    await importFile(site, authorizations);
    await call(site.router, 'site.installBatch', { workspaceId: site.workspaceId });
    await importFile(desk, await carry(site)); // confirmations

    const returned = await call(site.router, 'site.returnBatch', { workspaceId: site.workspaceId });
    expect(returned.items).toHaveLength(3);
    expect(returned.items.every((i) => i.ok && /^CR/.test(i.code ?? ''))).toBe(true);
    expect(returned.outboxCount).toBe(3);

    const again = await call(site.router, 'site.returnBatch', {
      workspaceId: site.workspaceId,
      deviceIds: [returned.items[0]!.instanceId!],
    });
    expect(again.items[0]).toMatchObject({
      ok: false,
      error: { code: 'NO_RESERVATION_INSTALLED' },
    });

    const released = await importFile(desk, await carry(site));
    expect(released.items.map((i) => i.status)).toEqual(['applied', 'applied', 'applied']);
    const after = await call(desk.router, 'authority.instances', { workspaceId: desk.workspaceId });
    expect(after.map((i) => i.state)).toEqual(['removed', 'removed', 'removed']);
  });
});

describe('a site asking many devices for request codes in one call', () => {
  it('enables and requests on every device that has neither, in one save, each code queued once', async () => {
    const listed = await call(site.router, 'site.addDevices', {
      workspaceId: site.workspaceId,
      csv: [
        'name,product,pid,sn,vid,hostId,uuid,external',
        'ucm-1,ucm,UCM,RQ001,,,d9a2c661-8fe1-4ce7-9e6f-bbc68a3e7001,',
        'expwy-1,expressway,Expressway,RQ002,1.0,320aa702,,',
        'switch,ios-xe,C9300-24UX,RQ003,,,,yes',
      ].join('\n'),
      dryRun: false,
    });
    expect(listed.added).toBe(3);
    const pending = await requestingDevice(site); // already enabled, its request waiting
    const auditBefore = auditLines(site);

    const asked = await call(site.router, 'site.requestBatch', { workspaceId: site.workspaceId });
    // The external switch and the device already waiting are not asked by default.
    expect(asked.items.map((i) => [i.instanceId, i.ok, /^CB-/.test(i.code ?? '')])).toEqual([
      ['dev-1', true, true],
      ['dev-2', true, true],
    ]);
    expect(asked.outboxCount).toBe(3); // the two new codes and the earlier one
    expect(auditLines(site)).toBeGreaterThan(auditBefore);
    expect((await devicesOf(site)).find((d) => d.id === 'dev-1')!.pendingRequestCode).toBe(
      asked.items[0]!.code,
    );

    // Asked by name: a pending device prints the same code again (nothing new queued); an
    // external device is refused with the reason.
    const externalBefore = await call(site.router, 'site.device', {
      workspaceId: site.workspaceId,
      deviceId: 'dev-3',
    });
    const again = await call(site.router, 'site.requestBatch', {
      workspaceId: site.workspaceId,
      deviceIds: [pending.id, 'dev-3'],
    });
    expect(again.items[0]).toMatchObject({ ok: true, code: pending.requestCode });
    expect(again.items[1]).toMatchObject({ ok: false, error: { code: 'DEVICE_IS_EXTERNAL' } });
    expect(
      await call(site.router, 'site.device', { workspaceId: site.workspaceId, deviceId: 'dev-3' }),
    ).toEqual(externalBefore);
    expect(again.outboxCount).toBe(3);

    // The three codes cross to the desk as one file.
    const requests = await importFile(desk, await carry(site));
    expect(requests.items.map((i) => [i.kind, i.status])).toEqual([
      ['request', 'imported'],
      ['request', 'imported'],
      ['request', 'imported'],
    ]);
  });
});
