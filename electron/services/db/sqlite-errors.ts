// What SQLite's failures mean to an operator: each becomes a DomainError with a stable code.

import { DomainError } from '../../../shared/errors.ts';

/** better-sqlite3's SqliteError carries SQLite's extended result code as `code`. */
function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/**
 * The DomainError an SQLite failure on the workspace at `path` stands for, or the error itself
 * when it is not SQLite's (a domain refusal, a bug). Busy, full, damaged, read-only and
 * vanished files each get their own code; everything else is a failed write.
 */
export function storeFailure(error: unknown, path: string, workspace?: string): unknown {
  const code = sqliteCode(error);
  if (!code) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED')
    return new DomainError('WORKSPACE_BUSY', { workspace: workspace ?? path });
  if (code === 'SQLITE_FULL') return new DomainError('STORE_DISK_FULL', { path });
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB')
    return new DomainError('STORE_DAMAGED', { path, problem: message.slice(0, 200) });
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_'))
    return new DomainError('STORE_READ_ONLY', { path });
  // A table or column of the schema gone: the file was edited by hand, not used by a version.
  if (code === 'SQLITE_ERROR' && /^no such (table|column)/.test(message))
    return new DomainError('STORE_DAMAGED', { path, problem: message.slice(0, 200) });
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN_'))
    return new DomainError('STORE_CANNOT_OPEN', { path, problem: message.slice(0, 200) });
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_'))
    return new DomainError('STORE_WRITE_FAILED', { path, errno: code });
  return error;
}
