// What the external-device ledger can check in a pasted code: shape, UDI, and — for Airlock's own
// codes — signature, request binding and freshness. Cisco's codes are recognised by shape only.

import {
  type Authorization,
  authorizationAnswersNonce,
  authorizationBindsUdi,
  authorizationDigest,
  decodeAuthorizationCode,
  looksLikeXml,
  verifyAuthorizationSignature,
} from '../codes/authorization.ts';
import { compactGrouped } from '../codes/grouped-code.ts';
import {
  decodeReturnCode,
  looksLikeReturnCode,
  returnCodeAnswers,
  returnCodeBindsUdi,
} from '../codes/return-code.ts';
import { isCommittedNonce, verifyReturnOpening } from '../codes/return-key.ts';
import { type Udi, udiKey } from '../codes/udi.ts';
import { ensure } from '../errors.ts';
import type { Hasher, Verifier } from '../ports.ts';
import type { LedgerNote, RecordedAuthorization } from './external-device-state.ts';

/** Cisco's typeable codes: groups of letters and digits joined by dashes. */
const CISCO_GROUPED = /^[A-Za-z0-9]{2,8}(-[A-Za-z0-9]{2,8}){2,}$/;
/** Ours are 138 characters; Cisco's PLR codes are far shorter (the guide's has 34). */
const AIRLOCK_PLR_MIN = 100;

export interface CheckPorts {
  hasher: Hasher;
  verifier?: Verifier | undefined;
}

/** Cisco codes may fold case differently (`PEXpressway`) and print only the fields they carry. */
export function udiMatches(found: Udi, expected: Udi, loose: boolean): boolean {
  if (!loose) return udiKey(found) === udiKey(expected);
  const same = (a: string | undefined, b: string | undefined) =>
    (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
  return (
    same(found.pid, expected.pid) &&
    same(found.sn, expected.sn) &&
    (['vid', 'hostId', 'uuid'] as const).every(
      (f) => found[f] === undefined || same(found[f], expected[f]),
    )
  );
}

export function ensureUdiMatches(found: Udi, expected: Udi, loose: boolean): void {
  ensure(udiMatches(found, expected, loose), 'UDI_MISMATCH', {
    expected: udiKey(expected),
    found: udiKey(found),
  });
}

function compactText(raw: string): string {
  return raw
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/\s+/g, '');
}

export type ReadAuthorization =
  { kind: 'decoded'; auth: Authorization } | { kind: 'cisco-grouped'; code: string };

/** Ours are decoded strictly (so a mistyped one is refused); a short Cisco grouped code is kept as is. */
export function readAuthorization(raw: string): ReadAuthorization {
  if (looksLikeXml(raw)) return { kind: 'decoded', auth: decodeAuthorizationCode(raw) };
  const compact = compactGrouped(raw);
  const ours = compact.startsWith('CA') && compact.length >= AIRLOCK_PLR_MIN;
  const text = compactText(raw);
  if (!ours && CISCO_GROUPED.test(text)) return { kind: 'cisco-grouped', code: text };
  return { kind: 'decoded', auth: decodeAuthorizationCode(raw) };
}

export function checkAuthorization(
  auth: Authorization,
  udi: Udi,
  requestNonce: string | null,
  { hasher, verifier }: CheckPorts,
  notes: LedgerNote[],
  now: number,
): RecordedAuthorization {
  if (auth.type === 'SLR') ensureUdiMatches(auth.udi, udi, auth.origin === 'cisco');
  else ensure(authorizationBindsUdi(auth, udi, hasher), 'UDI_MISMATCH', { expected: udiKey(udi) });
  if (auth.origin === 'cisco') notes.push('CISCO_SIGNATURE_UNVERIFIABLE');
  else if (!verifier) notes.push('SIGNATURE_NOT_CHECKED');
  else {
    ensure(
      verifyAuthorizationSignature(auth, verifier) === 'valid',
      'AUTHORIZATION_SIGNATURE_INVALID',
      { type: auth.type },
    );
  }
  if (auth.origin === 'airlock' && requestNonce !== null) {
    ensure(authorizationAnswersNonce(auth, requestNonce, hasher), 'AUTHORIZATION_REQUEST_MISMATCH');
  }
  return {
    code: auth.text,
    type: auth.type,
    origin: auth.origin,
    digest: authorizationDigest(auth, hasher),
    piid: auth.type === 'SLR' ? auth.piid : null,
    sequence: auth.sequence ?? null,
    udiChecked: true,
    recordedAt: now,
  };
}

/** An update must be newer than what the device runs: the same code again, or an older one, is a replay. */
export function ensureNewer(next: RecordedAuthorization, installed: RecordedAuthorization): void {
  const facts = { installed: installed.sequence ?? 0, found: next.sequence ?? 0 };
  ensure(next.digest === null || next.digest !== installed.digest, 'AUTHORIZATION_REPLAYED', facts);
  const comparable =
    next.piid !== null &&
    next.piid === installed.piid &&
    next.sequence !== null &&
    installed.sequence !== null;
  if (comparable) ensure(next.sequence! > installed.sequence!, 'AUTHORIZATION_REPLAYED', facts);
}

/**
 * Checks a return code; for ours, says which of the candidates it returns. A device-bound code is
 * checked against the recorded request's nonce when that request was ours (`requestNonce`).
 */
export function checkReturn(
  raw: string,
  udi: Udi,
  candidates: RecordedAuthorization[],
  { hasher, requestNonce }: { hasher: Hasher; requestNonce: string | null },
  notes: LedgerNote[],
): { code: string; answers: RecordedAuthorization | null } {
  if (looksLikeReturnCode(raw)) {
    const code = decodeReturnCode(raw);
    if (code.version === 1) {
      ensure(returnCodeBindsUdi(code, udi, hasher), 'UDI_MISMATCH', { expected: udiKey(udi) });
      const known = candidates.filter((a) => a.digest !== null);
      const answers = known.find((a) => returnCodeAnswers(code, a.digest!)) ?? null;
      ensure(known.length === 0 || answers !== null, 'RETURN_CODE_MISMATCH');
      return { code: code.text, answers };
    }
    if (requestNonce !== null && isCommittedNonce(requestNonce)) {
      const opens = verifyReturnOpening(requestNonce, udi, code.opening, hasher);
      ensure(opens, 'RETURN_CODE_NOT_FROM_DEVICE');
    } else notes.push('RETURN_BINDING_UNCHECKED');
    const known = candidates.filter((a) => a.sequence !== null);
    const answers = known.find((a) => a.sequence === code.sequence) ?? null;
    ensure(known.length === 0 || answers !== null, 'RETURN_CODE_MISMATCH');
    return { code: code.text, answers };
  }
  const text = compactText(raw);
  ensure(text !== '', 'CODE_EMPTY');
  ensure(CISCO_GROUPED.test(text), 'RETURN_CODE_MALFORMED', { reason: 'shape' });
  notes.push('CISCO_RETURN_CODE_UNCHECKED');
  return { code: text, answers: null };
}
