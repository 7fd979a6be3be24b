// Codes waiting to cross the gap and codes that came across: each workspace's outbox and inbox.

import type { CodeKind } from '../../../shared/codes/classify.ts';
import type { ErrorDto, TransferItemDto } from '../../../shared/ipc/dto.ts';

export type TransferItem = TransferItemDto;

export interface NewItem {
  kind: CodeKind;
  code: string;
  udi?: string | null;
  subject?: string | null;
  label?: string | null;
}

/** Keeps a workspace's items in its document; ids are short and sequential per workspace. */
export class TransferItems {
  private readonly byId = new Map<string, TransferItem>();
  private readonly outByCode = new Map<string, TransferItem>();
  private readonly inByCode = new Map<string, TransferItem>();

  constructor(
    private readonly doc: { items: TransferItem[]; nextItem: number },
    private readonly now: () => number,
  ) {
    for (const item of doc.items) this.index(item);
  }

  private index(item: TransferItem): void {
    this.byId.set(item.id, item);
    (item.direction === 'out' ? this.outByCode : this.inByCode).set(item.code, item);
  }

  /** The outgoing item carrying exactly this code, if one exists. */
  findOut(code: string): TransferItem | undefined {
    return this.outByCode.get(code);
  }

  /** The incoming item carrying exactly this code: importing a file twice adds nothing. */
  findIn(code: string): TransferItem | undefined {
    return this.inByCode.get(code);
  }

  list(direction?: 'out' | 'in'): TransferItem[] {
    return direction
      ? this.doc.items.filter((i) => i.direction === direction)
      : [...this.doc.items];
  }

  get(id: string): TransferItem | undefined {
    return this.byId.get(id);
  }

  private add(
    direction: 'out' | 'in',
    item: NewItem,
    status: TransferItem['status'],
    file: string | null,
  ): TransferItem {
    const created: TransferItem = {
      id: `${direction}-${this.doc.nextItem++}`,
      direction,
      kind: item.kind,
      code: item.code,
      udi: item.udi ?? null,
      subject: item.subject ?? null,
      label: item.label ?? null,
      createdAt: this.now(),
      status,
      doneAt: null,
      file,
      error: null,
    };
    this.doc.items.push(created);
    this.index(created);
    return created;
  }

  /** A code produced here that must be carried to the other side. */
  outgoing(item: NewItem): TransferItem {
    return this.add('out', item, 'waiting', null);
  }

  incoming(item: NewItem, file: string): TransferItem {
    return this.add('in', item, 'imported', file);
  }

  markExported(ids: readonly string[], file: string): void {
    const at = this.now();
    for (const id of ids) {
      const item = this.byId.get(id);
      if (!item) continue;
      item.status = 'exported';
      item.doneAt = at;
      item.file = file;
    }
  }

  markApplied(item: TransferItem): void {
    item.status = 'applied';
    item.doneAt = this.now();
    item.error = null;
  }

  markFailed(item: TransferItem, error: ErrorDto): void {
    item.status = 'failed';
    item.doneAt = this.now();
    item.error = error;
  }
}
