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

/** Splits work into chunks so long batches can report progress between calls. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The most calls a batch screen makes: progress in fifths, at most five saves. */
export const BATCH_MAX_CALLS = 5;
/** Small batches still move in steps the operator can see. */
export const BATCH_MIN_CHUNK = 25;

/**
 * The calls a batch screen splits its work into. Each call is one save of the whole workspace
 * document in main (tens of MB at 10,000 devices), so a batch is never cut into more than
 * BATCH_MAX_CALLS calls: 10,000 codes go in five calls of 2,000, 60 in three of 25, 20 in one.
 */
export function batchChunks<T>(items: readonly T[]): T[][] {
  return chunks(items, Math.max(BATCH_MIN_CHUNK, Math.ceil(items.length / BATCH_MAX_CALLS)));
}
