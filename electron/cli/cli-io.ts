// The CLI's contract with the shell: one JSON object or plain text on stdout, messages on stderr,
// exit 0 done, 1 refused by the domain, 2 usage error.

import { access, constants, stat, statfs } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { IpcResult } from '../../shared/ipc/contract.ts';
import type { ErrorDto } from '../../shared/ipc/dto.ts';
import { DomainError } from '../../shared/errors.ts';
import { type ReadTransfer, readTransferFile } from '../../shared/transfer/transfer-file.ts';
import type { CodeKind } from '../../shared/codes/classify.ts';
import type { Hasher } from '../../shared/ports.ts';
import {
  nameTaken,
  nodeFilesFs,
  readFileLimited,
  safeFileName,
  writeFileAtomic,
} from '../services/files.ts';
import { errorDto } from '../services/error-message.ts';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** Errors that mean "you called it wrong", not "the domain said no". */
const USAGE_CODES = new Set([
  'IPC_INVALID_REQUEST',
  'USAGE',
  'WORKSPACE_AMBIGUOUS',
  'PASSPHRASE_REQUIRED',
  'CLI_NOT_A_COUNT',
  'CLI_DATA_DIR',
]);

export class CliFailure extends Error {
  constructor(readonly error: ErrorDto) {
    super(error.message);
  }
  get exitCode(): number {
    return USAGE_CODES.has(this.error.code) ? EXIT_USAGE : EXIT_REFUSED;
  }
}

export function usage(message: string, code = 'USAGE'): CliFailure {
  return new CliFailure({ code, message, facts: {} });
}

const PLAIN_DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * A count or level from the command line, in plain decimal digits only: `Number()` would also
 * take `0x10` (16), `1e1`, `+5`, ` 5` or `0b11`, and a script's typo must not reserve 16 licenses.
 * Throws CLI_NOT_A_COUNT {option, value} (a usage error).
 */
export function decimalCount(option: string, value: string): number {
  const count = Number(value);
  if (!PLAIN_DECIMAL.test(value) || !Number.isSafeInteger(count))
    throw new DomainError('CLI_NOT_A_COUNT', { option, value: value.slice(0, 80) });
  return count;
}

/** A moment as the command line prints it: `2026-12-04 21:43:18 UTC`. */
export const when = (ms: number): string =>
  new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

/** The value of an IPC result, or a CliFailure carrying its error. */
export function valueOf<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new CliFailure(result.error);
}

/** `CODE|@FILE`: a code inline, or read from a file (a transfer file with one such code, or plain). */
export async function readCodeArgument(
  argument: string,
  kind: CodeKind,
  hasher: Hasher,
): Promise<string> {
  if (!argument.startsWith('@')) return argument;
  const path = resolve(argument.slice(1));
  const entries = (await readCodesFile(path, hasher)).file.entries.filter((e) => e.kind === kind);
  if (entries.length !== 1)
    throw new DomainError('CLI_FILE_CODE_COUNT', { path, kind, found: entries.length });
  return entries[0]!.code;
}

/** A transfer file or a plain file of one code, read; an empty one is named. */
export async function readCodesFile(path: string, hasher: Hasher): Promise<ReadTransfer> {
  const text = await readFileLimited(path);
  try {
    return readTransferFile(text, hasher);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'TRANSFER_FILE_EMPTY')
      throw new DomainError('TRANSFER_FILE_EMPTY', { path });
    throw error;
  }
}

/** Anything at all under that name — a symlink too, even one pointing nowhere — means taken. */
async function refuseTaken(path: string): Promise<void> {
  const taken = await nodeFilesFs.lstat(path).then(
    () => true,
    () => false,
  );
  if (taken) throw await nameTaken(nodeFilesFs, path);
}

/**
 * `--out FILE`, checked before the command changes anything: the operator's own path (relative to
 * the working folder, `..` and all), whose last part is a safe file name not taken yet (by a file,
 * a folder or a symlink: FILE_EXISTS, FILE_IS_SYMLINK), in a folder that exists, can be written
 * and is not full. Returns the absolute path.
 */
export async function checkOut(path: string): Promise<string> {
  const full = resolve(path);
  safeFileName(basename(full));
  await refuseTaken(full);
  const folder = dirname(full);
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) throw new DomainError('CLI_OUT_DIRECTORY_MISSING', { path: folder });
  await access(folder, constants.W_OK).catch(() => {
    throw new DomainError('DRIVE_READ_ONLY', { path: folder });
  });
  const space = await statfs(folder).catch(() => undefined);
  // A file system with no blocks at all (/proc) is not full: writing there fails on its own.
  if (space && space.blocks > 0 && space.bavail === 0)
    throw new DomainError('DRIVE_FULL', { path: full, freeBytes: 0 });
  return full;
}

/**
 * `--out FILE`: the code as a plain text file (as CSSM's "Download as File") under exactly that
 * name; never overwrites, never follows a symlink, never falls back to `name (2).txt`.
 */
export async function writeOut(path: string, code: string): Promise<string> {
  const full = resolve(path);
  await refuseTaken(full);
  const written = await writeFileAtomic(dirname(full), basename(full), `${code}\n`, {
    exactName: true,
  });
  return written.path;
}

export function toFailure(error: unknown): CliFailure {
  if (error instanceof CliFailure) return error;
  if (error instanceof DomainError) return new CliFailure(errorDto(error.code, error.facts));
  throw error;
}
