// The authority's state as the ledger sees it, read from the database inside one transaction.
//
// The ledger works on a plain AuthorityState in place. Here that state is loaded only as far as
// an operation reaches into it: the smart account and the pools (small) at once, each product
// instance when first asked for, the UDI index by query. After the operation, `flush` writes
// back exactly the rows whose content changed (and the new ones). A working set lives for one
// transaction: nothing in it outlives the snapshot it was read from.

import { instanceName } from '../../../../shared/codes/udi.ts';
import {
  AUTHORITY_SCHEMA_VERSION,
  type AuthorityState,
  type InstanceRecord,
  type PoolEntry,
  type VirtualAccount,
  isActive,
} from '../../../../shared/authority/index.ts';
import { DomainError } from '../../../../shared/errors.ts';
import type { WorkspaceDb } from '../../db/workspace-db.ts';

interface Loaded {
  record: InstanceRecord;
  /** The JSON it was read as; null for an instance this transaction created. */
  json: string | null;
}

const ACTIVE = "state IN ('reserved', 'in-transit')";

/** Parses a stored JSON column, naming the row when it is not what was written. */
export function parseStored<T>(json: string, where: string, path: string): T {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error();
    return value as T;
  } catch {
    throw new DomainError('STORE_DAMAGED', { path, problem: `${where} is not a stored record` });
  }
}

/** The columns lists and filters read, derived from the record on every write. */
export function instanceColumns(record: InstanceRecord) {
  const waitingSince =
    record.state === 'in-transit'
      ? record.pending.authorization.issuedAt
      : record.state === 'reserved' && !record.confirmed
        ? record.current.issuedAt
        : null;
  return {
    id: record.id,
    va: record.va,
    udi_key: record.udiKey,
    name: instanceName(record.udi),
    state: record.state,
    product_type: record.productType,
    reservation_type: record.reservation.type,
    confirmed: record.confirmed ? 1 : 0,
    created_at: record.createdAt,
    last_contact: record.lastContact,
    waiting_since: waitingSince,
  };
}

export const UPSERT_INSTANCE = `
  INSERT INTO instances (id, va, udi_key, name, state, product_type, reservation_type, confirmed,
    created_at, last_contact, waiting_since, record)
  VALUES (@id, @va, @udi_key, @name, @state, @product_type, @reservation_type, @confirmed,
    @created_at, @last_contact, @waiting_since, @record)
  ON CONFLICT (id) DO UPDATE SET va = excluded.va, udi_key = excluded.udi_key,
    name = excluded.name, state = excluded.state, product_type = excluded.product_type,
    reservation_type = excluded.reservation_type, confirmed = excluded.confirmed,
    created_at = excluded.created_at, last_contact = excluded.last_contact,
    waiting_since = excluded.waiting_since, record = excluded.record`;

export class AuthorityWorkingSet {
  readonly state: AuthorityState;
  private readonly accountJson: string;
  /** va → tag → the entry's JSON as read. */
  private readonly poolJson = new Map<string, Map<string, string>>();
  private readonly instances = new Map<string, Loaded>();
  private readonly absent = new Set<string>();
  /** UDI index changes made by this transaction: udiKey → instance id, or null when cleared. */
  private readonly activeChanges = new Map<string, string | null>();
  /** The ids the last full listing returned. */
  private listed: Set<string> | undefined;

  constructor(private readonly db: WorkspaceDb) {
    const account = db
      .stmt('SELECT name, reservation_enabled FROM smart_account WHERE singleton = 1')
      .get() as { name: string; reservation_enabled: number } | undefined;
    if (!account)
      throw new DomainError('STORE_DAMAGED', { path: db.path, problem: 'no smart account' });
    const smartAccount = {
      name: account.name,
      reservationEnabled: account.reservation_enabled === 1,
    };
    this.accountJson = JSON.stringify(smartAccount);
    const virtualAccounts: Record<string, VirtualAccount> = {};
    for (const { name } of db
      .stmt('SELECT name FROM virtual_accounts ORDER BY position')
      .all() as Array<{ name: string }>) {
      virtualAccounts[name] = { name, pool: {} };
      this.poolJson.set(name, new Map());
    }
    for (const row of db
      .stmt('SELECT va, tag, entry FROM licenses ORDER BY position')
      .all() as Array<{ va: string; tag: string; entry: string }>) {
      const account = virtualAccounts[row.va];
      if (!account) continue; // the foreign key makes this impossible
      account.pool[row.tag] = parseStored<PoolEntry>(row.entry, `license ${row.tag}`, db.path);
      this.poolJson.get(row.va)!.set(row.tag, row.entry);
    }
    this.state = {
      schemaVersion: AUTHORITY_SCHEMA_VERSION,
      smartAccount,
      virtualAccounts,
      instances: this.instanceRecords(),
      activeByUdi: this.udiIndex(),
    };
  }

  /** The instance with this exact id, loaded once per transaction. */
  instance(id: string): InstanceRecord | undefined {
    const loaded = this.instances.get(id);
    if (loaded) return loaded.record;
    if (this.absent.has(id)) return undefined;
    const row = this.db.stmt('SELECT record FROM instances WHERE id = ?').get(id) as
      { record: string } | undefined;
    if (!row) {
      this.absent.add(id);
      return undefined;
    }
    const record = parseStored<InstanceRecord>(row.record, `instance ${id}`, this.db.path);
    this.instances.set(id, { record, json: row.record });
    return record;
  }

