// Reads a code file from a drive as UTF-8 text, refusing oversized, binary or non-UTF-8 files.

import { constants } from 'node:fs';
import { dirname } from 'node:path';
import { DomainError } from '../../../shared/errors.ts';
import { type FileHandlePort, type FilesFs, nodeFilesFs } from './files-fs.ts';
import { readFailure } from './io-errors.ts';
import { decodeUtf8 } from './utf8.ts';

export const DEFAULT_MAX_READ_BYTES = 64 * 1024 * 1024;

// Non-blocking open: if the path became a FIFO after the check below, open returns at once (and the
// check on the open file refuses it) instead of waiting for a writer with the process stuck in a
// system call, deaf to its own SIGTERM handlers. Regular files read the same either way.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export interface ReadFileLimitedOptions {
  maxBytes?: number;
  fs?: FilesFs;
}

/** A missing file on a missing folder is a pulled drive, not a typo. */
async function notFoundOrRemoved(
  fs: FilesFs,
  error: DomainError,
  path: string,
): Promise<DomainError> {
  if (error.code !== 'FILE_NOT_FOUND') return error;
  const folderThere = await fs.lstat(dirname(path)).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  return folderThere ? error : new DomainError('DRIVE_REMOVED', { path });
}

/** Only regular files within the limit; a FIFO or device has no size to check and may never end. */
function checkReadable(
  stats: { size: number; isFile(): boolean },
  path: string,
  maxBytes: number,
): void {
  if (!stats.isFile()) throw new DomainError('FILE_NOT_REGULAR', { path });
  if (stats.size > maxBytes) {
    throw new DomainError('FILE_TOO_LARGE', { path, bytes: stats.size, maxBytes });
  }
}

async function readAll(
  handle: FileHandlePort,
  path: string,
  maxBytes: number,
): Promise<Uint8Array> {
  // Again on the open file: the path may have been swapped since it was checked.
  const stats = await handle.stat();
  checkReadable(stats, path, maxBytes);
  // Never more than the size checked above: a file that grows meanwhile cannot get past the limit.
  const buffer = new Uint8Array(stats.size);
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

function textOf(bytes: Uint8Array, path: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    throw new DomainError('FILE_NOT_UTF8', { path, offset: 0, encoding: 'utf-16le' });
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    throw new DomainError('FILE_NOT_UTF8', { path, offset: 0, encoding: 'utf-16be' });
  }
  // Notepad and many Windows tools start UTF-8 files with a byte-order mark.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const decoded = decodeUtf8(bytes.subarray(bom));
  if (!decoded.ok) throw new DomainError('FILE_NOT_UTF8', { path, offset: decoded.offset + bom });
  return decoded.text;
}

/**
 * The file's text, BOM removed. Throws FILE_TOO_LARGE (before reading), FILE_NOT_UTF8 {offset},
 * FILE_NOT_FOUND, FILE_NOT_REGULAR, FILE_READ_DENIED, DRIVE_REMOVED or FILE_READ_FAILED.
 */
export async function readFileLimited(
  path: string,
  options: ReadFileLimitedOptions = {},
): Promise<string> {
  const fs = options.fs ?? nodeFilesFs;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
  let bytes: Uint8Array;
  try {
    // Checked before opening: opening a FIFO for reading would block until someone writes to it.
    checkReadable(await fs.stat(path), path, maxBytes);
    const handle = await fs.open(path, READ_FLAGS);
    try {
      bytes = await readAll(handle, path, maxBytes);
    } finally {
      await handle.close().catch(() => undefined);
    }
  } catch (error) {
    throw await notFoundOrRemoved(fs, readFailure(error, path), path);
  }
  return textOf(bytes, path);
}
