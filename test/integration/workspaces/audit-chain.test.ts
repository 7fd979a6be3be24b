// The workspace's hash-chained audit log checked through `workspace.verifyAudit`, as the app and
// `airlock audit verify` do: an entry edited, removed or re-chained in the database file, or the
// log cut short, is found and its place named.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS, sealEntry } from '../../../electron/services/audit-entry.ts';
import { auditCount, dumpDatabase, tamper } from '../support/database.ts';
import {
  type Side,
  call,
  databaseOf,
  openDesk,
  PASSPHRASE,
  openSite,
  refusal,
  reopen,
  requestingDevice,
} from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

let desk: Side;
let site: Side;
let entries: number;

beforeAll(async () => {
  desk = await openDesk(tempDir('audit-desk'));
});
beforeEach(async () => {
  site = await openSite(tempDir('audit-site'), desk);
  await requestingDevice(site);
  await requestingDevice(site);
  entries = auditCount(databaseOf(site));
  expect(entries).toBeGreaterThanOrEqual(8);
});
afterAll(removeTempDirs);

/** Changes the log in the file with the guards (append-only triggers) dropped, as an attacker would. */
function rewrite(sql: string): void {
  tamper(databaseOf(site), `DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; ${sql}`);
}

async function verifyAfter(sql: string) {
  await site.services.close();
  rewrite(sql);
  return call(reopen(site).router, 'workspace.verifyAudit', { workspaceId: site.workspaceId });
}

describe('workspace.verifyAudit', () => {
  it('finds an intact log of both sides ok, every entry counted', async () => {
    expect(
      await call(site.router, 'workspace.verifyAudit', { workspaceId: site.workspaceId }),
    ).toMatchObject({ ok: true, entries, unsigned: 0 });
    const deskCheck = await call(desk.router, 'workspace.verifyAudit', {
      workspaceId: desk.workspaceId,
    });
    expect(deskCheck.ok).toBe(true);
    expect(deskCheck.entries).toBe(auditCount(databaseOf(desk)));
  });

  it('reports an edited entry as the first broken one, with the intact entries before it', async () => {
    const result = await verifyAfter(
      `UPDATE audit SET details = json_set(details, '$.udi', 'P:UCM,S:forged') WHERE seq = 4`,
    );
    expect(result).toMatchObject({
      ok: false,
      entries: 3,
      firstBrokenAt: 4,
      reason: 'hash-mismatch',
    });
  });

  it('reports an entry taken out of the middle', async () => {
    const result = await verifyAfter('DELETE FROM audit WHERE seq = 3');
    expect(result).toMatchObject({ ok: false, entries: 2, firstBrokenAt: 4, reason: 'seq-gap' });
  });

  it('reports an entry re-hashed by someone who could not rewrite the next one', async () => {
    const result = await verifyAfter(`UPDATE audit SET hash = '${'f'.repeat(64)}' WHERE seq = 5`);
    expect(result).toMatchObject({
      ok: false,
      entries: 4,
      firstBrokenAt: 5,
      reason: 'hash-mismatch',
    });
  });

  it('reports entries swapped in place', async () => {
    const result = await verifyAfter(
      `UPDATE audit SET seq = -1 WHERE seq = 5; UPDATE audit SET seq = 5 WHERE seq = 6;
       UPDATE audit SET seq = 6 WHERE seq = -1;`,
    );
    expect(result).toMatchObject({ ok: false, entries: 4, firstBrokenAt: 5 });
  });

  it('refuses to open a workspace whose log was cut short below what it last committed', async () => {
    await site.services.close();
    rewrite(`DELETE FROM audit WHERE seq > ${entries - 2}`);
    const error = await refusal(reopen(site).router, 'workspace.verifyAudit', {
      workspaceId: site.workspaceId,
    });
    expect(error.code).toBe('STORE_ROLLED_BACK');
    expect(error.facts).toMatchObject({ expected: entries, found: entries - 2 });
  });

  it('keeps Airlock itself from editing or deleting an entry (the log is append-only)', async () => {
    expect(() => tamper(databaseOf(site), 'DELETE FROM audit WHERE seq = 1')).toThrow(
      /append-only/,
    );
    expect(() => tamper(databaseOf(site), "UPDATE audit SET action = 'x' WHERE seq = 1")).toThrow(
      /append-only/,
    );
    expect(auditCount(databaseOf(site))).toBe(entries);
  });
});

const externalDevice = {
  get workspaceId() {
    return site.workspaceId;
  },
  external: true,
  product: 'ios-xe',
  pid: 'C9300-24UX',
  sn: 'FCW0000X',
} as const;

