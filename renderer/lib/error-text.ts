// Turns an error value from main (`code` + `facts`) into one translated sentence for the operator.
import type { ErrorDto, ErrorFactsDto } from '../../shared/ipc/dto.ts';
import { formatBytes } from './format-bytes.ts';
import { shortTag } from './license-tag.ts';
import type { Translator } from './translator.ts';

type Params = Record<string, string | number | boolean | undefined>;

/** Facts the sentences need but main does not send directly (names of places, short tags). */
function derivedParams(facts: ErrorFactsDto, tr: Translator): Params {
  const params: Params = { ...facts };
  if (typeof facts.segment === 'string' && tr.exists(`errorPlaces.${facts.segment}`)) {
    params.place = tr.t(`errorPlaces.${facts.segment}`);
  }
  if (typeof facts.field === 'string' && tr.exists(`udiFields.${facts.field}`)) {
    params.fieldName = tr.t(`udiFields.${facts.field}`);
  }
  if (typeof facts.displayName === 'string' && facts.displayName)
    params.license = facts.displayName;
  else if (typeof facts.tag === 'string') params.license = shortTag(facts.tag);
  if (typeof facts.position === 'number') params.next = facts.position + 1;
  for (const [name, value] of Object.entries(facts)) {
    if (/bytes$/i.test(name) && typeof value === 'number') params[name] = formatBytes(value);
  }
  return params;
}

/**
 * Catalog keys to try, most specific first: by hint, by reason, by a fact that is present (a
 * sentence that names it), then the code's default.
 */
export function candidateKeys(
  error: Pick<ErrorDto, 'code' | 'facts'>,
  namespace = 'errors',
): string[] {
  const base = `${namespace}.${error.code}`;
  const keys: string[] = [];
  const facts = error.facts ?? {};
  const { hint, reason } = facts;
  if (typeof hint === 'string') keys.push(`${base}.${hint}`);
  if (typeof reason === 'string') keys.push(`${base}.${reason}`);
  for (const [name, value] of Object.entries(facts)) {
    if (value !== undefined && name !== 'hint' && name !== 'reason') keys.push(`${base}.${name}`);
  }
  keys.push(`${base}.default`, base);
  return keys;
}

/** The first key that names a sentence (not a group of variants). */
export function pickKey(keys: string[], tr: Translator): string | undefined {
  return keys.find((k) => tr.exists(k) && !tr.exists(`${k}.default`));
}

/** One sentence in the current language; English `message` from main only when no key exists. */
export function errorText(error: ErrorDto, tr: Translator): string {
  const key = pickKey(candidateKeys(error), tr);
  if (key) return tr.t(key, derivedParams(error.facts ?? {}, tr));
  if (error.message) return error.message;
  return tr.t('errors.unknown', { code: error.code });
}
