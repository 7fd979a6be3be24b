// Where the CLI finds the data: --data, else AIRLOCK_DATA, else the desktop app's user-data folder.

import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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
 * What a command does with a data folder that is not there yet: `make` it (a command that starts a
 * workspace, and those that need none, such as `inspect`, where the preferences may go), or
 * refuse (`find`: every command that needs a workspace — a mistyped `--data` leaves nothing
 * behind).
 */
export type DataDirUse = 'make' | 'find';

/**
 * The data folder as given, once it is one: an empty name or a file (`--data /dev/null`) is a
 * usage error, not a failed attempt to make a folder there; a folder that cannot be made says why.
 */
export function usableDataDir(dir: string, use: DataDirUse = 'make'): string {
  if (dir.trim() === '') throw new DomainError('CLI_DATA_DIR', {});
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    // Not there yet, or not reachable: made below, or refused.
  }
  if (stat && !stat.isDirectory()) throw new DomainError('CLI_DATA_DIR', { path: dir });
  if (stat) {
    // Another user's folder: named as such, not read as an empty one or failed on half-way.
    try {
      accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
    } catch (error) {
      const problem = (error as NodeJS.ErrnoException).code ?? 'ERROR';
      throw new DomainError('CLI_DATA_DIR', { reason: 'no-access', path: dir, problem });
    }
    return dir;
  }
  if (use === 'find') throw new DomainError('CLI_DATA_DIR', { reason: 'missing', path: dir });
  makeFolders(dir);
  return dir;
}

/**
 * Makes `dir` one folder at a time from its nearest existing ancestor. (A recursive mkdir loops
 * forever where the system can hold no folder at all, under /proc; one step at a time fails at
 * once, with the reason.)
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  try {
    for (const folder of missing) mkdirSync(folder);
  } catch (error) {
    const problem = (error as NodeJS.ErrnoException).code ?? 'ERROR';
    throw new DomainError('CLI_DATA_DIR', { reason: 'cannot-make', path: dir, problem });
  }
}
