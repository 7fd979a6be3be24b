// What must hold after every step of the property: a second connection reads exactly what the
// first one does; the rows hold what the model says; the pool invariant holds over the state read
// back; the audit chain verifies link by link; and a change is never made without its entries.

import { expect } from 'vitest';
import { checkPoolInvariant } from '../../../../shared/authority/index.ts';
import type { Channel, Request, Response } from '../../../../shared/ipc/contract.ts';
import type { Router } from '../../../../electron/ipc/router.ts';
import { dumpDatabase } from '../../support/database.ts';
import { authorityStateOf, onSnapshot, walkChain } from '../../support/readback.ts';
import { call } from '../../support/sides.ts';
import type { Model } from './model.ts';
import type { Outcome } from './calls.ts';
import type { World } from './world.ts';

const ALL = { offset: 0, limit: 1000 };

async function read<C extends Channel>(router: Router, channel: C, request: Request<C>) {
  return call(router, channel, request) as Promise<Response<C>>;
}

/** Everything the window can be shown of the site. */
async function siteViews(router: Router, workspaceId: string, deviceIds: string[]) {
  const ws = { workspaceId };
  return {
    overview: await read(router, 'site.overview', ws),
    devices: await read(router, 'site.devicePage', { ...ws, ...ALL }),
    details: await Promise.all(
      deviceIds.map((deviceId) => read(router, 'site.device', { ...ws, deviceId })),
    ),
    items: await read(router, 'transfer.itemPage', { ...ws, ...ALL }),
    newestEvent: (await read(router, 'workspace.events', { ...ws, offset: 0, limit: 1 })).rows,
    audit: await read(router, 'workspace.verifyAudit', ws),
  };
}

/** Everything the window can be shown of the desk, but whether this connection holds the key. */
async function deskViews(router: Router, workspaceId: string, m: Model) {
  const ws = { workspaceId };
  const {
    keyUnlocked: _k,
    passphraseRemembered: _p,
    ...overview
  } = await read(router, 'authority.overview', ws);
  return {
    overview,
    licenses: await Promise.all(
      m.virtualAccounts.map((va) => read(router, 'authority.licenses', { ...ws, va })),
    ),
    instances: await read(router, 'authority.instancePage', { ...ws, ...ALL }),
    details: await Promise.all(
      m.instances.map((i) => read(router, 'authority.instance', { ...ws, instanceId: i.id })),
    ),
    items: await read(router, 'transfer.itemPage', { ...ws, ...ALL }),
    newestEvent: (await read(router, 'workspace.events', { ...ws, offset: 0, limit: 1 })).rows,
    audit: await read(router, 'workspace.verifyAudit', ws),
  };
}

export async function agree(w: World, m: Model): Promise<void> {
  const deviceIds = m.devices.map((d) => d.id);
  const site = await siteViews(w.site.main.router, w.site.workspaceId, deviceIds);
  expect(await siteViews(w.site.again.router, w.site.workspaceId, deviceIds)).toEqual(site);
  const desk = await deskViews(w.desk.main.router, w.desk.workspaceId, m);
  expect(await deskViews(w.desk.again.router, w.desk.workspaceId, m)).toEqual(desk);

  onSnapshot(w.site.db, (db) => {
    const rows = db.prepare('SELECT id, kind, stage FROM devices ORDER BY serial').all();
    expect(rows).toEqual(m.devices.map((d) => ({ id: d.id, kind: d.kind, stage: d.stage })));
    const chain = walkChain(db);
    expect(chain).toEqual({ ok: true, entries: site.audit.entries });
    expect(site.audit.ok).toBe(true);
  });
  onSnapshot(w.desk.db, (db) => {
    const rows = db
      .prepare('SELECT id, state, confirmed, va, record FROM instances ORDER BY position')
      .all() as Array<{ id: string; state: string; confirmed: number; va: string; record: string }>;
    expect(
      rows.map((r) => ({
        id: r.id,
        state: r.state,
        confirmed: r.confirmed === 1,
        va: r.va,
        held: Object.values(JSON.parse(r.record).licenses as Record<string, number>)[0],
      })),
    ).toEqual(
      m.instances.map((i) => ({
        id: i.id,
        state: i.state,
        confirmed: i.confirmed,
        va: i.va,
        held: i.count,
      })),
    );
    expect(checkPoolInvariant(authorityStateOf(db))).toEqual([]);
    expect(walkChain(db)).toEqual({ ok: true, entries: desk.audit.entries });
    expect(desk.audit.ok).toBe(true);
  });
}

type Dump = Record<string, unknown[]>;

/** A dump without the log and what signs it (the tables named audit…). */
function withoutLog(dump: Dump): Dump {
  return Object.fromEntries(Object.entries(dump).filter(([table]) => !table.startsWith('audit')));
}

/**
 * Runs one operation between two dumps of both databases: a refusal changed nothing at all on
 * either side; a success that changed a side's rows logged at least one entry there.
 */
export async function step(w: World, m: Model, operation: () => Promise<Outcome>): Promise<void> {
  const before = { desk: dumpDatabase(w.desk.db), site: dumpDatabase(w.site.db) };
  const outcome = await operation();
  const after = { desk: dumpDatabase(w.desk.db), site: dumpDatabase(w.site.db) };
  if (outcome.refused) expect(after, `refused: ${outcome.refused.code}`).toEqual(before);
  else
    for (const side of ['desk', 'site'] as const)
      if (JSON.stringify(withoutLog(after[side])) !== JSON.stringify(withoutLog(before[side])))
        expect(after[side].audit!.length, `${side} changed without a log entry`).toBeGreaterThan(
          before[side].audit!.length,
        );
  await agree(w, m);
}
