// Builds the renderer into dist/renderer, loadable from disk (relative base) by the Electron shell.
import { svelte } from '@sveltejs/vite-plugin-svelte';
// This file is build configuration run by Node, not renderer code; the Node ban does not apply.
// eslint-disable-next-line no-restricted-imports
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
  },
  server: { port: 5173, strictPort: true },
});
