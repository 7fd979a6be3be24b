// A site adds many devices from one list: checked first (nothing added), then every good row in
// one save, each refused row with its reason; a bad file changes nothing.

import { afterAll, describe, expect, it } from 'vitest';
import { auditCount, dumpDatabase } from '../support/database.ts';
import {
  call,
  databaseOf,
  devicesOf,
  openSite,
  refusal,
  reopen,
  requestingDevice,
} from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

afterAll(removeTempDirs);

const LIST = [
  'name,product,pid,sn,vid,hostId,uuid,external',
  'cucm-a,ucm,UCM,LST001,,,d9a2c661-8fe1-4ce7-9e6f-bbc68a3e9001,',
  'expwy-a,expressway,Expressway,LST002,1.0,320aa901,,',
  'switch,ios-xe,C9300-24UX,LST003,,,,',
  'cucm-a again,ucm,UCM,LST001,,,D9A2C661-8FE1-4CE7-9E6F-BBC68A3E9001,',
  'core,ios-xe,C9300-24UX,LST004,,,,yes',
  'both ids,expressway,Expressway,LST005,1.0,320aa905,d9a2c661-8fe1-4ce7-9e6f-bbc68a3e9005,',
].join('\n');

async function siteWithOneDevice() {
  const site = await openSite(tempDir('device-list'));
  const existing = await requestingDevice(site);
  return { site, existing };
}

const overview = (site: Awaited<ReturnType<typeof openSite>>) =>
  call(site.router, 'site.overview', { workspaceId: site.workspaceId });

describe('adding devices from a list', () => {
  it('checks every row in a dry run and adds nothing', async () => {
    const { site } = await siteWithOneDevice();
    const before = dumpDatabase(databaseOf(site));
    const checked = await call(site.router, 'site.addDevices', {
      workspaceId: site.workspaceId,
      csv: LIST,
      dryRun: true,
    });
    expect(checked.added).toBe(0);
    expect(checked.rows.map((r) => [r.line, r.ok, r.error?.code ?? null, r.deviceId])).toEqual([
      [2, true, null, undefined],
      [3, true, null, undefined],
      [4, false, 'DEVICE_PRODUCT_NOT_EMULATED', undefined],
      [5, false, 'DEVICE_LIST_DUPLICATE', undefined],
      [6, true, null, undefined],
      [7, false, 'UDI_INVALID', undefined],
    ]);
    expect(checked.rows[3]!.error!.facts).toMatchObject({ line: 2 });
    expect(checked.rows[3]!.error!.message).toContain('line 2');
    expect(checked.rows[0]).toMatchObject({
      name: 'cucm-a',
      product: 'ucm',
      external: false,
      udi: 'P:UCM,S:LST001,U:d9a2c6618fe14ce79e6fbbc68a3e9001',
    });
    expect(dumpDatabase(databaseOf(site))).toEqual(before);
    expect((await overview(site)).deviceCount).toBe(1);
  });

  it('adds every good row in one save, each logged, and they work like any device', async () => {
    const { site, existing } = await siteWithOneDevice();
    const auditLines = () => auditCount(databaseOf(site));
    const linesBefore = auditLines();
    // One more row: the device the site already has, by the same UDI.
    const [, pid, sn, uuid] = /^P:(\w+),S:(\w+),U:(\w+)$/.exec(existing.udi)!;
    const added = await call(site.router, 'site.addDevices', {
      workspaceId: site.workspaceId,
      csv: `${LIST}\nagain,ucm,${pid},${sn},,,${uuid},`,
      dryRun: false,
    });
    expect(added.added).toBe(3);
    expect(added.rows.filter((r) => r.ok).map((r) => [r.name, r.deviceId])).toEqual([
      ['cucm-a', 'dev-2'],
      ['expwy-a', 'dev-3'],
      ['core', 'dev-4'],
    ]);
    expect(added.rows.at(-1)).toMatchObject({ udi: existing.udi, ok: false });
    expect(added.rows.at(-1)!.error!.code).toBe('DEVICE_UDI_EXISTS');
    expect(auditLines() - linesBefore).toBe(3);

    // After a restart, as saved: names, kinds and products as the list said.
    const restarted = reopen(site);
    const [first, ...listed] = await devicesOf(restarted);
    expect(first!.id).toBe(existing.id);
    expect(listed.map((d) => [d.id, d.name, d.kind, d.product])).toEqual([
      ['dev-2', 'cucm-a', 'emulated', 'ucm'],
      ['dev-3', 'expwy-a', 'emulated', 'expressway'],
      ['dev-4', 'core', 'external', 'ios-xe'],
    ]);
    const enabled = await call(restarted.router, 'site.action', {
      workspaceId: site.workspaceId,
      deviceId: 'dev-3',
      action: 'enable',
    });
    expect(enabled.output).toBeTruthy();
  });

  it('refuses a file with no sn column as a whole, and changes nothing', async () => {
    const { site } = await siteWithOneDevice();
    const before = dumpDatabase(databaseOf(site));
    const error = await refusal(site.router, 'site.addDevices', {
      workspaceId: site.workspaceId,
      csv: 'name,product,pid\ncucm-b,ucm,UCM\n',
      dryRun: false,
    });
    expect(error.code).toBe('DEVICE_LIST_COLUMN_MISSING');
    expect(error.message).toBe(
      'The header has no “sn” column; every list needs product, pid and sn.',
    );
    expect(dumpDatabase(databaseOf(site))).toEqual(before);
  });
});
