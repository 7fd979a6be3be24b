// What the authority's screens and reports ask of many instances at once, answered in SQL on the
// instance table's columns (indexed), so a list of 10,000 costs what its visible window costs.

import {
  type AuthorityState,
  type InstanceRecord,
  type InstanceState,
  WAITING_ALERT_DAYS,
  type Alert,
  authorityAlerts,
} from '../../../../shared/authority/index.ts';
import { DAY_MS } from '../../../../shared/codes/dates.ts';
import type { InstanceFilterState, InstanceSortKey } from '../../../../shared/ipc/dto.ts';
import { type WorkspaceDb, escapeLike } from '../../db/workspace-db.ts';
import { parseStored } from './working-set.ts';

export interface InstanceQuery {
  va?: string;
  state?: InstanceFilterState;
  /** Matched against the instance id, the UDI and the name, anywhere in them, any case. */
  search?: string;
  sort?: { key: InstanceSortKey; descending?: boolean };
}

const SORT_COLUMNS: Record<InstanceSortKey, string> = {
  name: 'name',
  udi: 'udi_key',
  productType: 'product_type',
  va: 'va',
  state: 'state',
  lastContact: 'last_contact',
  createdAt: 'created_at',
};

const STATE_CLAUSES: Record<InstanceFilterState, string> = {
  reserved: "state = 'reserved'",
  'in-transit': "state = 'in-transit'",
  removed: "state = 'removed'",
  rehosted: "state = 'rehosted'",
  active: "state IN ('reserved', 'in-transit')",
  'not-confirmed': "state = 'reserved' AND confirmed = 0",
  waiting: 'waiting_since IS NOT NULL',
};

export class AuthorityQueries {
  constructor(
    private readonly db: WorkspaceDb,
    private readonly now: () => number,
  ) {}

  private record(json: string, id: string): InstanceRecord {
    return parseStored<InstanceRecord>(json, `instance ${id}`, this.db.path);
  }

  /** The id that `idOrPrefix` names: exact, or the only id starting with it. */
  resolveId(idOrPrefix: string): string | undefined {
    const key = idOrPrefix.trim().toLowerCase();
    if (key === '') return undefined;
    const exact = this.db.stmt('SELECT id FROM instances WHERE id = ?').pluck().get(key) as
      string | undefined;
    if (exact) return exact;
    const matches = this.db
      .stmt("SELECT id FROM instances WHERE id LIKE ? ESCAPE '\\' LIMIT 2")
      .pluck()
      .all(`${escapeLike(key)}%`) as string[];
    return matches.length === 1 ? matches[0] : undefined;
  }

  /**
   * The filter as SQL, and the table to read it from: a search is answered from the lookup index
   * alone (it holds every column a search or filter reads; the planner would rather seek on a
   * state index and then read each row's whole record to test the search).
   */
  private where(query: InstanceQuery): { from: string; sql: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (query.va !== undefined) {
      clauses.push('va = ?');
      params.push(query.va);
    }
    if (query.state !== undefined) clauses.push(STATE_CLAUSES[query.state]);
    const search = query.search?.trim();
    if (search) {
      const like = `%${escapeLike(search)}%`;
      clauses.push(
        "(id LIKE ? ESCAPE '\\' OR udi_key LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')",
      );
      params.push(like, like, like);
    }
    return {
      from: search ? 'instances INDEXED BY instances_lookup' : 'instances',
      sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
      params,
    };
  }

  /** One window of the instances that match, in the asked order, and how many match in all. */
  page(
    query: InstanceQuery,
    offset: number,
    limit: number,
  ): { records: InstanceRecord[]; total: number } {
    const { from, sql, params } = this.where(query);
    const column = SORT_COLUMNS[query.sort?.key ?? 'createdAt'];
    const direction = query.sort?.descending ? 'DESC' : 'ASC';
    return this.db.read(() => {
      // The window is chosen from the lookup index alone; only its rows' records are read.
      const order = `ORDER BY ${column} ${direction}, position ${direction}`;
      const rows = this.db
        .stmt(
          `SELECT id, record FROM instances WHERE rowid IN
             (SELECT rowid FROM ${from} ${sql} ${order} LIMIT ? OFFSET ?)
           ${order}`,
        )
        .all(...params, limit, offset) as Array<{ id: string; record: string }>;
      const total = this.count(query);
      return { records: rows.map((r) => this.record(r.record, r.id)), total };
    });
  }

  count(query: InstanceQuery = {}): number {
    const { from, sql, params } = this.where(query);
    return (
      this.db.stmt(`SELECT count(*) AS n FROM ${from} ${sql}`).get(...params) as { n: number }
    ).n;
  }

  /** Every matching instance in the order they were created (reports, the CLI's full list). */
  *all(query: InstanceQuery = {}): Generator<InstanceRecord> {
    const { sql, params } = this.where(query);
    const rows = this.db
      .stmt(`SELECT id, record FROM instances ${sql} ORDER BY position`)
      .iterate(...params) as IterableIterator<{ id: string; record: string }>;
    for (const row of rows) yield this.record(row.record, row.id);
  }

  /** Instances by state, and the reserved ones whose confirmation code has not come back. */
  counts(): Record<InstanceState | 'notConfirmed', number> {
    const counts = { reserved: 0, 'in-transit': 0, removed: 0, rehosted: 0, notConfirmed: 0 };
    const rows = this.db
      .stmt('SELECT state, confirmed, count(*) AS n FROM instances GROUP BY state, confirmed')
      .all() as Array<{ state: InstanceState; confirmed: number; n: number }>;
    for (const row of rows) {
      counts[row.state] += row.n;
      if (row.state === 'reserved' && row.confirmed === 0) counts.notConfirmed += row.n;
    }
    return counts;
  }

  /**
   * The ledger's alerts (authorityAlerts) over the pools and the instances that can raise one:
   * those whose authorization has waited longer than the alert's limit. Only they are read.
   */
  alerts(state: AuthorityState, only?: readonly InstanceRecord[]): Alert[] {
    const now = this.now();
    const instances: Record<string, InstanceRecord> = {};
    if (only) for (const record of only) instances[record.id] = record;
    else {
      const rows = this.db
        .stmt('SELECT id, record FROM instances WHERE waiting_since < ?')
        .all(now - WAITING_ALERT_DAYS * DAY_MS) as Array<{ id: string; record: string }>;
      for (const row of rows) instances[row.id] = this.record(row.record, row.id);
    }
    return authorityAlerts({ ...state, instances, activeByUdi: {} }, now);
  }
}
