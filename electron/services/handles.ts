// Opaque handles for the folders and files the operator chose, so the window never names a path.
//
// Main hands one out for a listed drive, a folder or file picked in a native dialog, a file listed
// on a handed-out folder, and a transfer file opened from the desktop; IPC calls that read or
// write take a handle, and an unknown one is refused. A handle is random and lives as long as
// this process: the window cannot make one up, and cannot reach a path nobody chose.

import { toHex } from '../../shared/codes/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import type { Random } from '../../shared/ports.ts';

export type HandleKind = 'folder' | 'file';

export class HandleRegistry {
  private readonly byHandle = new Map<string, { kind: HandleKind; path: string }>();
  private readonly byPath = new Map<string, string>();

  constructor(private readonly random: Random) {}

  private issue(kind: HandleKind, path: string): string {
    const key = `${kind}\u0000${path}`;
    const known = this.byPath.get(key);
    if (known) return known;
    const handle = `h-${toHex(this.random.bytes(8))}`;
    this.byHandle.set(handle, { kind, path });
    this.byPath.set(key, handle);
    return handle;
  }

  folder(path: string): string {
    return this.issue('folder', path);
  }

  file(path: string): string {
    return this.issue('file', path);
  }

  private resolve(handle: string, kind: HandleKind): string {
    const found = this.byHandle.get(handle);
    if (!found || found.kind !== kind) throw new DomainError('HANDLE_UNKNOWN', { kind });
    return found.path;
  }

  /** The folder a handle names; HANDLE_UNKNOWN for anything main did not hand out as a folder. */
  folderPath(handle: string): string {
    return this.resolve(handle, 'folder');
  }

  filePath(handle: string): string {
    return this.resolve(handle, 'file');
  }
}
