// Workload 6: the instances table with every instance of the desk, in Debian's Chromium — the
// built renderer served from a local port, `window.api` bridged to the real router in this
// process (as test/e2e/support/fixtures.ts does), figures read from the Performance API.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHANNEL_NAMES } from '../shared/ipc/channels.ts';
import { createRouter } from '../electron/ipc/router.ts';
import { startStaticServer } from '../test/e2e/support/static-server.ts';
import { type Measurement, type PhaseOutput, log, median } from './measure.ts';
import { VA } from './fixtures.ts';
import { services } from './setup.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface Args {
  persistenceDir: string;
  driveDir: string;
  authorityId: string;
  dir: string;
  chromium: string;
  rendererDist?: string;
  filterText: string;
  /** Also write a Chromium CPU profile of the typing here (BENCH_RENDERER_PROFILE). */
  profile?: string;
}

/** Nothing to measure: say exactly what is missing instead. */
function missing(what: string): PhaseOutput {
  return { measurements: [], notes: [`workload 6 not measured: ${what}`] };
}

/** A fresh build of the renderer as it is now, into the bench's own folder (dist/ is left alone). */
function buildRenderer(dir: string): string | undefined {
  const out = join(dir, 'renderer-dist');
  log('renderer: vite build');
  const build = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--outDir',
      out,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return build.status === 0 && existsSync(join(out, 'index.html')) ? out : undefined;
}

/** The English labels the screens use, from the renderer's own catalog. */
function labels(): { workspaces: string; dashboard: string; instances: string } {
  const en = JSON.parse(readFileSync(join(ROOT, 'renderer/lib/i18n/en.json'), 'utf8')) as {
    nav: Record<string, string>;
  };
  return {
    workspaces: en.nav.workspacesLabel!,
    dashboard: en.nav.dashboard!,
    instances: en.nav.instances!,
  };
}

/** `window.api` as the preload defines it, each call timed in the page (ipc:<channel> measures). */
function bridge(channels: readonly string[]): void {
  type Invoke = (channel: string, payload: unknown) => Promise<unknown>;
  interface PageCall {
    start: number;
    /** When the answer's rows were drawn and laid out (a task after the page applied them). */
    drawn?: number;
  }
  const target = window as unknown as {
    __airlockInvoke: Invoke;
    __ipcDone: Record<string, number>;
    __pageCalls: PageCall[];
  };
  target.__ipcDone = {};
  target.__pageCalls = [];
  const api: Record<string, unknown> = {};
  for (const channel of channels) {
    api[channel] = async (request: unknown) => {
      const start = performance.now();
      const call: PageCall = { start };
      if (channel === 'authority.instancePage') target.__pageCalls.push(call);
      const result = await target.__airlockInvoke(channel, request);
      performance.measure(`ipc:${channel}`, { start, end: performance.now() });
      target.__ipcDone[channel] = (target.__ipcDone[channel] ?? 0) + 1;
      // A task queued now runs after the caller applied the rows and the framework flushed.
      setTimeout(() => {
        document.body.getBoundingClientRect();
        call.drawn = performance.now();
      }, 0);
      return result;
    };
  }
  api.onMenuCommand = () => () => {};
  Object.defineProperty(window, 'api', { value: Object.freeze(api), configurable: false });
}

const TABLE = '[data-testid="instances-table"]';
const ROUNDS = 3;

/** Clicks the Instances screen and waits (MutationObserver, not polling) for every row to count. */
async function firstRender(page: Page, label: string, rows: number) {
  return page.evaluate(
    async ({ label, rows, table }) => {
      const button = [...document.querySelectorAll('nav button')].find(
        (b) => b.textContent?.trim() === label,
      ) as HTMLButtonElement | undefined;
      if (!button) throw new Error(`no "${label}" button in the navigation`);
      const ready = () => {
        const t = document.querySelector(`${table} table`);
        return (
          t !== null &&
          Number(t.getAttribute('aria-rowcount')) === rows + 1 &&
          t.querySelector('tbody tr:not(.spacer)') !== null
        );
      };
      const start = performance.now();
      button.click();
      await new Promise<void>((done) => {
        if (ready()) return done();
        const watch = new MutationObserver(() => {
          if (!ready()) return;
          watch.disconnect();
          done();
        });
        watch.observe(document.body, { childList: true, subtree: true, attributes: true });
      });
      document.querySelector(table)!.getBoundingClientRect(); // style and layout, done now
      const dom = performance.now();
      performance.measure('instances: first render', { start, end: dom });
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const frame = performance.now();
      performance.measure('instances: first render to next frame', { start, end: frame });
      return {
        dom: dom - start,
        frame: frame - start,
        domRows: document.querySelectorAll(`${table} tbody tr:not(.spacer)`).length,
      };
    },
    { label, rows, table: TABLE },
  );
}

/**
 * Types the text and erases it, key by key. The table asks main for the matching page once typing
 * pauses (200 ms), so each key is timed from that request to its rows drawn and laid out: the
 * query in main, the answer's way back and the table's update (the pause itself is by design).
 */
async function typeAndErase(page: Page, text: string, rounds: number): Promise<number[]> {
  const keys = [...text, ...[...text].map(() => 'Backspace')];
  const spans: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const key of keys) {
      const before = await page.evaluate(
        () => (window as unknown as { __pageCalls: unknown[] }).__pageCalls.length,
      );
      await page.keyboard.press(key);
      const span = await page.waitForFunction((from) => {
        const calls = (
          window as unknown as { __pageCalls: Array<{ start: number; drawn?: number }> }
        ).__pageCalls.slice(from);
        if (calls.length === 0 || calls.some((c) => c.drawn === undefined)) return undefined;
        return Math.max(...calls.map((c) => c.drawn!)) - calls[0]!.start;
      }, before);
      spans.push((await span.jsonValue()) as number);
      await page.waitForTimeout(300); // nothing else in flight before the next key
    }
  }
  return spans;
}

