// `npm run test:e2e`: the renderer in Debian's Chromium against the real IPC router, then the
// desktop smoke test (which reports itself skipped where Electron's binary is absent). Arguments
// go to Playwright: `npm run test:e2e -- test/e2e/trust.spec.ts` runs that spec alone (and no
// smoke test).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.AIRLOCK_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `End-to-end tests need Chromium at ${chromium}: apt-get install -y chromium fonts-liberation fonts-noto-cjk`,
  );
  process.exit(1);
}

function playwright(config, args = []) {
  const result = spawnSync(
    process.execPath,
    ['node_modules/@playwright/test/cli.js', 'test', '-c', config, ...args],
    { stdio: 'inherit' },
  );
  return result.status ?? 1;
}

const args = process.argv.slice(2);
const e2e = playwright('playwright.config.ts', args);
const smoke = args.length === 0 ? playwright('test/electron/playwright.config.ts') : 0;
process.exit(e2e || smoke);
