// Reports as CSV (csv-stringify: quoting, line breaks and Unicode done right), safe to open in a
// spreadsheet: a cell that starts like a formula is prefixed so it stays text.

import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function toCsv(
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
): string {
  // A BOM so spreadsheet programs read the UTF-8 (Japanese, Chinese names) correctly.
  return `\uFEFF${stringify([columns, ...rows.map((r) => columns.map((c) => cell(r[c])))], { record_delimiter: 'windows' })}`;
}
