// Our own SLR authorization codes in the exact form Airlock writes them: written here, read back
// without the general XML parser (which costs more than checking the signature does), and the one
// spelling an Airlock code is accepted in.
//
// The reader is only a shortcut: it accepts a text only when writing what it read gives back that
// very text, byte for byte, so it can never accept anything the strict parser would not read the
// same way. Anything else (a CSSM code, a hand-edited one) goes to the parser, and a code of ours
// that the parser reads is then held to this form by ensureCanonicalSlr.

import { DomainError } from '../errors.ts';
import { fromBase64 } from './bytes.ts';
import { fromCodeDate, toCodeDate } from './dates.ts';
import type { Entitlement } from './entitlement.ts';
import type { SlrAuthorization, SlrGrant } from './slr-authorization.ts';
import { parseUdiText, udiKey } from './udi.ts';
import { MAX_XML_BYTES, escapeXml, scanTags, unescapeXml } from './xml.ts';

const HEAD = '<specificPLR><authorizationCode><flag>A</flag><version>C</version>';

const el = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;

function entitlementXml(e: Entitlement): string {
  return (
    '<entitlement>' +
    el('tag', e.tag) +
    el('count', String(e.count)) +
    el('startDate', e.startDate ? toCodeDate(e.startDate) : '') +
    el('endDate', e.endDate ? toCodeDate(e.endDate) : '') +
    el('licenseType', e.licenseType) +
    el('displayName', e.displayName) +
    el('tagDescription', e.description) +
    el('subscriptionID', e.subscriptionId ?? '') +
    (e.exportControlled ? el('exportControlled', 'true') : '') +
    '</entitlement>'
  );
}

/** The code for a grant and its base64 DER signature, as the authority issues it. */
export function slrXml(grant: SlrGrant, signature: string): string {
  return (
    `${HEAD}<piid>${escapeXml(grant.piid)}</piid><timestamp>${grant.timestamp}</timestamp>` +
    `<entitlements>${grant.entitlements.map(entitlementXml).join('')}</entitlements>` +
    `<requestNonce>${grant.requestNonce}</requestNonce><sequence>${grant.sequence}</sequence>` +
    `</authorizationCode><signature>${signature}</signature><udi>${escapeXml(udiKey(grant.udi))}</udi></specificPLR>`
  );
}

/** Walks the text expecting the elements in order; any surprise ends the shortcut. */
class Cursor {
  private at = 0;
  constructor(private readonly text: string) {}

  take(literal: string): boolean {
    if (!this.text.startsWith(literal, this.at)) return false;
    this.at += literal.length;
    return true;
  }

  /** `<name>text</name>`, unescaped; undefined when the next thing is not that element. */
  element(name: string): string | undefined {
    if (!this.take(`<${name}>`)) return undefined;
    const end = this.text.indexOf('<', this.at);
    if (end < 0) return undefined;
    const value = this.text.slice(this.at, end);
    this.at = end;
    return this.take(`</${name}>`) ? unescapeXml(value) : undefined;
  }

  get done(): boolean {
    return this.at === this.text.length;
  }
}

function safeInteger(text: string | undefined, min: number): number | undefined {
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= min ? n : undefined;
}

function readEntitlement(c: Cursor): Entitlement | undefined {
  const tag = c.element('tag');
  const count = safeInteger(c.element('count'), 0);
  const start = c.element('startDate');
  const end = c.element('endDate');
  const licenseType = c.element('licenseType');
  const displayName = c.element('displayName');
  const description = c.element('tagDescription');
  const subscriptionId = c.element('subscriptionID');
  if (!tag || count === undefined || !licenseType) return undefined;
  if (start === undefined || end === undefined || displayName === undefined) return undefined;
  if (description === undefined || subscriptionId === undefined) return undefined;
  const line: Entitlement = { tag, count, displayName, description, licenseType };
  for (const [field, text] of [
    ['startDate', start],
    ['endDate', end],
  ] as const) {
    if (text === '') continue;
    const day = fromCodeDate(text);
    if (!day) return undefined;
    line[field] = day;
  }
  if (subscriptionId) line.subscriptionId = subscriptionId;
  if (c.element('exportControlled') === 'true') line.exportControlled = true;
  return c.take('</entitlement>') ? line : undefined;
}

