// Lists the drives a code file can be written to: removable volumes from the OS, plus lab folders.

import { stat, statfs } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { isDomainError } from '../../../shared/errors.ts';
import type { Drive, DriveList, DriveProblem } from './drive.ts';
import { LSBLK_ARGS, LSBLK_LEGACY_ARGS, parseLsblk } from './parse-lsblk.ts';
import {
  DISKUTIL_LIST_ARGS,
  diskutilInfoArgs,
  parseDiskutilInfo,
  parseDiskutilList,
} from './parse-macos.ts';
import { WINDOWS_DRIVES_ARGS, parseWindowsLogicalDisks } from './parse-windows.ts';
import { type ExecFn, execFileTool, runTool } from './run-tool.ts';

/** Directories treated as drives, separated like PATH (`:` on Linux/macOS, `;` on Windows). */
export const EXTRA_DRIVES_ENV = 'AIRLOCK_EXTRA_DRIVES';

export interface DrivesFs {
  stat(path: string): Promise<{ isDirectory(): boolean }>;
  statfs(path: string): Promise<{ bavail: number; bsize: number }>;
}

export interface ListDrivesOptions {
  platform?: NodeJS.Platform;
  exec?: ExecFn;
  /** Folders offered as drives (tests, labs); AIRLOCK_EXTRA_DRIVES adds more. */
  extraDirs?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  /** Also list fixed disks: Windows reports USB hard disks as fixed. */
  includeFixed?: boolean;
  timeoutMs?: number;
  fs?: DrivesFs;
}

const nodeDrivesFs: DrivesFs = { stat, statfs };

type Tool = (exec: ExecFn, timeoutMs: number, env: ListDrivesOptions['env']) => Promise<DriveList>;

function unreadable(error: unknown, tool: string): DriveList {
  if (!isDomainError(error)) throw error;
  return { drives: [], problems: [{ code: error.code, facts: { tool, ...error.facts } }] };
}

const linux: Tool = async (exec, timeoutMs) => {
  let result = await runTool(exec, 'lsblk', 'lsblk', LSBLK_ARGS, timeoutMs);
  if (!result.ok && /unknown column/i.test(result.stderr)) {
    result = await runTool(exec, 'lsblk', 'lsblk', LSBLK_LEGACY_ARGS, timeoutMs);
  }
  if (!result.ok) return { drives: [], problems: [result.problem] };
  try {
    return { drives: parseLsblk(result.stdout), problems: [] };
  } catch (error) {
    return unreadable(error, 'lsblk');
  }
};

const windows: Tool = async (exec, timeoutMs, env) => {
  // The full path, so a powershell.exe in the working directory or on PATH cannot stand in.
  const root = env?.SystemRoot ?? env?.windir;
  const file = root
    ? `${root}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`
    : 'powershell.exe';
  const result = await runTool(exec, 'powershell', file, WINDOWS_DRIVES_ARGS, timeoutMs);
  if (!result.ok) return { drives: [], problems: [result.problem] };
  try {
    return { drives: parseWindowsLogicalDisks(result.stdout), problems: [] };
  } catch (error) {
    return unreadable(error, 'powershell');
  }
};

const macos: Tool = async (exec, timeoutMs) => {
  const diskutil = '/usr/sbin/diskutil';
  const listed = await runTool(exec, 'diskutil', diskutil, DISKUTIL_LIST_ARGS, timeoutMs);
  if (!listed.ok) return { drives: [], problems: [listed.problem] };
  let drives: Drive[];
  try {
    drives = parseDiskutilList(listed.stdout);
  } catch (error) {
    return unreadable(error, 'diskutil');
  }
  // The list has no free space or write protection; `info` per volume does. Best effort: a volume
  // whose info fails is still listed.
  const detailed = await Promise.all(
    drives.map(async (drive) => {
      const info = await runTool(
        exec,
        'diskutil',
        diskutil,
        diskutilInfoArgs(drive.path),
        timeoutMs,
      );
      if (!info.ok) return drive;
      try {
        const details = parseDiskutilInfo(info.stdout);
        return details
          ? { ...drive, ...details, removable: drive.removable || details.removable }
          : drive;
      } catch {
        return drive;
      }
    }),
  );
  return { drives: detailed, problems: [] };
};

const tools: Partial<Record<NodeJS.Platform, Tool>> = { linux, win32: windows, darwin: macos };

async function extraDrives(dirs: readonly string[], fs: DrivesFs): Promise<DriveList> {
  const list: DriveList = { drives: [], problems: [] };
  for (const dir of dirs) {
    const path = resolve(dir);
    const isDirectory = await fs.stat(path).then(
      (stats) => stats.isDirectory(),
      () => false,
    );
    if (isDirectory) list.drives.push({ path, label: basename(path) || path, removable: true });
    else list.problems.push({ code: 'DRIVE_EXTRA_DIR_MISSING', facts: { path } });
  }
  return list;
}

async function withFreeBytes(drive: Drive, fs: DrivesFs): Promise<Drive> {
  if (drive.freeBytes !== undefined) return drive;
  try {
    const { bavail, bsize } = await fs.statfs(drive.path);
    return { ...drive, freeBytes: bavail * bsize };
  } catch {
    return drive;
  }
}

/**
 * Never rejects for a missing or failing tool: the drives it could find come back with the
 * problems that explain what is missing (DRIVE_TOOL_MISSING, DRIVE_TOOL_TIMEOUT, …).
 */
export async function listDrives(options: ListDrivesOptions = {}): Promise<DriveList> {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const fs = options.fs ?? nodeDrivesFs;
  const tool = tools[platform];
  const found: DriveList = tool
    ? await tool(options.exec ?? execFileTool, options.timeoutMs ?? 5_000, env)
    : { drives: [], problems: [{ code: 'DRIVE_PLATFORM_UNSUPPORTED', facts: { platform } }] };

  const delimiter = platform === 'win32' ? ';' : ':';
  const fromEnv = (env[EXTRA_DRIVES_ENV] ?? '').split(delimiter).filter((dir) => dir.trim() !== '');
  const extra = await extraDrives([...(options.extraDirs ?? []), ...fromEnv], fs);

  const wanted = found.drives.filter((drive) => drive.removable || options.includeFixed === true);
  const seen = new Set<string>();
  const drives = [...wanted, ...extra.drives].filter((drive) => {
    if (seen.has(drive.path)) return false;
    seen.add(drive.path);
    return true;
  });
  const problems: DriveProblem[] = [...found.problems, ...extra.problems];
  return { drives: await Promise.all(drives.map((drive) => withFreeBytes(drive, fs))), problems };
}
