// Inspect: decode any code a user pastes — ours or Cisco's, even a damaged copy — and say plainly
// what can and cannot be checked.

import { DomainError, type ErrorFacts } from '../errors.ts';
import type { Hasher, Verifier } from '../ports.ts';
import {
  type Authorization,
  authorizationDigest,
  decodeAuthorizationCode,
  looksLikeXml,
  verifyAuthorizationSignature,
} from './authorization.ts';
import { decodeConfirmationCode } from './confirmation-code.ts';
import { fromCodeDate } from './dates.ts';
import type { Entitlement } from './entitlement.ts';
import { compactGrouped, looksGrouped } from './grouped-code.ts';
import { unwrap, withoutLineBreaks, withoutWhitespace } from './normalise.ts';
import { PLR_SPEC } from './plr-authorization.ts';
import { decodeRequestCode } from './request-code.ts';
import { type ReturnCode, decodeReturnCode, looksLikeReturnCode } from './return-code.ts';
import { isCommittedNonce } from './return-key.ts';
import { type Udi, parseUdiText } from './udi.ts';
import { scanTags } from './xml.ts';

export type InspectKind =
  | 'request'
  | 'slr-authorization'
  | 'plr-authorization'
  | 'confirmation'
  | 'return'
  | 'cisco-grouped';

export type SignatureStatus = 'valid' | 'invalid' | 'unverifiable' | 'not-checked';

export interface InspectNote {
  code: string;
  facts?: ErrorFacts;
}

export interface InspectReport {
  kind: InspectKind;
  origin: 'airlock' | 'cisco';
  normalised: string;
  wellFormed: boolean;
  udi?: Partial<Udi>;
  request?: { nonce: string; shape: 'fields' | 'ios-xe' };
  authorization?: {
    type: 'SLR' | 'PLR';
    piid?: string;
    issuedAt?: number;
    sequence?: number;
    requestNonce?: string;
    exportControl?: boolean;
    entitlements: Entitlement[];
    signature: SignatureStatus;
    digest?: string;
  };
  returnCode?: {
    reservationType: 'SLR' | 'PLR';
    neverInstalled: boolean;
    issuedAt: number;
    /** Device-bound codes: the authorization named, by sequence. */
    sequence?: number;
  };
  notes: InspectNote[];
}

export interface InspectOptions {
  hasher: Hasher;
  /** The authority key this workspace trusts, if any. */
  verifier?: Verifier;
}

function inspectAuthorization(auth: Authorization, options: InspectOptions): InspectReport {
  const notes: InspectNote[] = [];
  let signature: SignatureStatus = 'not-checked';
  if (auth.origin === 'cisco') {
    signature = 'unverifiable';
    notes.push({ code: 'INSPECT_CISCO_SIGNATURE_UNVERIFIABLE' });
  } else if (options.verifier) {
    signature = verifyAuthorizationSignature(auth, options.verifier);
    notes.push({
      code: signature === 'valid' ? 'INSPECT_SIGNATURE_VALID' : 'INSPECT_SIGNATURE_INVALID',
    });
  } else {
    notes.push({ code: 'INSPECT_NO_TRUST_KEY' });
  }
  const report: InspectReport = {
    kind: auth.type === 'SLR' ? 'slr-authorization' : 'plr-authorization',
    origin: auth.origin,
    normalised: auth.text,
    wellFormed: true,
    authorization: {
      type: auth.type,
      issuedAt: auth.timestamp,
      entitlements: auth.type === 'SLR' ? auth.entitlements : [],
      signature,
      digest: authorizationDigest(auth, options.hasher),
    },
    notes,
  };
  if (auth.sequence !== undefined) report.authorization!.sequence = auth.sequence;
  if (auth.type === 'SLR') {
    report.udi = auth.udi;
    report.authorization!.piid = auth.piid;
    if (auth.requestNonce) report.authorization!.requestNonce = auth.requestNonce;
  } else {
    report.authorization!.exportControl = auth.exportControl;
    notes.push({ code: 'INSPECT_PLR_UDI_DIGEST_ONLY' });
  }
  return report;
}

