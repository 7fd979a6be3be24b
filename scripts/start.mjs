// `npm start`: launches the built app in Electron, or says clearly why it cannot.
//
// Electron fetches its binary the first time it is started (its package has no install step).
// That is done here first, with its output held back, so that a machine that cannot reach the
// download gets one short explanation instead of a downloader's stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let packageDir;
try {
  packageDir = dirname(require.resolve('electron/package.json'));
} catch {
  console.error('Airlock: Electron is not installed here. Run `npm ci` (or `npm install`) first.');
  process.exit(1);
}
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

function binaryPresent() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(join(packageDir, 'dist', readFileSync(pathFile, 'utf8')));
}

if (!binaryPresent()) {
  console.error(`Airlock: fetching Electron ${version} (the first start only)…`);
  const fetched = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    encoding: 'utf8',
  });
  if (fetched.status !== 0 || !binaryPresent()) {
    const reason = `${fetched.stderr ?? ''}`
      .split('\n')
      .map((line) => line.trim())
      .find((line) => /error/i.test(line) && !line.startsWith('at '));
    console.error(
      [
        `Airlock: Electron ${version} could not be fetched${reason ? ` (${reason})` : ''}.`,
        'The app needs it; the command line (node bin/airlock.cjs) and the tests do not.',
        'Run `npm start` once where the internet can be reached, or point ELECTRON_OVERRIDE_DIST_PATH',
        `at an unpacked Electron ${version} for this platform.`,
      ].join('\n'),
    );
    process.exit(1);
  }
}

const electron = require('electron'); // the package's main export is the binary's path
const child = spawn(electron, ['.', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: process.env,
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
child.on('error', (error) => {
  console.error(`Airlock: could not start Electron: ${error.message}`);
  process.exit(1);
});
