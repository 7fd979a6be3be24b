// Upgrading workspaces written by an older schema. Versions start at 1 and no upgrade exists yet,
// so the next app version is built here: the same modules with workspace-document.ts swapped for
// one at schema 2 plus a migration step (vi.doMock) — exactly the two constants the repository
// reads. The old app writes the files; the new one opens them.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Migration } from '../../../shared/migrations/run-migrations.ts';
import type * as WorkspaceDocumentModule from '../../../electron/services/workspaces/workspace-document.ts';
import type * as SidesModule from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

const DOCUMENT = '../../../electron/services/workspaces/workspace-document.ts';
type Sides = typeof SidesModule;

/** The app's modules, fresh, at schema 1 (as shipped) or at a later schema with its migrations. */
async function app(next?: { version: number; migrations: Migration[] }): Promise<Sides> {
  vi.resetModules();
  if (next) {
    vi.doMock(DOCUMENT, async (importOriginal) => ({
      ...(await importOriginal<typeof WorkspaceDocumentModule>()),
      WORKSPACE_SCHEMA_VERSION: next.version,
      WORKSPACE_MIGRATIONS: next.migrations,
    }));
  } else vi.doUnmock(DOCUMENT);
  return import('../support/sides.ts');
}

/** Schema 2: every device gets a location, every workspace a place for labels. */
const toV2: Migration = (doc) => {
  const devices = doc.devices as Record<string, Record<string, unknown>> | undefined;
  return {
    ...doc,
    labels: {},
    ...(devices
      ? {
          devices: Object.fromEntries(
            Object.entries(devices).map(([id, d]) => [id, { ...d, location: 'unknown' }]),
          ),
        }
      : {}),
  };
};

afterEach(() => {
  vi.doUnmock(DOCUMENT);
  vi.resetModules();
});
afterAll(removeTempDirs);

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const corruptCopies = (dir: string) => readdirSync(dir).filter((n) => n.includes('.corrupt-'));

describe('opening workspaces written by the previous schema', () => {
  it('upgrades both sides on first open, keeps the old file as the last good copy, and everything still works', async () => {
    const v1 = await app();
    const desk = await v1.openDesk(tempDir('migrate-desk'));
    const site = await v1.openSite(tempDir('migrate-site'), desk);
    const device = await v1.requestingDevice(site);
    const reserved = await v1.call(desk.router, 'authority.reserve', {
      workspaceId: desk.workspaceId,
      va: 'Lab',
      requestCode: device.requestCode,
      selection: { type: 'SLR', licenses: { [v1.TAGS.enhanced]: 3 } },
    });
    const v1Bytes = {
      desk: readFileSync(v1.filesOf(desk).store),
      site: readFileSync(v1.filesOf(site).store),
    };
    expect(json(v1.filesOf(site).store).schemaVersion).toBe(1);

    const v2 = await app({ version: 2, migrations: [toV2] });
    const newDesk = v2.reopen(desk);
    const newSite = v2.reopen(site);
    const overview = await v2.call(newSite.router, 'site.overview', {
      workspaceId: site.workspaceId,
    });
    expect(overview.devices.map((d) => [d.id, d.pendingRequestCode])).toEqual([
      [device.id, device.requestCode],
    ]);
    expect(overview.workspace.recovered).toBeUndefined();
    const instances = await v2.call(newDesk.router, 'authority.instances', {
      workspaceId: desk.workspaceId,
    });
    expect(instances.map((i) => [i.id, i.licenses])).toEqual([
      [reserved.instance.id, { [v2.TAGS.enhanced]: 3 }],
    ]);

    // On disk: the upgraded document, and the old one kept byte for byte as the last good copy.
    for (const [side, old] of [
      [site, v1Bytes.site],
      [desk, v1Bytes.desk],
    ] as const) {
      const stored = json(v2.filesOf(side).store);
      expect(stored).toMatchObject({ schemaVersion: 2, labels: {} });
      expect(readFileSync(v2.filesOf(side).backup).equals(old)).toBe(true);
      expect(corruptCopies(side.dir)).toEqual([]);
    }
    const storedSite = json(v2.filesOf(site).store) as {
      devices: Record<string, { location: string }>;
    };
    expect(storedSite.devices[device.id]!.location).toBe('unknown');

    // The upgraded workspaces keep working: the device installs, the desk confirms.
    const code = reserved.authorizationCode;
    const installed = await v2.call(newSite.router, 'site.action', {
      workspaceId: site.workspaceId,
      deviceId: device.id,
      action: 'install',
      code,
    });
    const confirmed = await v2.call(newDesk.router, 'authority.confirm', {
      workspaceId: desk.workspaceId,
      instanceId: reserved.instance.id,
      confirmationCode: installed.confirmationCode!,
    });
    expect(confirmed.confirmed).toBe(true);
    expect(json(v2.filesOf(site).store).schemaVersion).toBe(2);
    expect(
      await v2.call(newSite.router, 'workspace.verifyAudit', { workspaceId: site.workspaceId }),
    ).toMatchObject({ ok: true });
  });

  it('refuses a store written by a newer schema (an older app opening it) with STORE_TOO_NEW and leaves it untouched', async () => {
    const v2 = await app({ version: 2, migrations: [toV2] });
    const site = await v2.openSite(tempDir('migrate-newer'));
    await v2.requestingDevice(site);
    const written = readFileSync(v2.filesOf(site).store);
    const backup = readFileSync(v2.filesOf(site).backup);

    const v1 = await app();
    const error = await v1.refusal(v1.reopen(site).router, 'site.overview', {
      workspaceId: site.workspaceId,
    });
    expect(error.code).toBe('STORE_TOO_NEW');
    expect(error.facts).toMatchObject({ found: 2, supported: 1 });
    expect(readFileSync(v1.filesOf(site).store).equals(written)).toBe(true);
    expect(readFileSync(v1.filesOf(site).backup).equals(backup)).toBe(true);
    expect(corruptCopies(site.dir)).toEqual([]);
  });

  it('refuses to open when an upgrade step fails (MIGRATION_FAILED), changes no file, and opens once the step is fixed', async () => {
    const v1 = await app();
    const site = await v1.openSite(tempDir('migrate-failing'));
    await v1.requestingDevice(site);
    const { store, backup } = v1.filesOf(site);
    const before = { store: readFileSync(store), backup: readFileSync(backup) };

    const broken = await app({
      version: 2,
      migrations: [
        () => {
          throw new Error('cannot map the old trust record');
        },
      ],
    });
    const error = await broken.refusal(broken.reopen(site).router, 'site.overview', {
      workspaceId: site.workspaceId,
    });
    expect(error.code).toBe('MIGRATION_FAILED');
    expect(error.facts).toMatchObject({
      from: 1,
      to: 2,
      reason: 'cannot map the old trust record',
    });
    expect(readFileSync(store).equals(before.store)).toBe(true);
    expect(readFileSync(backup).equals(before.backup)).toBe(true);
    expect(corruptCopies(site.dir)).toEqual([]);
    expect(existsSync(store)).toBe(true);

    const fixed = await app({ version: 2, migrations: [toV2] });
    const overview = await fixed.call(fixed.reopen(site).router, 'site.overview', {
      workspaceId: site.workspaceId,
    });
    expect(overview.devices).toHaveLength(1);
    expect(json(store).schemaVersion).toBe(2);
  });
});