function read(
  text: string,
): { auth: SlrAuthorization; grant: SlrGrant; signature: string } | undefined {
  const c = new Cursor(text);
  if (!c.take(HEAD)) return undefined;
  const piid = c.element('piid');
  const timestamp = safeInteger(c.element('timestamp'), Number.MIN_SAFE_INTEGER);
  if (!piid || timestamp === undefined || !c.take('<entitlements>')) return undefined;
  const entitlements: Entitlement[] = [];
  while (c.take('<entitlement>')) {
    const line = readEntitlement(c);
    if (!line) return undefined;
    entitlements.push(line);
  }
  if (!c.take('</entitlements>')) return undefined;
  const requestNonce = c.element('requestNonce');
  const sequence = safeInteger(c.element('sequence'), 1);
  // slrXml writes the nonce unescaped: one that needs escaping cannot be in a well-formed code.
  if (!requestNonce || escapeXml(requestNonce) !== requestNonce) return undefined;
  if (sequence === undefined || !c.take('</authorizationCode>')) return undefined;
  const signature = c.element('signature');
  const signatureBytes = signature === undefined ? undefined : fromBase64(signature);
  const udiText = c.element('udi');
  if (!signature || !signatureBytes || udiText === undefined) return undefined;
  if (!c.take('</specificPLR>') || !c.done) return undefined;
  const udi = parseUdiText(udiText); // throws for a bad UDI: the parser then says why
  const grant: SlrGrant = { udi, piid, timestamp, requestNonce, sequence, entitlements };
  const auth: SlrAuthorization = {
    type: 'SLR',
    origin: 'airlock',
    text,
    ...grant,
    signature: signatureBytes,
  };
  return { auth, grant, signature };
}

/** Reads a normalised code that is exactly as slrXml writes it; undefined for anything else. */
export function readCanonicalSlr(text: string): SlrAuthorization | undefined {
  if (text.length > MAX_XML_BYTES || !text.startsWith(HEAD)) return undefined;
  let found;
  try {
    found = read(text);
  } catch {
    return undefined;
  }
  return found && slrXml(found.grant, found.signature) === text ? found.auth : undefined;
}

/** Every element slrXml writes, and no other. */
const ELEMENTS = new Set([
  'specificPLR',
  'authorizationCode',
  'flag',
  'version',
  'piid',
  'timestamp',
  'entitlements',
  'entitlement',
  'tag',
  'count',
  'startDate',
  'endDate',
  'licenseType',
  'displayName',
  'tagDescription',
  'subscriptionID',
  'exportControlled',
  'requestNonce',
  'sequence',
  'signature',
  'udi',
]);
const NUMBERS = new Set(['count', 'timestamp', 'sequence']);
const PLAIN_DIGITS = /^(0|[1-9][0-9]*)$/;
const TAG = /<\/?([^\s<>/]*)([^<>]*)>/g;

function notCanonical(reason: string, facts: Record<string, string> = {}): DomainError {
  return new DomainError('AUTHORIZATION_CODE_MALFORMED', { reason, ...facts });
}

/** XML spells `"` and `'` in text either way; a pretty-printer may write them bare. */
const bareQuotes = (text: string) => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'");

/**
 * A code of ours, as the parser read it (`grant`, and the signature's text), must be spelled
 * exactly as slrXml writes it: the parser alone would also take `<count>0x2</count>`, `2e0`, `+2`,
 * an attribute or an extra element with the same signature, and other readers may not agree on
 * what those mean. `text` is already normalised (line breaks, layout). Returns the one spelling;
 * throws AUTHORIZATION_CODE_MALFORMED {reason: attribute | unexpected-element | count | timestamp
 * | sequence | not-canonical, element?, value?}.
 */
export function ensureCanonicalSlr(text: string, grant: SlrGrant, signature: string): string {
  for (const [, name, rest] of text.matchAll(TAG)) {
    if (rest !== '') throw notCanonical('attribute', { element: name! });
    if (!ELEMENTS.has(name!)) throw notCanonical('unexpected-element', { element: name! });
  }
  for (const { name, value } of scanTags(text)) {
    if (NUMBERS.has(name) && !PLAIN_DIGITS.test(value)) throw notCanonical(name, { value });
  }
  const canonical = slrXml(grant, signature);
  if (canonical === text || bareQuotes(canonical) === bareQuotes(text)) return canonical;
  throw notCanonical('not-canonical');
}
