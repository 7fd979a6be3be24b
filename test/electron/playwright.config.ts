// The desktop smoke test's own Playwright run (Electron, not Chromium).
import { defineConfig } from '@playwright/test';
import { ELECTRON_MISSING_REASON, electronBinary } from './electron-binary.ts';

if (electronBinary() === undefined) {
  console.log(`\nDesktop smoke test SKIPPED: ${ELECTRON_MISSING_REASON}\n`);
}

export default defineConfig({
  testDir: '.',
  testMatch: 'smoke.spec.ts',
  workers: 1,
  reporter: [['list']],
  timeout: 60_000,
  outputDir: '../../test-results/electron',
});
