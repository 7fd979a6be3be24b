// Writes a code file onto a drive so that it appears whole or not at all and never replaces a file.

import { basename, join } from 'node:path';
import { DomainError } from '../../../shared/errors.ts';
import { sweepTemporaryFiles, tempPathFor } from '../durable-write.ts';
import { type FilesFs, nodeFilesFs } from './files-fs.ts';
import { errnoOf, writeFailure } from './io-errors.ts';
import { safeFileName } from './safe-file-name.ts';

export interface WriteFileAtomicOptions {
  fs?: FilesFs;
  platform?: NodeJS.Platform;
  /** Refuse early with DRIVE_FULL when statfs says the file cannot fit (default true). */
  checkFreeSpace?: boolean;
  /**
   * The caller asked for exactly this name (the CLI's `--out`): when it is taken — by a file, a
   * folder or a symlink, dangling or not — refuse (FILE_EXISTS, FILE_IS_SYMLINK) instead of
   * writing `name (2).ext` where nobody will look for it.
   */
  exactName?: boolean;
}

export interface WrittenFile {
  path: string;
  /** The name actually used: `name (2).ext` when `name` was taken. */
  name: string;
  bytes: number;
}

const MAX_COPIES = 999;
// Where hard links do not exist (FAT32 and exFAT, the usual formats of USB sticks and SD cards),
// link fails with one of these (EISDIR is how libuv reports ERROR_INVALID_FUNCTION on Windows).
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EISDIR', 'EINVAL']);
// Filesystems and OSes that cannot fsync a directory say so with these; that is not a failure.
const NO_DIRECTORY_SYNC = new Set([
  'EISDIR',
  'EINVAL',
  'ENOTSUP',
  'EOPNOTSUPP',
  'EPERM',
  'EACCES',
  'EBADF',
]);

/** `name`, `name (2).ext`, `name (3).ext`, … — the way file managers name a second copy. */
export function* candidateNames(name: string): Generator<string> {
  yield name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let copy = 2; copy <= MAX_COPIES; copy += 1) yield `${stem} (${copy})${ext}`;
}

interface Progress {
  tempCreated: boolean;
  /** A final path this call created; removed again if a later step fails. */
  claimed?: string;
}

async function writeTemp(
  fs: FilesFs,
  temp: string,
  data: Uint8Array,
  progress: Progress,
): Promise<void> {
  // 'wx': exclusive create, never follows or reuses an existing file or symlink.
  const handle = await fs.open(temp, 'wx', 0o644);
  progress.tempCreated = true;
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  await handle.close();
}

/**
 * Moves the temp file to the first free candidate name without ever replacing a file.
 * Preferred: link(temp, final) fails with EEXIST instead of overwriting, and the final name shows the
 * complete, synced file at once. Where hard links are unsupported: claim the name by creating an
 * empty file exclusively, then rename the temp file over that placeholder — rename only ever replaces
 * our own placeholder. A crash between the two steps can leave an empty file under the final name;
 * never a half-written one, never a lost one.
 */
async function placeWithoutOverwriting(
  fs: FilesFs,
  dir: string,
  name: string,
  temp: string,
  progress: Progress,
  exactName: boolean,
): Promise<string> {
  let hardLinks = true;
  for (const candidate of exactName ? [name] : candidateNames(name)) {
    const path = join(dir, candidate);
    if (hardLinks) {
      try {
        await fs.link(temp, path);
        progress.claimed = path;
        await fs.unlink(temp);
        progress.tempCreated = false;
        return path;
      } catch (error) {
        if (progress.claimed) throw error;
        const errno = errnoOf(error);
        if (errno === 'EEXIST') continue;
        if (!errno || !NO_HARD_LINKS.has(errno)) throw error;
        hardLinks = false;
      }
    }
    try {
      await (await fs.open(path, 'wx', 0o644)).close();
    } catch (error) {
      if (errnoOf(error) === 'EEXIST') continue;
      throw error;
    }
    progress.claimed = path;
    await fs.rename(temp, path);
    progress.tempCreated = false;
    return path;
  }
  if (exactName) throw await nameTaken(fs, join(dir, name));
  throw new DomainError('FILE_NAMES_EXHAUSTED', { path: join(dir, name), tried: MAX_COPIES });
}

