// Signed checkpoints of a workspace's audit chain: (seq, hash) of the newest entry, signed with
// the workspace's key in the transaction that wrote it. Without the key nobody can sign one, so
// a log cut below its newest checkpoint, reordered, or recomputed after an entry was dropped no
// longer matches a valid signature — and verification names which of these it found.

import { DomainError } from '../../../shared/errors.ts';
import type { Signer, Verifier } from '../../../shared/ports.ts';
import type { AuditHead } from './audit-table.ts';
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
}

const utf8 = new TextEncoder();

/** The bytes a checkpoint signs: what it is, whose log, which entry, and that entry's hash. */
export function checkpointBytes(workspace: string, head: AuditHead): Uint8Array {
  return utf8.encode(`airlock-audit-checkpoint\n${workspace}\n${head.seq}\n${head.hash}`);
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
        `SELECT seq, hash, time, key_fingerprint, signature FROM audit_checkpoints
         ORDER BY id DESC LIMIT 1`,
      )
      .get() as
      | { seq: number; hash: string; time: string; key_fingerprint: string; signature: string }
      | undefined;
    return row
      ? {
          seq: row.seq,
          hash: row.hash,
          time: row.time,
          keyFingerprint: row.key_fingerprint,
          signature: row.signature,
        }
      : undefined;
  }

  /**
   * Signs the head, inside the transaction that wrote it. The newest checkpoint is the one made
   * last (a repair signs the chain as it stands, even below an older checkpoint's entry).
   */
  sign(head: AuditHead, key: CheckpointKey, time: string): void {
    if (!key.signer || head.seq === 0) return;
    const newest = this.newest();
    if (newest && newest.seq === head.seq && newest.hash === head.hash) return;
    const signature = Buffer.from(key.signer.sign(checkpointBytes(this.workspace, head))).toString(
      'base64',
    );
    this.db
      .stmt(
        `INSERT INTO audit_checkpoints (seq, hash, time, key_fingerprint, signature)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(head.seq, head.hash, time, key.fingerprint, signature);
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
      checkpointBytes(this.workspace, { seq: newest.seq, hash: newest.hash }),
      Buffer.from(newest.signature, 'base64'),
    );
    return signed ? undefined : { problem: 'bad-signature', seq: newest.seq };
  }

  /** Refuses a change to a workspace whose log no longer matches its newest checkpoint. */
  assertIntact(key: CheckpointKey): void {
    const found = this.problem(key);
    if (found && found.problem !== 'no-checkpoint')
      throw new DomainError('AUDIT_LOG_DAMAGED', { reason: found.problem, seq: found.seq });
  }
}
