// Signed checkpoints of a workspace's audit chain: (seq, hash) of the newest entry, signed with
// the workspace's key in the transaction that wrote it. Without the key nobody can sign one, so
// a log cut below its newest checkpoint, reordered, or recomputed after an entry was dropped no
// longer matches a valid signature — and verification names which of these it found.

import type { KeyObject } from 'node:crypto';
import { DomainError } from '../../../shared/errors.ts';
import { createSigner } from '../crypto-node.ts';
import type { Signer, Verifier } from '../../../shared/ports.ts';
import type { AuditHead, AuditTable } from './audit-table.ts';
import {
  type RecordDigests,
  parseRecordDigests,
  recordDigestsText,
  storedRecordDigests,
} from './record-digests.ts';
import type { WorkspaceDb } from './workspace-db.ts';

/** The key a workspace signs its checkpoints with: the signer only while it is unlocked. */
export interface CheckpointKey {
  fingerprint: string;
  verifier: Verifier;
  signer: Signer | undefined;
}

export interface Checkpoint {
  seq: number;
  hash: string;
  time: string;
  keyFingerprint: string;
  signature: string;
  /** The records' digests it signed too (record-digests.ts); null on checkpoints before them. */
  records: string | null;
}

const utf8 = new TextEncoder();

/** The entry before a log's first checkpoint. */
export const CHECKPOINTS_STARTED = 'audit-checkpoints-started';
/** The schema version that brought checkpoints (shared/migrations/workspace-schema.ts). */
const CHECKPOINTS_SINCE = 3;

function parseDetails(text: string | null): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The bytes a checkpoint signs: what it is, whose log, which entry, that entry's hash, and the
 * digests of the records as that entry left them (checkpoints made before schema step 5 have none).
 */
export function checkpointBytes(
  workspace: string,
  head: AuditHead,
  records: string | null = null,
): Uint8Array {
  const signed = `airlock-audit-checkpoint\n${workspace}\n${head.seq}\n${head.hash}`;
  return utf8.encode(records === null ? signed : `${signed}\n${records}`);
}

export type CheckpointProblem =
  'no-checkpoint' | 'entry-missing' | 'hash-mismatch' | 'bad-signature' | 'other-key';

export class CheckpointTable {
  constructor(
    private readonly db: WorkspaceDb,
    private readonly workspace: string,
  ) {}

  newest(): Checkpoint | undefined {
    const row = this.db
      .stmt(
        `SELECT seq, hash, time, key_fingerprint, signature, records FROM audit_checkpoints
         ORDER BY id DESC LIMIT 1`,
      )
      .get() as
      | {
          seq: number;
          hash: string;
          time: string;
          key_fingerprint: string;
          signature: string;
          records: string | null;
        }
      | undefined;
    return row
      ? {
          seq: row.seq,
          hash: row.hash,
          time: row.time,
          keyFingerprint: row.key_fingerprint,
          signature: row.signature,
          records: row.records,
        }
      : undefined;
  }

