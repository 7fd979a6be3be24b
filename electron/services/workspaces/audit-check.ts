// Checking a workspace's log as a whole — the hash chain entry by entry, and its newest signed
// checkpoint — and repairing it explicitly: the operator's decision, itself logged and signed.

import type { AuditVerifyDto } from '../../../shared/ipc/dto.ts';
import { GUARDED_TABLES, type GuardedTable } from '../../../shared/migrations/guarded-records.ts';
import { CHECKPOINTS_STARTED } from '../db/checkpoints.ts';
import {
  differingTables,
  resetRecordDigests,
  storedRecordDigests,
  tamperedTables,
} from '../db/record-digests.ts';
import type { WorkspaceBase } from './workspace-base.ts';

/**
 * The chain (every hash recomputed, seqs contiguous, links intact; a break an explicit repair
 * recorded is accepted) and the newest checkpoint (its entry there with its hash, signed by this
 * workspace's key). Entries after the newest
 * checkpoint were made while the key was locked: they are counted, not trusted.
 */
export function verifyLog(ws: WorkspaceBase): AuditVerifyDto {
  return ws.db.read(() => {
    const walked = ws.audit.walkAccepting();
    const chain: { ok: boolean; entries: number; firstBrokenAt?: number; reason?: string } =
      walked.broken
        ? { ok: false, entries: walked.entries, ...walked.broken }
        : { ok: true, entries: ws.audit.count() };
    const key = ws.checkpointKey();
    const newest = ws.checkpoints.newest();
    // Counted since the last explicit repair, which accepted whatever came before it.
    const restarts = ws.db
      .stmt(
        `SELECT count(*) FROM audit WHERE action = ? AND seq >
           (SELECT coalesce(max(seq), 0) FROM audit WHERE action = 'audit-log-repaired')`,
      )
      .pluck()
      .get(CHECKPOINTS_STARTED) as number;
    const found = key ? ws.checkpoints.problem(key) : { problem: 'no-key' as const, seq: 0 };
    const tables = changedRecords(ws, !found);
    const reason = !chain.ok
      ? chain.reason
      : found
        ? found.problem
        : restarts > 1
          ? 'checkpoints-restarted'
          : tables.length
            ? 'records-changed'
            : undefined;
    return {
      ok: reason === undefined,
      entries: chain.entries,
      ...(chain.firstBrokenAt !== undefined
        ? { firstBrokenAt: chain.firstBrokenAt }
        : found && found.seq > 0
          ? { firstBrokenAt: found.seq }
          : {}),
      ...(reason ? { reason } : {}),
      checkpoint: newest
        ? { seq: newest.seq, time: newest.time, keyFingerprint: newest.keyFingerprint }
        : null,
      unsigned: Math.max(0, ws.audit.head().seq - (newest?.seq ?? 0)),
      ...(walked.accepted.length ? { accepted: walked.accepted } : {}),
      ...(tables.length ? { tables } : {}),
      keyFingerprint: key?.fingerprint ?? null,
    };
  });
}

/**
 * The tables whose records were changed outside Airlock: rows that no longer add up to their
 * digest (or whose triggers are gone), or digests that are not what a sound newest checkpoint
 * signed (records change only under the key, so nothing after it changed them).
 */
function changedRecords(ws: WorkspaceBase, checkpointSound: boolean): GuardedTable[] {
  const found = new Set(tamperedTables(ws.db.sqlite));
  const signed = checkpointSound ? ws.checkpoints.signedRecords() : undefined;
  if (signed)
    for (const table of differingTables(storedRecordDigests(ws.db), signed)) found.add(table);
  return GUARDED_TABLES.filter((table) => found.has(table));
}

/**
 * The operator accepts the log as it stands: an entry records what was found, and a new
 * checkpoint is signed over it, so changes can go on. Needs the key unlocked (else nothing
 * could be signed); changes nothing when the log is intact (then `repaired` is absent).
 */
export function repairLog(ws: WorkspaceBase): AuditVerifyDto {
  const before = verifyLog(ws);
  if (before.ok) return before;
  // Records changed outside Airlock (the check above always hashes them, whatever else it found)
  // are accepted as they stand: their digests computed again and their triggers made again.
  const tables = before.tables ?? [];
  ws.repair(
    {
      action: 'audit-log-repaired',
      details: {
        reason: before.reason ?? 'unknown',
        ...(before.firstBrokenAt !== undefined ? { brokenAt: before.firstBrokenAt } : {}),
        entries: before.entries,
        checkpointBefore: before.checkpoint?.seq ?? null,
        ...(tables.length ? { tables } : {}),
      },
    },
    () => {
      if (tables.length) resetRecordDigests(ws.db.sqlite);
    },
  );
  return {
    ...verifyLog(ws),
    repaired: {
      reason: before.reason ?? 'unknown',
      ...(before.firstBrokenAt !== undefined ? { brokenAt: before.firstBrokenAt } : {}),
      ...(tables.length ? { tables } : {}),
    },
  };
}
