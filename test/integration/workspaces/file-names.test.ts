// A name is not a path. Where a channel takes a file NAME (a suggested name for the save dialog, a
// dropped file's name, a workspace id) `../x`, `a/b`, `/etc/x` or `CON` are refused; where it takes
// a PATH the operator chose (a drive folder, a picked file) the path is used as given.

import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dialogs } from '../../../electron/app-services.ts';
import { safeFileName } from '../../../electron/services/files.ts';
import {
  PASSPHRASE,
  type Side,
  call,
  databaseOf,
  openSite,
  refusal,
  requestingDevice,
  servicesOn,
} from '../support/sides.ts';
import { dumpDatabase } from '../support/database.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

afterAll(removeTempDirs);

const UNSAFE_NAMES: Array<[string, string]> = [
  ['../x.txt', 'parent-directory'],
  ['..\\x.txt', 'parent-directory'],
  ['a/b.txt', 'path-separator'],
  ['a\\b.txt', 'path-separator'],
  ['/etc/cron.d/airlock', 'absolute-path'],
  ['C:\\Windows\\x.txt', 'absolute-path'],
  ['CON', 'reserved-name'],
  ['aux.txt', 'reserved-name'],
  ['code.txt.', 'trailing-dot-or-space'],
  ['code\u202Etxt.exe', 'control-character'],
];

/** The OS save dialog, stood in for: records the suggested name, answers with the operator's pick. */
function saveDialog(answer: (suggested: string) => string | null) {
  const suggested: string[] = [];
  const dialogs: Dialogs = {
    openFile: async () => null,
    chooseDirectory: async () => null,
    saveFile: async (name) => {
      suggested.push(name);
      return answer(name);
    },
  };
  return { dialogs, suggested };
}

describe('dialog.saveFile: defaultName is a suggested name', () => {
  let folder: string;
  beforeEach(() => {
    folder = tempDir('names-save');
  });

  it.each(UNSAFE_NAMES)(
    'refuses %j (%s) with FILE_NAME_UNSAFE before the dialog opens',
    async (name, reason) => {
      const { dialogs, suggested } = saveDialog((n) => join(folder, n));
      const { router } = servicesOn(tempDir('names-data'), { dialogs });
      const error = await refusal(router, 'dialog.saveFile', { defaultName: name, text: 'code' });
      expect(error).toMatchObject({ code: 'FILE_NAME_UNSAFE', facts: { reason } });
      expect(error.message).toMatch(/\S/);
      expect(suggested).toEqual([]);
      expect(readdirSync(folder)).toEqual([]);
    },
  );

  it('opens the dialog with a plain name and writes where the operator chose, beside an existing file, never over it', async () => {
    const elsewhere = join(tempDir('names-elsewhere'), 'deep');
    mkdirSync(elsewhere);
    const picks = [
      join(folder, 'AuthorizationCode_08F8FF3C.txt'),
      join(folder, 'AuthorizationCode_08F8FF3C.txt'),
      // The operator's own choice may be any path, `..` and all.
      join(elsewhere, '..', 'chosen.txt'),
      null,
    ];
    const { dialogs, suggested } = saveDialog(() => picks.shift() ?? null);
    const { router } = servicesOn(tempDir('names-data'), { dialogs });
    const save = (text: string) =>
      call(router, 'dialog.saveFile', { defaultName: 'AuthorizationCode_08F8FF3C.txt', text });

    expect(await save('first')).toEqual({ path: join(folder, 'AuthorizationCode_08F8FF3C.txt') });
    expect(await save('second')).toEqual({
      path: join(folder, 'AuthorizationCode_08F8FF3C (2).txt'),
    });
    expect(await save('third')).toEqual({ path: join(elsewhere, '..', 'chosen.txt') });
    expect(await save('cancelled')).toEqual({ path: null });
    expect(suggested).toEqual(Array(4).fill('AuthorizationCode_08F8FF3C.txt'));
    expect(readFileSync(join(folder, 'AuthorizationCode_08F8FF3C.txt'), 'utf8')).toBe('first');
    expect(readFileSync(join(elsewhere, '..', 'chosen.txt'), 'utf8')).toBe('third');
  });

  it('suggests plain names for reports and trust files even when the workspace is called "CON" or "../../etc/passwd"', async () => {
    const { dialogs, suggested } = saveDialog((n) => join(folder, n));
    const { router } = servicesOn(tempDir('names-data'), { dialogs });
    for (const name of ['CON', '../../etc/passwd']) {
      const ws = await call(router, 'workspace.create', {
        kind: 'authority',
        name,
        passphrase: PASSPHRASE,
      });
      const trust = await call(router, 'authority.trustFile', { workspaceId: ws.id });
      const csv = await call(router, 'authority.exportCsv', {
        workspaceId: ws.id,
        report: 'events',
      });
      for (const fileName of [trust.fileName, csv.fileName]) {
        expect(safeFileName(fileName)).toBe(fileName);
        await call(router, 'dialog.saveFile', { defaultName: fileName, text: 'x' });
      }
    }
    expect(suggested).toHaveLength(4);
    expect(suggested[0]).toBe('airlock-CON.airlock-trust.json');
    expect(suggested[2]).toBe('etc-passwd.airlock-trust.json');
    expect(readdirSync(folder).sort()).toEqual([...suggested].sort());
  });
});

