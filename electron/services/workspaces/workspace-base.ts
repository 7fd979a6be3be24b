// What every open workspace shares: its database, audit log, transfer items, and the one way to
// change it — one transaction holding the change and its audit entries, committed together.

import { rmSync } from 'node:fs';
import type { CodeKind } from '../../../shared/codes/classify.ts';
import type { DomainPorts } from '../../../shared/ports.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { PendingDto, Side, WorkspaceDto } from '../../../shared/ipc/dto.ts';
import { codeDigest } from '../audit-entry.ts';
import { type AuditHead, AuditTable } from '../db/audit-table.ts';
import { type CheckpointKey, CheckpointTable } from '../db/checkpoints.ts';
import { writeHeadMarker } from '../db/head-marker.ts';
import {
  type RecordDigests,
  differingTables,
  recordsChanged,
  storedRecordDigests,
  tamperedTables,
} from '../db/record-digests.ts';
import type { WorkspaceDb } from '../db/workspace-db.ts';
import type { SecretStore } from '../passphrase-memory.ts';
import { type TransferItem, TransferItems } from './transfer-item.ts';

export interface AuditRecord {
  action: string;
  direction?: 'in' | 'out' | 'none';
  subject?: string;
  code?: { kind: CodeKind; text: string };
  details?: Record<string, unknown>;
}

/** A code that came in and was not taken (marked failed with `error`): the entry saying why. */
export function refusedRecord(
  item: TransferItem,
  error: { code: string; facts: Record<string, unknown> },
  file?: string,
): AuditRecord {
  return {
    action: 'code-refused',
    direction: 'in',
    ...(item.subject ? { subject: item.subject } : {}),
    code: { kind: item.kind, text: item.code },
    details: { ...(file ? { file } : {}), reason: error.code, facts: error.facts },
  };
}

/** What opening a workspace hands to it. */
export interface WorkspaceParts {
  id: string;
  db: WorkspaceDb;
  ports: DomainPorts;
  /** The workspace's folder (key file, remembered passphrase, backups). */
  dir: string;
  /** The OS keychain (the app's safeStorage), where there is one. */
  secretStore?: SecretStore;
  /** The operator's passphrase where it comes without asking (the CLI's environment). */
  passphrase?: () => string | undefined;
}

export class WorkspaceBase {
  readonly id: string;
  readonly db: WorkspaceDb;
  readonly audit: AuditTable;
  readonly items: TransferItems;
  readonly checkpoints: CheckpointTable;
  readonly dir: string;
  readonly ports: DomainPorts;
  /** The newest entry this process found (or made) with a sound chain up to it. */
  private soundHead: AuditHead | undefined;
  /** The schema's version when this process last hashed every record (assertRecordsSound). */
  private recordsCheckedAt: number | undefined;

  constructor(parts: WorkspaceParts) {
    this.id = parts.id;
    this.db = parts.db;
    this.ports = parts.ports;
    this.dir = parts.dir;
    this.audit = new AuditTable(parts.db, parts.id, parts.ports.clock);
    this.items = new TransferItems(parts.db, () => parts.ports.clock.now());
    this.checkpoints = new CheckpointTable(parts.db, parts.id);
  }

  /**
   * The key this workspace signs its audit checkpoints with (the signer only while unlocked
   * here); undefined when it has none. An authority's is its signing key, a site's its own.
   */
  checkpointKey(): CheckpointKey | undefined {
    return undefined;
  }

  /** Slow work a change may need before its transaction (unlocking the checkpoint key). */
  protected beforeChange(): void {}

  /**
   * The explicit repair of a log that no longer matches its checkpoint (audit-check.ts): the
   * record of it is appended and signed without the check every other change makes first.
   */
  repair(record: AuditRecord, fix: () => void = () => undefined): void {
    if (!this.db.inTransaction) this.beforeChange(); // the key, unlocked as for any change
    const key = this.checkpointKey();
    if (!key?.signer) throw this.keyLocked();
    this.db.write(() => {
      fix();
      this.log([record]);
      this.checkpoint(key, true);
    });
    this.recordsCheckedAt = undefined;
    this.committed();
  }

  /**
   * Signs the log's head now if it has never had a checkpoint and the key is at hand: an
   * upgraded workspace once its key is unlocked. (One that lost its checkpoints is left for
   * `audit verify` to name, and for the operator to repair.)
   */
  anchor(): void {
    const key = this.checkpointKey();
    if (key?.signer && !this.checkpoints.newest() && this.checkpoints.mayBeUnsigned())
      this.transact(() => undefined);
  }

