// Crockford base32: the typeable alphabet of our grouped codes (no I, L, O, U; case-free).

export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VALUE = new Map<string, number>([...CROCKFORD].map((c, i) => [c, i]));
/** Letters people type for digits they read: Crockford's own aliases. */
const ALIASES: Record<string, string> = { I: '1', L: '1', O: '0' };

/** Upper-cases and applies the aliases; leaves anything else for the caller to reject. */
export function canonicalBase32Char(c: string): string {
  const upper = c.toUpperCase();
  return ALIASES[upper] ?? upper;
}

export function isBase32Char(c: string): boolean {
  return VALUE.has(c);
}

export function base32Value(c: string): number {
  const v = VALUE.get(c);
  if (v === undefined) throw new RangeError(`not a base32 character: ${c}`);
  return v;
}

export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(buffer << (5 - bits)) & 31];
  return out;
}

/** Decodes exactly `byteLength` bytes; the caller has checked the alphabet. */
export function decodeBase32(text: string, byteLength: number): Uint8Array {
  const out = new Uint8Array(byteLength);
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (const c of text) {
    buffer = (buffer << 5) | base32Value(c);
    bits += 5;
    if (bits >= 8) {
      if (o < byteLength) out[o++] = (buffer >> (bits - 8)) & 255;
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/** Characters needed to carry `byteLength` bytes. */
export function base32Length(byteLength: number): number {
  return Math.ceil((byteLength * 8) / 5);
}

/** Encodes a small non-negative integer in exactly `width` base32 characters. */
export function encodeBase32Int(value: number, width: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < width; i++) {
    out = CROCKFORD[v % 32] + out;
    v = Math.floor(v / 32);
  }
  return out;
}

export function decodeBase32Int(text: string): number {
  let v = 0;
  for (const c of text) v = v * 32 + base32Value(c);
  return v;
}