describe('transfer.import and transfer.listFiles', () => {
  let site: Side;
  let stick: string;
  let requestCode: string;
  beforeEach(async () => {
    site = await openSite(tempDir('names-site'));
    requestCode = (await requestingDevice(site)).requestCode;
    stick = tempDir('names-stick');
  });

  it.each(UNSAFE_NAMES)(
    'refuses a dropped file called %j (%s) and imports nothing',
    async (fileName) => {
      const before = {
        items: await call(site.router, 'transfer.items', { workspaceId: site.workspaceId }),
        database: dumpDatabase(databaseOf(site)),
      };
      const error = await refusal(site.router, 'transfer.import', {
        workspaceId: site.workspaceId,
        fileName,
        text: requestCode,
      });
      expect(error.code).toBe('FILE_NAME_UNSAFE');
      expect({
        items: await call(site.router, 'transfer.items', { workspaceId: site.workspaceId }),
        database: dumpDatabase(databaseOf(site)),
      }).toEqual(before);
    },
  );

  it('records a plain dropped file name as where the code came from', async () => {
    const imported = await call(site.router, 'transfer.import', {
      workspaceId: site.workspaceId,
      fileName: 'RequestCode_SN0001.txt',
      text: requestCode,
    });
    expect(imported.file).toBe('RequestCode_SN0001.txt');
    expect(imported.items.map((i) => i.file)).toEqual(['RequestCode_SN0001.txt']);
  });

  it('takes a file by the handle main gave for it, and names it by its last part', async () => {
    mkdirSync(join(stick, 'sub'));
    writeFileSync(join(stick, 'code.txt'), `${requestCode}\n`);
    const listed = await call(site.router, 'transfer.listFiles', {
      folder: site.services.handles.folder(join(stick, 'sub', '..')),
    });
    expect(listed.map((f) => f.name)).toEqual(['code.txt']);
    const imported = await call(site.router, 'transfer.import', {
      workspaceId: site.workspaceId,
      file: listed[0]!.handle,
    });
    expect(imported.file).toBe('code.txt');
  });
});

describe('workspace ids', () => {
  it('are names: an id like "../outside" never reaches a folder outside workspaces/', async () => {
    const dataDir = tempDir('names-ids');
    const { router } = servicesOn(dataDir);
    await call(router, 'workspace.create', { kind: 'site', name: 'Real site' });
    // A folder beside workspaces/ made to look like a workspace whose id is a path.
    const outside = join(dataDir, 'outside');
    mkdirSync(outside);
    writeFileSync(
      join(outside, 'meta.json'),
      JSON.stringify({ id: '../outside', kind: 'site', name: 'Planted', createdAt: '' }),
    );
    for (const [channel, request] of [
      ['workspace.delete', { workspaceId: '../outside' }],
      ['workspace.rename', { workspaceId: '../outside', name: 'Renamed' }],
      ['site.overview', { workspaceId: '../outside' }],
      ['workspace.verifyAudit', { workspaceId: '..' }],
    ] as const) {
      const error = await refusal(router, channel, request);
      expect(error.code, channel).toBe('WORKSPACE_NOT_FOUND');
    }
    expect(existsSync(join(outside, 'meta.json'))).toBe(true);
    expect(existsSync(join(dataDir, 'deleted'))).toBe(false);
    expect((await call(router, 'workspace.list', {})).map((w) => w.name)).toEqual(['Real site']);
  });
});
