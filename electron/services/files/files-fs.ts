// The few fs/promises calls file I/O makes, as an interface so tests can fail any one of them.

import * as fsPromises from 'node:fs/promises';

export interface FileHandlePort {
  writeFile(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
  stat(): Promise<{ size: number; isFile(): boolean }>;
  read(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesRead: number }>;
}

export interface FilesFs {
  open(path: string, flags: string | number, mode?: number): Promise<FileHandlePort>;
  link(existingPath: string, newPath: string): Promise<void>;
  rename(oldPath: string, newPath: string): Promise<void>;
  unlink(path: string): Promise<void>;
  lstat(path: string): Promise<{ isDirectory(): boolean; isSymbolicLink(): boolean }>;
  stat(path: string): Promise<{ size: number; isFile(): boolean }>;
  statfs(path: string): Promise<{ bavail: number; bsize: number }>;
  readFile(path: string): Promise<Uint8Array>;
}

export const nodeFilesFs: FilesFs = fsPromises;