/** Best effort for XML that is not well formed (a CSSM code copied out of a PDF, say). */
function inspectDamagedXml(text: string, cause: DomainError): InspectReport {
  const tags = scanTags(text);
  const first = (name: string) => tags.find((t) => t.name === name)?.value;
  const entitlements: Entitlement[] = [];
  for (const { name, value } of tags) {
    const startsEntitlement = name === 'tag' || (name === 'flag' && value.startsWith('regid.'));
    if (startsEntitlement) {
      entitlements.push({
        tag: value,
        count: 0,
        displayName: '',
        description: '',
        licenseType: '',
      });
      continue;
    }
    const current = entitlements[entitlements.length - 1];
    if (!current) continue;
    if (name === 'count' && /^\d+$/.test(value)) current.count = Number(value);
    if (name === 'startDate' && fromCodeDate(value)) current.startDate = fromCodeDate(value)!;
    if (name === 'endDate' && fromCodeDate(value)) current.endDate = fromCodeDate(value)!;
    if (name === 'licenseType') current.licenseType = value;
    if (name === 'displayName') current.displayName = value;
    if (name === 'tagDescription') current.description = value;
  }
  const udiText = first('udi') ?? /P[:.][^,<\s]+,\s*S[:.][^<\s]+/.exec(text)?.[0];
  const timestamp = Number(first('timestamp'));
  const report: InspectReport = {
    kind: 'slr-authorization',
    origin: 'cisco',
    normalised: text,
    wellFormed: false,
    authorization: {
      type: 'SLR',
      entitlements,
      signature: 'unverifiable',
    },
    notes: [
      { code: 'INSPECT_NOT_WELL_FORMED', facts: cause.facts },
      { code: 'INSPECT_CISCO_SIGNATURE_UNVERIFIABLE' },
    ],
  };
  const piid = first('piid') ?? first('pid');
  if (piid) report.authorization!.piid = piid;
  if (Number.isSafeInteger(timestamp) && timestamp > 0) report.authorization!.issuedAt = timestamp;
  if (udiText) report.udi = parseUdiText(udiText, { lenient: true });
  return report;
}

export function inspectCode(raw: string, options: InspectOptions): InspectReport {
  if (looksLikeXml(raw) || /<(specificPLR|authorizationCode)/.test(raw)) {
    const text = withoutLineBreaks(unwrap(raw, { ascii: false }));
    try {
      return inspectAuthorization(decodeAuthorizationCode(text.slice(text.indexOf('<'))), options);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'AUTHORIZATION_CODE_MALFORMED')
        throw error;
      if (tagsLookLikeAuthorization(text)) return inspectDamagedXml(text, error);
      throw error;
    }
  }
  const compact = withoutWhitespace(unwrap(raw));
  if (compact === '') throw new DomainError('CODE_EMPTY');
  if (/^CB-/i.test(compact)) {
    const request = decodeRequestCode(compact);
    return {
      kind: 'request',
      origin: request.origin,
      normalised: request.text,
      wellFormed: true,
      udi: request.udi,
      request: { nonce: request.nonce, shape: request.shape },
      notes: [
        request.origin === 'cisco'
          ? { code: 'INSPECT_CISCO_CHECK_UNVERIFIABLE' }
          : isCommittedNonce(request.nonce)
            ? { code: 'INSPECT_REQUEST_COMMITS' }
            : { code: 'INSPECT_REQUEST_UNCOMMITTED' },
      ],
    };
  }
  if (/^[0-9a-fA-F]{8}$/.test(compact)) {
    return {
      kind: 'confirmation',
      origin: 'airlock',
      normalised: decodeConfirmationCode(compact),
      wellFormed: true,
      notes: [{ code: 'INSPECT_CONFIRMATION_NEEDS_AUTHORIZATION' }],
    };
  }
  if (looksGrouped(PLR_SPEC, compact))
    return inspectAuthorization(decodeAuthorizationCode(compact), options);
  if (looksLikeReturnCode(compact)) return inspectReturn(decodeReturnCode(compact));
  if (/^[A-Za-z0-9]{3,8}(-[A-Za-z0-9]{2,8}){2,}$/.test(compact)) {
    return {
      kind: 'cisco-grouped',
      origin: 'cisco',
      normalised: compact,
      wellFormed: true,
      notes: [{ code: 'INSPECT_CISCO_GROUPED', facts: { groups: compact.split('-').length } }],
    };
  }
  throw new DomainError('CODE_UNRECOGNISED', { length: compactGrouped(compact).length });
}

function tagsLookLikeAuthorization(text: string): boolean {
  const names = new Set(scanTags(text).map((t) => t.name));
  return ['tag', 'count', 'timestamp', 'udi', 'signature', 'licenseType'].some((n) => names.has(n));
}

/**
 * A return code says what it proves; whether it proves it can only be checked against the request
 * it answers (its nonce is the commitment), which the authority holds and Inspect does not.
 */
function inspectReturn(code: ReturnCode): InspectReport {
  const report: InspectReport = {
    kind: 'return',
    origin: 'airlock',
    normalised: code.text,
    wellFormed: true,
    returnCode: {
      reservationType: code.reservationType,
      neverInstalled: code.neverInstalled,
      issuedAt: code.timestamp,
    },
    notes: [],
  };
  if (code.version === 1) {
    report.notes.push({ code: 'INSPECT_RETURN_UNBOUND' });
    return report;
  }
  report.returnCode!.sequence = code.sequence;
  const { statement } = code;
  report.notes.push(
    statement.kind === 'withdraw'
      ? { code: 'INSPECT_RETURN_WITHDRAWS', facts: { sequence: statement.sequence } }
      : statement.kind === 'installed'
        ? { code: 'INSPECT_RETURN_INSTALLED', facts: { sequence: statement.sequence } }
        : { code: 'INSPECT_RETURN_FINISHED', facts: { sequence: code.sequence } },
    { code: 'INSPECT_RETURN_DEVICE_BOUND' },
  );
  return report;
}
