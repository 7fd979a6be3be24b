// The desk's file holds each authorization code once: an outbox item whose code its instance
// holds names the holder on disk, and reopening the desk gives every item its full code back.

import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  TAGS,
  call,
  filesOf,
  openDesk,
  openSite,
  reopen,
  requestingDevice,
  type Side,
} from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

afterAll(removeTempDirs);

interface StoredItem {
  kind: string;
  direction: string;
  code: string;
  subject: string | null;
  codeHeldBy?: string;
}

const storedItems = (desk: Side) =>
  (JSON.parse(readFileSync(filesOf(desk).store, 'utf8')) as { items: StoredItem[] }).items;
const occurrences = (text: string, code: string) => text.split(code).length - 1;
const outbox = async (desk: Side) =>
  (
    await call(desk.router, 'transfer.items', { workspaceId: desk.workspaceId, direction: 'out' })
  ).map((i) => i.code);

/** A desk with one SLR reservation (and its code), and the site device that asked for it. */
async function reserved() {
  const desk = await openDesk(tempDir('codes-desk'));
  const site = await openSite(tempDir('codes-site'), desk);
  const device = await requestingDevice(site);
  const first = await call(desk.router, 'authority.reserve', {
    workspaceId: desk.workspaceId,
    va: 'Lab',
    requestCode: device.requestCode,
    selection: { type: 'SLR', licenses: { [TAGS.enhanced]: 2 } },
  });
  return { desk, site, device, instanceId: first.instance.id, first: first.authorizationCode };
}

describe('authorization codes in the desk file', () => {
  it('are written once, named by the outbox, and given back in full on reopening', async () => {
    const { desk, instanceId, first } = await reserved();
    const text = readFileSync(filesOf(desk).store, 'utf8');
    expect(occurrences(text, first)).toBe(1);
    const item = storedItems(desk).find((i) => i.kind === 'authorization')!;
    expect(item).toMatchObject({ code: '', codeHeldBy: 'current', subject: instanceId });

    const restarted = reopen(desk);
    expect(await outbox(restarted)).toEqual([first]);
    const instance = await call(restarted.router, 'authority.instance', {
      workspaceId: desk.workspaceId,
      instanceId,
    });
    expect(instance.authorizationCode).toBe(first);
  });

  it('name the pending update while in transit, and keep a superseded code in full', async () => {
    const { desk, site, device, instanceId, first } = await reserved();
    const update = await call(desk.router, 'authority.update', {
      workspaceId: desk.workspaceId,
      instanceId,
      licenses: { [TAGS.enhanced]: 3 },
    });
    expect(storedItems(desk).map((i) => [i.kind, i.codeHeldBy])).toEqual([
      ['authorization', 'current'],
      ['authorization', 'pending'],
    ]);
    expect(await outbox(reopen(desk))).toEqual([first, update.authorizationCode]);

    // The device installs the first code, then the update; the desk takes the update's
    // confirmation, and the first code is no longer held by the instance: it is written out.
    for (const code of [first, update.authorizationCode]) {
      const installed = await call(site.router, 'site.action', {
        workspaceId: site.workspaceId,
        deviceId: device.id,
        action: 'install',
        code,
      });
      if (code === update.authorizationCode) {
        await call(desk.router, 'authority.confirm', {
          workspaceId: desk.workspaceId,
          instanceId,
          confirmationCode: installed.confirmationCode!,
        });
      }
    }
    const stored = storedItems(desk).filter((i) => i.kind === 'authorization');
    expect(stored.map((i) => [i.code, i.codeHeldBy])).toEqual([
      [first, undefined],
      ['', 'current'],
    ]);
    expect(await outbox(reopen(desk))).toEqual([first, update.authorizationCode]);
  });

  it('a name that leads nowhere is a damaged file: the last good copy is brought back', async () => {
    const { desk, first } = await reserved();
    // One more save, so that the last good copy already holds the reservation.
    await call(desk.router, 'authority.addVirtualAccount', {
      workspaceId: desk.workspaceId,
      name: 'Spare',
    });
    const path = filesOf(desk).store;
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { items: StoredItem[] };
    doc.items.find((i) => i.codeHeldBy)!.subject = 'no-such-instance';
    writeFileSync(path, JSON.stringify(doc));

    const restarted = reopen(desk);
    const overview = await call(restarted.router, 'authority.overview', {
      workspaceId: desk.workspaceId,
    });
    expect(overview.workspace.recovered?.corruptCopy).toBeDefined();
    expect(await outbox(restarted)).toEqual([first]);
  });
});

describe('a code queued to go out', () => {
  it('is saved with the operation that made it, on both sides', async () => {
    const { desk, site, device, first } = await reserved();
    // Restart both at once, with no other save in between.
    expect(await outbox(reopen(desk))).toEqual([first]);
    expect(await outbox(reopen(site))).toEqual([device.requestCode]);
  });
});
