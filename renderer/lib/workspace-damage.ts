// A workspace whose database cannot be opened as it is: which refusals mean that, and which of
// its backups to offer first (the one main named, else the newest).
import type { BackupDto, ErrorDto } from '../../shared/ipc/dto.ts';

/**
 * Damaged, missing, behind what was already committed, or its trusted key changed behind its
 * back: opened only after a restore.
 */
export const DAMAGE_CODES = [
  'STORE_DAMAGED',
  'STORE_MISSING',
  'STORE_ROLLED_BACK',
  'TRUST_TAMPERED',
] as const;

export function isDamage(error: ErrorDto | null | undefined): error is ErrorDto {
  return !!error && (DAMAGE_CODES as readonly string[]).includes(error.code);
}

/** The backup to preview first: the one main's refusal names, if it is listed; else the newest. */
export function suggestedBackup(
  backups: readonly BackupDto[],
  error: ErrorDto | null,
): string | null {
  const named = error?.facts.backup;
  if (typeof named === 'string' && backups.some((b) => b.fileName === named)) return named;
  return backups[0]?.fileName ?? null;
}
