// The English sentence that travels with every error: the CLI prints it, and the renderer uses it
// only when its own language has no sentence. Same catalog and rules as the interface
// (shared/i18n/errors.en.json through shared/i18n/error-sentence.ts).

import type { ErrorFacts } from '../../shared/errors.ts';
import { type Catalogs, codedSentence, humanised } from '../../shared/i18n/error-sentence.ts';
import en from '../../shared/i18n/errors.en.json' with { type: 'json' };

const ENGLISH: Catalogs = { en };

export function englishMessage(code: string, facts: ErrorFacts): string {
  return codedSentence({ code, facts }, ENGLISH, 'en') ?? humanised({ code, facts });
}

/** A device alarm or an authority alert in English (namespace `alerts`), as the CLI prints it. */
export function englishAlert(code: string, facts: ErrorFacts): string {
  return codedSentence({ code, facts }, ENGLISH, 'en', 'alerts') ?? humanised({ code, facts });
}

/** A note of Inspect in English (namespace `inspectNotes`), as the CLI prints it. */
export function englishNote(code: string, facts: ErrorFacts): string {
  return (
    codedSentence({ code, facts }, ENGLISH, 'en', 'inspectNotes') ?? humanised({ code, facts })
  );
}

/** A DomainError as the value the renderer and the CLI receive. */
export function errorDto(
  code: string,
  facts: ErrorFacts,
): { code: string; message: string; facts: ErrorFacts } {
  return { code, message: englishMessage(code, facts), facts };
}
