// transfer.*: drives, the outbox and inbox, writing one file of many codes to a drive, reading one.

import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { DomainError } from '../../../shared/errors.ts';
import type { DriveFileDto } from '../../../shared/ipc/dto.ts';
import {
  readTransferFile,
  suggestTransferFileName,
  writeTransferFile,
} from '../../../shared/transfer/transfer-file.ts';
import type { AppServices } from '../../app-services.ts';
import { readFileLimited, safeFileName, writeFileAtomic } from '../../services/files.ts';
import { importEntries } from '../../services/workspaces/site/site-import.ts';
import { SiteWorkspace } from '../../services/workspaces/site/site-workspace.ts';
import type { HandlersOf } from './index.ts';

const READABLE = new Set(['.airlock', '.txt']);
/** What the window may write into a folder: codes, transfer files, reports, trust files. */
const WRITABLE = new Set(['.txt', '.airlock', '.csv', '.json']);

async function listFiles(
  directory: string,
  fileHandle: (path: string) => string,
): Promise<DriveFileDto[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENODEV' || code === 'EIO')
      throw new DomainError('DRIVE_REMOVED', { path: directory });
    if (code === 'EACCES' || code === 'EPERM')
      throw new DomainError('FILE_READ_DENIED', { path: directory });
    throw new DomainError('FILE_READ_FAILED', { path: directory, errno: code ?? 'unknown' });
  }
  const files: DriveFileDto[] = [];
  for (const name of names) {
    if (name.startsWith('.') || !READABLE.has(extname(name).toLowerCase())) continue;
    const path = join(directory, name);
    try {
      const info = await stat(path);
      if (info.isFile())
        files.push({
          handle: fileHandle(path),
          name,
          path,
          bytes: info.size,
          modified: info.mtimeMs,
        });
    } catch {
      // A file that vanished between readdir and stat is simply not listed.
    }
  }
  return files.sort((a, b) => b.modified - a.modified || a.name.localeCompare(b.name));
}

export function transferHandlers(services: AppServices): HandlersOf<'transfer'> {
  const repo = services.workspaces;
  const handles = services.handles;
  return {
    'transfer.drives': () => services.drives(),
    'transfer.items': ({ workspaceId, direction }) =>
      repo.get(workspaceId).items.list(direction ? { direction } : {}),
    'transfer.itemPage': ({ workspaceId, offset, limit, code, ...filter }) => {
      const page = repo
        .get(workspaceId)
        .items.page({ ...filter, ...(code ? { code: code.trim() } : {}) }, offset, limit);
      return { ...page, offset };
    },
    'transfer.mark': ({ workspaceId, itemIds, status }) => ({
      items: repo.get(workspaceId).markItems(itemIds, status),
    }),
    'transfer.listFiles': ({ folder }) =>
      listFiles(handles.folderPath(folder), (path) => handles.file(path)),
    'transfer.export': async ({ workspaceId, folder, itemIds, fileName }) => {
      const directory = handles.folderPath(folder);
      const ws = repo.get(workspaceId);
      const found = ws.items.byIds(itemIds);
      const items = itemIds.map((id) => {
        const item = found.get(id);
        if (!item || item.direction !== 'out')
          throw new DomainError('TRANSFER_ITEM_NOT_FOUND', { item: id });
        return item;
      });
      const file = {
        createdAt: new Date(services.ports.clock.now()).toISOString(),
        from: { workspace: ws.name, side: ws.summary.kind },
        entries: items.map((i) => ({
          kind: i.kind,
          code: i.code,
          ...(i.udi ? { udi: i.udi } : {}),
          ...(i.subject ? { subject: i.subject } : {}),
          ...(i.label ? { label: i.label } : {}),
        })),
      };
      const written = await ws.exportInFile(items, () =>
        writeFileAtomic(
          directory,
          fileName ?? suggestTransferFileName(file),
          writeTransferFile(file, services.ports.hasher),
          fileName ? { exactName: true } : {},
        ),
      );
      return { path: written.path, bytes: written.bytes, count: items.length };
    },
    'transfer.writeText': async ({ folder, fileName, text }) => {
      // Codes, reports and trust files only: never a launcher, a script or a config file.
      if (!WRITABLE.has(extname(fileName).toLowerCase()))
        throw new DomainError('FILE_TYPE_NOT_ALLOWED', {
          name: fileName,
          allowed: [...WRITABLE].join(' '),
        });
      const written = await writeFileAtomic(handles.folderPath(folder), fileName, text);
      return { path: written.path, bytes: written.bytes, count: 0 };
    },
    'transfer.import': async (request) => {
      const ws = repo.get(request.workspaceId);
      // A handle names a file the operator chose; a bare file name (a dropped file's) is a name only.
      const [fileName, text] =
        'file' in request
          ? await (async (path) => [basename(path), await readFileLimited(path)])(
              handles.filePath(request.file),
            )
          : [safeFileName(request.fileName), request.text];
      const read = readTransferFile(text, services.ports.hasher);
      // A file of many codes is a batch: the workspace is copied before it changes.
      if (read.file.entries.length > 1) await repo.backup(request.workspaceId, 'batch');
      return {
        file: fileName,
        format: read.format,
        items:
          ws instanceof SiteWorkspace
            ? importEntries(ws, read.file.entries, fileName)
            : ws.importEntries(read.file.entries, fileName),
      };
    },
  };
}