  get summary(): WorkspaceDto {
    const row = this.db
      .stmt('SELECT id, kind, name, created_at FROM workspace WHERE singleton = 1')
      .get() as { id: string; kind: Side; name: string; created_at: string };
    return { id: row.id, name: row.name, kind: row.kind, createdAt: row.created_at };
  }

  now(): number {
    return this.ports.clock.now();
  }

  get name(): string {
    return this.summary.name;
  }

  /**
   * Runs `change` in one write transaction: it reads the current state, changes rows, and logs
   * what it did with `log`; all of it commits together or not at all. A refusal (a throw) leaves
   * the workspace as it was. Only after the commit does anything leave this method.
   */
  protected transact<T>(change: (log: (records: AuditRecord[]) => void) => T): T {
    if (!this.db.inTransaction) this.beforeChange();
    let head: AuditHead | undefined;
    const result = this.db.write(() => {
      const key = this.checkpointKey();
      // A log that no longer matches its newest checkpoint, or whose chain is broken, stops
      // every change before it begins.
      const outermost = !this.db.inNestedTransaction;
      if (outermost) {
        if (key) this.checkpoints.assertIntact(key);
        this.assertChainSound();
      }
      const before = outermost ? this.assertRecordsSound(key !== undefined) : undefined;
      const value = change((records) => this.log(records));
      if (before) {
        const tables = differingTables(before.records, storedRecordDigests(this.db));
        // Records change only under the key. Changed while it is locked, they would be vouched
        // for by nothing until the next signed change, which would sign whatever anyone with the
        // folder had made of them meanwhile. (What changes no record — a failed unlock — is
        // logged all the same.)
        if (tables.length && key && !key.signer) throw this.keyLocked();
        // Every change to the records is in the log: one that logged nothing of its own (none is
        // known) gets an entry naming the tables.
        if (tables.length && this.audit.head().seq === before.seq)
          this.log([{ action: 'records-updated', details: { tables } }]);
      }
      if (key?.signer) this.checkpoint(key);
      if (outermost) head = this.audit.head();
      return value;
    });
    if (head) this.soundHead = head;
    this.committed();
    return result;
  }

  /** A change this session cannot sign: the workspace's key is locked. */
  private keyLocked(): DomainError {
    return new DomainError('AUDIT_KEY_LOCKED', { workspace: this.id });
  }

  /**
   * Refuses at once a change this session could not sign (the key locked, and no passphrase at
   * hand to unlock it): before slow or lasting work a change does first, such as a batch's
   * backup, which a refused command must not leave behind (it would push older backups out).
   */
  assertMayChange(): void {
    if (!this.db.inTransaction) this.beforeChange();
    const key = this.checkpointKey();
    if (key && !key.signer) throw this.keyLocked();
  }

  /**
   * The checks every change makes before it begins (the newest checkpoint, the chain, the
   * records), made now and changing nothing: the app asks as soon as a workspace is shown, and
   * again when another process changed it, so damage is on screen before the operator tries
   * anything. What was walked and hashed here is not walked again by the next change.
   */
  assertSound(): void {
    this.db.ensureChecked(); // the file first: a damaged one is named as such, not as its log
    this.db.read(() => {
      const key = this.checkpointKey();
      if (key) this.checkpoints.assertIntact(key);
      this.assertChainSound();
      this.assertRecordsSound(key !== undefined);
    });
  }

  /**
   * The chain is walked whole before this process's first change (a break nobody has repaired
   * stops it), and from then on only what was appended since: the entries of other processes.
   * About 0.5 s per 100,000 entries here, once a process.
   */
  private assertChainSound(): void {
    const from = this.soundHead && this.audit.holds(this.soundHead) ? this.soundHead : undefined;
    const walked = this.audit.walkAccepting(from);
    if (walked.broken)
      throw new DomainError('AUDIT_LOG_DAMAGED', {
        reason: walked.broken.reason,
        seq: walked.broken.firstBrokenAt,
      });
    this.soundHead = walked.head;
  }

  /**
   * The records as the log left them: before this process's first change (and again whenever the
   * schema changed, as dropping a trigger does) every row is hashed and its table's digest
   * compared; before every change, the digests are compared with what the newest checkpoint
   * signed, when it signed the head. A row changed by another program stops every change.
   * Returns the digests and the head as the change finds them.
   */
  private assertRecordsSound(checkpointChecked: boolean): { records: RecordDigests; seq: number } {
    const schema = this.db.sqlite.pragma('schema_version', { simple: true }) as number;
    if (this.recordsCheckedAt !== schema) {
      const tables = tamperedTables(this.db.sqlite);
      if (tables.length) throw recordsChanged(tables);
      this.recordsCheckedAt = schema;
    }
    const head = this.audit.head();
    const records = storedRecordDigests(this.db);
    // Only a checkpoint whose signature was just checked (assertIntact) vouches for anything; the
    // entries after it changed no record (records change only under the key).
    const signed = checkpointChecked ? this.checkpoints.signedRecords() : undefined;
    const tables = signed ? differingTables(records, signed) : [];
    if (tables.length) throw recordsChanged(tables);
    return { records, seq: head.seq };
  }

