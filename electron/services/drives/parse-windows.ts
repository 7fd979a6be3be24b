// Turns PowerShell's `Win32_LogicalDisk | ConvertTo-Json` output into drives.

import { DomainError } from '../../../shared/errors.ts';
import type { Drive } from './drive.ts';
import { stripBom, toByteCount, toText } from './tool-values.ts';

/**
 * UTF-8 output first: Windows PowerShell 5.1 otherwise writes the console code page (cp932 on a
 * Japanese system), which mangles volume labels like `転送用`.
 */
export const WINDOWS_DRIVES_COMMAND =
  '[Console]::OutputEncoding = [Text.Encoding]::UTF8; ' +
  'Get-CimInstance Win32_LogicalDisk | ' +
  'Select-Object DeviceID,VolumeName,DriveType,FreeSpace,Size | ConvertTo-Json';

export const WINDOWS_DRIVES_ARGS = [
  '-NoProfile',
  '-NonInteractive',
  '-Command',
  WINDOWS_DRIVES_COMMAND,
];

// Win32_LogicalDisk.DriveType: 2 removable, 3 local disk, 4 network, 5 optical, 6 RAM disk.
// A USB hard disk or SSD reports 3 (Windows calls it fixed), so the user may still ask for fixed drives.
const REMOVABLE = 2;
const OPTICAL = 5;

/** Every logical disk with media; ConvertTo-Json prints one object for one disk, an array for more. */
export function parseWindowsLogicalDisks(stdout: string): Drive[] {
  const text = stripBom(stdout).trim();
  // No disks at all: the pipeline prints nothing.
  if (text === '') return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DomainError('DRIVE_LIST_UNREADABLE', { tool: 'powershell', reason: 'invalid-json' });
  }
  const entries = Array.isArray(data) ? data : [data];
  const drives: Drive[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) {
      throw new DomainError('DRIVE_LIST_UNREADABLE', {
        tool: 'powershell',
        reason: 'not-an-object',
      });
    }
    const disk = entry as Record<string, unknown>;
    const deviceId = toText(disk.DeviceID);
    if (!deviceId || !/^[A-Za-z]:$/.test(deviceId)) continue;
    // An empty card reader or optical drive has no size: nothing to write to.
    const size = toByteCount(disk.Size);
    if (size === undefined || size === 0) continue;
    const driveType = typeof disk.DriveType === 'number' ? disk.DriveType : undefined;
    const drive: Drive = {
      path: `${deviceId.toUpperCase()}\\`,
      label: toText(disk.VolumeName) ?? deviceId.toUpperCase(),
      removable: driveType === REMOVABLE,
      device: deviceId.toUpperCase(),
    };
    const freeBytes = toByteCount(disk.FreeSpace);
    if (freeBytes !== undefined) drive.freeBytes = freeBytes;
    // A pressed CD/DVD cannot be written by copying files; a read-only flag is all we can say.
    if (driveType === OPTICAL) drive.readOnly = true;
    drives.push(drive);
  }
  return drives;
}
