// A real filesystem with one injected failure: the errno a full, read-only or pulled drive gives.

import type { FileHandlePort, FilesFs } from '../../../electron/services/files.ts';
import { nodeFilesFs } from '../../../electron/services/files.ts';

export type Step = keyof FilesFs | 'write' | 'sync' | 'read';

export const errnoError = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: injected`), { code });

export interface Fault {
  step: Step;
  errno: string;
  /** Runs instead of the injected error: the real call then fails for real (e.g. directory gone). */
  before?: () => void;
  /** Which call of that step fails (1 = the first); every later call works again. */
  nth?: number;
}

/** Wraps nodeFilesFs so that the chosen step fails once; `calls` counts every step. */
export function faultyFs(fault: Fault): FilesFs & { calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const hit = (step: Step): boolean => {
    calls[step] = (calls[step] ?? 0) + 1;
    if (step !== fault.step || calls[step] !== (fault.nth ?? 1)) return false;
    if (!fault.before) return true;
    fault.before();
    return false;
  };
  const wrapHandle = (handle: FileHandlePort): FileHandlePort => ({
    writeFile: async (data) => {
      if (hit('write')) {
        // A real ENOSPC arrives after part of the data reached the disk.
        await handle.writeFile(data.subarray(0, Math.floor(data.byteLength / 2)));
        throw errnoError(fault.errno);
      }
      return handle.writeFile(data);
    },
    sync: async () => {
      if (hit('sync')) throw errnoError(fault.errno);
      return handle.sync();
    },
    read: async (buffer, offset, length, position) => {
      if (hit('read')) throw errnoError(fault.errno);
      return handle.read(buffer, offset, length, position);
    },
    stat: () => handle.stat(),
    close: () => handle.close(),
  });
  const guard =
    <A extends unknown[], R>(step: keyof FilesFs, real: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (hit(step)) throw errnoError(fault.errno);
      return real(...args);
    };
  return {
    calls,
    open: async (path, flags, mode) => {
      if (hit('open')) throw errnoError(fault.errno);
      return wrapHandle(await nodeFilesFs.open(path, flags, mode));
    },
    link: guard('link', nodeFilesFs.link),
    rename: guard('rename', nodeFilesFs.rename),
    unlink: guard('unlink', nodeFilesFs.unlink),
    lstat: guard('lstat', nodeFilesFs.lstat),
    stat: guard('stat', nodeFilesFs.stat),
    statfs: guard('statfs', nodeFilesFs.statfs),
    readFile: guard('readFile', nodeFilesFs.readFile),
  };
}
