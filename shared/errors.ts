// Domain errors as values: a stable code plus the facts needed to explain it in any language.

export type ErrorFacts = Record<string, string | number | boolean | undefined>;

export class DomainError extends Error {
  readonly code: string;
  readonly facts: ErrorFacts;

  constructor(code: string, facts: ErrorFacts = {}) {
    const detail = Object.entries(facts)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    super(detail ? `${code} (${detail})` : code);
    this.name = 'DomainError';
    this.code = code;
    this.facts = facts;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Throws a DomainError unless the condition holds; keeps guard clauses to one line. */
export function ensure(condition: unknown, code: string, facts?: ErrorFacts): asserts condition {
  if (!condition) throw new DomainError(code, facts);
}
