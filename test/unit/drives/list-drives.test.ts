import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listDrives } from '../../../electron/services/drives/list-drives.ts';
import { LSBLK_LEGACY_ARGS } from '../../../electron/services/drives/parse-lsblk.ts';
import { type ExecFn, execFileTool, runTool } from '../../../electron/services/drives/run-tool.ts';
import { driveFixture } from './fixture.ts';

const lab = mkdtempSync(join(tmpdir(), 'airlock-drive-'));
afterAll(() => rmSync(lab, { recursive: true, force: true }));

const failWith = (fields: Record<string, unknown>) =>
  Object.assign(new Error('failed'), { stderr: '', ...fields });
const noEnv = {};
const fakeStatfs = {
  stat: async () => ({ isDirectory: () => true }),
  statfs: async () => ({ bavail: 10, bsize: 4096 }),
};

describe('listDrives on Linux', () => {
  it('lists only removable drives by default, keeping the free space lsblk reported', async () => {
    const exec: ExecFn = async () => driveFixture('lsblk-2.38-laptop.json');
    const { drives, problems } = await listDrives({ platform: 'linux', exec, env: noEnv });
    expect(problems).toEqual([]);
    expect(drives.map((d) => d.path)).toEqual([
      '/media/ana/AIRLOCK',
      '/media/ana/LOCKED',
      '/media/ana/Transfer',
      '/media/ana/3A4B-1C2D',
    ]);
    expect(drives[0]?.freeBytes).toBe(15398338560);
  });

  it('lists fixed disks too when asked', async () => {
    const exec: ExecFn = async () => driveFixture('lsblk-2.38-laptop.json');
    const { drives } = await listDrives({
      platform: 'linux',
      exec,
      env: noEnv,
      includeFixed: true,
    });
    expect(drives.map((d) => d.path)).toContain('/');
  });

  it('falls back to the legacy columns on util-linux that refuses MOUNTPOINTS, and fills free space via statfs', async () => {
    const calls: (readonly string[])[] = [];
    const exec: ExecFn = async (_file, args) => {
      calls.push(args);
      if (calls.length === 1) {
        throw failWith({
          code: 1,
          stderr: 'lsblk: unknown column: NAME,PATH,LABEL,MOUNTPOINT,MOUNTPOINTS\n',
        });
      }
      return driveFixture('lsblk-2.34-mountpoint.json');
    };
    const { drives, problems } = await listDrives({
      platform: 'linux',
      exec,
      env: noEnv,
      fs: fakeStatfs,
    });
    expect(calls[1]).toEqual(LSBLK_LEGACY_ARGS);
    expect(problems).toEqual([]);
    expect(drives).toEqual([
      {
        path: '/media/ken/KINGSTON',
        label: 'KINGSTON',
        removable: true,
        readOnly: false,
        device: '/dev/sdb1',
        freeBytes: 40960,
      },
    ]);
  });

  it('returns an empty list with DRIVE_TOOL_MISSING when lsblk is not installed, and still lists lab folders', async () => {
    const exec: ExecFn = async () => {
      throw failWith({ code: 'ENOENT' });
    };
    const { drives, problems } = await listDrives({
      platform: 'linux',
      exec,
      env: noEnv,
      extraDirs: [lab],
    });
    expect(problems).toEqual([{ code: 'DRIVE_TOOL_MISSING', facts: { tool: 'lsblk' } }]);
    expect(drives).toHaveLength(1);
    expect(drives[0]).toMatchObject({ path: lab, removable: true });
    expect(drives[0]?.freeBytes).toBeGreaterThan(0);
  });

  it('reports output it cannot read as DRIVE_LIST_UNREADABLE instead of failing', async () => {
    const exec: ExecFn = async () => 'not json';
    const { drives, problems } = await listDrives({ platform: 'linux', exec, env: noEnv });
    expect(drives).toEqual([]);
    expect(problems).toEqual([
      { code: 'DRIVE_LIST_UNREADABLE', facts: { tool: 'lsblk', reason: 'invalid-json' } },
    ]);
  });
});

