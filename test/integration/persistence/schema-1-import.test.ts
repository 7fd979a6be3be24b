// A workspace of schema 1 (`workspace.json` and `audit.jsonl`, before each workspace became a
// database) is brought into a database on its first open: its chain verified first, everything it
// held there as it was, the import logged, and its old files kept read-only in `legacy/`. One
// whose log is broken, or whose document is torn, is refused and left exactly as it was.

import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferItemDto } from '../../../shared/ipc/dto.ts';
import { TestClock } from '../../support/ports.ts';
import { auditRowsOf, filesUnder, onSnapshot, strayFiles, walkChain } from '../support/readback.ts';
import { PASSPHRASE, TAGS, call, refusal } from '../support/sides.ts';
import { removeTempDirs } from '../support/temp-dirs.ts';
import { deskViews, siteViews, withHistory } from './support/history.ts';
import { type Schema1Files, asSchema1, toSchema1 } from './support/schema-1.ts';
import { type Workspace, openOn } from './support/workspaces.ts';
import { encodeRequestCode, newRequestNonce } from '../../../shared/codes/request-code.ts';
import { udiOf } from '../../support/authority.ts';
import { SeededRandom } from '../../support/ports.ts';

const clock = new TestClock();
const LEGACY = ['workspace.json', 'workspace.bak.json', 'audit.jsonl'];

afterAll(removeTempDirs);

/** The workspace's log, entry by entry, as its chain holds them. */
function entriesOf(ws: Workspace): Record<string, unknown>[] {
  return onSnapshot(ws.db, (db) =>
    auditRowsOf(db).map((row) => {
      const entry: Record<string, unknown> = {
        seq: row.seq,
        time: row.time,
        workspace: ws.id,
        prev: row.prev,
        action: row.action,
        direction: row.direction,
        hash: row.hash,
      };
      if (row.subject !== null) entry.subject = row.subject;
      if (row.code_kind !== null) entry.codeKind = row.code_kind;
      if (row.code_digest !== null) entry.codeDigest = row.code_digest;
      if (row.details !== null) entry.details = JSON.parse(row.details);
      return entry;
    }),
  );
}

/**
 * What a workspace's views were, as schema 1 could hold them: items this build marked done stand
 * where they stood before (see asSchema1), and the overview counts what waits accordingly.
 */
function asSchema1Views<V extends { overview: object; items: { rows: TransferItemDto[] } }>(
  views: V,
): V {
  const rows = views.items.rows.map((item) => asSchema1(item));
  const overview =
    'pending' in views.overview
      ? {
          ...views.overview,
          pending: {
            out: rows.filter((i) => i.direction === 'out' && i.status === 'waiting').length,
            in: rows.filter((i) => i.direction === 'in' && i.status === 'imported').length,
          },
        }
      : views.overview;
  return { ...views, overview, items: { ...views.items, rows } };
}

/** Every file of the folder and its bytes. */
function bytesOf(ws: Workspace): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of filesUnder(ws.dir))
    out[name] = name.endsWith('/') ? '' : readFileSync(join(ws.dir, name)).toString('base64');
  return out;
}

describe('a schema-1 workspace opened by this build', () => {
  const sides = ['site', 'desk'] as const;
  const before: Record<string, unknown> = {};
  const files: Record<string, Schema1Files> = {};
  let history: Awaited<ReturnType<typeof withHistory>>;

  beforeAll(async () => {
    history = await withHistory(clock, 'schema-1');
    const site = openOn(history.site.dataDir, clock);
    before.site = await siteViews(site.router, history.site.id);
    await site.services.close();
    const desk = openOn(history.desk.dataDir, clock);
    before.desk = await deskViews(desk.router, history.desk.id);
    await desk.services.close();
    for (const side of sides) files[side] = toSchema1(history[side]);
  });

  it.each(sides)(
    'imports a %s with everything it held, its chain verified and the import logged',
    async (side) => {
      const ws = history[side];
      const { router, services } = openOn(ws.dataDir, clock);
      const views =
        side === 'site' ? await siteViews(router, ws.id) : await deskViews(router, ws.id);
      const expected = asSchema1Views(before[side] as Awaited<ReturnType<typeof siteViews>>);
      if ('checkpointKey' in views.overview) {
        // A site of schema 1 had no key of its own: it gets a new one, ready to sign.
        expect(views.overview.checkpointKey).toMatchObject({ unlocked: true });
        expect(views.overview.checkpointKey).not.toEqual(
          (expected.overview as typeof views.overview).checkpointKey,
        );
        views.overview.checkpointKey = (expected.overview as typeof views.overview).checkpointKey;
      }
      expect(views).toEqual(expected);
      const log = entriesOf(ws);
      const n = files[side]!.entries.length;
      expect(log.slice(0, n)).toEqual(files[side]!.entries); // every entry as it was written
      expect(log[n]).toMatchObject({
        seq: n + 1,
        action: 'workspace-imported',
        details: { from: 'schema 1', entries: n, keptIn: 'legacy' },
      });
      // The log is signed from here on: at once at a site, at the desk once its key is unlocked.
      if (side === 'desk')
        await call(router, 'authority.unlock', { workspaceId: ws.id, passphrase: PASSPHRASE });
      const verified = await call(router, 'workspace.verifyAudit', { workspaceId: ws.id });
      expect(verified).toMatchObject({ ok: true, entries: entriesOf(ws).length });
      onSnapshot(ws.db, (db) => expect(walkChain(db).ok).toBe(true));
      await services.close();
    },
  );

  it.each(sides)(
    'keeps the %s’s old files, read-only and byte for byte, in legacy/ and nowhere else',
    (side) => {
      const ws = history[side];
      const written = [files[side]!.document, files[side]!.backup, files[side]!.log];
      LEGACY.forEach((name, i) => {
        expect(existsSync(join(ws.dir, name)), name).toBe(false);
        const kept = join(ws.dir, 'legacy', name);
        expect(readFileSync(kept, 'utf8')).toBe(written[i]);
        expect(statSync(kept).mode & 0o777).toBe(0o400);
      });
    },
  );

  it('goes on where the old workspace stopped: the next device and the next outbox item', async () => {
    const site = openOn(history.site.dataDir, clock);
    const udi = udiOf(99, 'ucm');
    const device = await call(site.router, 'site.addDevice', {
      workspaceId: history.site.id,
      external: false,
      product: 'ucm',
      pid: udi.pid,
      sn: udi.sn,
      uuid: udi.uuid!,
    });
    expect(device.id).toBe('dev-5');
    await site.services.close();

    const desk = openOn(history.desk.dataDir, clock);
    const workspaceId = history.desk.id;
    await call(desk.router, 'authority.unlock', { workspaceId, passphrase: PASSPHRASE });
    const items = (before.desk as Awaited<ReturnType<typeof deskViews>>).items.rows;
    const last = Math.max(...items.map((i) => Number(i.id.split('-')[1])));
    const reserved = await call(desk.router, 'authority.reserve', {
      workspaceId,
      va: 'Lab',
      requestCode: encodeRequestCode(udiOf(98, 'ucm'), newRequestNonce(new SeededRandom(5))),
      selection: { type: 'SLR', licenses: { [TAGS.enhanced]: 1 } },
    });
    expect(reserved.outboxItemId).toBe(`out-${last + 1}`);
    await desk.services.close();
  });
});

