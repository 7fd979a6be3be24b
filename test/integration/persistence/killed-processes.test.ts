// A process killed (SIGKILL: no cleanup, no last words) at a random instant — between or inside
// single operations, or in the middle of a batch of 10,000 devices — leaves a workspace that
// opens, holds everything it acknowledged, whose chain verifies, whose rows and log agree, and
// with no temporary file left behind.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { udiKey } from '../../../shared/codes/udi.ts';
import { udiOf } from '../../support/authority.ts';
import { SeededRandom, TestClock } from '../../support/ports.ts';
import {
  type Child,
  type Job,
  acknowledged,
  between,
  killAfter,
  startChild,
} from '../support/children.ts';
import { filesUnder, onSnapshot, strayFiles } from '../support/readback.ts';
import { PASSPHRASE, TAGS, call } from '../support/sides.ts';
import { removeTempDirs } from '../support/temp-dirs.ts';
import {
  type Workspace,
  deskLogAgrees,
  newDesk,
  newSite,
  openOn,
  siteLogAgrees,
} from './support/workspaces.ts';

const clock = new TestClock();
/** Where each kill lands: seeded, so a failing run's delays can be replayed. */
const random = new SeededRandom(9);
let seed = 100;

afterAll(removeTempDirs);

function below(n: number): number {
  const [a, b, c] = random.bytes(3);
  return (a! * 65536 + b! * 256 + c!) % Math.max(1, Math.floor(n));
}

function child(ws: Workspace, job: Job, passphrase?: string): Child {
  return startChild({
    dataDir: ws.dataDir,
    workspaceId: ws.id,
    clockMs: clock.now(),
    seed: seed++,
    job,
    ...(passphrase ? { passphrase } : {}),
  });
}

/**
 * Starts `job` and kills it `ms` after `from`: after it began working, or after its first
 * acknowledged result. Returns what it acknowledged, and whether the kill came before its end.
 */
async function killedDuring<T>(
  ws: Workspace,
  job: Job,
  options: { ms: number; from?: 'start' | 'first result'; passphrase?: string },
) {
  const running = child(ws, job, options.passphrase);
  if (options.from === 'first result') await running.acknowledgedAtLeast(1);
  else await running.printed('start');
  const { killed, code, stderr } = await killAfter(running, options.ms);
  if (!killed) expect(code, stderr).toBe(0); // it finished first: then it must have finished well
  return { acked: acknowledged<T>(running), killed };
}

/** Runs `job` to its end (nothing killed); returns what it acknowledged, and the child. */
async function completed<T>(ws: Workspace, job: Job, passphrase?: string) {
  const running = child(ws, job, passphrase);
  const { code, stderr } = await running.ended;
  expect(code, stderr).toBe(0);
  expect(running.lines.at(-1)).toBe('done');
  return { acked: acknowledged<T>(running), child: running };
}

/**
 * Opens the workspace as the app's next start would and checks it whole (the file, the chain),
 * with nothing in its folder but its own files; `look` reads what it needs; then it is closed,
 * and the -wal and -shm the killed writer left are folded in and gone.
 */
async function reopened(
  ws: Workspace,
  look: (router: ReturnType<typeof openOn>['router']) => Promise<void> = async () => {},
): Promise<void> {
  const { router, services } = openOn(ws.dataDir, clock);
  try {
    const workspaceId = ws.id;
    expect(await call(router, 'workspace.check', { workspaceId })).toEqual({
      ok: true,
      problems: [],
    });
    expect((await call(router, 'workspace.verifyAudit', { workspaceId })).ok).toBe(true);
    expect(strayFiles(ws.dir)).toEqual([]);
    await look(router);
  } finally {
    await services.close();
  }
  expect(filesUnder(ws.dir).filter((name) => /-(wal|shm)$/.test(name))).toEqual([]);
  expect(strayFiles(ws.dir)).toEqual([]);
}

const count = (ws: Workspace, sql: string) =>
  onSnapshot(ws.db, (db) => db.prepare(sql).pluck().get() as number);

describe('a site killed while adding devices one at a time', () => {
  let site: Workspace;
  beforeAll(async () => {
    site = await newSite(clock);
  });

  it('keeps every device it acknowledged, and at most the one in flight besides', async () => {
    for (let round = 0; round < 3; round++) {
      const before = count(site, 'SELECT count(*) FROM devices');
      const { acked } = await killedDuring<{ id: string; udi: string }>(
        site,
        { kind: 'add-devices', first: round * 100_000, count: 100_000 },
        { ms: 20 + below(400) },
      );
      await reopened(site, async (router) => {
        const page = await call(router, 'site.devicePage', {
          workspaceId: site.id,
          offset: 0,
          limit: 1000,
        });
        // A window holds at most 1000 devices: read them all, one window after another, so an
        // acknowledged device past the first thousand is looked for too.
        const rows = [...page.rows];
        while (rows.length < page.total) {
          const next = await call(router, 'site.devicePage', {
            workspaceId: site.id,
            offset: rows.length,
            limit: 1000,
          });
          if (next.rows.length === 0) break;
          rows.push(...next.rows);
        }
        expect(rows).toHaveLength(page.total);
        const held = new Map(rows.map((r) => [r.id, r.udi]));
        for (const { id, udi } of acked) expect(held.get(id), id).toBe(udi);
        expect(page.total - before).toBeGreaterThanOrEqual(acked.length);
        expect(page.total - before).toBeLessThanOrEqual(acked.length + 1);
      });
      siteLogAgrees(site);
    }
  });
});

