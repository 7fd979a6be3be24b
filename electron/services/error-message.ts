// The English sentence that travels with every error (the CLI prints it; the renderer translates
// the code itself and uses this only when its own catalog lacks the key).

import catalog from '../../shared/i18n/errors.en.json' with { type: 'json' };
import type { ErrorFacts } from '../../shared/errors.ts';
import { formatMessage } from '../../shared/i18n/format-message.ts';

const messages = catalog as Record<string, string>;

export function englishMessage(code: string, facts: ErrorFacts): string {
  const template = messages[code];
  if (template) return formatMessage(template, facts);
  const detail = Object.entries(facts)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
  return detail
    ? `${code.replace(/_/g, ' ').toLowerCase()} (${detail})`
    : code.replace(/_/g, ' ').toLowerCase();
}

/** A DomainError as the value the renderer and the CLI receive. */
export function errorDto(
  code: string,
  facts: ErrorFacts,
): { code: string; message: string; facts: ErrorFacts } {
  return { code, message: englishMessage(code, facts), facts };
}
