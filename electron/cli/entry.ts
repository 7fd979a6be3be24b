// The process entry of the `airlock` command (bundled to dist/cli.mjs).

import { internalErrorReport, newErrorReference } from '../services/internal-error.ts';
import { runCli } from './main.ts';

// The output is written once the command's work is committed. A reader that stops early
// (`airlock audit list | head`) is no failure of the command; output that cannot be written
// (stdout on a full disk) is, and says so.
let outputLost = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') return;
  outputLost = true;
  process.stderr.write(
    `airlock: the output could not be written (${error.code ?? error.message}).\n`,
  );
  process.exitCode = 1;
});
process.stderr.on('error', () => undefined);

runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  ...(process.stderr.isTTY ? { progress: process.stderr } : {}),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = outputLost ? 1 : code;
  },
  (error: unknown) => {
    process.stderr.write(internalErrorReport(newErrorReference(), 'the command line', error));
    process.exitCode = 1;
  },
);
