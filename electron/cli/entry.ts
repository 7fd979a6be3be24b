// The process entry of the `airlock` command (bundled to dist/cli.mjs).

import { internalErrorReport, newErrorReference } from '../services/internal-error.ts';
import { runCli } from './main.ts';

runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  ...(process.stderr.isTTY ? { progress: process.stderr } : {}),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(internalErrorReport(newErrorReference(), 'the command line', error));
    process.exitCode = 1;
  },
);
