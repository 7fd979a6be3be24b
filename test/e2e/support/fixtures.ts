// The e2e harness: the built renderer in Chromium, with `window.api` defined exactly as the preload
// defines it, each call going through `page.exposeBinding` to the real IPC router in this Node
// process. A fresh data directory and a fresh "drive" (a temporary folder) per test, and main's
// clock, which a test may move forward (days passing between trips), never back. As main does,
// the harness polls for workspaces another process changed and tells the page (`onMainEvent`),
// as it tells what the services report (a batch's progress).
import { test as base, expect, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type AppServices,
  createAppServices,
  memoryClipboard,
} from '../../../electron/app-services.ts';
import { createRouter } from '../../../electron/ipc/router.ts';
import { CHANNEL_NAMES } from '../../../shared/ipc/channels.ts';
import type { MainEvent } from '../../../shared/ipc/dto.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const DIST = resolve(import.meta.dirname, '../../../dist/renderer');
/** How often the harness asks whether another process changed an open workspace (main: the same). */
const CHANGE_POLL_MS = 250;
/** A write waits this long for another process before WORKSPACE_BUSY (the app: 10 s). */
export const E2E_BUSY_TIMEOUT_MS = 1500;

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
  /** The services behind the router (closing databases, a workspace's files), never for flows. */
  services: AppServices;
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
      busyTimeoutMs: E2E_BUSY_TIMEOUT_MS,
      ports: { clock: { now: () => Date.now() + clockOffset } },
    });
    const router = createRouter(services, {
      onInternalError: (error) => problems.push(`internal: ${String(error)}`),
    });
    const problems: string[] = [];

    await page.exposeBinding('__airlockInvoke', (_source, channel: string, payload: unknown) =>
      router.invoke(channel, payload),
    );
    // The same shape the preload exposes: one function per channel plus the two subscriptions.
    // Main's events arrive through `__airlockMainEvent`, which the harness calls (see the poll).
    await page.addInitScript(
      (channels: readonly string[]) => {
        type Invoke = (channel: string, payload: unknown) => Promise<unknown>;
        type Listener = (event: unknown) => void;
        const target = window as unknown as { __airlockInvoke: Invoke; api?: unknown };
        const api: Record<string, unknown> = {};
        for (const channel of channels) {
          api[channel] = (request: unknown) => target.__airlockInvoke(channel, request);
        }
        api.onMenuCommand = () => () => {};
        const listeners = new Set<Listener>();
        api.onMainEvent = (listener: Listener) => {
          listeners.add(listener);
          return () => void listeners.delete(listener);
        };
        Object.defineProperty(window, '__airlockMainEvent', {
          value: (event: unknown) => listeners.forEach((listener) => listener(event)),
          configurable: false,
        });
        Object.defineProperty(window, 'api', { value: Object.freeze(api), configurable: false });
      },
      [...CHANNEL_NAMES],
    );
    const tell = (event: MainEvent): void =>
      void page
        .evaluate((e) => {
          const deliver = (window as unknown as { __airlockMainEvent?: (e: unknown) => void })
            .__airlockMainEvent;
          deliver?.(e);
        }, event)
        .catch(() => undefined); // the page is navigating or closed: nothing to tell
    // What the services report (a batch's progress, damage found) reaches the page, as in main.
    const stopEvents = services.onEvent(tell);
    // Main's poll (electron/main.ts): a workspace another process changed is announced.
    const poll = setInterval(() => {
      for (const workspaceId of services.workspaces.changedElsewhere())
        tell({ type: 'workspace-changed', workspaceId });
    }, CHANGE_POLL_MS);

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
      services,
      async open() {
        await page.goto(server.url);
        await expect(
          page.getByRole('navigation', { name: /workspaces|ワークスペース|工作区/i }),
        ).toBeVisible();
      },
    };
    await airlock.open();
    await use(airlock);
    clearInterval(poll);
    stopEvents();
    await services.close();
    expect(problems, 'no page or console errors').toEqual([]);
    await rm(dataDir, { recursive: true, force: true });
    await rm(driveDir, { recursive: true, force: true });
  },
});

export { expect };
