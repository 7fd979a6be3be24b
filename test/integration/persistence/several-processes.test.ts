// Several processes on one workspace at once — `airlock` commands started together, and the app's
// router working beside them — take turns: nothing issued twice, nothing lost. One kept waiting
// past its busy timeout is refused with WORKSPACE_BUSY, says so in words, and changes nothing.

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../../shared/i18n/errors.en.json' with { type: 'json' };
import { encodeRequestCode, newRequestNonce } from '../../../shared/codes/request-code.ts';
import { udiKey } from '../../../shared/codes/udi.ts';
import { udiOf } from '../../support/authority.ts';
import { SeededRandom, TestClock } from '../../support/ports.ts';
import { ensureCliBuilt } from '../support/cli.ts';
import { dumpDatabase } from '../support/database.ts';
import { onSnapshot } from '../support/readback.ts';
import { PASSPHRASE, TAGS, call } from '../support/sides.ts';
import { removeTempDirs } from '../support/temp-dirs.ts';
import { airlock, jsonLine } from './support/processes.ts';
import {
  type Workspace,
  deskLogAgrees,
  newDesk,
  newSite,
  openOn,
  siteLogAgrees,
  ucmDevice,
} from './support/workspaces.ts';

const clock = new TestClock();
const random = new SeededRandom(21);
const BUSY = en.errors.WORKSPACE_BUSY;

beforeAll(() => ensureCliBuilt());
afterAll(removeTempDirs);

function requestCode(n: number): string {
  return encodeRequestCode(udiOf(n, 'ucm'), newRequestNonce(random));
}

function reserve(desk: Workspace, code: string, env: Record<string, string> = {}) {
  return airlock(
    [
      '--data',
      desk.dataDir,
      '--json',
      'authority',
      'reserve',
      '--va',
      'Lab',
      '--request',
      code,
      '--license',
      `${TAGS.enhanced}=1`,
    ],
    { AIRLOCK_PASSPHRASE: PASSPHRASE, ...env },
  );
}

function addDevice(site: Workspace, n: number, env: Record<string, string> = {}) {
  const udi = udiOf(n, 'ucm');
  return airlock(
    [
      '--data',
      site.dataDir,
      '--json',
      'site',
      'device',
      'add',
      '--pid',
      udi.pid,
      '--sn',
      udi.sn,
      '--uuid',
      udi.uuid!,
    ],
    env,
  );
}

/** Each instance's authorization code as the desk recorded it, by instance id. */
function recordedCodes(desk: Workspace): Map<string, string> {
  return onSnapshot(desk.db, (db) => {
    const rows = db.prepare('SELECT id, record FROM instances').all() as Array<{
      id: string;
      record: string;
    }>;
    return new Map(rows.map((r) => [r.id, JSON.parse(r.record).current.code as string]));
  });
}

describe('airlock processes started at once', () => {
  it('reserve against a pool of 4: exactly 4 succeed, the rest are refused for lack of licences and print no code', async () => {
    const desk = await newDesk(clock, 4);
    const codes = Array.from({ length: 10 }, (_, n) => requestCode(100 + n));
    const results = await Promise.all(codes.map((code) => reserve(desk, code)));

    const won = results.filter((r) => r.status === 0);
    const lost = results.filter((r) => r.status !== 0);
    expect(won).toHaveLength(4);
    for (const refused of lost) {
      expect(refused.status).toBe(1);
      expect(jsonLine<{ error: { code: string } }>(refused).error.code).toBe(
        'INSUFFICIENT_BALANCE',
      );
      expect(refused.stdout).not.toMatch(/authorizationCode/);
      expect(refused.stderr).toMatch(/^airlock: Not enough /);
    }
    const printed = new Map(
      won.map((r) => {
        const value = jsonLine<{ instance: string; authorizationCode: string }>(r);
        return [value.instance, value.authorizationCode];
      }),
    );
    // The desk holds exactly the four instances whose codes were printed, with those codes.
    expect(recordedCodes(desk)).toEqual(printed);
    for (const refused of lost)
      for (const code of printed.values())
        expect(refused.stdout + refused.stderr).not.toContain(code);
    onSnapshot(desk.db, (db) => {
      const outbox = db
        .prepare(
          "SELECT code FROM transfer_items WHERE direction = 'out' AND kind = 'authorization'",
        )
        .pluck()
        .all();
      expect(new Set(outbox)).toEqual(new Set(printed.values()));
    });
    deskLogAgrees(desk);
    const verify = await airlock(['--data', desk.dataDir, '--json', 'audit', 'verify']);
    expect(jsonLine(verify)).toMatchObject({ ok: true });
    const { licenses } = jsonLine<{ licenses: Array<{ tag: string }> }>(
      await airlock([
        '--data',
        desk.dataDir,
        '--json',
        'authority',
        'license',
        'list',
        '--va',
        'Lab',
      ]),
    );
    expect(licenses.find((l) => l.tag === TAGS.enhanced)).toMatchObject({
      purchased: 4,
      reserved: 4,
      balance: 0,
    });
  });

  it('add a device each: every one succeeds, with its own dev-N', async () => {
    const site = await newSite(clock);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, n) => addDevice(site, 200 + n)),
    );
    for (const r of results) expect(r.status, r.stderr).toBe(0);
    const added = results.map((r) => jsonLine<{ device: { id: string; udi: string } }>(r).device);
    expect(added.map((d) => d.id).sort()).toEqual(
      Array.from({ length: 10 }, (_, n) => `dev-${n + 1}`).sort(),
    );
    expect(new Set(added.map((d) => d.udi))).toEqual(
      new Set(Array.from({ length: 10 }, (_, n) => udiKey(udiOf(200 + n, 'ucm')))),
    );
    siteLogAgrees(site);
  });
});

