// Splits a code into numbered parts small enough for one phone-readable QR code each.

/** Bytes per QR part: a version-25-ish symbol at level M, still easy to scan from a screen. */
export const QR_PART_BYTES = 1000;

export interface QrPart {
  index: number;
  total: number;
  text: string;
}

const encoder = new TextEncoder();

function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** Where a cut is least disruptive: after a tag end (XML) or a group dash, else anywhere. */
function cutPoint(text: string, maxBytes: number): number {
  let end = 0;
  let bytes = 0;
  for (const char of text) {
    const size = byteLength(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  if (end >= text.length) return text.length;
  const window = text.slice(0, end);
  const soft = window.includes('<')
    ? window.lastIndexOf('>')
    : Math.max(window.lastIndexOf('-'), window.lastIndexOf(','));
  return soft > end / 2 ? soft + 1 : end;
}

/** One part when it fits; otherwise parts in order, whose concatenation is the original text. */
export function splitForQr(text: string, maxBytes = QR_PART_BYTES): QrPart[] {
  if (maxBytes < 4) throw new RangeError('maxBytes too small');
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const cut = cutPoint(rest, maxBytes);
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (chunks.length === 0) chunks.push('');
  return chunks.map((chunk, i) => ({ index: i + 1, total: chunks.length, text: chunk }));
}
