// A list of devices to add at a site, as an operator keeps one: CSV with a header row naming the
// columns. Each row is checked on its own (the same limits as the add-device form); what is wrong
// with the file as a whole — no header, a missing column, broken quoting, too many rows — refuses
// the file. Whether a row's UDI is new to the site is the workspace's question, not this file's.

import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { deviceFields } from '../../shared/ipc/contract.ts';
import type { Product } from '../../shared/ipc/dto.ts';

/** More than a site adds in one trip; beyond it, the file is refused rather than half read. */
export const DEVICE_LIST_MAX_ROWS = 20_000;

type Field = 'name' | 'product' | 'pid' | 'sn' | 'vid' | 'hostId' | 'uuid' | 'external';

/** Header names, as typed (any case, spaces and hyphens ignored), to the field they fill. */
const COLUMNS: Record<string, Field> = {
  name: 'name',
  product: 'product',
  pid: 'pid',
  sn: 'sn',
  vid: 'vid',
  hostid: 'hostId',
  host: 'hostId',
  uuid: 'uuid',
  external: 'external',
};
const REQUIRED: readonly Field[] = ['product', 'pid', 'sn'];

const PRODUCTS: Record<string, Product> = {
  ucm: 'ucm',
  cucm: 'ucm',
  expressway: 'expressway',
  'ios-xe': 'ios-xe',
  iosxe: 'ios-xe',
};
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['', 'no', 'n', 'false', '0']);

const rowSchema = z.object(deviceFields);
export type DeviceFields = z.infer<typeof rowSchema>;

export interface DeviceListRow {
  /** The row's line in the file; the header is line 1. */
  line: number;
  name: string | null;
  product: Product | null;
  external: boolean;
  /** The device to add, when the row's fields are all well formed. */
  device?: DeviceFields;
  error?: DomainError;
}

function columnKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/** Which field each column fills; refuses unknown, repeated and missing columns. */
function readHeader(header: readonly string[]): Field[] {
  const fields = header.map((text) => {
    const field = COLUMNS[columnKey(text)];
    if (!field) throw new DomainError('DEVICE_LIST_COLUMN_UNKNOWN', { column: text.trim() });
    return field;
  });
  const repeated = fields.find((f, i) => fields.indexOf(f) !== i);
  if (repeated) throw new DomainError('DEVICE_LIST_COLUMN_REPEATED', { column: repeated });
  const missing = REQUIRED.find((f) => !fields.includes(f));
  if (missing) throw new DomainError('DEVICE_LIST_COLUMN_MISSING', { column: missing });
  return fields;
}

function fieldError(issue: z.core.$ZodIssue): DomainError {
  const column = String(issue.path[0] ?? '');
  if (issue.code === 'too_big') {
    return new DomainError('DEVICE_LIST_FIELD_TOO_LONG', {
      column,
      max: Number(issue.maximum),
    });
  }
  if (issue.code === 'custom') return new DomainError('DEVICE_LIST_FIELD_UNSHOWABLE', { column });
  return new DomainError('DEVICE_LIST_FIELD_MISSING', { column });
}

function readRow(fields: readonly Field[], cells: readonly string[], line: number): DeviceListRow {
  const value: Partial<Record<Field, string>> = {};
  fields.forEach((field, i) => (value[field] = cells[i]?.trim() ?? ''));
  const name = value.name || null;
  const productText = value.product ?? '';
  const product = PRODUCTS[productText.toLowerCase()] ?? null;
  const externalText = (value.external ?? '').toLowerCase();
  const external = YES.has(externalText);
  const row = { line, name, product, external };
  if (!product) {
    return { ...row, error: new DomainError('DEVICE_LIST_PRODUCT', { value: productText }) };
  }
  if (!external && !NO.has(externalText)) {
    return { ...row, error: new DomainError('DEVICE_LIST_EXTERNAL', { value: value.external }) };
  }
  const optional = (text: string | undefined) => (text ? text : undefined);
  const parsed = rowSchema.safeParse({
    external,
    product,
    name: optional(value.name),
    pid: value.pid,
    sn: value.sn,
    vid: optional(value.vid),
    hostId: optional(value.hostId),
    uuid: optional(value.uuid),
  });
  if (!parsed.success) return { ...row, error: fieldError(parsed.error.issues[0]!) };
  return { ...row, device: parsed.data };
}

/**
 * Reads a device list: comma-, semicolon- or tab-separated, quoted as spreadsheets quote, with a
 * byte-order mark or without; blank lines are skipped. Throws a DomainError for the whole file.
 */
export function readDeviceList(text: string): DeviceListRow[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      delimiter: [',', ';', '\t'],
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true, // counted against the header below, to say which line
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    if (error instanceof CsvError) {
      throw new DomainError('DEVICE_LIST_UNREADABLE', { line: Number(error.lines) || 1 });
    }
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new DomainError('DEVICE_LIST_EMPTY');
  const fields = readHeader(header.record);
  // A row with more or fewer cells than the header: its values may have moved to other columns,
  // so the file is refused, saying which line and how it differs.
  const uneven = rows.find(({ record }) => record.length !== fields.length);
  if (uneven)
    throw new DomainError('DEVICE_LIST_UNREADABLE', {
      line: uneven.info.lines,
      reason: 'cells',
      found: uneven.record.length,
      expected: fields.length,
    });
  if (rows.length === 0) throw new DomainError('DEVICE_LIST_EMPTY');
  if (rows.length > DEVICE_LIST_MAX_ROWS) {
    throw new DomainError('DEVICE_LIST_TOO_LONG', { max: DEVICE_LIST_MAX_ROWS });
  }
  return rows.map(({ record, info }) => readRow(fields, record, info.lines));
}
