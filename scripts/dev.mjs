// `npm run dev`: the renderer from Vite's dev server with hot reload, main and preload rebuilt on change.
import { spawn } from 'node:child_process';
import { context } from 'esbuild';
import { createServer } from 'vite';

const server = await createServer({ configFile: 'renderer/vite.config.ts' });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? 'http://localhost:5173/';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['electron'],
  logLevel: 'info',
};
for (const [entry, out] of [
  ['electron/main.ts', 'dist/main.cjs'],
  ['electron/preload.ts', 'dist/preload.cjs'],
]) {
  const ctx = await context({ ...common, entryPoints: [entry], outfile: out });
  await ctx.watch();
}

const child = spawn(process.execPath, ['scripts/start.mjs'], {
  stdio: 'inherit',
  env: { ...process.env, AIRLOCK_DEV_SERVER_URL: url },
});
child.on('exit', async (code) => {
  await server.close();
  process.exit(code ?? 0);
});
