import { describe, expect, it } from 'vitest';
import {
  parseDiskutilInfo,
  parseDiskutilList,
} from '../../../electron/services/drives/parse-macos.ts';
import { parsePlistDict } from '../../../electron/services/drives/plist-xml.ts';
import { driveFixture } from './fixture.ts';

describe('parseDiskutilList', () => {
  it('lists mounted external volumes, including an APFS volume on a synthesized disk', () => {
    expect(parseDiskutilList(driveFixture('diskutil-list-external.plist'))).toEqual([
      { path: '/Volumes/AIRLOCK', label: 'AIRLOCK', removable: true, device: 'disk4s1' },
      { path: '/Volumes/Transfer SSD', label: 'Transfer SSD', removable: true, device: 'disk6s1' },
    ]);
  });
});

describe('parseDiskutilInfo', () => {
  it('reads free space and writability of a USB stick', () => {
    expect(parseDiskutilInfo(driveFixture('diskutil-info-airlock.plist'))).toEqual({
      path: '/Volumes/AIRLOCK',
      label: 'AIRLOCK',
      removable: true,
      readOnly: false,
      freeBytes: 15398338560,
      device: 'disk4s1',
    });
  });

  it('treats a locked SD card in the built-in reader as removable and read-only', () => {
    expect(parseDiskutilInfo(driveFixture('diskutil-info-locked-sd.plist'))).toMatchObject({
      path: '/Volumes/カメラ',
      label: 'カメラ',
      removable: true,
      readOnly: true,
    });
  });

  it('returns undefined for a volume that is not mounted', () => {
    const xml = '<plist version="1.0"><dict><key>VolumeName</key><string>X</string></dict></plist>';
    expect(parseDiskutilInfo(xml)).toBeUndefined();
  });
});

describe('parsePlistDict', () => {
  it('decodes the five XML entities and keeps `__proto__` a plain key', () => {
    const dict = parsePlistDict(
      '<plist><dict><key>__proto__</key><string>a &amp; b</string><key>n</key><integer>7</integer></dict></plist>',
    );
    expect(Object.keys(dict)).toEqual(['__proto__', 'n']);
    expect(Object.getPrototypeOf(dict)).toBe(Object.prototype);
    expect(dict.n).toBe(7);
  });

  it('refuses entity declarations and foreign DTDs instead of expanding them', () => {
    const xml =
      '<!DOCTYPE plist [<!ENTITY a "aaaaaaaa">]><plist><dict><key>k</key><string>&a;</string></dict></plist>';
    expect(() => parsePlistDict(xml)).toThrow(
      expect.objectContaining({
        code: 'DRIVE_LIST_UNREADABLE',
        facts: { tool: 'diskutil', reason: 'dtd-or-entity' },
      }),
    );
  });

  it('refuses malformed XML and a dict whose keys and values do not pair up', () => {
    expect(() => parsePlistDict('<plist><dict><key>k</key>')).toThrow(
      expect.objectContaining({ code: 'DRIVE_LIST_UNREADABLE' }),
    );
    expect(() => parsePlistDict('<plist><dict><key>k</key></dict></plist>')).toThrow(
      expect.objectContaining({ facts: { tool: 'diskutil', reason: 'dict-key-value' } }),
    );
  });
});