describe('the app and airlock processes on one workspace', () => {
  it('add devices side by side, and the app sees every one of the others’ devices', async () => {
    const site = await newSite(clock);
    const { router, services } = openOn(site.dataDir, clock);
    const workspaceId = site.id;
    await call(router, 'site.overview', { workspaceId }); // the app shows it …
    services.workspaces.changedElsewhere(); // … and watches it for other processes' changes
    let running = 6;
    const cli = Array.from({ length: running }, (_, n) =>
      addDevice(site, 300 + n).finally(() => running--),
    );
    const byApp: string[] = [];
    // The app adds devices at an operator's pace for as long as the processes run.
    for (let n = 0; running > 0 || n < 10; n++) {
      const device = await call(router, 'site.addDevice', ucmDevice(workspaceId, 400 + n));
      byApp.push(device.id);
      await new Promise((resolve) => setTimeout(resolve, 20)); // an operator's pace
    }
    const results = await Promise.all(cli);
    for (const r of results) expect(r.status, r.stderr).toBe(0);
    const byCli = results.map((r) => jsonLine<{ device: { id: string } }>(r).device.id);

    expect(services.workspaces.changedElsewhere()).toEqual([workspaceId]);
    const page = await call(router, 'site.devicePage', { workspaceId, offset: 0, limit: 1000 });
    expect(page.total).toBe(byApp.length + 6);
    expect(page.rows.map((r) => r.id).sort()).toEqual([...byApp, ...byCli].sort());
    expect(new Set([...byApp, ...byCli]).size).toBe(byApp.length + 6);
    expect(await call(router, 'workspace.verifyAudit', { workspaceId })).toMatchObject({
      ok: true,
    });
    await services.close();
    siteLogAgrees(site);
  });

  it('reserve side by side: every reservation is there once, and the pool recounts', async () => {
    const desk = await newDesk(clock, 100);
    const { router, services } = openOn(desk.dataDir, clock);
    const workspaceId = desk.id;
    await call(router, 'authority.unlock', { workspaceId, passphrase: PASSPHRASE });
    let running = 4;
    const cli = Array.from({ length: running }, (_, n) =>
      reserve(desk, requestCode(500 + n)).finally(() => running--),
    );
    const byApp: string[] = [];
    for (let n = 0; running > 0 || n < 10; n++) {
      const reserved = await call(router, 'authority.reserve', {
        workspaceId,
        va: 'Lab',
        requestCode: requestCode(600 + n),
        selection: { type: 'SLR', licenses: { [TAGS.enhanced]: 1 } },
      });
      byApp.push(reserved.instance.id);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const results = await Promise.all(cli);
    for (const r of results) expect(r.status, r.stderr).toBe(0);
    const byCli = results.map((r) => jsonLine<{ instance: string }>(r).instance);
    const licenses = await call(router, 'authority.licenses', { workspaceId, va: 'Lab' });
    expect(licenses.find((l) => l.tag === TAGS.enhanced)).toMatchObject({
      purchased: 100,
      reserved: byApp.length + 4,
      balance: 96 - byApp.length,
    });
    await services.close();
    expect([...recordedCodes(desk).keys()].sort()).toEqual([...byApp, ...byCli].sort());
    deskLogAgrees(desk);
  });
});

describe('a workspace kept busy past the busy timeout', () => {
  /** Holds the write lock on the file from a connection of the test's own, as another writer would. */
  function holdWriteLock(path: string) {
    const db = new Database(path, { fileMustExist: true });
    db.exec('BEGIN IMMEDIATE');
    return () => {
      db.exec('ROLLBACK');
      db.close();
    };
  }

  let site: Workspace;
  let desk: Workspace;
  beforeAll(async () => {
    site = await newSite(clock);
    desk = await newDesk(clock, 10);
  });

  it('refuses to add a device with WORKSPACE_BUSY, in words, exit 1, and changes nothing', async () => {
    const before = dumpDatabase(site.db);
    const release = holdWriteLock(site.db);
    let result;
    try {
      result = await addDevice(site, 700, { AIRLOCK_BUSY_TIMEOUT_MS: '300' });
    } finally {
      release();
    }
    expect(result.status).toBe(1);
    expect(jsonLine<{ error: { code: string; message: string } }>(result).error).toEqual({
      code: 'WORKSPACE_BUSY',
      message: BUSY,
    });
    expect(result.stderr).toBe(`airlock: ${BUSY}\n`);
    expect(dumpDatabase(site.db)).toEqual(before);
    // Once the other writer is done, the same command goes through.
    expect((await addDevice(site, 700, { AIRLOCK_BUSY_TIMEOUT_MS: '300' })).status).toBe(0);
  });

  it('refuses to reserve with WORKSPACE_BUSY and prints no authorization code', async () => {
    const before = dumpDatabase(desk.db);
    const release = holdWriteLock(desk.db);
    let result;
    try {
      result = await reserve(desk, requestCode(800), { AIRLOCK_BUSY_TIMEOUT_MS: '300' });
    } finally {
      release();
    }
    expect(result.status).toBe(1);
    expect(jsonLine<{ error: { code: string } }>(result).error.code).toBe('WORKSPACE_BUSY');
    expect(result.stdout).not.toMatch(/authorizationCode/);
    expect(dumpDatabase(desk.db)).toEqual(before);
  });
});
