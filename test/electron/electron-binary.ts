// Where Electron's binary is, without triggering its download-on-first-use: undefined when absent.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function electronBinary(): string | undefined {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = override ? join(override, relative) : join(packageDir, 'dist', relative);
  return existsSync(binary) ? binary : undefined;
}

export const ELECTRON_MISSING_REASON =
  "Electron's binary is not installed on this machine (node_modules/electron has no dist/; its download-on-first-use cannot reach the internet), so the desktop smoke test cannot launch the app.";
