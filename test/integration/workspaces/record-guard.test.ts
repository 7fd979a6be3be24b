// Records changed in the database file by someone other than Airlock — a license pool raised, a
// device rewritten — are found before the next change and named. Plain SQL on a guarded table
// fails (the digest functions its triggers call exist only in Airlock); with the triggers dropped
// the rows no longer add up to their digest; with the digests kept as Airlock keeps them, they are
// no longer what the newest checkpoint signed. The operator's repair accepts them, logged.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeRequestCode, newRequestNonce } from '../../../shared/codes/request-code.ts';
import { GUARDED_RECORDS, GUARDED_TABLES } from '../../../shared/migrations/guarded-records.ts';
import { ucmDevice, udiOf } from '../../support/authority.ts';
import { SeededRandom, testKeychain } from '../../support/ports.ts';
import { auditCount, dumpDatabase, tamper } from '../support/database.ts';
import {
  PASSPHRASE,
  type Side,
  TAGS,
  call,
  databaseOf,
  openDesk,
  openSite,
  refusal,
  reopen,
  servicesOn,
} from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

let desk: Side;
let n = 0;

beforeEach(async () => {
  desk = await openDesk(tempDir('records-desk'));
});
afterAll(removeTempDirs);

const RAISE_POOL = `UPDATE licenses SET entry = json_set(entry, '$.purchased', 500)
  WHERE tag = '${TAGS.enhanced}'`;

function reserve(side: Side) {
  n += 1;
  return {
    workspaceId: side.workspaceId,
    va: 'Lab',
    requestCode: encodeRequestCode(udiOf(700 + n, 'ucm'), newRequestNonce(new SeededRandom(n))),
    selection: { type: 'SLR' as const, licenses: { [TAGS.enhanced]: 1 } },
  };
}

/** The desk closed, its file changed by `sql`, and opened again (the attacker between sessions). */
async function deskAfter(change: (path: string) => void): Promise<Side> {
  await desk.services.close();
  change(databaseOf(desk));
  const again = reopen(desk);
  await call(again.router, 'authority.unlock', {
    workspaceId: desk.workspaceId,
    passphrase: PASSPHRASE,
  });
  return again;
}

