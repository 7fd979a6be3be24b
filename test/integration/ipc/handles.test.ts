// The window never names a path: it reads and writes only through handles main handed out for a
// listed drive, a dialog's choice or a file listed on a handed-out folder. A raw path is refused
// by the schema, a made-up handle by the registry, a launcher by its type — and nothing is written.

import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dialogs } from '../../../electron/app-services.ts';
import { type Side, call, openSite, refusal, requestingDevice } from '../support/sides.ts';
import { servicesOn } from '../support/sides.ts';
import { removeTempDirs, tempDir } from '../support/temp-dirs.ts';

let site: Side;
let stick: string;
let autostart: string;

beforeEach(async () => {
  stick = tempDir('handles-stick');
  autostart = tempDir('handles-autostart');
  site = await openSite(tempDir('handles-site'));
  site = {
    ...site,
    ...servicesOn(site.dataDir, { extraDrives: [stick] }),
  };
  const { requestCode } = await requestingDevice(site);
  writeFileSync(join(stick, 'request.txt'), `${requestCode}\n`);
});
afterAll(removeTempDirs);

describe('raw paths over IPC', () => {
  it.each([
    ['transfer.listFiles', { folder: '/etc' }, 'folder'],
    [
      'transfer.writeText',
      { folder: '/home/op/.config/autostart', fileName: 'x.txt', text: 'x' },
      'folder',
    ],
    ['transfer.import', { workspaceId: 's-1', file: '/etc/passwd' }, 'file'],
    ['transfer.import', { workspaceId: 's-1', path: '/etc/passwd' }, 'file'],
    ['transfer.export', { workspaceId: 's-1', folder: '../..', itemIds: ['out-1'] }, 'folder'],
  ])('%s refuses a path where a handle goes (%j)', async (channel, payload, field) => {
    const error = await refusal(site.router, channel, payload);
    expect(error.code).toBe('IPC_INVALID_REQUEST');
    expect(error.facts.field).toBe(field);
  });
});

describe('handles', () => {
  it('lists a listed drive and imports a file on it, by the handles main gave', async () => {
    const [drive] = await call(site.router, 'transfer.drives', {});
    expect(drive!.path).toBe(stick);
    expect(drive!.handle).toMatch(/^h-[0-9a-f]{16}$/);
    const files = await call(site.router, 'transfer.listFiles', { folder: drive!.handle });
    expect(files.map((f) => [f.name, f.path])).toEqual([
      ['request.txt', join(stick, 'request.txt')],
    ]);
    const imported = await call(site.router, 'transfer.import', {
      workspaceId: site.workspaceId,
      file: files[0]!.handle,
    });
    expect(imported.file).toBe('request.txt');
  });

  it('refuses a handle main never gave (or gave for the other kind)', async () => {
    const made = 'h-0123456789abcdef';
    expect((await refusal(site.router, 'transfer.listFiles', { folder: made })).code).toBe(
      'HANDLE_UNKNOWN',
    );
    const [drive] = await call(site.router, 'transfer.drives', {});
    const asFile = await refusal(site.router, 'transfer.import', {
      workspaceId: site.workspaceId,
      file: drive!.handle,
    });
    expect(asFile.code).toBe('HANDLE_UNKNOWN');
    expect(asFile.message).toMatch(/file/);
  });

  it('writes only codes, transfer files, reports and trust files: a launcher is refused and nothing written', async () => {
    const { router, services } = servicesOn(tempDir('handles-data'), {
      dialogs: folderDialog(autostart),
    });
    const chosen = await call(router, 'dialog.chooseDirectory', {});
    expect(chosen.folder?.path).toBe(autostart);
    const error = await refusal(router, 'transfer.writeText', {
      folder: chosen.folder!.handle,
      fileName: 'airlock.desktop',
      text: '[Desktop Entry]\nExec=/bin/sh -c "curl evil"\n',
    });
    expect(error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(readdirSync(autostart)).toEqual([]);
    const written = await call(router, 'transfer.writeText', {
      folder: chosen.folder!.handle,
      fileName: 'report.csv',
      text: 'a,b\n',
    });
    expect(existsSync(written.path)).toBe(true);
    await services.close();
  });

  it('gives a file chosen in the open dialog as a handle that imports it', async () => {
    mkdirSync(join(stick, 'in'));
    const { requestCode } = await requestingDevice(site);
    writeFileSync(join(stick, 'in', 'code.txt'), `${requestCode}\n`);
    const { router, services } = servicesOn(site.dataDir, {
      dialogs: { ...folderDialog(stick), openFile: async () => join(stick, 'in', 'code.txt') },
    });
    const { file } = await call(router, 'dialog.openFile', { purpose: 'transfer' });
    expect(file).toMatchObject({ name: 'code.txt', path: join(stick, 'in', 'code.txt') });
    const imported = await call(router, 'transfer.import', {
      workspaceId: site.workspaceId,
      file: file!.handle,
    });
    expect(imported.file).toBe('code.txt');
    expect(imported.items.map((i) => i.code)).toEqual([requestCode]);
    await services.close();
  });
});

function folderDialog(folder: string): Dialogs {
  return {
    openFile: async () => null,
    saveFile: async () => null,
    chooseDirectory: async () => folder,
  };
}
