// Bundles the main process and preload (CommonJS, as Electron's sandboxed preload requires) and the
// CLI (ESM, runs under plain Node) with esbuild into dist/.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  // better-sqlite3 is a native module: loaded from node_modules (rebuilt for Electron by
  // electron-builder), never bundled.
  external: ['electron', 'better-sqlite3'],
  // What the app and `airlock --version` say they are.
  define: { AIRLOCK_VERSION: JSON.stringify(version) },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/main.cjs',
    format: 'cjs',
    // file-check.ts reads import.meta.url only where __filename is missing (ESM, under tsx):
    // in this CommonJS bundle __filename is there, so the empty import.meta is never read.
    logOverride: { 'empty-import-meta': 'silent' },
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/preload.cjs',
    format: 'cjs',
  }),
  build({
    ...common,
    entryPoints: ['electron/cli/entry.ts'],
    outfile: 'dist/cli.mjs',
    format: 'esm',
    // Bundled CommonJS dependencies still call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire as __airlockRequire } from 'node:module'; const require = __airlockRequire(import.meta.url);",
    },
  }),
]);
