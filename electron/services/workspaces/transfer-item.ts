// Codes waiting to cross the gap and codes that came across: each workspace's outbox and inbox,
// as rows of its database. Every change is written at once, inside the caller's transaction.

import { hash } from 'node:crypto';
import type { CodeKind } from '../../../shared/codes/classify.ts';
import type { ErrorDto, TransferItemDto } from '../../../shared/ipc/dto.ts';
import type { WorkspaceDb } from '../db/workspace-db.ts';

/** One stored item; the IPC reply (`TransferItemDto`) has the same fields today. */
export interface TransferItem {
  id: string;
  direction: 'out' | 'in';
  kind: CodeKind;
  code: string;
  udi: string | null;
  subject: string | null;
  label: string | null;
  createdAt: number;
  status: TransferItemDto['status'];
  doneAt: number | null;
  file: string | null;
  error: ErrorDto | null;
}

export interface NewItem {
  kind: CodeKind;
  code: string;
  udi?: string | null;
  subject?: string | null;
  label?: string | null;
}

export interface ItemFilter {
  direction?: 'out' | 'in';
  status?: TransferItem['status'];
  kind?: CodeKind;
  subject?: string;
  /** Exactly this code. */
  code?: string;
}

interface ItemRow {
  seq: number;
  direction: 'out' | 'in';
  kind: CodeKind;
  code: string;
  udi: string | null;
  subject: string | null;
  label: string | null;
  created_at: number;
  status: TransferItem['status'];
  done_at: number | null;
  file: string | null;
  error: string | null;
}

const COLUMNS =
  'seq, direction, kind, code, udi, subject, label, created_at, status, done_at, file, error';
const ITEM_ID = /^(out|in)-([1-9][0-9]{0,15})$/;

function codeDigest(code: string): string {
  return hash('sha256', code, 'hex');
}

export function itemDto(item: TransferItem): TransferItemDto {
  return { ...item };
}

function itemOf(row: ItemRow): TransferItem {
  return {
    id: `${row.direction}-${row.seq}`,
    direction: row.direction,
    kind: row.kind,
    code: row.code,
    udi: row.udi,
    subject: row.subject,
    label: row.label,
    createdAt: row.created_at,
    status: row.status,
    doneAt: row.done_at,
    file: row.file,
    error: row.error === null ? null : (JSON.parse(row.error) as ErrorDto),
  };
}

/** Ids are `out-N` / `in-N`, N one serial shared by both directions of a workspace. */
export class TransferItems {
  constructor(
    private readonly db: WorkspaceDb,
    private readonly now: () => number,
  ) {}

  private one(sql: string, ...params: unknown[]): TransferItem | undefined {
    const row = this.db.stmt(`SELECT ${COLUMNS} FROM transfer_items ${sql}`).get(...params) as
      ItemRow | undefined;
    return row ? itemOf(row) : undefined;
  }

  /** The outgoing item carrying exactly this code, if one exists. */
  findOut(code: string): TransferItem | undefined {
    return this.one("WHERE direction = 'out' AND code_digest = ?", codeDigest(code));
  }

  /** The incoming item carrying exactly this code: importing a file twice adds nothing. */
  findIn(code: string): TransferItem | undefined {
    return this.one("WHERE direction = 'in' AND code_digest = ?", codeDigest(code));
  }

  get(id: string): TransferItem | undefined {
    const match = ITEM_ID.exec(id);
    if (!match) return undefined;
    return this.one('WHERE seq = ? AND direction = ?', Number(match[2]), match[1]);
  }

  private where(filter: ItemFilter): { sql: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [
      ['direction', filter.direction],
      ['status', filter.status],
      ['kind', filter.kind],
      ['subject', filter.subject],
      ['code_digest', filter.code === undefined ? undefined : codeDigest(filter.code)],
    ] as const) {
      if (value === undefined) continue;
      clauses.push(`${column} = ?`);
      params.push(value);
    }
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  /** Every item matching, oldest first. */
  list(filter: ItemFilter = {}): TransferItem[] {
    const { sql, params } = this.where(filter);
    return (
      this.db
        .stmt(`SELECT ${COLUMNS} FROM transfer_items ${sql} ORDER BY seq`)
        .all(...params) as ItemRow[]
    ).map(itemOf);
  }

