// What a device waits for (a stable key from main) as a translated phrase, readable if unknown.
import { humanise } from './alert-text.ts';
import type { Translator } from './translator.ts';

export function waitingText(key: string, tr: Translator): string {
  const path = `waiting.${key}`;
  return tr.exists(path) ? tr.t(path) : humanise(key.replace(/-/g, '_'));
}
