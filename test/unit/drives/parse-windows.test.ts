import { describe, expect, it } from 'vitest';
import { parseWindowsLogicalDisks } from '../../../electron/services/drives/parse-windows.ts';
import { driveFixture } from './fixture.ts';

describe('parseWindowsLogicalDisks', () => {
  it('reads an array: DriveType 2 is removable, 3 is fixed, an empty optical drive is skipped', () => {
    expect(parseWindowsLogicalDisks(driveFixture('windows-removable-and-fixed.json'))).toEqual([
      { path: 'C:\\', label: 'Windows', removable: false, freeBytes: 187904819200, device: 'C:' },
      { path: 'E:\\', label: 'AIRLOCK', removable: true, freeBytes: 15398338560, device: 'E:' },
    ]);
  });

  it('reads the single object ConvertTo-Json prints for one disk, behind a BOM, with a Japanese label', () => {
    expect(parseWindowsLogicalDisks(driveFixture('windows-single-removable.json'))).toEqual([
      { path: 'F:\\', label: '転送用', removable: true, freeBytes: 7996309504, device: 'F:' },
    ]);
  });

  it('names an unlabelled drive by its letter', () => {
    const json = '{"DeviceID":"g:","VolumeName":"","DriveType":2,"FreeSpace":1,"Size":2}';
    expect(parseWindowsLogicalDisks(json)).toEqual([
      { path: 'G:\\', label: 'G:', removable: true, freeBytes: 1, device: 'G:' },
    ]);
  });

  it('returns no drives for empty output and refuses output that is not JSON', () => {
    expect(parseWindowsLogicalDisks('\r\n')).toEqual([]);
    expect(() => parseWindowsLogicalDisks('Get-CimInstance : Access denied')).toThrow(
      expect.objectContaining({ code: 'DRIVE_LIST_UNREADABLE' }),
    );
  });
});
