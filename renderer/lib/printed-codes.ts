// The codes a device command printed, each with the outbox item main queued it in (for "Save to
// drive"), in the order main lists them: request, confirmation, return.
import type { ConsoleResultDto } from '../../shared/ipc/dto.ts';

export type PrintedKind = 'request' | 'confirmation' | 'return';

export interface PrintedCode {
  kind: PrintedKind;
  code: string;
  /** null when main queued no item for it (then "Save to drive" says so and offers a file). */
  outboxItemId: string | null;
}

export function printedCodes(result: ConsoleResultDto): PrintedCode[] {
  const printed = (
    [
      ['request', result.requestCode],
      ['confirmation', result.confirmationCode],
      ['return', result.returnCode],
    ] as const
  ).filter((entry): entry is readonly [PrintedKind, string] => Boolean(entry[1]));
  // main sends one id per printed code, in this order; anything else and no id is trusted.
  const ids = result.outboxItemIds.length === printed.length ? result.outboxItemIds : [];
  return printed.map(([kind, code], i) => ({ kind, code, outboxItemId: ids[i] ?? null }));
}

/** The outbox item of the one code of a kind a command printed, if main queued one. */
export function outboxItemOf(result: ConsoleResultDto, kind: PrintedKind): string | null {
  return printedCodes(result).find((p) => p.kind === kind)?.outboxItemId ?? null;
}
