// Turns `lsblk -J -b -o …` output (any util-linux from 2.27 on) into the mounted filesystems as drives.

import { posix } from 'node:path';
import { DomainError } from '../../../shared/errors.ts';
import type { Drive } from './drive.ts';
import { stripBom, toBool, toByteCount, toText } from './tool-values.ts';

/** Columns asked of util-linux ≥ 2.37 (MOUNTPOINTS lists every mount of a filesystem). */
export const LSBLK_ARGS = [
  '-J',
  '-b',
  '-o',
  'NAME,PATH,LABEL,MOUNTPOINT,MOUNTPOINTS,RM,HOTPLUG,TRAN,RO,TYPE,FSAVAIL,SIZE',
];
/** Older util-linux refuses unknown columns (PATH and FSAVAIL came in 2.33, MOUNTPOINTS in 2.37). */
export const LSBLK_LEGACY_ARGS = [
  '-J',
  '-b',
  '-p',
  '-o',
  'NAME,LABEL,MOUNTPOINT,RM,HOTPLUG,TRAN,RO,TYPE,SIZE',
];

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * util-linux before ~2.29 escaped non-ASCII bytes and spaces as `\xNN`, which JSON does not allow
 * (a label `転送` came out as `\xe8\xbb\xa2…`). Decode each run of such bytes as UTF-8 and re-escape
 * it the JSON way; an escaped backslash (`\\x41`) is left alone.
 */
export function repairLsblkJson(text: string): string {
  return text.replace(
    /(?<!\\)((?:\\\\)*)((?:\\x[0-9a-fA-F]{2})+)/g,
    (_match, backslashes: string, run: string) => {
      const bytes = Uint8Array.from(run.split('\\x').slice(1), (hex) => parseInt(hex, 16));
      const decoded = new TextDecoder('utf-8').decode(bytes);
      return backslashes + JSON.stringify(decoded).slice(1, -1);
    },
  );
}

function mountPointsOf(node: Node): string[] {
  const list = Array.isArray(node.mountpoints) ? node.mountpoints : [node.mountpoint];
  return list.filter(
    // `[SWAP]` is lsblk's marker for swap space, not a directory.
    (entry): entry is string => typeof entry === 'string' && entry.startsWith('/'),
  );
}

/** Every mounted filesystem, removable or not; a partition inherits removability from its disk. */
export function parseLsblk(stdout: string): Drive[] {
  let data: unknown;
  try {
    data = JSON.parse(repairLsblkJson(stripBom(stdout)));
  } catch {
    throw new DomainError('DRIVE_LIST_UNREADABLE', { tool: 'lsblk', reason: 'invalid-json' });
  }
  if (!isNode(data) || !Array.isArray(data.blockdevices)) {
    throw new DomainError('DRIVE_LIST_UNREADABLE', { tool: 'lsblk', reason: 'no-blockdevices' });
  }

  const drives: Drive[] = [];
  const seen = new Set<string>();
  const walk = (node: unknown, parentRemovable: boolean, depth: number): void => {
    // Real trees are disk → partition → crypt/LVM → …; a deeper one is not lsblk's output.
    if (!isNode(node) || depth > 8) return;
    const removable =
      parentRemovable ||
      toBool(node.rm) === true ||
      toBool(node.hotplug) === true ||
      node.tran === 'usb';
    const name = toText(node.name);
    const device = toText(node.path) ?? (name?.startsWith('/') ? name : name && `/dev/${name}`);
    for (const mountPoint of mountPointsOf(node)) {
      if (seen.has(mountPoint)) continue;
      seen.add(mountPoint);
      const drive: Drive = {
        path: mountPoint,
        label: toText(node.label) ?? (posix.basename(mountPoint) || mountPoint),
        removable,
      };
      const freeBytes = toByteCount(node.fsavail);
      if (freeBytes !== undefined) drive.freeBytes = freeBytes;
      const readOnly = toBool(node.ro);
      if (readOnly !== undefined) drive.readOnly = readOnly;
      if (device) drive.device = device;
      drives.push(drive);
    }
    if (Array.isArray(node.children)) {
      for (const child of node.children) walk(child, removable, depth + 1);
    }
  };
  for (const device of data.blockdevices) walk(device, false, 0);
  return drives;
}
