// Turns a check-group hint into the facts an error message needs ("character 17, in the UDI").

import type { ErrorFacts } from '../errors.ts';
import type { CheckHint } from './check-group.ts';

export function describeCheckFailure(
  hint: CheckHint,
  locate: (index: number) => ErrorFacts,
): ErrorFacts {
  if (hint.kind === 'unknown') return { hint: 'unknown' };
  return { hint: hint.kind, ...locate(hint.index) };
}
