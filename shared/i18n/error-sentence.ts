// Turns a coded value (an error, an alert, an alarm, a note: `code` + `facts`) into one sentence
// from a message catalog, the same way for the CLI (English) and the interface (any language).
// Pure: the catalogs arrive as arguments, nothing here knows i18next, the DOM or Node.

import { formatBytes } from './format-bytes.ts';
import { shortTag } from './short-tag.ts';

/** A message catalog: nested namespaces down to `{{name}}` templates. */
export interface Catalog {
  readonly [key: string]: string | Catalog;
}

/** One catalog per language; English is the fallback for a key another language lacks. */
export type Catalogs = { readonly en: Catalog } & { readonly [language: string]: Catalog };

export type Facts = Readonly<Record<string, string | number | boolean | undefined>>;
export type Params = Record<string, string | number | boolean | undefined>;

export interface Coded {
  code: string;
  facts?: Facts;
}

/** The string at a dotted key (`errors.UDI_MISMATCH.found`), or undefined (a group, or nothing). */
export function lookup(catalog: Catalog, key: string): string | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string' || !Object.hasOwn(node, part))
      return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Looks a key up in the language's catalog, then in English. */
export function translate(catalogs: Catalogs, language: string, key: string): string | undefined {
  return lookup(catalogs[language] ?? catalogs.en, key) ?? lookup(catalogs.en, key);
}

/**
 * Catalog keys to try, most specific first: by hint, by reason, by a fact that is present (a
 * sentence that names it), then the code's default, then the code itself.
 */
export function candidateKeys(value: Coded, namespace = 'errors'): string[] {
  const base = `${namespace}.${value.code}`;
  const keys: string[] = [];
  const facts = value.facts ?? {};
  const { hint, reason } = facts;
  if (typeof hint === 'string') keys.push(`${base}.${hint}`);
  if (typeof reason === 'string') keys.push(`${base}.${reason}`);
  for (const [name, fact] of Object.entries(facts)) {
    if (fact !== undefined && name !== 'hint' && name !== 'reason') keys.push(`${base}.${name}`);
  }
  keys.push(`${base}.default`, base);
  return keys;
}

/** The first key that names a sentence (not a group of variants). */
export function pickKey(keys: readonly string[], find: (key: string) => string | undefined) {
  return keys.find((key) => find(key) !== undefined);
}

/** Fills `{{name}}` placeholders; a placeholder without a value stays visible, never blank. */
export function interpolate(template: string, params: Params): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** `1718000000000` → `2024-06-10 06:13 UTC` (facts named `…At` are times in ms). */
function utcMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/**
 * What the sentences need beyond the raw facts: the name of a place in a code, of a UDI field,
 * a readable license name, the character after a swap, sizes and times people read, and words
 * for enumerated facts (`factWords.<fact>.<value>`, e.g. a platform id → its product name).
 */
export function sentenceParams(facts: Facts, find: (key: string) => string | undefined): Params {
  const params: Params = { ...facts };
  for (const [name, value] of Object.entries(facts)) {
    if (typeof value === 'number' && /bytes$/i.test(name)) params[name] = formatBytes(value);
    else if (typeof value === 'number' && /At$/.test(name) && Number.isFinite(value))
      params[name] = utcMinute(value);
    else if (typeof value === 'string') {
      const word = find(`factWords.${name}.${value}`);
      if (word !== undefined) params[name] = word;
    }
  }
  if (typeof facts.segment === 'string') {
    const place = find(`errorPlaces.${facts.segment}`);
    if (place !== undefined) params.place = place;
  }
  if (typeof facts.field === 'string') {
    const fieldName = find(`udiFields.${facts.field}`);
    if (fieldName !== undefined) params.fieldName = fieldName;
  }
  if (typeof facts.displayName === 'string' && facts.displayName)
    params.license = facts.displayName;
  else if (typeof facts.tag === 'string') params.license = shortTag(facts.tag);
  if (typeof facts.position === 'number') params.next = facts.position + 1;
  return params;
}

/**
 * The sentence for a coded value in a language, or undefined when the catalogs have no key for
 * its code in that namespace (`errors`, `alerts`, `inspectNotes`, `ledgerNotes`).
 */
export function codedSentence(
  value: Coded,
  catalogs: Catalogs,
  language: string,
  namespace = 'errors',
): string | undefined {
  const find = (key: string) => translate(catalogs, language, key);
  const key = pickKey(candidateKeys(value, namespace), find);
  if (key === undefined) return undefined;
  return interpolate(find(key)!, sentenceParams(value.facts ?? {}, find));
}

/** `IN_TRANSIT_TOO_LONG` → `In transit too long`, with the facts after it: a last resort. */
export function humanised(value: Coded): string {
  const words = value.code.toLowerCase().replace(/_/g, ' ');
  const title = words.charAt(0).toUpperCase() + words.slice(1);
  const detail = Object.entries(value.facts ?? {})
    .filter(([, fact]) => fact !== undefined)
    .map(([name, fact]) => `${name}: ${String(fact)}`)
    .join(', ');
  return detail ? `${title} (${detail})` : title;
}
