// `--passphrase-file FILE`: a small regular file holding the authority passphrase, read with the
// same bounded reader as codes, and a warning when other users could read it too.

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DomainError } from '../../shared/errors.ts';
import { errorDto } from '../services/error-message.ts';
import { readFileLimited } from '../services/files.ts';

/** A passphrase is a line of text; a file larger than this is not one. */
export const MAX_PASSPHRASE_FILE_BYTES = 1024;

const REASONS: Record<string, string> = {
  FILE_NOT_FOUND: 'not-found',
  DRIVE_REMOVED: 'not-found',
  FILE_NOT_REGULAR: 'not-regular',
  FILE_TOO_LARGE: 'too-large',
  FILE_NOT_UTF8: 'not-utf8',
  FILE_READ_DENIED: 'denied',
};

function unreadable(path: string, reason: string): DomainError {
  return new DomainError('PASSPHRASE_FILE_UNREADABLE', {
    path,
    reason,
    ...(reason === 'too-large' ? { maxBytes: MAX_PASSPHRASE_FILE_BYTES } : {}),
  });
}

export interface PassphraseFileOptions {
  /** Where the permission warning goes (the CLI's stderr). */
  warn: (text: string) => void;
  platform?: NodeJS.Platform;
}

/**
 * The passphrase in `file`, without its one final line break. Refuses (PASSPHRASE_FILE_UNREADABLE
 * {path, reason}) a missing file, anything but a regular file (a FIFO or `/dev/zero`: checked before
 * it is opened, so nothing blocks or grows), more than 1 KiB, text that is not UTF-8, or no
 * passphrase at all. Warns when the group or others may read it (POSIX mode bits; not on Windows,
 * whose ACLs the mode does not show).
 */
export async function readPassphraseFile(
  file: string,
  options: PassphraseFileOptions,
): Promise<string> {
  const path = resolve(file);
  // Only to look at the mode bits; whether it can be read at all is the reader's to say below.
  const info = await stat(path).catch(() => undefined);
  const posix = (options.platform ?? process.platform) !== 'win32';
  if (info?.isFile() && posix && info.mode & 0o077) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
    options.warn(
      `airlock: warning: ${errorDto('PASSPHRASE_FILE_READABLE', { path, mode }).message}\n`,
    );
  }
  let text: string;
  try {
    text = await readFileLimited(path, { maxBytes: MAX_PASSPHRASE_FILE_BYTES });
  } catch (error) {
    if (error instanceof DomainError) throw unreadable(path, REASONS[error.code] ?? 'read-failed');
    throw error;
  }
  const passphrase = text.replace(/\r?\n$/, '');
  if (passphrase === '') throw unreadable(path, 'empty');
  return passphrase;
}
