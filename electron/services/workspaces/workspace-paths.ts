// Where a workspace's files live inside the data directory.

import { join } from 'node:path';
import { DomainError } from '../../../shared/errors.ts';

export const WORKSPACES_DIR = 'workspaces';
export const DELETED_DIR = 'deleted';

/** Ids are made here (`a-…`, `s-…`); one arriving over IPC is a name, never a path like `../x`. */
const WORKSPACE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/;

export function workspaceDir(dataDir: string, id: string): string {
  if (!WORKSPACE_ID.test(id))
    throw new DomainError('WORKSPACE_NOT_FOUND', { workspace: String(id).slice(0, 80) });
  return join(dataDir, WORKSPACES_DIR, id);
}

/** The workspace's database: its system of record and its audit log. */
export const DATABASE_FILE = 'workspace.db';
export const META_FILE = 'meta.json';
export const KEY_FILE = 'authority-key.json';
export const PASSPHRASE_FILE = 'passphrase.bin';
