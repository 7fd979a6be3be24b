// The workspace's hash-chained audit log checked through `workspace.verifyAudit`, as the app and
// `airlock audit verify` do: an entry edited, removed or re-chained in the database file, or the
// log cut short, is found and its place named.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditCount, tamper } from '../support/database.ts';
import {
  type Side,
  call,
  databaseOf,
  openDesk,
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
    ).toEqual({ ok: true, entries });
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
    expect(result).toEqual({ ok: false, entries: 3, firstBrokenAt: 4, reason: 'hash-mismatch' });
  });

  it('reports an entry taken out of the middle', async () => {
    const result = await verifyAfter('DELETE FROM audit WHERE seq = 3');
    expect(result).toEqual({ ok: false, entries: 2, firstBrokenAt: 4, reason: 'seq-gap' });
  });

  it('reports an entry re-hashed by someone who could not rewrite the next one', async () => {
    const result = await verifyAfter(`UPDATE audit SET hash = '${'f'.repeat(64)}' WHERE seq = 5`);
    expect(result).toEqual({ ok: false, entries: 4, firstBrokenAt: 5, reason: 'hash-mismatch' });
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
