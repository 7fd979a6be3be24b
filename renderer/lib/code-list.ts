// Reads a plain list of codes (one per line, as a spreadsheet or notepad gives) for batch work.

export const TRANSFER_MAGIC = 'AIRLOCK TRANSFER FILE';

export function isTransferFile(text: string): boolean {
  return text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith(TRANSFER_MAGIC);
}

/** Request codes from free text: every line (or comma/semicolon/tab cell) that starts with CB-. */
export function splitRequestCodes(text: string): string[] {
  const codes: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^["']|["']$/g, '');
    if (line === '' || line.startsWith('#')) continue;
    const cells = line
      .split(/\t|;|,(?=\s*["']?CB-)/i)
      .map((c) => c.trim().replace(/^["']|["']$/g, ''));
    for (const cell of cells) if (/^CB-/i.test(cell)) codes.push(cell);
  }
  return [...new Set(codes)];
}
