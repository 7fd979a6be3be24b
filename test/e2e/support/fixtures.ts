// The e2e harness: the built renderer in Chromium, with `window.api` defined exactly as the preload
// defines it, each call going through `page.exposeBinding` to the real IPC router in this Node
// process. A fresh data directory and a fresh "drive" (a temporary folder) per test, and main's
// clock, which a test may move forward (days passing between trips), never back.
import { test as base, expect, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAppServices, memoryClipboard } from '../../../electron/app-services.ts';
import { createRouter } from '../../../electron/ipc/router.ts';
import { CHANNEL_NAMES } from '../../../shared/ipc/channels.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const DIST = resolve(import.meta.dirname, '../../../dist/renderer');

export interface Airlock {
  page: Page;
  dataDir: string;
  driveDir: string;
  clipboard: { text: string };
  /** Moves main's clock forward, as if days passed (the wall clock plus an offset). */
  advanceClock(ms: number): void;
  /** Loads the app (again, e.g. after a reload) and waits for the shell. */
  open(): Promise<void>;
  /** Page errors and console errors seen so far. */
  problems: string[];
  /** Calls the router directly — for seeding screens in a11y/screenshot tests, never for flows. */
  invoke<T = unknown>(channel: string, payload: unknown): Promise<T>;
}

export const test = base.extend<{ airlock: Airlock }, { server: StaticServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern.
    async ({}, use) => {
      if (!existsSync(join(DIST, 'index.html'))) {
        throw new Error(
          'Build the renderer first: npx vite build --config renderer/vite.config.ts',
        );
      }
      const server = await startStaticServer(DIST);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  airlock: async ({ page, server }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'airlock-e2e-data-'));
    const driveDir = await mkdtemp(join(tmpdir(), 'airlock-e2e-drive-'));
    const clipboard = memoryClipboard();
    let clockOffset = 0;
    const services = createAppServices({
      dataDir,
      extraDrives: [driveDir],
      clipboard,
      appVersion: 'e2e',
      ports: { clock: { now: () => Date.now() + clockOffset } },
    });
    const router = createRouter(services, {
      onInternalError: (error) => problems.push(`internal: ${String(error)}`),
    });
    const problems: string[] = [];

    await page.exposeBinding('__airlockInvoke', (_source, channel: string, payload: unknown) =>
      router.invoke(channel, payload),
    );
    // The same shape the preload exposes: one function per channel plus the menu subscription.
    await page.addInitScript(
      (channels: readonly string[]) => {
        type Invoke = (channel: string, payload: unknown) => Promise<unknown>;
        const target = window as unknown as { __airlockInvoke: Invoke; api?: unknown };
        const api: Record<string, unknown> = {};
        for (const channel of channels) {
          api[channel] = (request: unknown) => target.__airlockInvoke(channel, request);
        }
        api.onMenuCommand = () => () => {};
        Object.defineProperty(window, 'api', { value: Object.freeze(api), configurable: false });
      },
      [...CHANNEL_NAMES],
    );

    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });

    const airlock: Airlock = {
      page,
      dataDir,
      driveDir,
      clipboard,
      advanceClock(ms: number) {
        if (ms < 0) throw new Error('the clock only moves forward');
        clockOffset += ms;
      },
      problems,
      async invoke<T>(channel: string, payload: unknown): Promise<T> {
        const result = await router.invoke(channel, payload);
        if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
        return result.value as T;
      },
      async open() {
        await page.goto(server.url);
        await expect(
          page.getByRole('navigation', { name: /workspaces|ワークスペース|工作区/i }),
        ).toBeVisible();
      },
    };
    await airlock.open();
    await use(airlock);
    expect(problems, 'no page or console errors').toEqual([]);
    await rm(dataDir, { recursive: true, force: true });
    await rm(driveDir, { recursive: true, force: true });
  },
});

export { expect };