describe('a schema-1 import cut short', () => {
  it('is done again from the start on the next open, and leaves nothing of the first try behind', async () => {
    const { site } = await withHistory(clock, 'schema-1-cut');
    const files = toSchema1(site);
    // What a process killed while importing leaves: a half-made database under its temporary name.
    writeFileSync(join(site.dir, 'workspace.db.importing'), 'SQLite format 3\0 half of it');
    writeFileSync(join(site.dir, 'workspace.db.importing-wal'), 'more of it');
    const { router, services } = openOn(site.dataDir, clock);
    expect((await call(router, 'site.overview', { workspaceId: site.id })).deviceCount).toBe(4);
    await services.close();
    expect(strayFiles(site.dir)).toEqual([]);
    expect(readFileSync(join(site.dir, 'legacy', 'audit.jsonl'), 'utf8')).toBe(files.log);
    onSnapshot(site.db, (db) => expect(walkChain(db).ok).toBe(true));
  });
});

describe('a schema-1 workspace that cannot be trusted', () => {
  async function schema1Site(): Promise<Workspace> {
    const { site } = await withHistory(clock, 'schema-1-bad');
    toSchema1(site);
    return site;
  }

  async function refusedAndUntouched(ws: Workspace, code: string) {
    const files = bytesOf(ws);
    const { router, services } = openOn(ws.dataDir, clock);
    const error = await refusal(router, 'site.overview', { workspaceId: ws.id });
    expect(error.code).toBe(code);
    // Asked again, the same answer; nothing was made, moved or changed.
    expect((await refusal(router, 'site.overview', { workspaceId: ws.id })).code).toBe(code);
    await services.close();
    expect(bytesOf(ws)).toEqual(files);
    expect(existsSync(ws.db)).toBe(false);
    expect(existsSync(join(ws.dir, 'legacy'))).toBe(false);
    return error;
  }

  it('refuses a log with an entry changed in it, naming the line, and leaves every file as it was', async () => {
    const ws = await schema1Site();
    const path = join(ws.dir, 'audit.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[4] = lines[4]!.replace('"device-added"', '"device-removed"');
    writeFileSync(path, lines.join('\n'));
    const error = await refusedAndUntouched(ws, 'AUDIT_LOG_DAMAGED');
    expect(error.facts).toMatchObject({ line: 5, reason: 'hash-mismatch' });
  });

  it('refuses a log cut short before the head its document names', async () => {
    const ws = await schema1Site();
    const path = join(ws.dir, 'audit.jsonl');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    writeFileSync(path, `${lines.slice(0, -3).join('\n')}\n`);
    const error = await refusedAndUntouched(ws, 'AUDIT_LOG_DAMAGED');
    expect(error.facts).toMatchObject({ reason: 'head-mismatch' });
  });

  it('refuses a document cut short (a torn write), and leaves every file as it was', async () => {
    const ws = await schema1Site();
    const path = join(ws.dir, 'workspace.json');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
    const error = await refusedAndUntouched(ws, 'LEGACY_IMPORT_FAILED');
    expect(String(error.facts.problem)).toMatch(/not JSON/);
  });
});
