// Dates as the authority prints them in codes (`2021-Aug-13 UTC`) and as ISO days (`2021-08-13`).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2021-08-13` → `2021-Aug-13 UTC`. */
export function toCodeDate(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`not a day: ${isoDay}`);
  return `${m[1]}-${MONTHS[Number(m[2]) - 1]}-${m[3]} UTC`;
}

/** `2021-Aug-13 UTC` → `2021-08-13`; undefined when it is not such a date. */
export function fromCodeDate(text: string): string | undefined {
  const m = /^\s*(\d{4})-([A-Za-z]{3})-(\d{1,2})(?:\s*UTC)?\s*$/.exec(text);
  if (!m) return undefined;
  const month = MONTHS.findIndex((name) => name.toLowerCase() === m[2]!.toLowerCase());
  if (month < 0) return undefined;
  return `${m[1]}-${String(month + 1).padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** Is `isoDay` a real calendar day in YYYY-MM-DD form? */
export function isIsoDay(isoDay: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** Milliseconds at the end of that UTC day: a TERM license is valid through its end date. */
export function endOfDayMs(isoDay: string): number {
  const [y, m, d] = isoDay.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!, 23, 59, 59, 999);
}

export function startOfDayMs(isoDay: string): number {
  const [y, m, d] = isoDay.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

export function isoDayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const DAY_MS = 86_400_000;
