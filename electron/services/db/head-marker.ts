// A small file beside the database naming the newest audit entry any process has committed. It
// may lag behind the database (it is written after each commit), never lead it: a database whose
// log ends before the marker lost committed work — a deleted `-wal` file, an older copy put in
// its place by hand — and is refused instead of silently going back in time.

import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempPathFor } from '../durable-write.ts';
import type { AuditHead } from './audit-table.ts';

export const HEAD_MARKER_FILE = 'workspace.head';

const HEX64 = /^[0-9a-f]{64}$/;

export function readHeadMarker(dir: string): AuditHead | undefined {
  try {
    const raw = JSON.parse(readFileSync(join(dir, HEAD_MARKER_FILE), 'utf8')) as Partial<AuditHead>;
    if (Number.isSafeInteger(raw.seq) && (raw.seq ?? -1) >= 0 && HEX64.test(raw.hash ?? ''))
      return { seq: raw.seq!, hash: raw.hash! };
  } catch {
    // Missing or torn (a crash while replacing it): no claim is made either way.
  }
  return undefined;
}

/**
 * Replaces the marker (a rename, so readers never see half of it). Not flushed to disk: after a
 * power cut it may name an older entry, which only weakens the check, never misleads it.
 */
export function writeHeadMarker(dir: string, head: AuditHead): void {
  const temp = tempPathFor(join(dir, HEAD_MARKER_FILE));
  try {
    writeFileSync(temp, `${JSON.stringify(head)}\n`, { mode: 0o600 });
    renameSync(temp, join(dir, HEAD_MARKER_FILE));
  } catch {
    rmSync(temp, { force: true });
    // The change itself is committed; a marker that could not be written only lags.
  }
}
