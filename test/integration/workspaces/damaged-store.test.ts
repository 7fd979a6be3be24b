// A workspace whose store file was damaged between two runs of the app: restored from its last
// good copy and reported (WorkspaceDto.recovered), or refused with STORE_CORRUPT — never reset.

import { existsSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Side,
  call,
  filesOf,
  openSite,
  refusal,
  reopen,
  requestingDevice,
} from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

afterAll(removeTempDirs);

const corruptCopies = (side: Side) =>
  readdirSync(side.dir).filter((name) => name.startsWith('workspace.corrupt-'));

/** A site saved several times (two devices added, enabled, requested): it has a last good copy. */
async function siteWithBackup() {
  const site = await openSite(tempDir('damaged-site'));
  const first = await requestingDevice(site);
  const second = await requestingDevice(site);
  expect(existsSync(filesOf(site).backup)).toBe(true);
  return { site, first, second };
}

const DAMAGE: Array<[string, (path: string) => void]> = [
  ['garbage bytes', (path) => writeFileSync(path, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a]))],
  [
    'a file cut off mid-write',
    (path) => truncateSync(path, Math.floor(readFileSync(path).length / 2)),
  ],
  ['an empty file', (path) => writeFileSync(path, '')],
  [
    'JSON that is not a workspace',
    (path) => writeFileSync(path, '{"schemaVersion":1,"kind":"site"}'),
  ],
  ['JSON with no schema version', (path) => writeFileSync(path, '{"hello":"world"}')],
];

describe('reopening a workspace whose store is damaged', () => {
  it.each(DAMAGE)(
    '%s: restored from the last good copy, reported as recovered, the damaged bytes kept aside',
    async (_, damage) => {
      const { site, first, second } = await siteWithBackup();
      const { store, backup } = filesOf(site);
      const lastGood = readFileSync(backup);
      damage(store);
      const damaged = readFileSync(store);

      const restarted = reopen(site);
      const overview = await call(restarted.router, 'site.overview', {
        workspaceId: site.workspaceId,
      });
      const corruptCopy = overview.workspace.recovered?.corruptCopy;
      expect(corruptCopy, 'the overview says the store was recovered').toBeDefined();
      expect(readFileSync(corruptCopy!).equals(damaged)).toBe(true);
      expect(corruptCopies(site)).toHaveLength(1);
      // The last good copy is the document before the last save (the second device's request).
      expect(readFileSync(store).equals(lastGood)).toBe(true);
      expect(overview.devices.map((d) => [d.id, d.pendingRequestCode])).toEqual([
        [first.id, first.requestCode],
        [second.id, null],
      ]);
      // Still listed, and working: the next change is saved over the restored document.
      expect((await call(restarted.router, 'workspace.list', {})).map((w) => w.id)).toEqual([
        site.workspaceId,
      ]);
      await requestingDevice(restarted);
      const again = reopen(site);
      const next = await call(again.router, 'site.overview', { workspaceId: site.workspaceId });
      expect(next.devices).toHaveLength(3);
      expect(next.workspace.recovered).toBeUndefined();
    },
  );

  it('with no last good copy is refused with STORE_CORRUPT on every opening, the file left as it was, never started afresh', async () => {
    const site = await openSite(tempDir('damaged-new-site'));
    expect(existsSync(filesOf(site).backup)).toBe(false); // saved once: nothing to go back to
    writeFileSync(filesOf(site).store, '{"schemaVersion":1, "kind": "site", "devi');
    const damaged = readFileSync(filesOf(site).store);

    for (let opening = 1; opening <= 2; opening += 1) {
      const restarted = reopen(site);
      const error = await refusal(restarted.router, 'site.overview', {
        workspaceId: site.workspaceId,
      });
      expect(error.code).toBe('STORE_CORRUPT');
      expect(error.message).toMatch(/\S/);
      expect(error.facts).toMatchObject({ problem: 'not-json' });
      expect(readFileSync(String(error.facts.corruptCopy)).equals(damaged)).toBe(true);
      expect(readFileSync(filesOf(site).store).equals(damaged)).toBe(true);
      expect(corruptCopies(site)).toHaveLength(1);
      // Any other door is shut as well: no change can be written over the damaged file.
      const addDevice = await refusal(restarted.router, 'site.addDevice', {
        workspaceId: site.workspaceId,
        external: false,
        product: 'ucm',
        pid: 'UCM',
        sn: 'after-damage',
      });
      expect(addDevice.code).toBe('STORE_CORRUPT');
      expect((await call(restarted.router, 'workspace.list', {})).map((w) => w.id)).toEqual([
        site.workspaceId,
      ]);
    }
  });

  it('with both the store and its last good copy damaged is refused, and neither file is touched', async () => {
    const { site } = await siteWithBackup();
    const { store, backup } = filesOf(site);
    writeFileSync(store, 'not json at all');
    writeFileSync(backup, '{"truncated": ');
    const error = await refusal(reopen(site).router, 'site.overview', {
      workspaceId: site.workspaceId,
    });
    expect(error.code).toBe('STORE_CORRUPT');
    expect(readFileSync(store, 'utf8')).toBe('not json at all');
    expect(readFileSync(backup, 'utf8')).toBe('{"truncated": ');
  });
});
