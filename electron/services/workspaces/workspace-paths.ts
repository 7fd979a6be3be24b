// Where a workspace's files live inside the data directory.

import { join } from 'node:path';

export const WORKSPACES_DIR = 'workspaces';
export const DELETED_DIR = 'deleted';

export function workspaceDir(dataDir: string, id: string): string {
  return join(dataDir, WORKSPACES_DIR, id);
}

export const STORE_NAME = 'workspace';
export const META_FILE = 'meta.json';
export const AUDIT_FILE = 'audit.jsonl';
export const KEY_FILE = 'authority-key.json';
export const PASSPHRASE_FILE = 'passphrase.bin';
