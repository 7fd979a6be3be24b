// Codes waiting to cross the gap and codes that came across: each workspace's outbox and inbox,
// as rows of its database. Every change is written at once, inside the caller's transaction.

import type { CodeKind } from '../../../shared/codes/classify.ts';
import type { ErrorDto, TransferItemDto } from '../../../shared/ipc/dto.ts';
import { codeDigest } from '../audit-entry.ts';
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

/** Lists longer than this are looked up in several statements (the JSON text stays small). */
const IDS_PER_STATEMENT = 5000;

function inSlices<T>(values: readonly T[], each: (slice: readonly T[]) => void): void {
  for (let at = 0; at < values.length; at += IDS_PER_STATEMENT)
    each(values.slice(at, at + IDS_PER_STATEMENT));
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

  get(id: string): TransferItem | undefined {
    const match = ITEM_ID.exec(id);
    if (!match) return undefined;
    return this.one('WHERE seq = ? AND direction = ?', Number(match[2]), match[1]);
  }

  /** The items these ids name, in a few statements; an id naming none is not in the map. */
  byIds(ids: readonly string[]): Map<string, TransferItem> {
    const found = new Map<string, TransferItem>();
    const seqs = ids.flatMap((id) => {
      const match = ITEM_ID.exec(id);
      return match ? [Number(match[2])] : [];
    });
    const select = this.db.stmt(
      `SELECT ${COLUMNS} FROM transfer_items WHERE seq IN (SELECT value FROM json_each(?))`,
    );
    inSlices(seqs, (slice) => {
      for (const row of select.all(JSON.stringify(slice)) as ItemRow[]) {
        const item = itemOf(row);
        found.set(item.id, item);
      }
    });
    // An id whose direction does not match its row names nothing.
    for (const id of ids) if (found.get(id)?.id !== id) found.delete(id);
    return found;
  }

  /** The incoming items carrying these codes, by the code's digest (`codeDigest`). */
  incomingByCode(codes: readonly string[]): Map<string, TransferItem> {
    const found = new Map<string, TransferItem>();
    const select = this.db.stmt(
      `SELECT ${COLUMNS}, code_digest FROM transfer_items
       WHERE direction = 'in' AND code_digest IN (SELECT value FROM json_each(?))`,
    );
    inSlices(
      codes.map((code) => codeDigest(code)),
      (slice) => {
        for (const row of select.all(JSON.stringify(slice)) as Array<
          ItemRow & { code_digest: string }
        >)
          found.set(row.code_digest, itemOf(row));
      },
    );
    return found;
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
    }
    const update = this.db.stmt(
      `UPDATE transfer_items SET status = 'exported', done_at = ?, file = ?
       WHERE seq IN (SELECT value FROM json_each(?))`,
    );
    inSlices(
      items.map((item) => Number(ITEM_ID.exec(item.id)?.[2])),
      (slice) => update.run(at, file, JSON.stringify(slice)),
    );
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

  /**
   * The incoming item with this code, if it is still waiting for its use: now used, by
   * `subject`. Returns its id, undefined when there was none waiting.
   */
  used(code: string, subject: string, label: string | null): string | undefined {
    const row = this.db
      .stmt(
        `UPDATE transfer_items SET subject = ?, label = ?, status = 'applied', done_at = ?,
           error = NULL
         WHERE direction = 'in' AND code_digest = ? AND status = 'imported' RETURNING seq`,
      )
      .get(subject, label, this.now(), codeDigest(code)) as { seq: number } | undefined;
    return row ? `in-${row.seq}` : undefined;
  }

  markFailed(item: TransferItem, error: ErrorDto): void {
    item.status = 'failed';
    item.doneAt = this.now();
    item.error = error;
    this.save(item);
  }
}
