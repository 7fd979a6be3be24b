// One verdict per imported file, from the rows main answered: what was taken in (applied at once,
// or waiting for the operator to act on), what was refused and why — so "3 imported" never sits
// beside a red "Failed" without saying which is which.
import type { ImportResultDto, TransferItemDto } from '../../shared/ipc/dto.ts';
import { baseName } from './code-file-name.ts';

export type Verdict = 'ok' | 'partial' | 'refused' | 'empty';

export interface ImportVerdict {
  file: string;
  verdict: Verdict;
  total: number;
  /** Used at once (a confirmation or return applied), or already used or put away. */
  applied: number;
  /** Came in and wait for the operator (a request to reserve, an authorization to install). */
  waiting: number;
  refused: TransferItemDto[];
  /** By kind of code, for a large file's summary. */
  byKind: Array<{ kind: TransferItemDto['kind']; count: number }>;
}

/** Above this many codes a result is summarised, its rows behind a disclosure. */
export const LARGE_IMPORT = 10;

export function importVerdict(result: ImportResultDto): ImportVerdict {
  const refused = result.items.filter((i) => i.status === 'failed');
  const waiting = result.items.filter((i) => i.status === 'imported').length;
  const total = result.items.length;
  const kinds = new Map<TransferItemDto['kind'], number>();
  for (const item of result.items) kinds.set(item.kind, (kinds.get(item.kind) ?? 0) + 1);
  const verdict: Verdict =
    total === 0
      ? 'empty'
      : refused.length === 0
        ? 'ok'
        : refused.length === total
          ? 'refused'
          : 'partial';
  return {
    file: baseName(result.file),
    verdict,
    total,
    applied: total - refused.length - waiting,
    waiting,
    refused,
    byKind: [...kinds].map(([kind, count]) => ({ kind, count })),
  };
}
