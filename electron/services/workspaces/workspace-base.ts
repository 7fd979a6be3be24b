// What every open workspace shares: its document store, audit log, transfer items and the one
// way to change it — mutate in place, save, then log — so a failed save never leaves a half-truth.

import type { CodeKind } from '../../../shared/codes/classify.ts';
import type { DomainPorts } from '../../../shared/ports.ts';
import type { WorkspaceDto } from '../../../shared/ipc/dto.ts';
import { type AuditLog, codeDigest } from '../audit-log.ts';
import type { DocumentStore } from '../store.ts';
import { type TransferItem, TransferItems } from './transfer-item.ts';
import type { WorkspaceDocument } from './workspace-document.ts';

export interface AuditRecord {
  action: string;
  direction?: 'in' | 'out' | 'none';
  subject?: string;
  code?: { kind: CodeKind; text: string };
  details?: Record<string, unknown>;
}

/** What opening a workspace hands to it. */
export interface WorkspaceParts<Doc> {
  doc: Doc;
  store: DocumentStore<WorkspaceDocument>;
  audit: AuditLog;
  ports: DomainPorts;
  /** The workspace's folder (key file, remembered passphrase). */
  dir: string;
  /** Called when a save failed: the owner drops this object so the next use reloads from disk. */
  onStale: () => void;
}

export class WorkspaceBase<Doc extends WorkspaceDocument> {
  readonly doc: Doc;
  readonly audit: AuditLog;
  readonly items: TransferItems;
  readonly dir: string;
  protected readonly store: DocumentStore<WorkspaceDocument>;
  protected readonly ports: DomainPorts;
  private readonly onStale: () => void;

  constructor(parts: WorkspaceParts<Doc>) {
    this.doc = parts.doc;
    this.store = parts.store;
    this.audit = parts.audit;
    this.ports = parts.ports;
    this.dir = parts.dir;
    this.onStale = parts.onStale;
    this.items = new TransferItems(parts.doc, () => parts.ports.clock.now());
  }

  get summary(): WorkspaceDto {
    const dto: WorkspaceDto = {
      id: this.doc.id,
      name: this.doc.name,
      kind: this.doc.kind,
      createdAt: this.doc.createdAt,
    };
    if (this.store.report.recovered && this.store.report.reason === 'corrupt') {
      dto.recovered = { corruptCopy: this.store.report.corruptCopy };
    }
    return dto;
  }

  /**
   * Runs `change` on the live document, saves it, then appends the audit records in one write.
   * The records are made before the save: making them may queue a code in the outbox, which must
   * be saved with the change that produced it. A domain refusal throws before anything changed;
   * a failed save marks this copy stale (queued items included) and logs nothing.
   */
  protected commit<T>(change: () => T, audit: (result: T) => AuditRecord[] = () => []): T {
    const result = change();
    const records = audit(result);
    this.save();
    this.log(records);
    return result;
  }

  /** Codes written to a drive: they left this side (the file is already safely on the drive). */
  recordExport(items: readonly TransferItem[], path: string): void {
    this.commit(
      () =>
        this.items.markExported(
          items.map((i) => i.id),
          path,
        ),
      () =>
        items.map((i) => ({
          action: 'code-exported',
          direction: 'out' as const,
          ...(i.subject ? { subject: i.subject } : {}),
          code: { kind: i.kind, text: i.code },
          details: { file: path },
        })),
    );
  }

  save(): void {
    this.doc.auditHead = this.audit.head;
    try {
      this.store.save(this.doc);
    } catch (error) {
      this.onStale();
      throw error;
    }
  }

  log(records: AuditRecord[]): void {
    if (records.length === 0) return;
    this.audit.appendMany(
      records.map((r) => ({
        action: r.action,
        direction: r.direction ?? (r.code ? 'out' : 'none'),
        ...(r.subject ? { subject: r.subject } : {}),
        ...(r.code ? { codeKind: r.code.kind, codeDigest: codeDigest(r.code.text) } : {}),
        ...(r.details ? { details: r.details } : {}),
      })),
    );
  }
}
