// Codes have a life: a request answered, an authorization installed or superseded, a code carried
// by hand are done, and drop out of what still waits; the operator can mark a row done or dismiss
// one that failed; the pending counts say what is left.

import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { TAGS } from '../../support/agent.ts';
import { dumpDatabase } from '../support/database.ts';
import {
  type Side,
  call,
  databaseOf,
  openDesk,
  openSite,
  refusal,
  requestingDevice,
} from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

let desk: Side;
let site: Side;

beforeEach(async () => {
  desk = await openDesk(tempDir('life-desk'));
  site = await openSite(tempDir('life-site'), desk);
});
afterAll(removeTempDirs);

const items = (side: Side, direction: 'out' | 'in') =>
  call(side.router, 'transfer.items', { workspaceId: side.workspaceId, direction });
const overviewOf = (side: Side) =>
  side === desk
    ? call(desk.router, 'authority.overview', { workspaceId: desk.workspaceId })
    : call(site.router, 'site.overview', { workspaceId: site.workspaceId });

/** An action on a site's device, as its screen's buttons make it. */
const deviceAction = (deviceId: string, action: 'install' | 'return', code?: string) =>
  call(site.router, 'site.action', {
    workspaceId: site.workspaceId,
    deviceId,
    action,
    ...(code ? { code } : {}),
  });

async function reserve(requestCode: string) {
  return call(desk.router, 'authority.reserve', {
    workspaceId: desk.workspaceId,
    va: 'Lab',
    requestCode,
    selection: { type: 'SLR', licenses: { [TAGS.enhanced]: 1 } },
  });
}

describe('at the desk', () => {
  it('marks an imported request used once it is reserved, so nothing offers it again', async () => {
    const { requestCode } = await requestingDevice(site);
    await call(desk.router, 'transfer.import', {
      workspaceId: desk.workspaceId,
      fileName: 'request.txt',
      text: requestCode,
    });
    expect((await overviewOf(desk)).pending).toEqual({ out: 0, in: 1 });
    const reserved = await reserve(requestCode);
    const [request] = await items(desk, 'in');
    expect(request).toMatchObject({ status: 'applied', subject: reserved.instance.id });
    expect((await overviewOf(desk)).pending).toEqual({ out: 1, in: 0 });
    // Reserving the same request again is refused and names the reservation it already has.
    const before = dumpDatabase(databaseOf(desk));
    const again = await refusal(desk.router, 'authority.reserve', {
      workspaceId: desk.workspaceId,
      va: 'Lab',
      requestCode,
      selection: { type: 'SLR', licenses: { [TAGS.enhanced]: 1 } },
    });
    expect(again.code).toBe('UDI_ALREADY_RESERVED');
    expect(again.facts.instanceId).toBe(reserved.instance.id);
    // …and changes nothing at the desk: no license taken, no instance, no log entry.
    expect(dumpDatabase(databaseOf(desk))).toEqual(before);
  });

  it('takes an authorization carried by hand off the waiting list once its confirmation is back', async () => {
    const device = await requestingDevice(site);
    const reserved = await reserve(device.requestCode);
    expect((await items(desk, 'out')).map((i) => i.status)).toEqual(['waiting']);
    const installed = await deviceAction(device.id, 'install', reserved.authorizationCode);
    await call(desk.router, 'authority.confirm', {
      workspaceId: desk.workspaceId,
      instanceId: reserved.instance.id,
      confirmationCode: installed.confirmationCode!,
    });
    expect((await items(desk, 'out')).map((i) => i.status)).toEqual(['done']);
    expect((await overviewOf(desk)).pending.out).toBe(0);
  });
});

describe('a request answered once', () => {
  it('is refused again however it is spelled the second time, and the refusal changes nothing', async () => {
    const device = await requestingDevice(site);
    // Answered as pasted from a wrapped terminal: in quotes, with a line break.
    const cut = Math.floor(device.requestCode.length / 2);
    const pasted = `"${device.requestCode.slice(0, cut)}\n${device.requestCode.slice(cut)}"`;
    const reserved = await reserve(pasted);
    await deviceAction(device.id, 'install', reserved.authorizationCode);
    const returned = await deviceAction(device.id, 'return');
    await call(desk.router, 'authority.remove', {
      workspaceId: desk.workspaceId,
      instanceId: reserved.instance.id,
      returnCode: returned.returnCode!,
    });
    const before = dumpDatabase(databaseOf(desk));
    const again = await refusal(desk.router, 'authority.reserve', {
      workspaceId: desk.workspaceId,
      va: 'Lab',
      requestCode: device.requestCode,
      selection: { type: 'SLR', licenses: { [TAGS.enhanced]: 1 } },
    });
    expect(again).toMatchObject({
      code: 'REQUEST_ALREADY_USED',
      facts: { instanceId: reserved.instance.id },
    });
    expect(dumpDatabase(databaseOf(desk))).toEqual(before);
  });
});

