// Strict UTF-8 decoding that says where a file stops being UTF-8.

// Also drops a leading BOM; callers strip it first so offsets stay file offsets.
const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

export type Utf8Result = { ok: true; text: string } | { ok: false; offset: number };

/** Byte offset of the first ill-formed sequence (Unicode Table 3-7), or -1 when all is well. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    let trail: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) trail = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      trail = 2;
      if (lead === 0xe0) low = 0xa0; // overlong
      if (lead === 0xed) high = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      trail = 3;
      if (lead === 0xf0) low = 0x90; // overlong
      if (lead === 0xf4) high = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= trail; k += 1) {
      const byte = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return i;
    }
    i += trail + 1;
  }
  return -1;
}

/** Decodes UTF-8 and never substitutes U+FFFD for a bad sequence. */
export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  try {
    return { ok: true, text: fatalDecoder.decode(bytes) };
  } catch {
    return { ok: false, offset: Math.max(0, firstInvalidUtf8Offset(bytes)) };
  }
}
