// Turns `diskutil list -plist external` and `diskutil info -plist <mount>` output into drives.

import { posix } from 'node:path';
import type { Drive } from './drive.ts';
import { type PlistDict, type PlistValue, parsePlistDict } from './plist-xml.ts';
import { toByteCount, toText } from './tool-values.ts';

/**
 * `external`, not `external physical`: an APFS-formatted stick mounts its volume on a synthesized
 * disk (`disk6s1` on physical store `disk5s2`), which the `physical` filter hides.
 */
export const DISKUTIL_LIST_ARGS = ['list', '-plist', 'external'];

export function diskutilInfoArgs(mountPoint: string): string[] {
  return ['info', '-plist', mountPoint];
}

function asDict(value: PlistValue | undefined): PlistDict | undefined {
  return typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

function dictsIn(value: PlistValue | undefined): PlistDict[] {
  if (!Array.isArray(value)) return [];
  return value.map(asDict).filter((dict): dict is PlistDict => dict !== undefined);
}

function volumeToDrive(volume: PlistDict, removable: boolean): Drive | undefined {
  const mountPoint = toText(volume.MountPoint);
  if (!mountPoint?.startsWith('/')) return undefined;
  const drive: Drive = {
    path: mountPoint,
    label: toText(volume.VolumeName) ?? (posix.basename(mountPoint) || mountPoint),
    removable,
  };
  const device = toText(volume.DeviceIdentifier);
  if (device) drive.device = device;
  return drive;
}

/**
 * Every mounted volume of the listed disks: partitions, APFS volumes, and a disk formatted without a
 * partition table. The list is asked for external disks only, so they count as removable unless
 * diskutil marks a disk as the OS's own.
 */
export function parseDiskutilList(xml: string): Drive[] {
  const root = parsePlistDict(xml);
  const drives: Drive[] = [];
  const seen = new Set<string>();
  for (const disk of dictsIn(root.AllDisksAndPartitions)) {
    const removable = disk.OSInternal !== true;
    const volumes = [disk, ...dictsIn(disk.Partitions), ...dictsIn(disk.APFSVolumes)];
    for (const volume of volumes) {
      const drive = volumeToDrive(volume, removable);
      if (!drive || seen.has(drive.path)) continue;
      seen.add(drive.path);
      drives.push(drive);
    }
  }
  return drives;
}

/** One volume's details, or undefined when it is not mounted. */
export function parseDiskutilInfo(xml: string): Drive | undefined {
  const info = parsePlistDict(xml);
  const removable =
    info.RemovableMedia === true ||
    info.Removable === true ||
    info.Ejectable === true ||
    info.RemovableMediaOrExternalDevice === true ||
    info.Internal === false;
  const drive = volumeToDrive(info, removable);
  if (!drive) return undefined;
  // Newer macOS adds ReadOnlyVolume; older ones only say whether the volume is writable.
  if (
    info.ReadOnlyVolume === true ||
    info.WritableVolume === false ||
    info.WritableMedia === false
  ) {
    drive.readOnly = true;
  } else if (info.WritableVolume === true) {
    drive.readOnly = false;
  }
  // FreeSpace is what Finder shows; on APFS the volumes of a container share APFSContainerFree.
  const freeBytes = toByteCount(info.FreeSpace) || toByteCount(info.APFSContainerFree);
  if (freeBytes !== undefined) drive.freeBytes = freeBytes;
  return drive;
}