  /** A window of the items matching, newest first, and how many match in all. */
  page(filter: ItemFilter, offset: number, limit: number): { rows: TransferItem[]; total: number } {
    const { sql, params } = this.where(filter);
    return this.db.read(() => ({
      rows: (
        this.db
          .stmt(`SELECT ${COLUMNS} FROM transfer_items ${sql} ORDER BY seq DESC LIMIT ? OFFSET ?`)
          .all(...params, limit, offset) as ItemRow[]
      ).map(itemOf),
      total: this.count(filter),
    }));
  }

  count(filter: ItemFilter = {}): number {
    const { sql, params } = this.where(filter);
    return (
      this.db.stmt(`SELECT count(*) AS n FROM transfer_items ${sql}`).get(...params) as {
        n: number;
      }
    ).n;
  }

  private add(
    direction: 'out' | 'in',
    item: NewItem,
    status: TransferItem['status'],
    file: string | null,
  ): TransferItem {
    const created = {
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
    const { lastInsertRowid } = this.db
      .stmt(
        `INSERT INTO transfer_items (direction, kind, code, code_digest, udi, subject, label,
           created_at, status, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        direction,
        created.kind,
        created.code,
        codeDigest(created.code),
        created.udi,
        created.subject,
        created.label,
        created.createdAt,
        status,
        file,
      );
    return { id: `${direction}-${Number(lastInsertRowid)}`, ...created };
  }

  /** A code produced here that must be carried to the other side. */
  outgoing(item: NewItem): TransferItem {
    return this.add('out', item, 'waiting', null);
  }

  incoming(item: NewItem, file: string): TransferItem {
    return this.add('in', item, 'imported', file);
  }

  /** Writes the item's changeable fields (status, when, file, error, what it belongs to). */
  save(item: TransferItem): void {
    const match = ITEM_ID.exec(item.id);
    if (!match) throw new Error(`not an item id: ${item.id}`);
    this.db
      .stmt(
        `UPDATE transfer_items SET udi = ?, subject = ?, label = ?, status = ?, done_at = ?,
           file = ?, error = ? WHERE seq = ?`,
      )
      .run(
        item.udi,
        item.subject,
        item.label,
        item.status,
        item.doneAt,
        item.file,
        item.error === null ? null : JSON.stringify(item.error),
        Number(match[2]),
      );
  }

  markExported(items: readonly TransferItem[], file: string): void {
    const at = this.now();
    for (const item of items) {
      item.status = 'exported';
      item.doneAt = at;
      item.file = file;
      this.save(item);
    }
  }

  markApplied(item: TransferItem): void {
    item.status = 'applied';
    item.doneAt = this.now();
    item.error = null;
    this.save(item);
  }

  /**
   * Codes a later event made moot, marked done in one statement: e.g. the authorization codes
   * still waiting to be carried to a device whose confirmation just came back (it got them by
   * hand). Returns how many.
   */
  settle(
    direction: 'out' | 'in',
    kind: CodeKind,
    subject: string,
    from: TransferItem['status'],
    except?: string,
  ): number {
    return this.db
      .stmt(
        `UPDATE transfer_items SET status = 'done', done_at = ?
         WHERE direction = ? AND kind = ? AND subject = ? AND status = ? AND code_digest IS NOT ?`,
      )
      .run(
        this.now(),
        direction,
        kind,
        subject,
        from,
        except === undefined ? null : codeDigest(except),
      ).changes;
  }

  /** The incoming item with this code, if it is still waiting for its use: now used, by `subject`. */
  used(code: string, subject: string, label: string | null): TransferItem | undefined {
    const item = this.findIn(code);
    if (!item || item.status !== 'imported') return undefined;
    item.subject = subject;
    item.label = label;
    this.markApplied(item);
    return item;
  }

  markFailed(item: TransferItem, error: ErrorDto): void {
    item.status = 'failed';
    item.doneAt = this.now();
    item.error = error;
    this.save(item);
  }
}