  /** Signs the chain's head with the workspace's key (in the transaction that wrote it). */
  private checkpoint(key: CheckpointKey, quietly = false): void {
    this.checkpoints.sign(this.audit, key, new Date(this.now()).toISOString(), quietly);
  }

  /** After a commit: the newest entry is named beside the database (see head-marker.ts). */
  protected committed(): void {
    if (this.db.inTransaction) return;
    writeHeadMarker(this.dir, this.audit.head());
  }

  /**
   * Writes a file carrying outbox codes (`write` gives its path), then records that they left in
   * it. If that cannot be recorded (a restore elsewhere meanwhile — WORKSPACE_REPLACED, checked
   * under the write lock — a busy or damaged workspace), the file that would carry codes the
   * workspace does not know left is taken back, and the error goes on.
   */
  async exportInFile<T extends { path: string }>(
    items: readonly TransferItem[],
    write: () => Promise<T>,
  ): Promise<T> {
    const written = await write();
    try {
      this.recordExport(items, written.path);
    } catch (error) {
      rmSync(written.path, { force: true });
      throw error;
    }
    return written;
  }

  /** Codes written to a drive: they left this side (the file is already safely on the drive). */
  recordExport(items: readonly TransferItem[], path: string): void {
    this.transact((log) => {
      const stored = this.items.byIds(items.map((i) => i.id));
      const current = items.map((i) => stored.get(i.id) ?? i);
      this.items.markExported(current, path);
      log(
        current.map((i) => ({
          action: 'code-exported',
          direction: 'out' as const,
          ...(i.subject ? { subject: i.subject } : {}),
          code: { kind: i.kind, text: i.code },
          details: { file: path },
        })),
      );
    });
  }

  /** What waits for the operator: codes to carry out, codes in to act on. */
  pending(): PendingDto {
    return {
      out: this.items.count({ direction: 'out', status: 'waiting' }),
      in: this.items.count({ direction: 'in', status: 'imported' }),
    };
  }

  /**
   * The operator's word on rows: `done` for a code carried by hand or answered elsewhere (one
   * waiting, exported, or imported and not used), `dismissed` for a row that failed or is not
   * wanted (incoming, not used). A row already so is left as it is; any other is refused.
   */
  markItems(ids: readonly string[], status: 'done' | 'dismissed'): TransferItem[] {
    const allowed: Record<'done' | 'dismissed', ReadonlyArray<TransferItem['status']>> = {
      done: ['waiting', 'exported', 'imported'],
      dismissed: ['failed', 'imported'],
    };
    return this.transact((log) =>
      ids.map((id) => {
        const item = this.items.get(id);
        if (!item) throw new DomainError('TRANSFER_ITEM_NOT_FOUND', { item: id });
        if (item.status === status) return item;
        if (!allowed[status].includes(item.status))
          throw new DomainError('TRANSFER_ITEM_NOT_MARKABLE', {
            item: id,
            status: item.status,
            to: status,
          });
        const from = item.status;
        item.status = status;
        item.doneAt = this.now();
        this.items.save(item);
        log([
          {
            action: 'transfer-item-marked',
            ...(item.subject ? { subject: item.subject } : {}),
            code: { kind: item.kind, text: item.code },
            direction: 'none',
            details: { item: id, from, to: status },
          },
        ]);
        return item;
      }),
    );
  }

  /** Appends audit entries; only inside a transaction (see `transact`). */
  log(records: AuditRecord[]): void {
    if (records.length === 0) return;
    if (!this.db.inTransaction) {
      this.transact((log) => log(records));
      return;
    }
    this.audit.append(
      records.map((r) => ({
        action: r.action,
        direction: r.direction ?? (r.code ? 'out' : 'none'),
        ...(r.subject ? { subject: r.subject } : {}),
        ...(r.code ? { codeKind: r.code.kind, codeDigest: codeDigest(r.code.text) } : {}),
        ...(r.details ? { details: r.details } : {}),
      })),
    );
  }

  /** Renames the workspace (the list's meta file follows in the repository). */
  rename(name: string): { from: string; to: string } {
    return this.transact((log) => {
      const from = this.name;
      this.db.stmt('UPDATE workspace SET name = ? WHERE singleton = 1').run(name);
      log([{ action: 'workspace-renamed', details: { from, to: name } }]);
      return { from, to: name };
    });
  }
}