function pointMarkerAt(seq: number): void {
  const db = new Database(databaseOf(site), { readonly: true });
  const hash = db.prepare('SELECT hash FROM audit WHERE seq = ?').pluck().get(seq) as string;
  db.close();
  writeFileSync(join(site.dir, 'workspace.head'), `${JSON.stringify({ seq, hash })}\n`);
}

describe('the signed checkpoint', () => {
  it('catches a log cut short even when the marker beside it was rewritten to match', async () => {
    await site.services.close();
    rewrite(`DELETE FROM audit WHERE seq > ${entries - 2}`);
    pointMarkerAt(entries - 2);
    const result = await call(reopen(site).router, 'workspace.verifyAudit', {
      workspaceId: site.workspaceId,
    });
    expect(result).toMatchObject({ ok: false, reason: 'entry-missing', firstBrokenAt: entries });
  });

  it('catches a chain recomputed after an entry was dropped (every hash made to fit again)', async () => {
    await site.services.close();
    recomputeWithout(3);
    pointMarkerAt(entries - 1);
    const result = await call(reopen(site).router, 'workspace.verifyAudit', {
      workspaceId: site.workspaceId,
    });
    expect(result).toMatchObject({ ok: false, reason: 'entry-missing' });
  });

  it('stops every change to a log that no longer matches its checkpoint, and changes nothing', async () => {
    await site.services.close();
    recomputeWithout(3);
    pointMarkerAt(entries - 1);
    const reopened = reopen(site);
    const before = auditCount(databaseOf(site));
    const error = await refusal(reopened.router, 'site.addDevice', {
      workspaceId: site.workspaceId,
      external: true,
      product: 'ios-xe',
      pid: 'C9300-24UX',
      sn: 'FCW0000X',
    });
    expect(error.code).toBe('AUDIT_LOG_DAMAGED');
    expect(error.facts).toMatchObject({ reason: 'entry-missing' });
    expect(auditCount(databaseOf(site))).toBe(before);
    // The explicit repair records what was found and signs a new checkpoint; changes go on.
    const repaired = await call(reopened.router, 'workspace.repairAudit', {
      workspaceId: site.workspaceId,
    });
    expect(repaired.checkpoint?.seq).toBe(before + 1);
    const events = await call(reopened.router, 'workspace.events', {
      workspaceId: site.workspaceId,
      offset: 0,
      limit: 1,
    });
    expect(events.rows[0]).toMatchObject({ type: 'audit-log-repaired' });
    expect(events.rows[0]!.details).toMatchObject({ reason: 'entry-missing' });
    await call(reopened.router, 'site.addDevice', {
      workspaceId: site.workspaceId,
      external: true,
      product: 'ios-xe',
      pid: 'C9300-24UX',
      sn: 'FCW0000X',
    });
  });

  it('catches checkpoints signed by another key (one the attacker made)', async () => {
    await site.services.close();
    rewriteCheckpoint((db) =>
      db.exec(`UPDATE audit_checkpoints SET key_fingerprint = 'AAAA' WHERE seq = ${entries}`),
    );
    const result = await call(reopen(site).router, 'workspace.verifyAudit', {
      workspaceId: site.workspaceId,
    });
    expect(result).toMatchObject({ ok: false, reason: 'other-key' });
  });

  it('catches a forged signature, and checkpoints removed and started again', async () => {
    await site.services.close();
    rewriteCheckpoint((db) =>
      db.exec(
        `UPDATE audit_checkpoints SET signature = '${Buffer.alloc(70, 1).toString('base64')}'`,
      ),
    );
    expect(
      await call(reopen(site).router, 'workspace.verifyAudit', { workspaceId: site.workspaceId }),
    ).toMatchObject({ ok: false, reason: 'bad-signature' });

    // Every checkpoint removed: named, and no change signs the log afresh as if nothing happened.
    rewriteCheckpoint((db) => db.exec('DELETE FROM audit_checkpoints'));
    const again = reopen(site);
    expect(
      await call(again.router, 'workspace.verifyAudit', { workspaceId: site.workspaceId }),
    ).toMatchObject({ ok: false, reason: 'no-checkpoint' });
    const before = auditCount(databaseOf(site));
    const error = await refusal(again.router, 'site.addDevice', externalDevice);
    expect(error).toMatchObject({ code: 'AUDIT_LOG_DAMAGED', facts: { reason: 'no-checkpoint' } });
    expect(error.message).toContain('no signed checkpoint');
    expect(auditCount(databaseOf(site))).toBe(before);
    await call(again.router, 'workspace.repairAudit', { workspaceId: site.workspaceId });
    expect(
      await call(again.router, 'workspace.verifyAudit', { workspaceId: site.workspaceId }),
    ).toMatchObject({ ok: true });
    await call(again.router, 'site.addDevice', externalDevice);
  });

  it('stops every change to a chain broken inside, until a repair accepts that break', async () => {
    await site.services.close();
    rewrite(`UPDATE audit SET time = '2020-01-01T00:00:00.000Z' WHERE seq = 3`);
    const reopened = reopen(site);
    const before = auditCount(databaseOf(site));
    const error = await refusal(reopened.router, 'site.addDevice', externalDevice);
    expect(error).toMatchObject({
      code: 'AUDIT_LOG_DAMAGED',
      facts: { reason: 'hash-mismatch', seq: 3 },
    });
    expect(error.message).toContain('broken at entry 3');
    expect(auditCount(databaseOf(site))).toBe(before);

    expect(
      await call(reopened.router, 'workspace.repairAudit', { workspaceId: site.workspaceId }),
    ).toMatchObject({ ok: true, repaired: { reason: 'hash-mismatch', brokenAt: 3 } });
    expect(
      await call(reopened.router, 'workspace.verifyAudit', { workspaceId: site.workspaceId }),
    ).toMatchObject({ ok: true, accepted: [3], entries: before + 1 });
    expect(
      await call(reopened.router, 'workspace.repairAudit', { workspaceId: site.workspaceId }),
    ).not.toHaveProperty('repaired');
    await call(reopened.router, 'site.addDevice', externalDevice);

    // The repair accepted that break, not the next one.
    await reopened.services.close();
    tamper(databaseOf(site), `UPDATE audit SET time = '2020-01-01T00:00:00.000Z' WHERE seq = 5`);
    const third = reopen(site);
    const stored = dumpDatabase(databaseOf(site));
    expect(
      await refusal(third.router, 'site.addDevice', { ...externalDevice, sn: 'FCW0000Y' }),
    ).toMatchObject({ code: 'AUDIT_LOG_DAMAGED', facts: { reason: 'hash-mismatch', seq: 5 } });
    expect(dumpDatabase(databaseOf(site))).toEqual(stored);
  });

  it('stops a desk whose log was cut to its first entry with every checkpoint and the marker', async () => {
    const cut = await openDesk(tempDir('audit-cut-desk'));
    await call(cut.router, 'authority.addVirtualAccount', {
      workspaceId: cut.workspaceId,
      name: 'Spare',
    });
    await cut.services.close();
    tamper(
      databaseOf(cut),
      `DROP TRIGGER audit_no_delete; DROP TRIGGER audit_checkpoints_no_delete;
       DELETE FROM audit WHERE seq > 1; DELETE FROM audit_checkpoints;`,
    );
    rmSync(join(cut.dir, 'workspace.head'));
    const reopened = reopen(cut);
    const error = await refusal(reopened.router, 'authority.addVirtualAccount', {
      workspaceId: cut.workspaceId,
      name: 'Another',
    });
    expect(error).toMatchObject({ code: 'AUDIT_LOG_DAMAGED', facts: { reason: 'no-checkpoint' } });
    expect(
      await call(reopened.router, 'workspace.verifyAudit', { workspaceId: cut.workspaceId }),
    ).toMatchObject({ ok: false, reason: 'no-checkpoint' });
    expect(auditCount(databaseOf(cut))).toBe(1);
  });

  it('is checked as soon as the app asks (workspace.checkSound): what the next change would find, changing nothing', async () => {
    expect(
      await call(site.router, 'workspace.checkSound', { workspaceId: site.workspaceId }),
    ).toEqual({ sound: true });
    await site.services.close();
    rewrite(`UPDATE audit SET time = '2020-01-01T00:00:00.000Z' WHERE seq = 3`);
    const reopened = reopen(site);
    const stored = dumpDatabase(databaseOf(site));
    const found = await refusal(reopened.router, 'workspace.checkSound', {
      workspaceId: site.workspaceId,
    });
    expect(found).toMatchObject({
      code: 'AUDIT_LOG_DAMAGED',
      facts: { reason: 'hash-mismatch', seq: 3 },
    });
    expect(dumpDatabase(databaseOf(site))).toEqual(stored);
    // The same answer the next change gets; after the repair, sound again.
    expect(await refusal(reopened.router, 'site.addDevice', externalDevice)).toMatchObject({
      code: 'AUDIT_LOG_DAMAGED',
      facts: { reason: 'hash-mismatch', seq: 3 },
    });
    await call(reopened.router, 'workspace.repairAudit', { workspaceId: site.workspaceId });
    expect(
      await call(reopened.router, 'workspace.checkSound', { workspaceId: site.workspaceId }),
    ).toEqual({ sound: true });
  });

  it('finds a log cut short under its checkpoint when the app asks, before any change', async () => {
    await site.services.close();
    recomputeWithout(3);
    pointMarkerAt(entries - 1);
    const reopened = reopen(site);
    const stored = dumpDatabase(databaseOf(site));
    expect(
      await refusal(reopened.router, 'workspace.checkSound', { workspaceId: site.workspaceId }),
    ).toMatchObject({ code: 'AUDIT_LOG_DAMAGED', facts: { reason: 'entry-missing' } });
    expect(dumpDatabase(databaseOf(site))).toEqual(stored);
  });

  it('is signed in the transaction that makes the workspace', async () => {
    const fresh = await openDesk(tempDir('audit-fresh-desk'));
    const db = new Database(databaseOf(fresh), { readonly: true });
    const checkpoints = db.prepare('SELECT seq FROM audit_checkpoints').pluck().all();
    const actions = db.prepare('SELECT action FROM audit ORDER BY seq').pluck().all();
    db.close();
    expect(actions.slice(0, 2)).toEqual(['workspace-created', 'audit-checkpoints-started']);
    expect(checkpoints[0]).toBe(2);
  });
});

