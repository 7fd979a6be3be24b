// Where the CLI finds the data: --data, else AIRLOCK_DATA, else the desktop app's user-data folder.

import { homedir } from 'node:os';
import { join } from 'node:path';

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
