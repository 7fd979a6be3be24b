// Reads an audit log line by line, streaming, so checking 100,000 entries costs one linear pass.

import { createReadStream } from 'node:fs';
import { MAX_LINE_BYTES } from './audit-entry.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseLine(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(utf8.decode(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Calls `onLine` for every complete line and once more for a torn tail (`torn` true). */
export async function forEachLine(
  path: string,
  onLine: (bytes: Buffer, torn: boolean) => boolean | void,
): Promise<void> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, from)) {
        const piece = chunk.subarray(from, at);
        const line = pending.length ? Buffer.concat([...pending, piece]) : piece;
        pending = [];
        pendingBytes = 0;
        from = at + 1;
        if (onLine(line, false) === false) return;
      }
      // A line longer than any entry can only be damage; keep its head, not all of it.
      if (from < chunk.length && pendingBytes <= MAX_LINE_BYTES) {
        pending.push(chunk.subarray(from));
        pendingBytes += chunk.length - from;
      }
    }
    if (pending.length) onLine(Buffer.concat(pending), true);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  } finally {
    stream.destroy();
  }
}
