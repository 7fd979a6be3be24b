// The SLR authorization code: Cisco-shaped XML, signed by the authority (ECDSA P-256, DER, base64).
//
// Airlock adds what binding needs — <requestNonce> and <sequence> — and signs a canonical form of
// the parsed fields (not the raw text), so line breaks a terminal inserts cannot break a signature.

import { DomainError } from '../errors.ts';
import type { Signer } from '../ports.ts';
import { fromBase64, toBase64, utf8 } from './bytes.ts';
import { fromCodeDate } from './dates.ts';
import type { Entitlement } from './entitlement.ts';
import { unwrap, withoutLineBreaks, withoutXmlLayout } from './normalise.ts';
import { type Udi, parseUdiText, udiKey, validateUdi } from './udi.ts';
import { ensureCanonicalSlr, readCanonicalSlr, slrXml } from './slr-canonical.ts';
import { type XmlNode, parseStrictXml } from './xml.ts';

export interface SlrGrant {
  udi: Udi;
  piid: string;
  timestamp: number;
  requestNonce: string;
  sequence: number;
  entitlements: Entitlement[];
}

export interface SlrAuthorization {
  type: 'SLR';
  /** `airlock` carries requestNonce and sequence; `cisco` is a CSSM code (cannot be verified). */
  origin: 'airlock' | 'cisco';
  text: string;
  udi: Udi;
  piid: string;
  timestamp: number;
  entitlements: Entitlement[];
  requestNonce?: string;
  sequence?: number;
  signature?: Uint8Array;
}

/** The exact bytes the authority signs. */
export function slrSignedBytes(grant: SlrGrant): Uint8Array {
  const lines = grant.entitlements.map((e) => [
    e.tag,
    e.count,
    e.startDate ?? '',
    e.endDate ?? '',
    e.licenseType,
    e.displayName,
    e.description,
    e.subscriptionId ?? '',
    e.exportControlled === true,
  ]);
  return utf8(
    JSON.stringify([
      'airlock-slr-1',
      udiKey(grant.udi),
      grant.piid,
      grant.timestamp,
      grant.requestNonce,
      grant.sequence,
      lines,
    ]),
  );
}

/** Signs a grant: the code's text, and the bytes signed (which also name it, see authorization.ts). */
export function signSlrAuthorization(
  grant: SlrGrant,
  signer: Signer,
): { text: string; signedBytes: Uint8Array } {
  const signedBytes = slrSignedBytes(grant);
  return { text: slrXml(grant, toBase64(signer.sign(signedBytes))), signedBytes };
}

export function encodeSlrAuthorization(grant: SlrGrant, signer: Signer): string {
  return signSlrAuthorization(grant, signer).text;
}

function malformed(reason: string, facts: Record<string, string | number> = {}): DomainError {
  return new DomainError('AUTHORIZATION_CODE_MALFORMED', { reason, ...facts });
}

function text(node: XmlNode | XmlNode[] | undefined, name: string, required = true): string {
  if (node === undefined || node === '') {
    if (required) throw malformed('missing-element', { element: name });
    return '';
  }
  if (typeof node !== 'string') throw malformed('unexpected-structure', { element: name });
  return node;
}

function child(
  node: XmlNode | XmlNode[] | undefined,
  name: string,
): Record<string, XmlNode | XmlNode[]> {
  if (node === undefined || typeof node !== 'object' || Array.isArray(node)) {
    throw malformed('missing-element', { element: name });
  }
  return node as Record<string, XmlNode | XmlNode[]>;
}

function parseEntitlement(node: XmlNode): Entitlement {
  const e = child(node, 'entitlement');
  const count = Number(text(e.count, 'count'));
  if (!Number.isSafeInteger(count) || count < 0)
    throw malformed('count', { value: text(e.count, 'count') });
  const day = (name: string): string | undefined => {
    const raw = text(e[name], name, false);
    if (raw === '') return undefined;
    const iso = fromCodeDate(raw);
    if (!iso) throw malformed('date', { element: name, value: raw });
    return iso;
  };
  const out: Entitlement = {
    tag: text(e.tag, 'tag'),
    count,
    displayName: text(e.displayName, 'displayName', false),
    description: text(e.tagDescription, 'tagDescription', false),
    licenseType: text(e.licenseType, 'licenseType'),
  };
  const startDate = day('startDate');
  const endDate = day('endDate');
  const subscriptionId = text(e.subscriptionID, 'subscriptionID', false);
  if (startDate) out.startDate = startDate;
  if (endDate) out.endDate = endDate;
  if (subscriptionId) out.subscriptionId = subscriptionId;
  if (text(e.exportControlled, 'exportControlled', false) === 'true') out.exportControlled = true;
  return out;
}

