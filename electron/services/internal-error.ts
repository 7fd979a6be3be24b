// An unexpected exception, given a short reference: the operator sees only the reference, the log
// (the CLI's stderr, the main process's console) gets it with the stack, so the two can be matched.

import { randomBytes } from 'node:crypto';
import { encodeBase32 } from '../../shared/codes/base32.ts';

/** `7KQ2-M9XA`: 40 random bits, Crockford base32 (no I, L, O, U to misread when read aloud). */
export function newErrorReference(): string {
  const text = encodeBase32(randomBytes(5));
  return `${text.slice(0, 4)}-${text.slice(4, 8)}`;
}

/** What goes to the log: the reference first, where it happened, then the stack (or the value). */
export function internalErrorReport(reference: string, where: string, error: unknown): string {
  const detail =
    error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return `airlock: internal error ${reference} in ${where}:\n${detail}\n`;
}
