import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statfsSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  nodeFilesFs,
  readFileLimited,
  resolveInside,
  safeFileName,
  writeFileAtomic,
} from '../../../electron/services/files.ts';
import { faultyFs } from './faulty-fs.ts';
import { makeReadOnly, mountTinyFilesystem } from './scratch-mounts.ts';

const code = (name: string) => expect.objectContaining({ code: name });
const failsWith = (codeName: string, facts?: Record<string, unknown>) =>
  expect.objectContaining({
    code: codeName,
    ...(facts ? { facts: expect.objectContaining(facts) } : {}),
  });

/** Every file in dir with its bytes: what "nothing lost, nothing left behind" is checked against. */
const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name)).toString('base64')]),
  );

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes the file whole, reads it back, and leaves no temp file', async () => {
    const text = 'CB-PExpressway,S08F8FF3C,V1.0,H320aa69d-A7C3VJCJF-AE\n日本語 中文\n';
    const written = await writeFileAtomic(dir, 'request-code.txt', text);
    expect(written).toEqual({
      path: join(dir, 'request-code.txt'),
      name: 'request-code.txt',
      bytes: Buffer.byteLength(text),
    });
    expect(await readFileLimited(written.path)).toBe(text);
    expect(readdirSync(dir)).toEqual(['request-code.txt']);
  });

  it('sweeps what a writer killed before its rename left in the folder, and only that', async () => {
    // A process that has exited (its pid no longer runs) and one that still runs (this one).
    const dead = execFileSync(
      process.execPath,
      ['-e', 'process.stdout.write(String(process.pid))'],
      {
        encoding: 'utf8',
      },
    );
    const left = `.auth.airlock.${dead}.0a1b2c3d.tmp`;
    const live = `.auth.airlock.${process.pid}.0a1b2c3d.tmp`;
    writeFileSync(join(dir, left), 'half a transfer file');
    writeFileSync(join(dir, live), 'being written');
    writeFileSync(join(dir, '.hidden-notes.tmp'), 'not ours');
    await writeFileAtomic(dir, 'next.txt', 'next\n');
    expect(readdirSync(dir).sort()).toEqual([live, '.hidden-notes.tmp', 'next.txt'].sort());
  });

  it('refuses to overwrite an existing file and writes beside it', async () => {
    writeFileSync(join(dir, 'code.txt'), 'the operator’s earlier code');
    const before = readFileSync(join(dir, 'code.txt'));
    const second = await writeFileAtomic(dir, 'code.txt', 'second');
    const third = await writeFileAtomic(
      dir,
      'code.txt',
      new Uint8Array([0x74, 0x68, 0x69, 0x72, 0x64]),
    );
    expect([second.name, third.name]).toEqual(['code (2).txt', 'code (3).txt']);
    expect(readFileSync(join(dir, 'code.txt')).equals(before)).toBe(true);
    expect(readFileSync(third.path, 'utf8')).toBe('third');
    expect(readdirSync(dir).sort()).toEqual(['code (2).txt', 'code (3).txt', 'code.txt']);
  });

  it('with exactName, refuses a taken name instead of writing beside it: a dangling symlink, a symlink, a file', async () => {
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'target.txt'), 'the file a link points at');
    symlinkSync(join(outside, 'not-yet.txt'), join(dir, 'dangling.txt'));
    symlinkSync(join(outside, 'target.txt'), join(dir, 'link.txt'));
    symlinkSync(outside, join(dir, 'folder-link.txt'));
    writeFileSync(join(dir, 'plain.txt'), 'kept');
    const before = snapshot(outside);
    const names = readdirSync(dir).sort();
    for (const [name, codeName] of [
      ['dangling.txt', 'FILE_IS_SYMLINK'],
      ['link.txt', 'FILE_IS_SYMLINK'],
      ['folder-link.txt', 'FILE_IS_SYMLINK'],
      ['plain.txt', 'FILE_EXISTS'],
    ] as const) {
      await expect(
        writeFileAtomic(dir, name, 'the code', { exactName: true }),
        name,
      ).rejects.toEqual(failsWith(codeName, { path: join(dir, name) }));
    }
    // Nothing written anywhere: not through the links, not beside them, no temp file left.
    expect(readdirSync(dir).sort()).toEqual(names);
    expect(snapshot(outside)).toEqual(before);
    expect(existsSync(join(outside, 'not-yet.txt'))).toBe(false);
    expect(readFileSync(join(dir, 'plain.txt'), 'utf8')).toBe('kept');
    // Without exactName (drive writes pick their own names) the link is stepped around, as before.
    expect((await writeFileAtomic(dir, 'dangling.txt', 'x')).name).toBe('dangling (2).txt');
  });

  it('writes beside an existing file where hard links do not exist (FAT): claims the name, then renames', async () => {
    writeFileSync(join(dir, 'code.txt'), 'kept');
    const fs = faultyFs({ step: 'link', errno: 'EPERM' });
    const written = await writeFileAtomic(dir, 'code.txt', 'new', { fs });
    expect(written.name).toBe('code (2).txt');
    expect(fs.calls.rename).toBe(1);
    expect(snapshot(dir)).toEqual({
      'code (2).txt': Buffer.from('new').toString('base64'),
      'code.txt': Buffer.from('kept').toString('base64'),
    });
  });

  it.each([
    ['while writing', 'write'],
    ['at fsync', 'sync'],
  ] as const)(
    'gives DRIVE_FULL when the drive fills up %s, leaving no temp file and every old file unchanged',
    async (_when, step) => {
      writeFileSync(join(dir, 'existing.txt'), 'do not lose me');
      const before = snapshot(dir);
      const fs = faultyFs({ step, errno: 'ENOSPC' });
      await expect(writeFileAtomic(dir, 'code.txt', 'x'.repeat(5000), { fs })).rejects.toEqual(
        failsWith('DRIVE_FULL', { path: join(dir, 'code.txt'), neededBytes: 5000 }),
      );
      expect(snapshot(dir)).toEqual(before);
    },
  );

  it('refuses early with DRIVE_FULL when the drive reports too little free space', async () => {
    const fs = {
      ...faultyFs({ step: 'open', errno: 'ENOSPC', nth: 99 }),
      statfs: async () => ({ bavail: 1, bsize: 4096 }),
    };
    await expect(writeFileAtomic(dir, 'code.txt', 'x'.repeat(5000), { fs })).rejects.toEqual(
      failsWith('DRIVE_FULL', { neededBytes: 5000, freeBytes: 4096 }),
    );
    expect(fs.calls.open).toBeUndefined();
  });

  it('gives DRIVE_REMOVED when the drive disappears mid-way, and DRIVE_REMOVED for EIO at fsync', async () => {
    const pulled = faultyFs({
      step: 'link',
      errno: 'ENOENT',
      before: () => rmSync(dir, { recursive: true }),
    });
    await expect(writeFileAtomic(dir, 'code.txt', 'abc', { fs: pulled })).rejects.toEqual(
      failsWith('DRIVE_REMOVED', { path: join(dir, 'code.txt') }),
    );
    mkdirSync(dir);
    const io = faultyFs({ step: 'sync', errno: 'EIO' });
    await expect(writeFileAtomic(dir, 'code.txt', 'abc', { fs: io })).rejects.toEqual(
      code('DRIVE_REMOVED'),
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('gives DRIVE_READ_ONLY for EROFS and EACCES', async () => {
    for (const errno of ['EROFS', 'EACCES']) {
      const fs = faultyFs({ step: 'open', errno });
      await expect(writeFileAtomic(dir, 'code.txt', 'abc', { fs })).rejects.toEqual(
        failsWith('DRIVE_READ_ONLY', { path: join(dir, 'code.txt') }),
      );
    }
  });

  it('gives FILE_VERIFY_FAILED when the read-back differs, and removes the bad copy it made', async () => {
    writeFileSync(join(dir, 'code.txt'), 'old');
    const before = snapshot(dir);
    const fs = {
      ...faultyFs({ step: 'open', errno: 'X', nth: 99 }),
      readFile: async () => new Uint8Array([1, 2]),
    };
    await expect(writeFileAtomic(dir, 'code.txt', 'abc', { fs })).rejects.toEqual(
      failsWith('FILE_VERIFY_FAILED', { path: join(dir, 'code (2).txt'), bytes: 3, readBytes: 2 }),
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports any other failure as FILE_WRITE_FAILED with its errno', async () => {
    const fs = faultyFs({ step: 'open', errno: 'EMFILE' });
    await expect(writeFileAtomic(dir, 'code.txt', 'abc', { fs })).rejects.toEqual(
      failsWith('FILE_WRITE_FAILED', { errno: 'EMFILE' }),
    );
  });

  it('refuses an unsafe name before touching the disk', async () => {
    await expect(writeFileAtomic(join(dir, 'sub'), '../escape.txt', 'x')).rejects.toEqual(
      failsWith('FILE_NAME_UNSAFE', { reason: 'parent-directory' }),
    );
    expect(existsSync(join(dir, 'escape.txt'))).toBe(false);
  });
});

describe('writeFileAtomic on a real read-only directory', () => {
  it('gives DRIVE_READ_ONLY and changes nothing', async () => {
    writeFileSync(join(dir, 'existing.txt'), 'on the locked stick');
    const before = snapshot(dir);
    const readOnly = makeReadOnly(dir);
    console.info(`read-only test ran with: ${readOnly.mode}`);
    try {
      const fs =
        readOnly.mode === 'injected EROFS' ? faultyFs({ step: 'open', errno: 'EROFS' }) : undefined;
      await expect(writeFileAtomic(dir, 'code.txt', 'abc', { fs })).rejects.toEqual(
        code('DRIVE_READ_ONLY'),
      );
      expect(snapshot(dir)).toEqual(before);
    } finally {
      readOnly.undo();
    }
  });
});

const tinyDir = join(mkdtempSync(join(tmpdir(), 'airlock-tiny-')), 'drive');
const tiny = mountTinyFilesystem(tinyDir);
afterAll(() => {
  tiny?.unmount();
  rmSync(join(tinyDir, '..'), { recursive: true, force: true });
});

describe('writeFileAtomic on a real, tiny, full filesystem (64 KiB tmpfs)', () => {
  const title = tiny
    ? 'gives DRIVE_FULL from the kernel’s own ENOSPC, frees what it wrote, and loses nothing'
    : 'gives DRIVE_FULL on a real full disk — SKIPPED: mounting a tmpfs is not permitted here';
  it.skipIf(!tiny)(title, async () => {
    writeFileSync(join(tinyDir, 'existing.txt'), 'authorization code kept on the stick\n');
    const filler = join(tinyDir, 'filler.bin');
    let size = 0;
    for (;;) {
      try {
        writeFileSync(filler, new Uint8Array(4096), { flag: 'a' });
        size += 4096;
      } catch {
        break;
      }
    }
    // Leave 8 KiB: a 20 KiB file starts writing, then runs out of room part-way.
    truncateSync(filler, size - 8192);
    const before = snapshot(tinyDir);
    const freeBefore = statfsSync(tinyDir).bavail;
    const content = 'y'.repeat(20_000);

    await expect(writeFileAtomic(tinyDir, 'code.txt', content)).rejects.toEqual(
      failsWith('DRIVE_FULL', { neededBytes: 20_000, freeBytes: 8192 }),
    );
    await expect(
      writeFileAtomic(tinyDir, 'code.txt', content, { checkFreeSpace: false }),
    ).rejects.toEqual(failsWith('DRIVE_FULL', { neededBytes: 20_000 }));
    expect(snapshot(tinyDir)).toEqual(before);
    expect(statfsSync(tinyDir).bavail).toBe(freeBefore);

    // What fits still goes through on the same drive.
    const small = await writeFileAtomic(tinyDir, 'code.txt', 'z'.repeat(4000));
    expect(readFileSync(small.path, 'utf8')).toBe('z'.repeat(4000));
  });
});

describe('safeFileName and resolveInside', () => {
  it('accepts ordinary names in any script', () => {
    for (const name of [
      '日本語.txt',
      '中文 授权码.txt',
      'request-code (2).txt',
      '.airlock',
      'Ünïcode',
    ]) {
      expect(safeFileName(name)).toBe(name.normalize('NFC'));
    }
    expect(resolveInside(dir, 'authorization.xml')).toBe(join(dir, 'authorization.xml'));
  });

  it.each([
    ['../x', 'parent-directory'],
    ['..\\x', 'parent-directory'],
    ['..', 'parent-directory'],
    ['/etc/passwd', 'absolute-path'],
    ['C:\\x', 'absolute-path'],
    ['C:x', 'absolute-path'],
    ['\\\\server\\share', 'absolute-path'],
    ['a/b', 'path-separator'],
    ['a\\b', 'path-separator'],
    ['CON.txt', 'reserved-name'],
    ['nul', 'reserved-name'],
    ['com1.log', 'reserved-name'],
    ['LPT9', 'reserved-name'],
    ['code.txt:hidden', 'reserved-character'],
    ['what?.txt', 'reserved-character'],
    ['code.txt.', 'trailing-dot-or-space'],
    ['code.txt ', 'trailing-dot-or-space'],
    ['a\u0000b', 'control-character'],
    ['line\nbreak', 'control-character'],
    ['invoice\u202Etxt.exe', 'control-character'],
    ['', 'empty'],
    ['.', 'dot-segment'],
    ['a'.repeat(201), 'too-long'],
    ['日'.repeat(67), 'too-long'],
    ['\uD800x', 'invalid-unicode'],
  ])('refuses %j (%s)', (name, reason) => {
    expect(() => safeFileName(name)).toThrow(failsWith('FILE_NAME_UNSAFE', { reason }));
    expect(() => resolveInside(dir, name)).toThrow(code('FILE_NAME_UNSAFE'));
  });
});

describe('readFileLimited', () => {
  it('strips a UTF-8 byte-order mark, as Notepad writes one', async () => {
    writeFileSync(join(dir, 'code.txt'), Buffer.from('\uFEFF08715c93\r\n', 'utf8'));
    expect(await readFileLimited(join(dir, 'code.txt'))).toBe('08715c93\r\n');
  });

  it('refuses invalid UTF-8 with FILE_NOT_UTF8 and the byte offset, and UTF-16 by name', async () => {
    writeFileSync(join(dir, 'bad.txt'), Buffer.from([0x41, 0x42, 0xc3, 0x28]));
    await expect(readFileLimited(join(dir, 'bad.txt'))).rejects.toEqual(
      failsWith('FILE_NOT_UTF8', { offset: 2 }),
    );
    writeFileSync(join(dir, 'utf16.txt'), Buffer.from('\uFEFFcode', 'utf16le'));
    await expect(readFileLimited(join(dir, 'utf16.txt'))).rejects.toEqual(
      failsWith('FILE_NOT_UTF8', { encoding: 'utf-16le' }),
    );
  });

  it('refuses a file over the limit with FILE_TOO_LARGE before reading any of it', async () => {
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(1025));
    const fs = faultyFs({ step: 'read', errno: 'EIO' });
    await expect(readFileLimited(join(dir, 'big.txt'), { maxBytes: 1024, fs })).rejects.toEqual(
      failsWith('FILE_TOO_LARGE', { bytes: 1025, maxBytes: 1024 }),
    );
    expect(fs.calls.read).toBeUndefined();
    expect(await readFileLimited(join(dir, 'big.txt'), { maxBytes: 1025 })).toHaveLength(1025);
  });

  it('tells a missing file (FILE_NOT_FOUND) from a missing drive (DRIVE_REMOVED)', async () => {
    await expect(readFileLimited(join(dir, 'none.txt'))).rejects.toEqual(code('FILE_NOT_FOUND'));
    await expect(readFileLimited(join(dir, 'gone', 'code.txt'))).rejects.toEqual(
      code('DRIVE_REMOVED'),
    );
  });

  it('gives DRIVE_REMOVED for EIO while reading and FILE_NOT_REGULAR for a folder', async () => {
    writeFileSync(join(dir, 'code.txt'), 'abc');
    const fs = faultyFs({ step: 'read', errno: 'EIO' });
    await expect(readFileLimited(join(dir, 'code.txt'), { fs })).rejects.toEqual(
      code('DRIVE_REMOVED'),
    );
    await expect(readFileLimited(dir)).rejects.toEqual(code('FILE_NOT_REGULAR'));
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a named pipe without waiting for a writer',
    async () => {
      execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
      await expect(readFileLimited(join(dir, 'pipe.txt'))).rejects.toEqual(
        code('FILE_NOT_REGULAR'),
      );
    },
  );

  it.skipIf(process.platform === 'win32')(
    'refuses a path swapped for a named pipe after it was checked, without blocking on open',
    { timeout: 5_000 },
    async () => {
      const pipe = join(dir, 'swapped.txt');
      execFileSync('mkfifo', [pipe]);
      // The check saw a small regular file; by the time of the open it is a pipe with no writer.
      const fs = { ...nodeFilesFs, stat: async () => ({ size: 10, isFile: () => true }) };
      await expect(readFileLimited(pipe, { fs })).rejects.toEqual(code('FILE_NOT_REGULAR'));
    },
  );
});