/** Drops one entry and recomputes every later hash and link, as someone without the key can. */
function recomputeWithout(seq: number): void {
  const db = new Database(databaseOf(site));
  db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  const rows = db.prepare('SELECT * FROM audit ORDER BY seq').all() as Array<
    Record<string, unknown>
  >;
  db.exec('DELETE FROM audit');
  const insert = db.prepare(
    `INSERT INTO audit (seq, time, action, direction, subject, code_kind, code_digest, details, prev, hash)
     VALUES (@seq, @time, @action, @direction, @subject, @code_kind, @code_digest, @details, @prev, @hash)`,
  );
  let prev = GENESIS;
  let next = 1;
  for (const row of rows) {
    if (row.seq === seq) continue;
    const body: Record<string, unknown> = {
      seq: next,
      time: row.time,
      workspace: site.workspaceId,
      prev,
      action: row.action,
      direction: row.direction,
      ...(row.subject !== null ? { subject: row.subject } : {}),
      ...(row.code_kind !== null ? { codeKind: row.code_kind } : {}),
      ...(row.code_digest !== null ? { codeDigest: row.code_digest } : {}),
      ...(row.details !== null ? { details: JSON.parse(row.details as string) } : {}),
    };

    /** The marker beside the database, rewritten as an attacker who cut the log would. */
    const { entry } = sealEntry(body);
    insert.run({ ...row, seq: next, prev, hash: entry.hash });
    prev = entry.hash;
    next++;
  }
  db.close();
}

