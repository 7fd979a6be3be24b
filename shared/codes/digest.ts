// Short digests that bind codes to a UDI, a request or an authorization.

import type { Hasher } from '../ports.ts';
import { toHex, utf8 } from './bytes.ts';

export function digestHex(hasher: Hasher, text: string): string {
  return toHex(hasher.sha256(utf8(text)));
}

/** The first `length` bytes of SHA-256 over a labelled text. */
export function shortDigest(
  hasher: Hasher,
  label: string,
  text: string,
  length: number,
): Uint8Array {
  return hasher.sha256(utf8(`${label}\n${text}`)).slice(0, length);
}