describe('a code that failed at the desk', () => {
  it('is tried again when its file is imported again, and each answer is logged with its reason', async () => {
    const device = await requestingDevice(site);
    const reserved = await reserve(device.requestCode);
    const installed = await deviceAction(device.id, 'install', reserved.authorizationCode);
    // The desk updates the reservation before the first confirmation came back: that one no
    // longer answers what the instance waits for.
    await call(desk.router, 'authority.update', {
      workspaceId: desk.workspaceId,
      instanceId: reserved.instance.id,
      licenses: { [TAGS.enhanced]: 2 },
    });
    const file = { workspaceId: desk.workspaceId, fileName: 'confirmation.txt' };
    const text = installed.confirmationCode!;
    const first = await call(desk.router, 'transfer.import', { ...file, text });
    expect(first.items.map((i) => i.status)).toEqual(['failed']);
    const again = await call(desk.router, 'transfer.import', { ...file, text });
    expect(again.items.map((i) => [i.id, i.status])).toEqual([[first.items[0]!.id, 'failed']]);
    expect(await items(desk, 'in')).toHaveLength(1);
    const refused = await call(desk.router, 'workspace.events', {
      workspaceId: desk.workspaceId,
      offset: 0,
      limit: 10,
      type: 'code-refused',
    });
    expect(refused.rows.map((e) => e.details.reason)).toEqual([
      first.items[0]!.error!.code,
      first.items[0]!.error!.code,
    ]);
  });
});

describe('at the site', () => {
  it('installing a code from the inbox marks it used, supersedes an older one and retires the request', async () => {
    const device = await requestingDevice(site);
    const first = await reserve(device.requestCode);
    const update = await call(desk.router, 'authority.update', {
      workspaceId: desk.workspaceId,
      instanceId: first.instance.id,
      licenses: { [TAGS.enhanced]: 2 },
    });
    for (const code of [first.authorizationCode, update.authorizationCode])
      await call(site.router, 'transfer.import', {
        workspaceId: site.workspaceId,
        fileName: 'auth.txt',
        text: code,
      });
    expect((await overviewOf(site)).pending).toEqual({ out: 1, in: 2 });
    // Pasted into the console rather than installed from the inbox: it still counts as used.
    await call(site.router, 'site.exec', {
      workspaceId: site.workspaceId,
      deviceId: device.id,
      line: `license smart reservation install "${update.authorizationCode}"`,
    });
    const inbox = await items(site, 'in');
    expect(inbox.map((i) => [i.code === update.authorizationCode, i.status, i.subject])).toEqual([
      [false, 'done', device.id],
      [true, 'applied', device.id],
    ]);
    const outbox = await items(site, 'out');
    expect(outbox.find((i) => i.kind === 'request')!.status).toBe('done');
    expect(outbox.find((i) => i.kind === 'confirmation')!.status).toBe('waiting');
    expect((await overviewOf(site)).pending).toEqual({ out: 1, in: 0 });
  });
});

describe('transfer.mark', () => {
  it('marks a waiting code done and dismisses a failed row; each is logged', async () => {
    const device = await requestingDevice(site);
    const failed = await call(site.router, 'transfer.import', {
      workspaceId: site.workspaceId,
      fileName: 'wrong-side.txt',
      text: device.requestCode,
    });
    expect(failed.items[0]!.status).toBe('failed');
    const [request] = await items(site, 'out');
    const marked = await call(site.router, 'transfer.mark', {
      workspaceId: site.workspaceId,
      itemIds: [request!.id],
      status: 'done',
    });
    expect(marked.items.map((i) => i.status)).toEqual(['done']);
    await call(site.router, 'transfer.mark', {
      workspaceId: site.workspaceId,
      itemIds: [failed.items[0]!.id],
      status: 'dismissed',
    });
    expect((await overviewOf(site)).pending).toEqual({ out: 0, in: 0 });
    const events = await call(site.router, 'workspace.events', {
      workspaceId: site.workspaceId,
      offset: 0,
      limit: 10,
      type: 'transfer-item-marked',
    });
    expect(events.rows.map((e) => e.details.to)).toEqual(['dismissed', 'done']);
  });

  it('refuses to dismiss a code still waiting to go out, and changes nothing', async () => {
    await requestingDevice(site);
    const [request] = await items(site, 'out');
    const before = dumpDatabase(databaseOf(site));
    const error = await refusal(site.router, 'transfer.mark', {
      workspaceId: site.workspaceId,
      itemIds: [request!.id],
      status: 'dismissed',
    });
    expect(error.code).toBe('TRANSFER_ITEM_NOT_MARKABLE');
    expect(error.facts).toMatchObject({ status: 'waiting', to: 'dismissed' });
    expect(dumpDatabase(databaseOf(site))).toEqual(before);
  });
});

describe('finding rows', () => {
  it('finds a device’s items, or one code (pasted with spaces), a window at a time; lists the event types', async () => {
    const one = await requestingDevice(site);
    await requestingDevice(site);
    const mine = await call(site.router, 'transfer.itemPage', {
      workspaceId: site.workspaceId,
      offset: 0,
      limit: 10,
      subject: one.id,
    });
    expect(mine.rows.map((i) => i.code)).toEqual([one.requestCode]);
    const byCode = await call(site.router, 'transfer.itemPage', {
      workspaceId: site.workspaceId,
      offset: 0,
      limit: 10,
      code: `  ${one.requestCode}\n`,
    });
    expect(byCode.total).toBe(1);
    const types = await call(site.router, 'workspace.eventTypes', {
      workspaceId: site.workspaceId,
    });
    expect(types).toContainEqual({ type: 'request-code-printed', count: 2 });
    expect(types).toContainEqual({ type: 'device-added', count: 2 });
  });
});
