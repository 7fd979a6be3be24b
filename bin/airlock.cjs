#!/usr/bin/env node
// The `airlock` command: loads the bundled CLI (built by `npm run build:main`).
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'cli.mjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('airlock: the CLI is not built yet; run `npm run build:main` first.\n');
  process.exit(2);
}
import(pathToFileURL(cli).href).catch((error) => {
  process.stderr.write(`airlock: ${error && error.message ? error.message : String(error)}\n`);
  process.exit(1);
});
