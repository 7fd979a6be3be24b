// `npm start`: launches the built app in Electron, or says clearly why it cannot.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electron;
try {
  electron = require('electron'); // the package's main export is the binary's path
} catch (error) {
  console.error(`Airlock: the Electron binary is not installed (${error.message}).`);
  console.error(
    'On a workstation with internet access, run `npm ci` again (it downloads Electron) and retry.',
  );
  process.exit(1);
}
const child = spawn(electron, ['.', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: process.env,
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
child.on('error', (error) => {
  console.error(`Airlock: could not start Electron: ${error.message}`);
  console.error(
    'The Electron binary may be missing (it is downloaded on first use); run `npx electron --version` to fetch it.',
  );
  process.exit(1);
});