/** What holds a name that was asked for exactly: a symlink is named as one (it may dangle). */
export async function nameTaken(fs: FilesFs, path: string): Promise<DomainError> {
  const info = await fs.lstat(path).catch(() => undefined);
  if (info?.isSymbolicLink()) return new DomainError('FILE_IS_SYMLINK', { path });
  if (info?.isDirectory()) return new DomainError('FILE_EXISTS', { path, reason: 'folder' });
  return new DomainError('FILE_EXISTS', { path });
}

/** Makes the new directory entry durable; Windows cannot open a directory to sync it. */
async function syncDirectory(fs: FilesFs, dir: string, platform: NodeJS.Platform): Promise<void> {
  if (platform === 'win32') return;
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close().catch(() => undefined);
    }
  } catch (error) {
    const errno = errnoOf(error);
    if (!errno || !NO_DIRECTORY_SYNC.has(errno)) throw error;
  }
}

/**
 * Reads the file back and compares every byte. This catches truncation and filesystem-level damage;
 * the read may be served from the OS cache, so it cannot prove the stick's flash holds the bytes.
 */
async function verify(fs: FilesFs, path: string, data: Uint8Array): Promise<void> {
  const back = await fs.readFile(path);
  const view = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const same = back.byteLength === data.byteLength && view(back).equals(view(data));
  if (!same) {
    throw new DomainError('FILE_VERIFY_FAILED', {
      path,
      bytes: data.byteLength,
      readBytes: back.byteLength,
    });
  }
}

async function freeBytesOf(fs: FilesFs, dir: string): Promise<number | undefined> {
  try {
    const { bavail, bsize } = await fs.statfs(dir);
    return bavail * bsize;
  } catch {
    return undefined;
  }
}

/**
 * Writes `content` as `dir/name` (or `name (2).ext`, … when taken): hidden temp file in the same
 * directory, fsync, link or rename into place without replacing anything, directory fsync, read back.
 * On failure the temp file and any name this call claimed are removed; nothing that existed before
 * is touched. Throws FILE_NAME_UNSAFE, DRIVE_FULL, DRIVE_READ_ONLY, DRIVE_REMOVED,
 * FILE_VERIFY_FAILED, FILE_NAMES_EXHAUSTED or FILE_WRITE_FAILED; with `exactName`, FILE_EXISTS or
 * FILE_IS_SYMLINK instead of another name.
 */
export async function writeFileAtomic(
  dir: string,
  name: string,
  content: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<WrittenFile> {
  const fs = options.fs ?? nodeFilesFs;
  const fileName = safeFileName(name);
  const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const target = join(dir, fileName);
  const context = {
    path: target,
    neededBytes: data.byteLength,
    freeBytes: () => freeBytesOf(fs, dir),
  };

  if (options.checkFreeSpace !== false) {
    const stats = await fs.statfs(dir).catch(() => undefined);
    // Whole blocks: a 10-byte file still takes one. Unknown free space: let the write decide.
    const needed = stats ? Math.ceil(data.byteLength / stats.bsize) * stats.bsize : 0;
    if (stats && stats.bavail * stats.bsize < needed) {
      throw new DomainError('DRIVE_FULL', {
        path: target,
        neededBytes: data.byteLength,
        freeBytes: stats.bavail * stats.bsize,
      });
    }
  }

  // Named for this process (tempPathFor): what a writer killed before its rename left here is
  // swept by the next write into the same folder, not left holding codes nobody will carry.
  if (!options.fs) sweepTemporaryFiles(dir);
  const temp = tempPathFor(target);
  const progress: Progress = { tempCreated: false };
  try {
    await writeTemp(fs, temp, data, progress);
    const path = await placeWithoutOverwriting(
      fs,
      dir,
      fileName,
      temp,
      progress,
      options.exactName === true,
    );
    await syncDirectory(fs, dir, options.platform ?? process.platform);
    await verify(fs, path, data);
    return { path, name: basename(path), bytes: data.byteLength };
  } catch (error) {
    if (progress.tempCreated) await fs.unlink(temp).catch(() => undefined);
    if (progress.claimed) await fs.unlink(progress.claimed).catch(() => undefined);
    throw await writeFailure(error, context);
  }
}