function rewriteCheckpoint(change: (db: Database.Database) => void): void {
  const db = new Database(databaseOf(site));
  db.exec(
    'DROP TRIGGER IF EXISTS audit_checkpoints_no_update; DROP TRIGGER IF EXISTS audit_checkpoints_no_delete;',
  );
  change(db);
  db.close();
}

describe('the explicit repair, at a desk', () => {
  it('unlocks the signing key with the passphrase it was given, as any change does', async () => {
    const cut = await openDesk(tempDir('audit-repair-desk'));
    await call(cut.router, 'authority.addVirtualAccount', {
      workspaceId: cut.workspaceId,
      name: 'Spare',
    });
    await cut.services.close();
    const entries = auditCount(databaseOf(cut));
    tamper(
      databaseOf(cut),
      `DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = ${entries}`,
    );
    const db = new Database(databaseOf(cut), { readonly: true });
    const hash = db
      .prepare('SELECT hash FROM audit WHERE seq = ?')
      .pluck()
      .get(entries - 1);
    db.close();
    writeFileSync(
      join(cut.dir, 'workspace.head'),
      `${JSON.stringify({ seq: entries - 1, hash })}\n`,
    );
    // As the CLI opens it: locked, with the passphrase at hand for a change that needs the key.
    const reopened = reopen(cut, { passphrase: () => PASSPHRASE });
    const repaired = await call(reopened.router, 'workspace.repairAudit', {
      workspaceId: cut.workspaceId,
    });
    expect(repaired).toMatchObject({ ok: true, entries });
    expect(repaired.checkpoint?.seq).toBe(entries);
    await reopened.services.close();
  });
});