  /** Every id, stored or new (O(instances): for a scan the caller could not narrow). */
  private allIds(): string[] {
    const ids = this.db
      .stmt('SELECT id FROM instances ORDER BY position')
      .pluck()
      .all() as string[];
    const stored = new Set(ids);
    for (const [id, loaded] of this.instances)
      if (loaded.json === null && !stored.has(id)) ids.push(id);
    this.listed = new Set(ids);
    return ids;
  }

  private activeFor(udiKey: string): string | undefined {
    if (this.activeChanges.has(udiKey)) return this.activeChanges.get(udiKey) ?? undefined;
    const id = this.db
      .stmt(`SELECT id FROM instances WHERE udi_key = ? AND ${ACTIVE}`)
      .pluck()
      .get(udiKey) as string | undefined;
    return id;
  }

  /** `state.instances`: a record keyed by id whose entries come from the table when touched. */
  private instanceRecords(): Record<string, InstanceRecord> {
    const descriptor = (value: InstanceRecord): PropertyDescriptor => ({
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    return new Proxy({} as Record<string, InstanceRecord>, {
      get: (target, key, receiver) =>
        typeof key === 'string'
          ? (this.instance(key) ?? Reflect.get(target, key, receiver))
          : Reflect.get(target, key, receiver),
      has: (target, key) =>
        typeof key === 'string' ? this.instance(key) !== undefined : key in target,
      getOwnPropertyDescriptor: (_target, key) => {
        if (typeof key !== 'string') return undefined;
        // Just listed (a `for…in` over every id): say it exists without reading its record.
        if (this.listed?.has(key) && !this.instances.has(key))
          return {
            get: () => this.instance(key),
            enumerable: true,
            configurable: true,
          };
        const record = this.instance(key);
        return record ? descriptor(record) : undefined;
      },
      set: (_target, key, value: InstanceRecord) => {
        if (typeof key !== 'string') return false;
        const loaded = this.instances.get(key);
        this.absent.delete(key);
        this.instances.set(key, { record: value, json: loaded ? loaded.json : null });
        return true;
      },
      defineProperty: (_target, key, desc) => {
        if (typeof key !== 'string' || !('value' in desc)) return false;
        const loaded = this.instances.get(key);
        this.absent.delete(key);
        this.instances.set(key, {
          record: desc.value as InstanceRecord,
          json: loaded ? loaded.json : null,
        });
        return true;
      },
      deleteProperty: () => {
        throw new Error('product instances are never deleted');
      },
      ownKeys: () => this.allIds(),
    });
  }

  /** `state.activeByUdi`: answered by the table's active rows plus this transaction's changes. */
  private udiIndex(): Record<string, string> {
    return new Proxy({} as Record<string, string>, {
      get: (target, key, receiver) =>
        typeof key === 'string'
          ? (this.activeFor(key) ?? Reflect.get(target, key, receiver))
          : Reflect.get(target, key, receiver),
      has: (target, key) =>
        typeof key === 'string' ? this.activeFor(key) !== undefined : key in target,
      getOwnPropertyDescriptor: (_target, key) => {
        if (typeof key !== 'string') return undefined;
        const id = this.activeFor(key);
        return id === undefined
          ? undefined
          : { value: id, writable: true, enumerable: true, configurable: true };
      },
      set: (_target, key, value: string) => {
        if (typeof key !== 'string') return false;
        this.activeChanges.set(key, value);
        return true;
      },
      deleteProperty: (_target, key) => {
        if (typeof key === 'string') this.activeChanges.set(key, null);
        return true;
      },
      ownKeys: () => {
        const keys = new Set(
          this.db.stmt(`SELECT udi_key FROM instances WHERE ${ACTIVE}`).pluck().all() as string[],
        );
        for (const [key, id] of this.activeChanges) {
          if (id === null) keys.delete(key);
          else keys.add(key);
        }
        return [...keys];
      },
    });
  }

  /** Writes what the operation changed: the smart account, pools, and instances, as rows. */
  flush(): void {
    const { smartAccount, virtualAccounts } = this.state;
    if (JSON.stringify(smartAccount) !== this.accountJson) {
      this.db
        .stmt('UPDATE smart_account SET name = ?, reservation_enabled = ? WHERE singleton = 1')
        .run(smartAccount.name, smartAccount.reservationEnabled ? 1 : 0);
    }
    for (const [name, account] of Object.entries(virtualAccounts)) {
      let stored = this.poolJson.get(name);
      if (!stored) {
        this.db.stmt('INSERT INTO virtual_accounts (name) VALUES (?)').run(name);
        stored = new Map();
        this.poolJson.set(name, stored);
      }
      for (const [tag, entry] of Object.entries(account.pool)) {
        const json = JSON.stringify(entry);
        if (stored.get(tag) === json) continue;
        this.db
          .stmt(
            `INSERT INTO licenses (va, tag, entry) VALUES (?, ?, ?)
             ON CONFLICT (va, tag) DO UPDATE SET entry = excluded.entry`,
          )
          .run(name, tag, json);
        stored.set(tag, json);
      }
    }
    const changed: Array<{ record: InstanceRecord; json: string }> = [];
    for (const loaded of this.instances.values()) {
      const json = JSON.stringify(loaded.record);
      if (json !== loaded.json) changed.push({ record: loaded.record, json });
    }
    // An instance leaving the UDI index is written before one joining it: the database holds
    // the same one-active-per-UDI rule, checked statement by statement.
    changed.sort((a, b) => Number(isActive(a.record)) - Number(isActive(b.record)));
    const upsert = this.db.stmt(UPSERT_INSTANCE);
    for (const { record, json } of changed) {
      upsert.run({ ...instanceColumns(record), record: json });
      this.instances.set(record.id, { record, json });
    }
    this.activeChanges.clear();
  }
}
