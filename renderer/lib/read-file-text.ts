// Reads a picked or dropped file as UTF-8 text in the renderer (FileReader; no Node access).

export const MAX_READ_BYTES = 64 * 1024 * 1024;

export class FileReadError extends Error {
  constructor(
    readonly code: 'FILE_TOO_LARGE' | 'FILE_READ_FAILED',
    readonly fileName: string,
  ) {
    super(code);
  }
}

export function readFileText(file: File): Promise<string> {
  if (file.size > MAX_READ_BYTES)
    return Promise.reject(new FileReadError('FILE_TOO_LARGE', file.name));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(new FileReadError('FILE_READ_FAILED', file.name));
    reader.readAsText(file, 'utf-8');
  });
}
