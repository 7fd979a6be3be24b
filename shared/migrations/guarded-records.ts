// The tables whose rows a workspace's signed checkpoints vouch for, and the SQL that keeps a
// running digest of each: every insert, update and delete adds or takes away its row's hash
// (triggers calling `airlock_record_add`/`airlock_record_sub`, which the main process registers
// on its connections). A row changed by any other program either fails (the functions are
// missing there) or, with the triggers dropped, leaves the digest behind — and a digest changed
// to match is no longer the one the newest checkpoint signed.

/** Each guarded table and its columns, in the order they are hashed. */
export const GUARDED_RECORDS = {
  workspace: ['singleton', 'id', 'kind', 'name', 'created_at'],
  counters: ['name', 'value'],
  transfer_items: [
    'seq',
    'direction',
    'kind',
    'code',
    'code_digest',
    'udi',
    'subject',
    'label',
    'created_at',
    'status',
    'done_at',
    'file',
    'error',
  ],
  smart_account: ['singleton', 'name', 'reservation_enabled'],
  virtual_accounts: ['position', 'name'],
  licenses: ['position', 'va', 'tag', 'entry'],
  instances: [
    'position',
    'id',
    'va',
    'udi_key',
    'name',
    'state',
    'product_type',
    'reservation_type',
    'confirmed',
    'created_at',
    'last_contact',
    'waiting_since',
    'record',
  ],
  trust: ['singleton', 'authority_name', 'public_key_pem', 'fingerprint', 'created_at'],
  devices: [
    'serial',
    'id',
    'name',
    'kind',
    'product',
    'udi_key',
    'created_at',
    'waiting_for',
    'stage',
    'registration',
    'state',
  ],
} as const satisfies Record<string, readonly string[]>;

export type GuardedTable = keyof typeof GUARDED_RECORDS;

export const GUARDED_TABLES = Object.keys(GUARDED_RECORDS) as GuardedTable[];

/** A digest of no rows at all. */
export const EMPTY_RECORD_DIGEST = '0'.repeat(64);

function values(table: GuardedTable, row: 'NEW' | 'OLD'): string {
  return GUARDED_RECORDS[table].map((column) => `${row}.${column}`).join(', ');
}

/** The three triggers of one table, by name: exactly this text is expected in the schema. */
export function recordTriggers(table: GuardedTable): Record<string, string> {
  const set = (expression: string) =>
    `UPDATE record_digests SET digest = ${expression} WHERE name = '${table}';`;
  const add = (digest: string) =>
    `airlock_record_add(${digest}, '${table}', ${values(table, 'NEW')})`;
  const sub = (digest: string) =>
    `airlock_record_sub(${digest}, '${table}', ${values(table, 'OLD')})`;
  return {
    [`${table}_record_insert`]: `CREATE TRIGGER ${table}_record_insert AFTER INSERT ON ${table} BEGIN ${set(add('digest'))} END`,
    [`${table}_record_update`]: `CREATE TRIGGER ${table}_record_update AFTER UPDATE ON ${table} BEGIN ${set(add(sub('digest')))} END`,
    [`${table}_record_delete`]: `CREATE TRIGGER ${table}_record_delete AFTER DELETE ON ${table} BEGIN ${set(sub('digest'))} END`,
  };
}

/** The digests of the rows already there, then the triggers that keep them. */
export function guardedRecordsSql(): string {
  const lines = [
    `CREATE TABLE record_digests (name TEXT PRIMARY KEY, digest TEXT NOT NULL) STRICT;`,
    `ALTER TABLE audit_checkpoints ADD COLUMN records TEXT;`,
  ];
  for (const table of GUARDED_TABLES) {
    lines.push(
      `INSERT INTO record_digests (name, digest) SELECT '${table}', ` +
        `coalesce(airlock_record_sum('${table}', ${GUARDED_RECORDS[table].join(', ')}), '${EMPTY_RECORD_DIGEST}') FROM ${table};`,
    );
    for (const sql of Object.values(recordTriggers(table))) lines.push(`${sql};`);
  }
  return lines.join('\n');
}