describe('a desk killed while reserving one request at a time', () => {
  let desk: Workspace;
  beforeAll(async () => {
    desk = await newDesk(clock, 1000);
  });

  it('keeps every reservation whose code it printed, with that very code, and the pool recounts', async () => {
    for (let round = 0; round < 3; round++) {
      const before = count(desk, 'SELECT count(*) FROM instances');
      const { acked } = await killedDuring<{ instanceId: string; udi: string; code: string }>(
        desk,
        { kind: 'reserve', first: round * 100_000, count: 1000, va: 'Lab', tag: TAGS.enhanced },
        { ms: 20 + below(300), passphrase: PASSPHRASE },
      );
      await reopened(desk, async (router) => {
        for (const { instanceId, udi, code } of acked)
          expect(
            await call(router, 'authority.instance', { workspaceId: desk.id, instanceId }),
          ).toMatchObject({ udi, state: 'reserved', authorizationCode: code });
      });
      const held = count(desk, 'SELECT count(*) FROM instances') - before;
      expect(held).toBeGreaterThanOrEqual(acked.length);
      expect(held).toBeLessThanOrEqual(acked.length + 1);
      deskLogAgrees(desk); // the pool recounts, every instance has its entries and its code
    }
  });
});

describe('a site killed in the middle of a batch of 10,000 devices', () => {
  it('adds a list of 10,000 devices whole or not at all, and acknowledges only what it added', async () => {
    const site = await newSite(clock);
    const first = await completed<{ added: number }>(site, {
      kind: 'device-list',
      first: 1_000_000,
      count: 10_000,
    });
    expect(first.acked).toEqual([{ added: 10_000 }]);
    const took = between(first.child, 'start', (line) => line.startsWith('{'));
    // Another list, killed at a random point of the time the first one took.
    const second = await killedDuring<{ added: number }>(
      site,
      { kind: 'device-list', first: 2_000_000, count: 10_000 },
      { ms: below(took) },
    );
    const devices = count(site, 'SELECT count(*) FROM devices');
    expect([10_000, 20_000]).toContain(devices);
    if (second.acked.length > 0) expect(devices).toBe(20_000);
    await reopened(site);
    siteLogAgrees(site);
  });

  it('requests on 10,000 devices chunk by chunk: every acknowledged chunk is there, each whole', async () => {
    const site = await newSite(clock);
    const { router, services } = openOn(site.dataDir, clock);
    const csv = ['product,pid,sn,uuid'];
    for (let n = 0; n < 10_000; n++) {
      const udi = udiOf(3_000_000 + n, 'ucm');
      csv.push(`ucm,${udi.pid},${udi.sn},${udi.uuid}`);
    }
    const list = await call(router, 'site.addDevices', {
      workspaceId: site.id,
      csv: csv.join('\n'),
      dryRun: false,
    });
    expect(list.added).toBe(10_000);
    await services.close();

    // Killed within two chunks' time after its first chunk was acknowledged.
    const running = child(site, { kind: 'request-batch' });
    await running.acknowledgedAtLeast(2);
    const chunk = between(
      running,
      running.lines.find((l) => l.startsWith('{'))!,
      (line) => line.startsWith('{'),
    );
    const { killed } = await killAfter(running, below(2 * chunk));
    const progressed = Math.max(
      ...acknowledged<{ progress?: number }>(running).map((a) => a.progress ?? 0),
    );
    const pending = count(site, "SELECT count(*) FROM devices WHERE stage = 'pending'");
    expect(pending).toBeGreaterThanOrEqual(progressed);
    expect(pending % 1000).toBe(0); // a chunk commits whole or not at all
    if (killed) expect(pending).toBeLessThan(10_000);
    await reopened(site);
    siteLogAgrees(site);

    // The next run finishes what was left; then every device waits for the desk.
    const rest = await completed<{ progress?: number; requested?: number }>(site, {
      kind: 'request-batch',
    });
    expect(rest.acked.at(-1)).toEqual({ requested: 10_000 - pending });
    expect(count(site, "SELECT count(*) FROM devices WHERE stage <> 'pending'")).toBe(0);
    expect(
      count(
        site,
        "SELECT count(*) FROM transfer_items WHERE direction = 'out' AND kind = 'request'",
      ),
    ).toBe(10_000);
    siteLogAgrees(site);
  });
});

describe('a desk killed in the middle of a batch reservation', () => {
  it('keeps every acknowledged chunk of reservations, each whole, and the pool recounts', async () => {
    const desk = await newDesk(clock, 5000);
    const { acked, killed } = await killedDuring<{ progress?: number }>(
      desk,
      { kind: 'reserve-batch', first: 5_000_000, count: 3000, va: 'Lab', tag: TAGS.enhanced },
      { ms: below(800), from: 'first result', passphrase: PASSPHRASE },
    );
    const progressed = Math.max(...acked.map((a) => a.progress ?? 0));
    expect(progressed).toBeGreaterThanOrEqual(1000);
    await reopened(desk);
    deskLogAgrees(desk);
    const held = count(desk, 'SELECT count(*) FROM instances');
    expect(held).toBeGreaterThanOrEqual(progressed);
    expect(held % 1000).toBe(0);
    if (killed) expect(held).toBeLessThan(3000);
    // The committed chunks are the first ones, in the order the codes were given.
    const udis = onSnapshot(
      desk.db,
      (db) => db.prepare('SELECT udi_key FROM instances').pluck().all() as string[],
    );
    expect(new Set(udis)).toEqual(
      new Set(Array.from({ length: held }, (_, i) => udiKey(udiOf(5_000_000 + i, 'ucm')))),
    );
  });
});
