// Turns a check-group hint into the facts an error message needs ("character 17, in the UDI").

import type { ErrorFacts } from '../errors.ts';
import type { CheckHint } from './check-group.ts';

export function describeCheckFailure(
  hint: CheckHint,
  locate: (index: number) => ErrorFacts,
): ErrorFacts {
  if (hint.kind === 'unknown') return { hint: 'unknown' };
  const facts = { hint: hint.kind, ...locate(hint.index) };
  if (hint.kind !== 'transposition' || hint.orCheck === undefined) return facts;
  // Either explains the code as typed: a swap where the hint points, or the check group mistyped.
  const other = locate(hint.orCheck);
  return {
    ...facts,
    hint: 'transposition-or-check',
    checkPosition: other.position as number,
    ...(other.group !== undefined ? { checkGroup: other.group } : {}),
  };
}
