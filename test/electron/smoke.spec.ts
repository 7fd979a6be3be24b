// The desktop app, launched for real: a window opens, a workspace is created, the app closes.
// Runs wherever Electron's binary is installed; elsewhere it is reported as skipped, with why.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { ELECTRON_MISSING_REASON, electronBinary } from './electron-binary.ts';

const binary = electronBinary();

test.describe('desktop smoke test', () => {
  test.skip(binary === undefined, ELECTRON_MISSING_REASON);

  test('launches, creates a site workspace, and closes', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'airlock-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: ['.', `--user-data-dir=${userData}`],
      env: { ...process.env, AIRLOCK_USER_DATA: userData },
    });
    const window = await app.firstWindow();
    await expect(window).toHaveTitle(/Airlock/);
    // Isolated and sandboxed: the page sees neither Node nor Electron, only window.api.
    const exposed = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: typeof (globalThis as { api?: unknown }).api,
    }));
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined', api: 'object' });
    const created = await window.evaluate(() =>
      (window as unknown as { api: Record<string, (r: unknown) => Promise<{ ok: boolean }>> }).api[
        'workspace.create'
      ]!({
        kind: 'site',
        name: 'Smoke test site',
      }),
    );
    expect(created.ok).toBe(true);
    await app.close();
  });
});
