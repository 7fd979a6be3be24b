// The one door into main: unknown channels and malformed payloads are refused before any handler
// runs, refusals travel as values `{ok: false, error: {code, message, facts}}`, and an unexpected
// exception becomes INTERNAL_ERROR with nothing of its text or stack, only a reference the log
// gets too.

import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/ipc/channels.ts';
import { CHANNELS, type Channel } from '../../../shared/ipc/contract.ts';
import type { ErrorDto } from '../../../shared/ipc/dto.ts';
import { createAppServices } from '../../../electron/app-services.ts';
import { createRouter } from '../../../electron/ipc/router.ts';
import { internalErrorReport } from '../../../electron/services/internal-error.ts';
import {
  TAGS,
  call,
  openDesk,
  openSite,
  refusal,
  requestingDevice,
  servicesOn,
} from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

afterAll(removeTempDirs);

function expectErrorShape(error: ErrorDto): void {
  expect(Object.keys(error).sort()).toEqual(['code', 'facts', 'message']);
  expect(error.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  expect(error.message).toMatch(/^[\x20-\x7e]+$/); // English, printable, one line
  expect(error.message.trim()).not.toBe('');
  for (const value of Object.values(error.facts))
    expect(['string', 'number', 'boolean', 'undefined']).toContain(typeof value);
}

/**
 * A payload of the wrong shape, and the field the refusal must name. Every other channel gets
 * `{workspaceId: 42}` and must name workspaceId or a field the payload lacks.
 */
const WRONG: Partial<Record<Channel, [unknown, string]>> = {
  'app.info': [42, '(request)'],
  'app.setLanguage': [{ language: 'fr' }, 'language'],
  'clipboard.writeText': [{ text: 42 }, 'text'],
  'workspace.list': [[], '(request)'],
  'workspace.create': [{ kind: 'authority', name: 'Desk' }, 'passphrase'],
  'authority.reserve': [
    {
      workspaceId: 'a-1',
      va: 'Lab',
      requestCode: 'CB-…',
      selection: { type: 'SLR', licenses: { [TAGS.enhanced]: -1 } },
    },
    `selection.licenses.${TAGS.enhanced}`,
  ],
  'authority.addLicense': [
    { workspaceId: 'a-1', va: 'Lab', tag: 't', displayName: 'T', type: 'FOREVER', count: 1 },
    'type',
  ],
  'site.action': [{ workspaceId: 's-1', deviceId: 'dev-1', action: 'explode' }, 'action'],
  'transfer.drives': ['drives please', '(request)'],
  'transfer.listFiles': [{ folder: '/media/stick' }, 'folder'],
  'transfer.export': [{ workspaceId: 's-1', folder: 'h-0123456789abcdef', itemIds: [] }, 'itemIds'],
  'transfer.import': [{ workspaceId: 's-1', file: '/etc/passwd' }, 'file'],
  'codes.inspect': [{ text: 42 }, 'text'],
  'dialog.openFile': [{ purpose: 'everything' }, 'purpose'],
  'dialog.saveFile': [{ defaultName: 'code.txt' }, 'text'],
  'dialog.chooseDirectory': [true, '(request)'],
};

describe('the IPC router', () => {
  it('serves exactly the contract’s channels, the same list the preload exposes', () => {
    const { router } = servicesOn(tempDir('router-data'));
    expect(router.channels).toEqual(CHANNELS);
    expect([...router.channels].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it.each(['nope', 'app.info.extra', '__proto__', 'constructor', 'toString', ''])(
    'refuses the unknown channel %j with IPC_UNKNOWN_CHANNEL',
    async (channel) => {
      const { router } = servicesOn(tempDir('router-data'));
      const error = await refusal(router, channel, {});
      expectErrorShape(error);
      expect(error).toMatchObject({ code: 'IPC_UNKNOWN_CHANNEL', facts: { channel } });
    },
  );

  it('refuses a payload of the wrong shape on every channel with IPC_INVALID_REQUEST naming the field, before anything runs', async () => {
    const dataDir = tempDir('router-shapes');
    const clipboard = {
      text: '',
      writeText(text: string) {
        this.text = text;
      },
    };
    const services = createAppServices({ dataDir, clipboard });
    const router = createRouter(services);
    const before = readdirSync(dataDir, { recursive: true });
    const checked: string[] = [];
    for (const channel of CHANNELS) {
      const [payload, field] = WRONG[channel] ?? [{ workspaceId: 42 }, undefined];
      const error = await refusal(router, channel, payload);
      expectErrorShape(error);
      expect(error, channel).toMatchObject({ code: 'IPC_INVALID_REQUEST', facts: { channel } });
      const named = String(error.facts.field);
      if (field !== undefined) expect(named, channel).toBe(field);
      // Otherwise the field named is the one given wrong, or one the request lacks.
      else {
        const lacking = !(named in (payload as object));
        expect(named === 'workspaceId' || lacking, `${channel} named "${named}"`).toBe(true);
      }
      checked.push(channel);
    }
    expect(checked).toEqual(CHANNELS);
    expect(readdirSync(dataDir, { recursive: true })).toEqual(before);
    expect(clipboard.text).toBe('');
  });

  it('takes no payload at all as `{}`: a channel without fields answers, one with fields names the first missing', async () => {
    const { router } = servicesOn(tempDir('router-empty'));
    for (const payload of [undefined, null]) {
      expect(await router.invoke('workspace.list', payload)).toEqual({ ok: true, value: [] });
      expect(await refusal(router, 'site.overview', payload)).toMatchObject({
        code: 'IPC_INVALID_REQUEST',
        facts: { field: 'workspaceId', issue: 'invalid_type' },
      });
    }
    // A union (a handle, or a name and text) fails as a whole; the closest branch names the field.
    expect(await refusal(router, 'transfer.import', { workspaceId: 's-1' })).toMatchObject({
      facts: { field: 'file' },
    });
  });

  it('says what was wrong with a refused value: too long, empty, too many, a character no name may hold', async () => {
    const desk = await openDesk(tempDir('router-values'), 1);
    const overview = () =>
      call(desk.router, 'authority.overview', { workspaceId: desk.workspaceId });
    const before = await overview();
    const add = (name: string) =>
      refusal(desk.router, 'authority.addVirtualAccount', { workspaceId: desk.workspaceId, name });
    expect(await add('x'.repeat(5000))).toMatchObject({
      code: 'IPC_INVALID_REQUEST',
      facts: { field: 'name', reason: 'too_big-string', limit: 120 },
      message: 'name: too long (at most 120 characters). Nothing was changed.',
    });
    expect((await add('   ')).message).toBe(
      'name: empty or too short (minimum length 1). Nothing was changed.',
    );
    expect(await add('bad\u001b[31mred')).toMatchObject({
      facts: { reason: 'unshowable' },
      message: expect.stringContaining('holds a control or direction character'),
    });
    expect(
      (
        await refusal(desk.router, 'transfer.mark', {
          workspaceId: desk.workspaceId,
          itemIds: [],
          status: 'done',
        })
      ).message,
    ).toBe('itemIds: too few items (minimum 1). Nothing was changed.');
    expect(await overview()).toEqual(before);
    await desk.services.close();
  });

  it('returns domain refusals as values: code, an English message, and the facts that explain it', async () => {
    const desk = await openDesk(tempDir('router-desk'), 2);
    const site = await openSite(tempDir('router-site'), desk);
    const device = await requestingDevice(site);

    const missing = await refusal(site.router, 'site.overview', { workspaceId: 's-0000000000' });
    const wrongKind = await refusal(site.router, 'authority.overview', {
      workspaceId: site.workspaceId,
    });
    const short = await refusal(desk.router, 'authority.reserve', {
      workspaceId: desk.workspaceId,
      va: 'Lab',
      requestCode: device.requestCode,
      selection: { type: 'SLR', licenses: { [TAGS.enhanced]: 3 } },
    });
    for (const error of [missing, wrongKind, short]) expectErrorShape(error);
    expect(missing).toMatchObject({
      code: 'WORKSPACE_NOT_FOUND',
      facts: { workspace: 's-0000000000' },
    });
    expect(wrongKind).toMatchObject({
      code: 'WORKSPACE_WRONG_KIND',
      facts: { expected: 'authority' },
    });
    expect(short).toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      facts: { tag: TAGS.enhanced, requested: 3, available: 2 },
    });
    // Refused means unchanged: the pool is as it was, and the request can still be served.
    const pool = await call(desk.router, 'authority.licenses', {
      workspaceId: desk.workspaceId,
      va: 'Lab',
    });
    expect(pool.find((l) => l.tag === TAGS.enhanced)).toMatchObject({ reserved: 0, balance: 2 });
    // What crosses IPC must survive structured cloning.
    const result = await desk.router.invoke('authority.licenses', {
      workspaceId: desk.workspaceId,
      va: 'Nowhere',
    });
    expect(structuredClone(result)).toEqual(result);
  });

  it('turns any other exception into INTERNAL_ERROR with none of its text or stack, and hands the original to the logger', async () => {
    const logged: unknown[] = [];
    const references: Array<{ reference: string; channel: string }> = [];
    const secret = 'EACCES: /home/operator/.ssh/id_rsa';
    const services = createAppServices({
      dataDir: tempDir('router-internal'),
      clipboard: {
        writeText: () => {
          throw 'a thrown string, not even an Error';
        },
      },
    });
    const router = createRouter(
      {
        ...services,
        drives: async () => {
          throw new TypeError(secret);
        },
      },
      {
        onInternalError: (error, reference, channel) => {
          logged.push(error);
          references.push({ reference, channel });
        },
      },
    );
    const drives = await router.invoke('transfer.drives', {});
    const clipboard = await router.invoke('clipboard.writeText', { text: 'x' });
    for (const [result, channel] of [
      [drives, 'transfer.drives'],
      [clipboard, 'clipboard.writeText'],
    ] as const) {
      expect(result.ok).toBe(false);
      const { error } = result as { ok: false; error: ErrorDto };
      expectErrorShape(error);
      expect(error).toMatchObject({ code: 'INTERNAL_ERROR', facts: { channel } });
      const text = JSON.stringify(result);
      expect(text).not.toContain('id_rsa');
      expect(text).not.toContain('thrown string');
      expect(text).not.toMatch(/\bat .+:\d+:\d+/); // no stack frame
    }
    expect(logged).toHaveLength(2);
    expect((logged[0] as Error).message).toBe(secret);
    // Each answer names a fresh reference, the same one the log was given with the exception.
    const answered = [drives, clipboard].map((r) => (r as { error: ErrorDto }).error);
    expect(references).toEqual([
      { reference: answered[0]!.facts.reference, channel: 'transfer.drives' },
      { reference: answered[1]!.facts.reference, channel: 'clipboard.writeText' },
    ]);
    for (const { facts, message } of answered) {
      expect(facts.reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(message).toContain(`reference ${String(facts.reference)}`);
    }
    expect(answered[0]!.facts.reference).not.toBe(answered[1]!.facts.reference);
  });

  it('writes the reference, where it happened and the stack into the log report', () => {
    const report = internalErrorReport('7KQ2-M9XA', 'transfer.drives', new TypeError('boom'));
    expect(report).toMatch(
      /^airlock: internal error 7KQ2-M9XA in transfer\.drives:\nTypeError: boom\n {4}at /,
    );
    expect(internalErrorReport('7KQ2-M9XA', 'clipboard.writeText', 'a string')).toBe(
      'airlock: internal error 7KQ2-M9XA in clipboard.writeText:\na string\n',
    );
  });
});