describe('records changed outside Airlock', () => {
  it('cannot be changed with plain SQL: the triggers call functions only Airlock has', async () => {
    await desk.services.close();
    const before = dumpDatabase(databaseOf(desk));
    expect(() => tamper(databaseOf(desk), RAISE_POOL)).toThrow(/no such function/);
    expect(dumpDatabase(databaseOf(desk))).toEqual(before);
  });

  it('stops the next change when a pool was raised with the triggers dropped, names the table, and changes nothing', async () => {
    const side = await deskAfter((path) =>
      tamper(path, `DROP TRIGGER licenses_record_update; ${RAISE_POOL};`),
    );
    const entries = auditCount(databaseOf(desk));
    const stored = dumpDatabase(databaseOf(desk));
    const error = await refusal(side.router, 'authority.reserve', reserve(side));
    expect(dumpDatabase(databaseOf(desk))).toEqual(stored);
    expect(error.code).toBe('AUDIT_LOG_DAMAGED');
    expect(error.facts).toMatchObject({ reason: 'records-changed', table: 'licenses' });
    expect(error.message).toMatch(/Records in “license pools” were changed outside Airlock/);
    expect(auditCount(databaseOf(desk))).toBe(entries);
    const verdict = await call(side.router, 'workspace.verifyAudit', {
      workspaceId: desk.workspaceId,
    });
    expect(verdict).toMatchObject({ ok: false, reason: 'records-changed', tables: ['licenses'] });
    await side.services.close();
  });

  it('finds rows changed by a program that keeps the digests as Airlock does: the checkpoint signed others', async () => {
    const side = await deskAfter((path) => tamper(path, RAISE_POOL, { keepDigests: true }));
    const stored = dumpDatabase(databaseOf(desk));
    const error = await refusal(side.router, 'authority.reserve', reserve(side));
    expect(dumpDatabase(databaseOf(desk))).toEqual(stored);
    expect(error.facts).toMatchObject({ reason: 'records-changed', table: 'licenses' });
    expect(
      await call(side.router, 'workspace.verifyAudit', { workspaceId: desk.workspaceId }),
    ).toMatchObject({ ok: false, reason: 'records-changed', tables: ['licenses'] });
    await side.services.close();
  });

  it('is named as soon as the app asks (workspace.checkSound), before any change, changing nothing', async () => {
    const side = await deskAfter((path) =>
      tamper(path, `DROP TRIGGER licenses_record_update; ${RAISE_POOL};`),
    );
    const stored = dumpDatabase(databaseOf(desk));
    const found = await refusal(side.router, 'workspace.checkSound', {
      workspaceId: desk.workspaceId,
    });
    expect(found.code).toBe('AUDIT_LOG_DAMAGED');
    expect(found.facts).toMatchObject({ reason: 'records-changed', table: 'licenses' });
    expect(dumpDatabase(databaseOf(desk))).toEqual(stored);
    await side.services.close();
  });

  it('changes no record while the key is locked (refused, nothing changed), yet logs a failed unlock', async () => {
    await desk.services.close();
    const locked = reopen(desk); // a new session: the key is locked
    const stored = dumpDatabase(databaseOf(desk));
    const refused = await refusal(locked.router, 'authority.addVirtualAccount', {
      workspaceId: desk.workspaceId,
      name: 'Spare',
    });
    expect(refused.code).toBe('AUDIT_KEY_LOCKED');
    expect(dumpDatabase(databaseOf(desk))).toEqual(stored);
    const entries = auditCount(databaseOf(desk));
    await refusal(locked.router, 'authority.unlock', {
      workspaceId: desk.workspaceId,
      passphrase: 'not the passphrase',
    });
    expect(auditCount(databaseOf(desk))).toBe(entries + 1);
    expect(
      await call(locked.router, 'workspace.verifyAudit', { workspaceId: desk.workspaceId }),
    ).toMatchObject({ ok: true, unsigned: 1 });
    await locked.services.close();
  });

  it('keeps a site whose key is in a keychain that cannot be opened readable, and unchanged', async () => {
    const keychain = testKeychain;
    const dataDir = tempDir('records-keychain-site');
    const made = servicesOn(dataDir, { secretStore: keychain });
    const ws = await call(made.router, 'workspace.create', { kind: 'site', name: 'Kept site' });
    const device = {
      workspaceId: ws.id,
      external: false,
      product: 'ucm' as const,
      pid: 'UCM',
      sn: 'KC1',
    };
    await call(made.router, 'site.addDevice', device);
    await made.services.close();

    // Another session where the keychain cannot be opened: the key stays locked.
    const elsewhere = servicesOn(dataDir, {
      secretStore: { ...keychain, isAvailable: () => false },
    });
    const overview = await call(elsewhere.router, 'site.overview', { workspaceId: ws.id });
    expect(overview.checkpointKey).toMatchObject({ protection: 'keychain', unlocked: false });
    expect(overview.deviceCount).toBe(1);
    const refused = await refusal(elsewhere.router, 'site.addDevice', { ...device, sn: 'KC2' });
    expect(refused.code).toBe('AUDIT_KEY_LOCKED');
    expect(
      (await call(elsewhere.router, 'site.overview', { workspaceId: ws.id })).deviceCount,
    ).toBe(1);
    await elsewhere.services.close();
  });

  it('finds records changed after entries made while the key was locked, as the next signed change would have signed them', async () => {
    await desk.services.close();
    const locked = reopen(desk);
    await refusal(locked.router, 'authority.unlock', {
      workspaceId: desk.workspaceId,
      passphrase: 'not the passphrase',
    });
    await locked.services.close();
    const side = await deskAfter((path) => tamper(path, RAISE_POOL, { keepDigests: true }));
    const stored = dumpDatabase(databaseOf(desk));
    const error = await refusal(side.router, 'authority.reserve', reserve(side));
    expect(error.facts).toMatchObject({ reason: 'records-changed', table: 'licenses' });
    expect(dumpDatabase(databaseOf(desk))).toEqual(stored);
    await side.services.close();
  });

  it('finds records changed in a backup that was then restored', async () => {
    const backup = await call(desk.router, 'workspace.backup', { workspaceId: desk.workspaceId });
    await desk.services.close();
    tamper(join(desk.dir, 'backups', backup.fileName), RAISE_POOL, { keepDigests: true });
    const side = reopen(desk);
    await call(side.router, 'workspace.restore', {
      workspaceId: desk.workspaceId,
      backup: backup.fileName,
    });
    expect(
      await refusal(side.router, 'workspace.checkSound', { workspaceId: desk.workspaceId }),
    ).toMatchObject({ code: 'AUDIT_LOG_DAMAGED', facts: { reason: 'records-changed' } });
    expect(
      await call(side.router, 'workspace.verifyAudit', { workspaceId: desk.workspaceId }),
    ).toMatchObject({ ok: false, reason: 'records-changed', tables: ['licenses'] });
    await side.services.close();
  });

  it('finds records changed under an older checkpoint once the newest was deleted', async () => {
    await call(desk.router, 'authority.unlock', {
      workspaceId: desk.workspaceId,
      passphrase: PASSPHRASE,
    });
    await call(desk.router, 'authority.reserve', reserve(desk));
    const side = await deskAfter((path) =>
      tamper(
        path,
        `DROP TRIGGER IF EXISTS audit_checkpoints_no_delete;
         DELETE FROM audit_checkpoints WHERE seq = (SELECT max(seq) FROM audit_checkpoints);
         ${RAISE_POOL};`,
        { keepDigests: true },
      ),
    );
    expect(
      await call(side.router, 'workspace.verifyAudit', { workspaceId: desk.workspaceId }),
    ).toMatchObject({ ok: false, reason: 'records-changed' });
    expect((await refusal(side.router, 'authority.reserve', reserve(side))).facts).toMatchObject({
      reason: 'records-changed',
    });
    await side.services.close();
  });

  it('counts a trigger rewritten to do nothing as removed', async () => {
    const side = await deskAfter((path) =>
      tamper(
        path,
        `DROP TRIGGER instances_record_insert;
         CREATE TRIGGER instances_record_insert AFTER INSERT ON instances BEGIN SELECT 1; END;`,
      ),
    );
    const stored = dumpDatabase(databaseOf(desk));
    const error = await refusal(side.router, 'authority.reserve', reserve(side));
    expect(error.facts).toMatchObject({ reason: 'records-changed', table: 'instances' });
    expect(dumpDatabase(databaseOf(desk))).toEqual(stored);
    await side.services.close();
  });

  it('is accepted by an explicit repair, logged with the tables; changes go on, and the next check is clean', async () => {
    const side = await deskAfter((path) =>
      tamper(path, `DROP TRIGGER licenses_record_update; ${RAISE_POOL};`),
    );
    const repaired = await call(side.router, 'workspace.repairAudit', {
      workspaceId: desk.workspaceId,
    });
    expect(repaired).toMatchObject({
      ok: true,
      repaired: { reason: 'records-changed', tables: ['licenses'] },
    });
    const [entry] = (
      await call(side.router, 'workspace.events', {
        workspaceId: desk.workspaceId,
        offset: 0,
        limit: 1,
      })
    ).rows;
    expect(entry).toMatchObject({ type: 'audit-log-repaired' });
    expect(entry!.details).toMatchObject({ reason: 'records-changed', tables: ['licenses'] });
    const reserved = await call(side.router, 'authority.reserve', reserve(side));
    expect(reserved.instance.state).toBe('reserved');
    await side.services.close();

    // Its triggers are back: the next process finds every record as the log left it.
    const next = reopen(desk);
    expect(
      await call(next.router, 'workspace.verifyAudit', { workspaceId: desk.workspaceId }),
    ).toMatchObject({ ok: true });
    await next.services.close();
  });

  it('finds a site’s device rewritten the same way', async () => {
    const site = await openSite(tempDir('records-site'));
    await call(site.router, 'site.addDevice', ucmDevice(site.workspaceId, 801));
    await site.services.close();
    tamper(
      databaseOf(site),
      `DROP TRIGGER devices_record_update; UPDATE devices SET name = 'renamed by hand';`,
    );
    const again = reopen(site);
    const stored = dumpDatabase(databaseOf(site));
    const error = await refusal(again.router, 'site.addDevice', ucmDevice(site.workspaceId, 802));
    expect(error.facts).toMatchObject({ reason: 'records-changed', table: 'devices' });
    expect(dumpDatabase(databaseOf(site))).toEqual(stored);
    await again.services.close();
  });

  it('keeps the digests through changes of two processes at once: nothing reads as changed', async () => {
    const other = reopen(desk);
    await call(other.router, 'authority.unlock', {
      workspaceId: desk.workspaceId,
      passphrase: PASSPHRASE,
    });
    for (let i = 0; i < 3; i++) {
      await call(desk.router, 'authority.reserve', reserve(desk));
      await call(other.router, 'authority.reserve', reserve(other));
    }
    for (const side of [desk, other])
      expect(
        await call(side.router, 'workspace.verifyAudit', { workspaceId: desk.workspaceId }),
      ).toMatchObject({ ok: true });
    await other.services.close();
  });

  it('logs a change to the records that logged nothing of its own, so the head moves with them', async () => {
    const ws = desk.services.workspaces.get(desk.workspaceId) as unknown as {
      transact(change: () => void): void;
      db: { sqlite: Database.Database };
    };
    ws.transact(() => ws.db.sqlite.prepare("UPDATE smart_account SET name = 'Renamed'").run());
    const [entry] = (
      await call(desk.router, 'workspace.events', {
        workspaceId: desk.workspaceId,
        offset: 0,
        limit: 1,
      })
    ).rows;
    expect(entry).toMatchObject({
      type: 'records-updated',
      details: { tables: ['smart_account'] },
    });
    expect(
      await call(desk.router, 'workspace.verifyAudit', { workspaceId: desk.workspaceId }),
    ).toMatchObject({ ok: true });
  });

  it('hashes every column of every guarded table (a column added later must be listed too)', () => {
    const db = new Database(databaseOf(desk), { readonly: true, fileMustExist: true });
    try {
      for (const table of GUARDED_TABLES)
        expect(
          db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table),
          table,
        ).toEqual([...GUARDED_RECORDS[table]]);
      // Every table but the log's own (chained and signed) and SQLite's.
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .pluck()
        .all() as string[];
      expect(tables.filter((t) => !(GUARDED_TABLES as string[]).includes(t)).sort()).toEqual([
        'audit',
        'audit_checkpoints',
        'record_digests',
      ]);
    } finally {
      db.close();
    }
  });
});
