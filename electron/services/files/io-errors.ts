// Turns the errno of a failed file operation into the few stable codes the user can act on.

import { DomainError } from '../../../shared/errors.ts';

export function errnoOf(error: unknown): string | undefined {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

const FULL = new Set(['ENOSPC', 'EDQUOT']);
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);
// While writing, files are created exclusively in a directory we were given, so ENOENT means the
// directory (the drive) is gone. ENODEV/ENXIO/EIO are what a pulled stick gives mid-operation.
const REMOVED = new Set(['ENOENT', 'ENODEV', 'ENXIO', 'EIO']);

export interface WriteContext {
  path: string;
  neededBytes: number;
  /** Asked only when the drive turned out full, to say how much room there was. */
  freeBytes: () => Promise<number | undefined>;
}

export async function writeFailure(error: unknown, context: WriteContext): Promise<DomainError> {
  if (error instanceof DomainError) return error;
  const errno = errnoOf(error);
  const { path, neededBytes } = context;
  if (errno && FULL.has(errno)) {
    return new DomainError('DRIVE_FULL', {
      path,
      neededBytes,
      freeBytes: await context.freeBytes(),
    });
  }
  if (errno && READ_ONLY.has(errno)) return new DomainError('DRIVE_READ_ONLY', { path });
  if (errno && REMOVED.has(errno)) return new DomainError('DRIVE_REMOVED', { path });
  return new DomainError('FILE_WRITE_FAILED', { path, errno: errno ?? 'UNKNOWN' });
}

/** ENOENT is split by the caller into FILE_NOT_FOUND and DRIVE_REMOVED (its folder is gone too). */
export function readFailure(error: unknown, path: string): DomainError {
  if (error instanceof DomainError) return error;
  const errno = errnoOf(error);
  if (errno === 'ENOENT' || errno === 'ENOTDIR') return new DomainError('FILE_NOT_FOUND', { path });
  if (errno === 'EISDIR') return new DomainError('FILE_NOT_REGULAR', { path });
  if (errno === 'EACCES' || errno === 'EPERM') return new DomainError('FILE_READ_DENIED', { path });
  if (errno && REMOVED.has(errno)) return new DomainError('DRIVE_REMOVED', { path });
  return new DomainError('FILE_READ_FAILED', { path, errno: errno ?? 'UNKNOWN' });
}