/**
 * Normalises (quotes, line breaks, a pretty-printer's layout) and strictly parses an SLR
 * authorization code: ours only in the one form Airlock writes, CSSM's as CSSM prints it.
 */
export function decodeSlrAuthorization(raw: string): SlrAuthorization {
  const normalised = withoutXmlLayout(withoutLineBreaks(unwrap(raw, { ascii: false })));
  if (normalised === '') throw new DomainError('CODE_EMPTY');
  // Our own codes, untouched since we issued them, need no XML parser (see slr-canonical.ts).
  return readCanonicalSlr(normalised) ?? parseSlrAuthorization(normalised);
}

/** The strict XML parser's reading of a normalised code, whatever its shape. */
export function parseSlrAuthorization(normalised: string): SlrAuthorization {
  const root = child(parseStrictXml(normalised).specificPLR, 'specificPLR');
  const code = child(root.authorizationCode, 'authorizationCode');
  const entitlementsNode = code.entitlements;
  const list =
    entitlementsNode === undefined || entitlementsNode === ''
      ? []
      : ((child(entitlementsNode, 'entitlements').entitlement as XmlNode[] | undefined) ?? []);
  const timestamp = Number(text(code.timestamp, 'timestamp'));
  if (!Number.isSafeInteger(timestamp)) throw malformed('timestamp');
  let udi: Udi;
  try {
    udi = parseUdiText(text(root.udi, 'udi'));
  } catch {
    throw malformed('udi', { value: text(root.udi, 'udi') });
  }
  const signatureText = text(root.signature, 'signature');
  const signature = fromBase64(signatureText.replace(/\s+/g, ''));
  const auth: SlrAuthorization = {
    type: 'SLR',
    origin: 'cisco',
    text: normalised,
    udi: validateUdi(udi),
    piid: text(code.piid ?? code.pid, 'piid'),
    timestamp,
    entitlements: list.map(parseEntitlement),
  };
  if (signature) auth.signature = signature;
  const nonce = text(code.requestNonce, 'requestNonce', false);
  const sequence = text(code.sequence, 'sequence', false);
  // Either element says this claims to be ours: then all of ours must be there, in our one form.
  if (nonce !== '' || sequence !== '') {
    if (nonce === '') throw malformed('missing-element', { element: 'requestNonce' });
    if (sequence === '') throw malformed('missing-element', { element: 'sequence' });
    // Ours always say flag A, version C; anything else is not a code we issued.
    if (text(code.flag, 'flag') !== 'A' || text(code.version, 'version') !== 'C')
      throw malformed('flag-or-version');
    const seq = Number(sequence);
    if (!Number.isSafeInteger(seq) || seq < 1) throw malformed('sequence', { value: sequence });
    if (!signature) throw malformed('signature');
    // Ours always carry the canonical UDI text; another spelling of it is not a code we issued.
    if (udiKey(auth.udi) !== text(root.udi, 'udi')) throw malformed('udi-not-canonical');
    if (String(seq) !== sequence) throw malformed('sequence', { value: sequence });
    auth.origin = 'airlock';
    auth.requestNonce = nonce;
    auth.sequence = seq;
    // Against the signature as we write it (base64 of its bytes, nothing between): a space or a
    // line break put inside it is another spelling of the code, refused as one.
    auth.text = ensureCanonicalSlr(normalised, slrGrantOf(auth)!, toBase64(signature));
  }
  return auth;
}

export function slrGrantOf(auth: SlrAuthorization): SlrGrant | undefined {
  if (auth.origin !== 'airlock' || auth.requestNonce === undefined || auth.sequence === undefined)
    return undefined;
  return {
    udi: auth.udi,
    piid: auth.piid,
    timestamp: auth.timestamp,
    requestNonce: auth.requestNonce,
    sequence: auth.sequence,
    entitlements: auth.entitlements,
  };
}
