// Strict XML for authorization codes (no DTD, no entities beyond XML's five, size-limited), and a
// forgiving tag scanner so Inspect can still show a damaged code copied out of a PDF.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DomainError } from '../errors.ts';

export const MAX_XML_BYTES = 64 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  ignoreDeclaration: true,
  maxNestedTags: 16,
  isArray: (name) => name === 'entitlement',
});

export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] };

/** Parses well-formed, DTD-free XML; throws AUTHORIZATION_CODE_MALFORMED with the reason and line. */
export function parseStrictXml(text: string): Record<string, XmlNode> {
  if (text.length > MAX_XML_BYTES) {
    throw new DomainError('AUTHORIZATION_CODE_MALFORMED', {
      reason: 'too-large',
      limit: MAX_XML_BYTES,
    });
  }
  if (/<!|<\?(?!xml\s)/i.test(text)) {
    throw new DomainError('AUTHORIZATION_CODE_MALFORMED', { reason: 'dtd-or-instruction' });
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new DomainError('AUTHORIZATION_CODE_MALFORMED', {
      reason: 'not-well-formed',
      column: valid.err.col,
      detail: valid.err.msg,
    });
  }
  try {
    return parser.parse(text) as Record<string, XmlNode>;
  } catch (error) {
    // What the parser refuses beyond well-formedness: nesting deeper than any code has.
    throw new DomainError('AUTHORIZATION_CODE_MALFORMED', {
      reason: 'not-well-formed',
      detail: error instanceof Error ? error.message.slice(0, 200) : 'unreadable',
    });
  }
}

export interface ScannedTag {
  name: string;
  value: string;
}

/** Every `<name>value</name>` pair in document order, however damaged the rest is. */
export function scanTags(text: string): ScannedTag[] {
  const tags: ScannedTag[] = [];
  const pattern = /<([A-Za-z][A-Za-z0-9_]*)>([^<]*)<\/\1>/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text))
    tags.push({ name: m[1]!, value: m[2]! });
  return tags;
}

const SPECIAL = /[&<>"']/;
const SPECIAL_ALL = /[&<>"']/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  // Most values (tags, counts, ids) have nothing to escape: skip the replace for them.
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : text;
}

const ENTITY = /&(amp|lt|gt|quot|apos);/g;
const ENTITY_TEXT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The inverse of escapeXml, in one pass (so `&amp;lt;` stays `&lt;`); other `&` is left alone. */
export function unescapeXml(text: string): string {
  return text.includes('&') ? text.replace(ENTITY, (_, name: string) => ENTITY_TEXT[name]!) : text;
}