  /**
   * Signs the head, inside the transaction that wrote it. The newest checkpoint is the one made
   * last (a repair signs the chain as it stands, even below an older checkpoint's entry). The
   * first checkpoint a log ever gets is preceded by an entry saying so: checkpoints that start
   * again later in a log are a sign someone removed the earlier ones (audit verify names it).
   * A repair signs `quietly`: its own entry says why.
   */
  sign(
    audit: AuditTable,
    key: Pick<CheckpointKey, 'fingerprint' | 'signer'>,
    time: string,
    quietly = false,
  ): void {
    if (!key.signer) return;
    const newest = this.newest();
    if (!quietly && !newest)
      audit.append([
        {
          action: CHECKPOINTS_STARTED,
          direction: 'none',
          details: { keyFingerprint: key.fingerprint },
        },
      ]);
    const head = audit.head();
    const records = recordDigestsText(storedRecordDigests(this.db));
    if (
      newest &&
      newest.seq === head.seq &&
      newest.hash === head.hash &&
      newest.records === records
    )
      return;
    const signature = Buffer.from(
      key.signer.sign(checkpointBytes(this.workspace, head, records)),
    ).toString('base64');
    this.db
      .stmt(
        `INSERT INTO audit_checkpoints (seq, hash, time, key_fingerprint, signature, records)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(head.seq, head.hash, time, key.fingerprint, signature, records);
  }

  /**
   * Whether this log may go on without any checkpoint: only one that came from a version that
   * made none and never had one since — a schema-1 workspace imported, a database older than
   * checkpoints upgraded, a site made before sites had a key. A workspace made since is signed
   * in the transaction that makes it, so a log of one with no checkpoint has lost them.
   */
  mayBeUnsigned(): boolean {
    const rows = this.db
      .stmt(
        `SELECT seq, action, details FROM audit WHERE action IN
           (?, 'workspace-created', 'workspace-imported', 'workspace-migrated') ORDER BY seq`,
      )
      .all(CHECKPOINTS_STARTED) as Array<{ seq: number; action: string; details: string | null }>;
    const unsignedOrigin = (row: { action: string; details: string | null }): boolean => {
      if (row.action === 'workspace-imported') return true;
      const details = parseDetails(row.details);
      if (row.action === 'workspace-migrated')
        return typeof details.from === 'number' && details.from < CHECKPOINTS_SINCE;
      // Made with no key of its own to sign with (a site before schema 3).
      return (
        row.action === 'workspace-created' && details.kind === 'site' && !details.checkpointKey
      );
    };
    const origin = rows.findLast(unsignedOrigin);
    return (
      origin !== undefined &&
      !rows.some((r) => r.action === CHECKPOINTS_STARTED && r.seq > origin.seq)
    );
  }

  /**
   * The newest checkpoint checked against the chain as stored: its entry still there with the
   * same hash, its signature made by this workspace's key. Undefined when it holds.
   */
  problem(key: CheckpointKey): { problem: CheckpointProblem; seq: number } | undefined {
    const newest = this.newest();
    if (!newest) return { problem: 'no-checkpoint', seq: 0 };
    if (newest.keyFingerprint !== key.fingerprint) return { problem: 'other-key', seq: newest.seq };
    const hash = this.db.stmt('SELECT hash FROM audit WHERE seq = ?').pluck().get(newest.seq) as
      string | undefined;
    if (hash === undefined) return { problem: 'entry-missing', seq: newest.seq };
    if (hash !== newest.hash) return { problem: 'hash-mismatch', seq: newest.seq };
    const signed = key.verifier.verify(
      checkpointBytes(this.workspace, { seq: newest.seq, hash: newest.hash }, newest.records),
      Buffer.from(newest.signature, 'base64'),
    );
    // Once checkpoints sign the records, a newest one without them was put there by hand.
    const recordsDropped =
      newest.records === null &&
      this.db.stmt('SELECT 1 FROM audit_checkpoints WHERE records IS NOT NULL LIMIT 1').get() !==
        undefined;
    return signed && !recordsDropped ? undefined : { problem: 'bad-signature', seq: newest.seq };
  }

  /**
   * The records' digests the newest checkpoint signed: the records as they must be now, since
   * records change only under the key (entries made after it while it was locked — a failed
   * unlock — change none). Call after `problem` found the checkpoint sound.
   */
  signedRecords(): RecordDigests | undefined {
    const newest = this.newest();
    return newest?.records ? parseRecordDigests(newest.records) : undefined;
  }

  /**
   * Refuses a change to a workspace whose log no longer matches its newest checkpoint, or lost
   * every checkpoint it had.
   */
  assertIntact(key: CheckpointKey): void {
    const found = this.problem(key);
    if (found && (found.problem !== 'no-checkpoint' || !this.mayBeUnsigned()))
      throw new DomainError('AUDIT_LOG_DAMAGED', { reason: found.problem, seq: found.seq });
  }
}

/**
 * A new workspace's log is signed in the transaction that makes it: no workspace of this
 * version is ever without a checkpoint, so one found without any has lost them.
 */
export function signFirstCheckpoint(
  db: WorkspaceDb,
  audit: AuditTable,
  key: { fingerprint: string; privateKey: KeyObject },
  now: number,
): void {
  new CheckpointTable(db, audit.workspace).sign(
    audit,
    { fingerprint: key.fingerprint, signer: createSigner(key.privateKey) },
    new Date(now).toISOString(),
  );
}
