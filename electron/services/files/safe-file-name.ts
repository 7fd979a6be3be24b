// Guards file names that come from the UI, IPC or a code's contents before they touch a disk.

import { hasUnshowableCharacter } from '../../../shared/text/unshowable.ts';
import { dirname, posix, resolve, win32 } from 'node:path';
import { DomainError } from '../../../shared/errors.ts';

/** Leaves room for ` (999)` and the temp-file affixes under the 255-byte limit of every filesystem. */
export const MAX_FILE_NAME_BYTES = 200;

// Windows refuses these in names; the files must open on whichever OS is on the other side.
const RESERVED_CHARACTER = /[<>:"|?*]/;
// Device names Windows reserves with any extension (`CON.txt` opens the console).
const RESERVED_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
const LONE_SURROGATE = /\p{Cs}/u;

function refuse(name: string, reason: string): never {
  throw new DomainError('FILE_NAME_UNSAFE', { name, reason });
}

/**
 * Returns the name (in NFC, as Windows and Linux store it) if it is one plain file name on every
 * OS; otherwise throws FILE_NAME_UNSAFE {name, reason}. Letters of any script are fine.
 */
export function safeFileName(name: string): string {
  if (typeof name !== 'string' || name.length === 0) refuse(String(name), 'empty');
  if (LONE_SURROGATE.test(name)) refuse(name, 'invalid-unicode');
  if (hasUnshowableCharacter(name)) refuse(name, 'control-character');
  if (posix.isAbsolute(name) || win32.isAbsolute(name) || /^[A-Za-z]:/.test(name)) {
    refuse(name, 'absolute-path');
  }
  if (name.split(/[/\\]/).some((segment) => segment === '..')) refuse(name, 'parent-directory');
  if (/[/\\]/.test(name)) refuse(name, 'path-separator');
  if (name === '.') refuse(name, 'dot-segment');
  if (RESERVED_CHARACTER.test(name)) refuse(name, 'reserved-character');
  if (/[. ]$/.test(name)) refuse(name, 'trailing-dot-or-space');
  const stem = name.split('.')[0] ?? name;
  if (RESERVED_NAME.test(stem.trimEnd())) refuse(name, 'reserved-name');
  const normalised = name.normalize('NFC');
  if (new TextEncoder().encode(normalised).byteLength > MAX_FILE_NAME_BYTES)
    refuse(name, 'too-long');
  return normalised;
}

/**
 * The absolute path of one file directly inside baseDir, for names from the UI or IPC. Throws
 * FILE_NAME_UNSAFE for anything else. Lexical only: a symlink placed inside baseDir is not followed
 * here (writes never follow one: they create files exclusively).
 */
export function resolveInside(baseDir: string, relativeName: string): string {
  const name = safeFileName(relativeName);
  const base = resolve(baseDir);
  const full = resolve(base, name);
  // Belt and braces: safeFileName already allows no separator or `..`.
  if (dirname(full) !== base) refuse(relativeName, 'outside-base');
  return full;
}
