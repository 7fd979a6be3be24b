// A strict reader for the XML property lists `diskutil -plist` prints: no entities, no foreign DTDs.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DomainError } from '../../../shared/errors.ts';

export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };
export type PlistDict = { [key: string]: PlistValue };

const MAX_PLIST_CHARS = 4 * 1024 * 1024;
const MAX_DEPTH = 32;
// The one document type diskutil declares; any other DOCTYPE (or an ENTITY) is refused, not expanded.
const APPLE_DOCTYPE =
  /<!DOCTYPE plist PUBLIC "-\/\/Apple\/\/DTD PLIST 1\.0\/\/EN" "http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd">/;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
});

type Ordered = Record<string, unknown>;

function unreadable(reason: string): DomainError {
  return new DomainError('DRIVE_LIST_UNREADABLE', { tool: 'diskutil', reason });
}

/** The element children of an ordered node, dropping the whitespace between elements. */
function elements(children: unknown): Ordered[] {
  if (!Array.isArray(children)) throw unreadable('malformed');
  return children.filter((child: Ordered) => {
    if ('#text' in child) {
      if (String(child['#text']).trim() !== '') throw unreadable('stray-text');
      return false;
    }
    return true;
  });
}

function tagOf(node: Ordered): string {
  const tag = Object.keys(node).find((key) => key !== ':@');
  if (!tag) throw unreadable('malformed');
  return tag;
}

function textOf(children: unknown): string {
  if (!Array.isArray(children)) throw unreadable('malformed');
  return children.map((child: Ordered) => String(child['#text'] ?? '')).join('');
}

function toValue(node: Ordered, depth: number): PlistValue {
  if (depth > MAX_DEPTH) throw unreadable('too-deep');
  const tag = tagOf(node);
  const children = node[tag];
  switch (tag) {
    case 'string':
    case 'date':
    case 'data':
      return textOf(children);
    case 'integer':
    case 'real': {
      const value = Number(textOf(children).trim());
      if (!Number.isFinite(value)) throw unreadable(`bad-${tag}`);
      return value;
    }
    case 'true':
      return true;
    case 'false':
      return false;
    case 'array':
      return elements(children).map((child) => toValue(child, depth + 1));
    case 'dict': {
      const dict: PlistDict = {};
      const items = elements(children);
      for (let i = 0; i < items.length; i += 2) {
        const keyNode = items[i];
        const valueNode = items[i + 1];
        if (!keyNode || tagOf(keyNode) !== 'key' || !valueNode) throw unreadable('dict-key-value');
        // defineProperty, not assignment: a key named `__proto__` must stay a plain key.
        Object.defineProperty(dict, textOf(keyNode.key), {
          value: toValue(valueNode, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return dict;
    }
    default:
      throw unreadable(`unknown-element-${tag}`);
  }
}

/** Parses an XML plist whose root is a dict; throws DRIVE_LIST_UNREADABLE {tool, reason}. */
export function parsePlistDict(xml: string): PlistDict {
  if (xml.length > MAX_PLIST_CHARS) throw unreadable('too-large');
  const text = xml.replace(/^\uFEFF/, '').replace(APPLE_DOCTYPE, '');
  if (/<!/.test(text)) throw unreadable('dtd-or-entity');
  if (XMLValidator.validate(text) !== true) throw unreadable('malformed-xml');
  const roots = elements(parser.parse(text));
  const plist = roots.find((node) => tagOf(node) === 'plist');
  if (!plist) throw unreadable('no-plist');
  const [root] = elements(plist.plist);
  if (!root) throw unreadable('empty-plist');
  const value = toValue(root, 0);
  if (typeof value !== 'object' || Array.isArray(value)) throw unreadable('root-not-dict');
  return value;
}
