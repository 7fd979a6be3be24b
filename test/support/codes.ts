// Small factories for codes in tests.

import type { Entitlement } from '../../shared/codes/entitlement.ts';
import type { Udi } from '../../shared/codes/udi.ts';

export const expresswayUdi: Udi = {
  pid: 'Expressway',
  sn: '08F8FF3C',
  vid: '1.0',
  hostId: '320aa69d',
};
export const ucmUdi: Udi = { pid: 'UCM', sn: 'edb16', uuid: 'd9a2c6618fe14ce79e6fbbc68a3edb16' };

export function entitlement(overrides: Partial<Entitlement> = {}): Entitlement {
  return {
    tag: 'regid.2016-07.com.cisco.UCM_Enhanced,12.0_66d0d1cf-4863-4761-91d0-d01d3eb1949a',
    count: 4,
    displayName: 'UC Manager Enhanced License (12.x)',
    description: 'UC Manager Enhanced License',
    licenseType: 'PERPETUAL',
    ...overrides,
  };
}

/** Every variant of `text` with one character replaced by another printable ASCII character. */
export function* substitutions(
  text: string,
  alphabet?: string,
): Generator<{ index: number; text: string }> {
  const chars =
    alphabet ?? Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join('');
  for (let index = 0; index < text.length; index++) {
    for (const c of chars) {
      if (c !== text[index])
        yield { index, text: text.slice(0, index) + c + text.slice(index + 1) };
    }
  }
}

export function* transpositions(text: string): Generator<{ index: number; text: string }> {
  for (let index = 0; index + 1 < text.length; index++) {
    if (text[index] === text[index + 1]) continue;
    yield {
      index,
      text: text.slice(0, index) + text[index + 1] + text[index] + text.slice(index + 2),
    };
  }
}

/** Runs `decode`; returns its result or the error code it threw. */
export function attempt<T>(decode: () => T): { ok: true; value: T } | { ok: false; code: string } {
  try {
    return { ok: true, value: decode() };
  } catch (error) {
    return { ok: false, code: (error as { code?: string }).code ?? String(error) };
  }
}

/**
 * XML laid out the way pretty-printers and XML viewers show it (minidom's toprettyxml, xmllint
 * --format): a declaration, one element per line indented by depth, a leaf's text on its line,
 * an empty element as `<name/>`, quotes in text written bare.
 */
export function prettyPrintXml(xml: string, { indent = '  ', newline = '\n' } = {}): string {
  const lines = ['<?xml version="1.0" ?>'];
  let depth = 0;
  for (const [token] of xml.matchAll(/<\/[^>]+>|<[^/>][^>]*>([^<]*)<\/[^>]+>|<[^>]+>/g)) {
    const leaf = /^<([^/>]+)>([^<]*)<\/\1>$/.exec(token);
    if (token.startsWith('</')) depth -= 1;
    const shown = leaf
      ? leaf[2] === ''
        ? `<${leaf[1]}/>`
        : token.replace(/&quot;/g, '"').replace(/&apos;/g, "'")
      : token;
    lines.push(indent.repeat(depth) + shown);
    if (!leaf && !token.startsWith('</')) depth += 1;
  }
  return lines.join(newline) + newline;
}