/** Leaves for the dashboard and comes back: the table is built again from the loaded rows. */
async function revisit(page: Page, labels: { dashboard: string; instances: string }, rows: number) {
  await page.getByRole('button', { name: labels.dashboard, exact: true }).click();
  await page.waitForTimeout(300);
  return firstRender(page, labels.instances, rows);
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function renderer(args: Args): Promise<PhaseOutput> {
  if (!existsSync(args.chromium))
    return missing(
      `no Chromium at ${args.chromium} (apt-get install -y chromium fonts-liberation fonts-noto-cjk)`,
    );
  if (!existsSync(join(ROOT, 'renderer/lib/i18n/en.json')))
    return missing('renderer/lib/i18n/en.json (the renderer) is not there');
  const dist = args.rendererDist ?? buildRenderer(args.dir);
  if (!dist) return missing('the renderer does not build (vite build failed, see above)');

  const { app, ipc } = services(args.persistenceDir, args.driveDir);
  await ipc('app.setLanguage', { language: 'en' });
  const rows = app.workspaces.authority(args.authorityId).queries.count({ va: VA });
  const router = createRouter(app);
  const server = await startStaticServer(dist);
  const browser = await chromium.launch({ executablePath: args.chromium, args: CHROMIUM_ARGS });
  const problems: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
    await page.exposeBinding('__airlockInvoke', (_source, channel: string, payload: unknown) =>
      router.invoke(channel, payload),
    );
    // tsx keeps function names with an `__name` helper the page does not have: give it one.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.addInitScript(bridge, [...CHANNEL_NAMES]);
    const names = labels();
    await page.goto(server.url);
    const workspaces = page.getByRole('navigation', { name: names.workspaces });
    await workspaces.waitFor();
    log(`renderer: open the desk (${rows} instances) and wait for its data`);
    await workspaces.getByRole('button', { name: /^Bench desk/ }).click();
    await page.waitForFunction(
      () =>
        ((window as unknown as { __ipcDone: Record<string, number> }).__ipcDone[
          'authority.instancePage'
        ] ?? 0) >= 1,
      undefined,
      { timeout: 120_000 },
    );
    await page.waitForTimeout(500);
    log('renderer: first render of the instances table, then two more visits');
    const render = await firstRender(page, names.instances, rows);
    const again = [await revisit(page, names, rows), await revisit(page, names, rows)];
    await page.locator(`${TABLE} input[type="search"]`).click();
    log(`renderer: ${ROUNDS} × type "${args.filterText}" into the filter and erase it, key by key`);
    const cdp = args.profile ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    const keystrokes = await typeAndErase(page, args.filterText, ROUNDS);
    if (cdp && args.profile) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(args.profile, JSON.stringify(profile));
      log(`renderer: CPU profile of the typing written to ${args.profile}`);
    }
    const ipc = await page.evaluate(() =>
      performance
        .getEntriesByType('measure')
        .filter((m) => m.name === 'ipc:authority.instancePage')
        .map((m) => m.duration),
    );
    if (problems.length > 0) throw new Error(`renderer errors: ${problems.join('; ')}`);
    const keys = keystrokes.length;
    // What one page of the table carries.
    const answer = await router.invoke('authority.instancePage', {
      workspaceId: args.authorityId,
      va: VA,
      offset: 0,
      limit: 100,
    });
    if (!answer.ok) throw new Error(`authority.instancePage: ${answer.error.code}`);
    const listed = answer.value as { rows: unknown[] };
    const dtoMb = JSON.stringify(listed).length / 1e6;
    const row = (id: string, label: string, ms: number, extra: Partial<Measurement> = {}) => ({
      id: `w6.${id}`,
      workload: 6,
      label,
      ms,
      ...extra,
    });
    return {
      measurements: [
        row('render', `instances table: first render (${rows} rows, DOM + layout)`, render.dom, {
          items: rows,
          unit: 'row',
          note: `${render.domRows} rows in the DOM: the table renders only the visible window`,
        }),
        row('renderFrame', '  first render to the next frame', render.frame),
        row(
          'rerender',
          '  visiting the screen again (median of 2)',
          median(again.map((r) => r.dom)),
        ),
        row(
          'filterMedian',
          `  filter, per keystroke (page asked → rows drawn): median of ${keys}`,
          median(keystrokes),
        ),
        row('filterP95', '  filter, per keystroke: 95th percentile', percentile(keystrokes, 95)),
        row('filterMax', '  filter, per keystroke: slowest', Math.max(...keystrokes)),
        row(
          'ipc',
          '  authority.instancePage through the test bridge (JSON over CDP)',
          median(ipc),
          {
            items: listed.rows.length,
            unit: 'row',
            note: `one page of ${listed.rows.length} rows: ${(dtoMb * 1000).toFixed(0)} kB of JSON`,
          },
        ),
      ],
      notes: [
        `workload 6: ${ROUNDS} rounds of "${args.filterText}" typed then erased; per key, from the ` +
          `page's request (after the table's 200 ms typing pause) to its rows drawn (ms): ` +
          keystrokes.map((k) => k.toFixed(0)).join(' '),
      ],
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
