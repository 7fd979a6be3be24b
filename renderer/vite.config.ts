// Builds the renderer into dist/renderer, loadable from disk (relative base) by the Electron shell.
import { svelte } from '@sveltejs/vite-plugin-svelte';
// This file is build configuration run by Node, not renderer code; the Node ban does not apply.
// eslint-disable-next-line no-restricted-imports
import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * `npm run dev` only: Vite's dev server puts each module's CSS in a <style> element, which the
 * page's policy (`style-src 'self'`, see electron/security.ts) refuses; the built renderer needs
 * no inline style, so only the served page allows it (as DEV_STYLE_SOURCE does for the header).
 */
export const devInlineStyles: Plugin = {
  name: 'airlock-dev-inline-styles',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';"),
};

export default defineConfig({
  root,
  base: './',
  plugins: [svelte(), devInlineStyles],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
  },
  server: { port: 5173, strictPort: true },
});
