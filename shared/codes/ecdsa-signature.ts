// ECDSA P-256 signatures in both encodings: DER (what the XML carries) and raw r‖s (64 bytes).

function trimInteger(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.slice(start);
  if ((trimmed[0] ?? 0) & 0x80) {
    const padded = new Uint8Array(trimmed.length + 1);
    padded.set(trimmed, 1);
    return padded;
  }
  return trimmed;
}

export function rawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length !== 64) throw new RangeError('raw P-256 signature must be 64 bytes');
  const r = trimInteger(raw.slice(0, 32));
  const s = trimInteger(raw.slice(32));
  const body = [0x02, r.length, ...r, 0x02, s.length, ...s];
  return Uint8Array.from([0x30, body.length, ...body]);
}

/** Returns undefined for anything that is not a well-formed P-256 DER signature. */
export function derToRaw(der: Uint8Array): Uint8Array | undefined {
  if (der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const out = new Uint8Array(64);
  let offset = 2;
  for (const half of [0, 1]) {
    if (der[offset] !== 0x02) return undefined;
    const length = der[offset + 1] ?? 0;
    let value = der.slice(offset + 2, offset + 2 + length);
    if (value.length !== length || length === 0) return undefined;
    while (value.length > 32 && value[0] === 0) value = value.slice(1);
    if (value.length > 32) return undefined;
    out.set(value, half * 32 + (32 - value.length));
    offset += 2 + length;
  }
  return offset === der.length ? out : undefined;
}
