// Workspaces for the persistence tests, made through the app's own router and then closed, so the
// test (or a child process) opens them afresh; and the checks that a workspace's rows and its
// log tell the same story, read on a connection of their own.

import { hash } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { checkPoolInvariant } from '../../../../shared/authority/index.ts';
import { workspaceDir } from '../../../../electron/services/workspaces/workspace-paths.ts';
export { ucmDevice } from '../../../support/authority.ts';
import { SeededRandom, type TestClock } from '../../../support/ports.ts';
import { authorityStateOf, onSnapshot, walkChain } from '../../support/readback.ts';
import { PASSPHRASE, call, servicesOn } from '../../support/sides.ts';
import { tempDir } from '../../support/temp-dirs.ts';

export interface Workspace {
  dataDir: string;
  id: string;
  /** The workspace's folder. */
  dir: string;
  /** Its database file. */
  db: string;
}

let seeds = 1;

/** The workspace `id` in the data folder `dataDir`. */
export function workspaceAt(dataDir: string, id: string): Workspace {
  const dir = workspaceDir(dataDir, id);
  return { dataDir, id, dir, db: join(dir, 'workspace.db') };
}

/** Services on `dataDir` with the test's clock and a seeded random source. */
export function openOn(dataDir: string, clock: TestClock) {
  return servicesOn(dataDir, { ports: { clock, random: new SeededRandom(seeds++) } });
}

/** A site with no devices yet, closed. */
export async function newSite(clock: TestClock, label = 'site'): Promise<Workspace> {
  const dataDir = tempDir(label);
  const { router, services } = openOn(dataDir, clock);
  const ws = await call(router, 'workspace.create', { kind: 'site', name: 'Plant A' });
  await services.close();
  return workspaceAt(dataDir, ws.id);
}

/** A desk with reservation enabled and virtual account Lab holding the UCM catalog `count` times. */
export async function newDesk(clock: TestClock, count: number, label = 'desk'): Promise<Workspace> {
  const dataDir = tempDir(label);
  const { router, services } = openOn(dataDir, clock);
  const ws = await call(router, 'workspace.create', {
    kind: 'authority',
    name: 'License desk',
    passphrase: PASSPHRASE,
  });
  const workspaceId = ws.id;
  await call(router, 'authority.setReservationEnabled', { workspaceId, enabled: true });
  await call(router, 'authority.addVirtualAccount', { workspaceId, name: 'Lab' });
  await call(router, 'authority.loadCatalog', { workspaceId, va: 'Lab', catalog: 'ucm', count });
  await services.close();
  return workspaceAt(dataDir, workspaceId);
}

function rows(db: Database.Database, sql: string): unknown[] {
  return db.prepare(sql).raw().all();
}

/**
 * The site's rows and its log agree: every device has exactly one `device-added` entry and every
 * such entry its device; the device counter is past every device; every code that went to the
 * outbox was logged as printed, and every pending device has its request in the outbox.
 */
export function siteLogAgrees(ws: Workspace): void {
  onSnapshot(ws.db, (db) => {
    expect(walkChain(db).ok).toBe(true);
    expect(
      rows(
        db,
        `SELECT id FROM devices d WHERE (SELECT count(*) FROM audit a
           WHERE a.action = 'device-added' AND a.subject = d.id) <> 1`,
      ),
      'devices without exactly one device-added entry',
    ).toEqual([]);
    expect(
      rows(
        db,
        `SELECT subject FROM audit a WHERE action = 'device-added'
           AND NOT EXISTS (SELECT 1 FROM devices d WHERE d.id = a.subject)`,
      ),
      'device-added entries without their device',
    ).toEqual([]);
    expect(
      rows(
        db,
        `SELECT max(serial) FROM devices
           WHERE serial >= coalesce((SELECT value FROM counters WHERE name = 'device'), 1)`,
      ),
      'a device at or past the next serial',
    ).toEqual([[null]]);
    expect(
      rows(
        db,
        `SELECT seq FROM transfer_items t WHERE direction = 'out' AND NOT EXISTS (
           SELECT 1 FROM audit a WHERE a.code_digest = t.code_digest AND a.action LIKE '%-printed')`,
      ),
      'outbox codes never logged as printed',
    ).toEqual([]);
    expect(
      rows(
        db,
        `SELECT id FROM devices d WHERE stage = 'pending' AND NOT EXISTS (
           SELECT 1 FROM transfer_items t
           WHERE t.direction = 'out' AND t.kind = 'request' AND t.subject = d.id)`,
      ),
      'pending devices whose request is not in the outbox',
    ).toEqual([]);
  });
}

/**
 * The desk's rows and its log agree: every instance has exactly one `reserved` and one
 * `authorization-code-issued` entry naming it, the latter for the very code the instance holds,
 * which is in the outbox; no entry names an instance that does not exist; the pool recounts.
 */
export function deskLogAgrees(ws: Workspace): void {
  onSnapshot(ws.db, (db) => {
    expect(walkChain(db).ok).toBe(true);
    expect(checkPoolInvariant(authorityStateOf(db))).toEqual([]);
    for (const action of ['reserved', 'authorization-code-issued'])
      expect(
        rows(
          db,
          `SELECT id FROM instances i WHERE (SELECT count(*) FROM audit a
             WHERE a.action = '${action}' AND a.subject = i.id) <> 1`,
        ),
        `instances without exactly one ${action} entry`,
      ).toEqual([]);
    expect(
      rows(
        db,
        `SELECT seq FROM audit a WHERE a.subject IS NOT NULL
           AND a.action IN ('reserved', 'authorization-code-issued')
           AND NOT EXISTS (SELECT 1 FROM instances i WHERE i.id = a.subject)`,
      ),
      'entries naming an instance that does not exist',
    ).toEqual([]);
    const held = db.prepare('SELECT id, record FROM instances').all() as Array<{
      id: string;
      record: string;
    }>;
    const issued = new Map(
      (
        db
          .prepare(
            "SELECT subject, code_digest FROM audit WHERE action = 'authorization-code-issued'",
          )
          .all() as Array<{ subject: string; code_digest: string }>
      ).map((r) => [r.subject, r.code_digest]),
    );
    const outbox = new Set(
      db
        .prepare(
          "SELECT code FROM transfer_items WHERE direction = 'out' AND kind = 'authorization'",
        )
        .pluck()
        .all() as string[],
    );
    for (const { id, record } of held) {
      const code = (JSON.parse(record) as { current: { code: string } }).current.code;
      expect(issued.get(id), `the issued entry of ${id}`).toBe(sha256(code));
      expect(outbox.has(code), `the outbox item of ${id}`).toBe(true);
    }
  });
}

function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}
