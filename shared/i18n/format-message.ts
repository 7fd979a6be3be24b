// Fills a catalog message's `{{fact}}` placeholders; unknown placeholders stay visible, never blank.

import type { ErrorFacts } from '../errors.ts';

export function formatMessage(template: string, facts: ErrorFacts): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = facts[name];
    return value === undefined ? whole : String(value);
  });
}
