// Crossing the gap safely: guarded file names, atomic verified writes, bounded UTF-8 reads.

export { type FileHandlePort, type FilesFs, nodeFilesFs } from './files/files-fs.ts';
export { MAX_FILE_NAME_BYTES, resolveInside, safeFileName } from './files/safe-file-name.ts';
export {
  type WriteFileAtomicOptions,
  type WrittenFile,
  candidateNames,
  nameTaken,
  writeFileAtomic,
} from './files/write-file-atomic.ts';
export {
  DEFAULT_MAX_READ_BYTES,
  type ReadFileLimitedOptions,
  readFileLimited,
} from './files/read-file-limited.ts';