describe('listDrives on Windows and macOS', () => {
  it('runs PowerShell by its full path under SystemRoot and lists the removable drive', async () => {
    let ran = '';
    const exec: ExecFn = async (file) => {
      ran = file;
      return driveFixture('windows-removable-and-fixed.json');
    };
    const env = { SystemRoot: 'C:\\Windows' };
    const { drives } = await listDrives({ platform: 'win32', exec, env });
    expect(ran).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(drives.map((d) => d.path)).toEqual(['E:\\']);
  });

  it('merges `diskutil info` into the external volumes and keeps a volume whose info failed', async () => {
    const exec: ExecFn = async (_file, args) => {
      if (args[0] === 'list') return driveFixture('diskutil-list-external.plist');
      if (args[2] === '/Volumes/AIRLOCK') return driveFixture('diskutil-info-airlock.plist');
      throw failWith({ code: 1, stderr: 'Could not find disk: /Volumes/Transfer SSD' });
    };
    const { drives } = await listDrives({ platform: 'darwin', exec, env: noEnv, fs: fakeStatfs });
    expect(drives).toEqual([
      {
        path: '/Volumes/AIRLOCK',
        label: 'AIRLOCK',
        removable: true,
        readOnly: false,
        freeBytes: 15398338560,
        device: 'disk4s1',
      },
      {
        path: '/Volumes/Transfer SSD',
        label: 'Transfer SSD',
        removable: true,
        freeBytes: 40960,
        device: 'disk6s1',
      },
    ]);
  });

  it('says DRIVE_PLATFORM_UNSUPPORTED elsewhere', async () => {
    const { problems } = await listDrives({ platform: 'freebsd', env: noEnv });
    expect(problems).toEqual([
      { code: 'DRIVE_PLATFORM_UNSUPPORTED', facts: { platform: 'freebsd' } },
    ]);
  });
});

describe('lab folders as drives', () => {
  it('reads AIRLOCK_EXTRA_DRIVES and reports an entry that is not a folder', async () => {
    const missing = join(lab, 'not-here');
    const { drives, problems } = await listDrives({
      platform: 'freebsd',
      env: { AIRLOCK_EXTRA_DRIVES: [lab, missing].join(':') },
    });
    expect(drives.map((d) => d.path)).toEqual([lab]);
    expect(problems).toContainEqual({ code: 'DRIVE_EXTRA_DIR_MISSING', facts: { path: missing } });
  });
});

describe('runTool', () => {
  it('says DRIVE_TOOL_MISSING for a program that does not exist', async () => {
    const result = await runTool(execFileTool, 'nope', 'airlock-no-such-tool', [], 2_000);
    expect(result).toMatchObject({ ok: false, problem: { code: 'DRIVE_TOOL_MISSING' } });
  });

  it('stops a tool that hangs and says DRIVE_TOOL_TIMEOUT', async () => {
    const args = ['-e', 'setTimeout(() => {}, 10_000)'];
    const result = await runTool(execFileTool, 'node', process.execPath, args, 300);
    expect(result).toMatchObject({
      ok: false,
      problem: { code: 'DRIVE_TOOL_TIMEOUT', facts: { tool: 'node', timeoutMs: 300 } },
    });
  });

  it('says DRIVE_TOOL_FAILED with the exit code and first stderr line', async () => {
    const args = ['-e', 'console.error("lsblk: boom"); process.exit(3)'];
    const result = await runTool(execFileTool, 'node', process.execPath, args, 5_000);
    expect(result).toMatchObject({
      ok: false,
      problem: {
        code: 'DRIVE_TOOL_FAILED',
        facts: { tool: 'node', exitCode: 3, detail: 'lsblk: boom' },
      },
    });
  });
});
