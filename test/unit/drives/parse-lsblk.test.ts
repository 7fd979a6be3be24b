import { describe, expect, it } from 'vitest';
import { parseLsblk, repairLsblkJson } from '../../../electron/services/drives/parse-lsblk.ts';
import { driveFixture } from './fixture.ts';

const byPath = (name: string) => new Map(parseLsblk(driveFixture(name)).map((d) => [d.path, d]));

describe('parseLsblk (util-linux 2.38, mountpoints array)', () => {
  const drives = byPath('lsblk-2.38-laptop.json');

  it('lists a USB stick partition as removable, with its label, free space and device', () => {
    expect(drives.get('/media/ana/AIRLOCK')).toEqual({
      path: '/media/ana/AIRLOCK',
      label: 'AIRLOCK',
      removable: true,
      freeBytes: 15398338560,
      readOnly: false,
      device: '/dev/sda1',
    });
  });

  it('lists the internal NVMe disk’s filesystems as fixed', () => {
    expect(drives.get('/')).toMatchObject({ removable: false, device: '/dev/nvme0n1p2' });
    expect(drives.get('/boot/efi')).toMatchObject({ removable: false });
  });

  it('treats an SD card in a hot-plug slot as removable and names an unlabelled one by its folder', () => {
    expect(drives.get('/media/ana/3A4B-1C2D')).toMatchObject({
      label: '3A4B-1C2D',
      removable: true,
      device: '/dev/mmcblk0p1',
    });
  });

  it('marks a write-protected stick read-only', () => {
    expect(drives.get('/media/ana/LOCKED')).toMatchObject({ removable: true, readOnly: true });
  });

  it('inherits removability through nesting: a LUKS volume on a USB disk counts as removable', () => {
    expect(drives.get('/media/ana/Transfer')).toMatchObject({
      label: 'Transfer',
      removable: true,
      device: '/dev/mapper/luks-5c1e0a2b-8f3d-4c9e-9a61-2f0d7b4e6a13',
    });
  });

  it('keeps only mounted filesystems: no unmounted partition, swap, whole disk or empty drive', () => {
    expect([...drives.keys()].sort()).toEqual([
      '/',
      '/boot/efi',
      '/media/ana/3A4B-1C2D',
      '/media/ana/AIRLOCK',
      '/media/ana/LOCKED',
      '/media/ana/Transfer',
      '/snap/core22/1033',
    ]);
  });

  it('finds no removable drive on the recorded development VM', () => {
    const drives = parseLsblk(driveFixture('lsblk-2.38-sandbox-vm.json'));
    expect(drives.filter((d) => d.removable)).toEqual([]);
    expect(drives.map((d) => d.path)).toContain('/');
  });
});

describe('parseLsblk (older util-linux)', () => {
  it('reads `mountpoint` when there is no `mountpoints` (2.34, legacy columns, -p names)', () => {
    const drives = parseLsblk(driveFixture('lsblk-2.34-mountpoint.json'));
    expect(drives).toEqual([
      { path: '/boot/efi', label: 'efi', removable: false, readOnly: false, device: '/dev/sda1' },
      { path: '/', label: '/', removable: false, readOnly: false, device: '/dev/sda2' },
      {
        path: '/media/ken/KINGSTON',
        label: 'KINGSTON',
        removable: true,
        readOnly: false,
        device: '/dev/sdb1',
      },
    ]);
  });

  it('reads values printed as strings and repairs the invalid \\xNN escapes of non-ASCII labels', () => {
    const drives = parseLsblk(driveFixture('lsblk-2.31-strings.json'));
    expect(drives).toEqual([
      { path: '/', label: '/', removable: false, readOnly: false, device: '/dev/sda1' },
      {
        path: '/media/ken/転送',
        label: '転送',
        removable: true,
        readOnly: false,
        device: '/dev/sdb1',
      },
    ]);
  });

  it('leaves an escaped backslash followed by x alone', () => {
    expect(JSON.parse(repairLsblkJson('"a\\\\x41"'))).toBe('a\\x41');
    expect(JSON.parse(repairLsblkJson('"a\\x41"'))).toBe('aA');
  });
});

describe('parseLsblk (refusals)', () => {
  it('refuses output that is not lsblk JSON with DRIVE_LIST_UNREADABLE', () => {
    expect(() => parseLsblk('lsblk: unknown column')).toThrow(
      expect.objectContaining({
        code: 'DRIVE_LIST_UNREADABLE',
        facts: { tool: 'lsblk', reason: 'invalid-json' },
      }),
    );
    expect(() => parseLsblk('{"devices": []}')).toThrow(
      expect.objectContaining({
        code: 'DRIVE_LIST_UNREADABLE',
        facts: { tool: 'lsblk', reason: 'no-blockdevices' },
      }),
    );
  });
});
