// Where the CLI finds the data: --data, else AIRLOCK_DATA, else the desktop app's user-data folder.

import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '../../shared/errors.ts';

/** The folder Electron's app.getPath('userData') gives for product name "Airlock". */
export function appUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Airlock');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Airlock');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Airlock');
}

export function resolveDataDir(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return option ?? env.AIRLOCK_DATA ?? appUserDataDir(process.platform, env);
}

/**
 * The data folder as given, once it is one: an empty name or a file (`--data /dev/null`) is a
 * usage error, not a failed attempt to make a folder there. A folder that does not exist yet is
 * made when it is first used.
 */
export function usableDataDir(dir: string): string {
  if (dir.trim() === '') throw new DomainError('CLI_DATA_DIR', {});
  let isFolder = true;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    // Not there yet (made on first use), or not reachable: the services say which.
  }
  if (!isFolder) throw new DomainError('CLI_DATA_DIR', { path: dir });
  return dir;
}
