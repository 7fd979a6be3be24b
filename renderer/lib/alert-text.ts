// Alerts and alarms (authority pool, device) as translated sentences, with a readable fallback.
import type { AlertDto } from '../../shared/ipc/dto.ts';
import { candidateKeys, pickKey } from './error-text.ts';
import { shortTag } from './license-tag.ts';
import type { Translator } from './translator.ts';

type Params = Record<string, string | number | boolean | undefined>;

/** Timestamps (`…At`, ms) become ISO days; tags become short names. */
export function alertParams(facts: AlertDto['facts']): Params {
  const params: Params = { ...facts };
  for (const [key, value] of Object.entries(facts)) {
    if (key.endsWith('At') && typeof value === 'number') {
      params[key] = new Date(value).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    }
  }
  if (typeof facts.displayName === 'string' && facts.displayName)
    params.license = facts.displayName;
  else if (typeof facts.tag === 'string') params.license = shortTag(facts.tag);
  return params;
}

/** `IN_TRANSIT_TOO_LONG` → `In transit too long` (only when no catalog entry exists). */
export function humanise(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function alertText(
  alert: Pick<AlertDto, 'code' | 'facts'>,
  tr: Translator,
  namespace = 'alerts',
): string {
  const key = pickKey(candidateKeys(alert, namespace), tr);
  const params = alertParams(alert.facts);
  if (key) return tr.t(key, params);
  const detail = Object.entries(params)
    .filter(([k, v]) => v !== undefined && k !== 'tag')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
  return detail ? `${humanise(alert.code)} (${detail})` : humanise(alert.code);
}
