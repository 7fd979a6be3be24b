// A site's devices as rows: each device's state is the agent's (or ledger's) JSON, and beside it
// the columns lists filter and sort on, derived from that state whenever the device is written.

import { type Udi, udiKey } from '../../../../shared/codes/udi.ts';
import type { DeviceState, ExternalDeviceState } from '../../../../shared/agent/index.ts';
import type { DeviceSortKey, Product } from '../../../../shared/ipc/dto.ts';
import { type WorkspaceDb, escapeLike } from '../../db/workspace-db.ts';
import { parseStored } from '../authority/working-set.ts';

interface DeviceCommon {
  id: string;
  name: string;
  product: Product;
  createdAt: number;
}

/** Only UCM and Expressway are emulated: an IOS-XE box is always an external device. */
export type EmulatedDevice = Omit<DeviceCommon, 'product'> & {
  kind: 'emulated';
  product: DeviceState['product'];
  agent: DeviceState;
};
export type ExternalSiteDevice = DeviceCommon & { kind: 'external'; ledger: ExternalDeviceState };
export type SiteDevice = EmulatedDevice | ExternalSiteDevice;

/** What a device shows in lists, as of its last change (see site-view.ts). */
export interface DeviceSummary {
  waitingFor: string;
  /** Emulated: the reservation mode (`disabled`, `enabled`, `pending`, `reserved`); external: the ledger's stage. */
  stage: string;
  registration: string;
}

export interface DeviceQuery {
  kind?: 'emulated' | 'external';
  waitingFor?: string;
  stage?: string | readonly string[];
  search?: string;
  sort?: { key: DeviceSortKey; descending?: boolean };
}

interface DeviceRow {
  serial: number;
  id: string;
  name: string;
  kind: 'emulated' | 'external';
  product: Product;
  created_at: number;
  state: string;
}

const SORT_COLUMNS: Record<DeviceSortKey, string> = {
  name: 'name',
  udi: 'udi_key',
  product: 'product',
  registration: 'registration',
  waitingFor: 'waiting_for',
  createdAt: 'serial',
};

export function udiOf(device: SiteDevice): Udi {
  return device.kind === 'emulated' ? device.agent.udi : device.ledger.udi;
}

export class DeviceRows {
  constructor(private readonly db: WorkspaceDb) {}

  private deviceOf(row: DeviceRow): SiteDevice {
    const state = parseStored<DeviceState | ExternalDeviceState>(
      row.state,
      `device ${row.id}`,
      this.db.path,
    );
    const common = { id: row.id, name: row.name, product: row.product, createdAt: row.created_at };
    if (row.kind === 'external')
      return { ...common, kind: 'external', ledger: state as ExternalDeviceState };
    const agent = state as DeviceState;
    return { ...common, product: agent.product, kind: 'emulated', agent };
  }

  private one(where: string, value: unknown): SiteDevice | undefined {
    const row = this.db
      .stmt(`SELECT serial, id, name, kind, product, created_at, state FROM devices WHERE ${where}`)
      .get(value) as DeviceRow | undefined;
    return row ? this.deviceOf(row) : undefined;
  }

  byId(id: string): SiteDevice | undefined {
    return this.one('id = ?', id);
  }

  byUdi(key: string): SiteDevice | undefined {
    return this.one('udi_key = ?', key);
  }

  /** The id the next new device gets (`dev-N`, N never reused). */
  nextSerial(): number {
    const row = this.db.stmt("SELECT value FROM counters WHERE name = 'device'").get() as
      { value: number } | undefined;
    return row?.value ?? 1;
  }

  insert(device: SiteDevice, serial: number, summary: DeviceSummary): void {
    this.db
      .stmt(
        `INSERT INTO devices (serial, id, name, kind, product, udi_key, created_at, waiting_for,
           stage, registration, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        serial,
        device.id,
        device.name,
        device.kind,
        device.product,
        udiKey(udiOf(device)),
        device.createdAt,
        summary.waitingFor,
        summary.stage,
        summary.registration,
        JSON.stringify(device.kind === 'emulated' ? device.agent : device.ledger),
      );
    this.db
      .stmt(
        `INSERT INTO counters (name, value) VALUES ('device', ?)
         ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)`,
      )
      .run(serial + 1);
  }

  /** Writes a device's state (and the columns derived from it) after a command changed it. */
  save(device: SiteDevice, summary: DeviceSummary): void {
    this.db
      .stmt(
        'UPDATE devices SET waiting_for = ?, stage = ?, registration = ?, state = ? WHERE id = ?',
      )
      .run(
        summary.waitingFor,
        summary.stage,
        summary.registration,
        JSON.stringify(device.kind === 'emulated' ? device.agent : device.ledger),
        device.id,
      );
  }

  private where(query: DeviceQuery): { sql: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [
      ['kind', query.kind],
      ['waiting_for', query.waitingFor],
    ] as const) {
      if (value === undefined) continue;
      clauses.push(`${column} = ?`);
      params.push(value);
    }
    if (query.stage !== undefined) {
      const stages = typeof query.stage === 'string' ? [query.stage] : [...query.stage];
      clauses.push(`stage IN (${stages.map(() => '?').join(', ')})`);
      params.push(...stages);
    }
    const search = query.search?.trim();
    if (search) {
      const like = `%${escapeLike(search)}%`;
      clauses.push(
        "(id LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR udi_key LIKE ? ESCAPE '\\')",
      );
      params.push(like, like, like);
    }
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  /** One window of the matching devices, in the asked order, and how many match in all. */
  page(
    query: DeviceQuery,
    offset: number,
    limit: number,
  ): { devices: SiteDevice[]; total: number } {
    const { sql, params } = this.where(query);
    const column = SORT_COLUMNS[query.sort?.key ?? 'createdAt'];
    const direction = query.sort?.descending ? 'DESC' : 'ASC';
    return this.db.read(() => ({
      devices: (
        this.db
          .stmt(
            `SELECT serial, id, name, kind, product, created_at, state FROM devices ${sql}
             ORDER BY ${column} ${direction}, serial ${direction} LIMIT ? OFFSET ?`,
          )
          .all(...params, limit, offset) as DeviceRow[]
      ).map((row) => this.deviceOf(row)),
      total: this.count(query),
    }));
  }

  count(query: DeviceQuery = {}): number {
    const { sql, params } = this.where(query);
    return (
      this.db.stmt(`SELECT count(*) AS n FROM devices ${sql}`).get(...params) as { n: number }
    ).n;
  }

  /** Every matching device, oldest first. */
  *all(query: DeviceQuery = {}): Generator<SiteDevice> {
    const { sql, params } = this.where(query);
    const rows = this.db
      .stmt(
        `SELECT serial, id, name, kind, product, created_at, state FROM devices ${sql} ORDER BY serial`,
      )
      .iterate(...params) as IterableIterator<DeviceRow>;
    for (const row of rows) yield this.deviceOf(row);
  }

  /** The ids of every matching device, oldest first (no device's state is read). */
  ids(query: DeviceQuery = {}): string[] {
    const { sql, params } = this.where(query);
    return this.db
      .stmt(`SELECT id FROM devices ${sql} ORDER BY serial`)
      .pluck()
      .all(...params) as string[];
  }

  /** How many devices wait for each thing (the dashboard's counts). */
  waitingCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const row of this.db
      .stmt('SELECT waiting_for, count(*) AS n FROM devices GROUP BY waiting_for')
      .all() as Array<{ waiting_for: string; n: number }>)
      counts[row.waiting_for] = row.n;
    return counts;
  }
}
