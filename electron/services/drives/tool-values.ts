// Reads the loosely typed values OS tools print (booleans as "1", byte counts as strings) strictly.

/** true/false, 1/0 and "1"/"0" (util-linux before 2.33 printed every JSON value as a string). */
export function toBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  return undefined;
}

/** A non-negative whole number of bytes from a number or a digit string; anything else is unknown. */
export function toByteCount(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\d{1,16}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** A non-empty string, or undefined for null, empty and non-string values. */
export function toText(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Strips a UTF-8 byte-order mark some shells put in front of redirected output. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
