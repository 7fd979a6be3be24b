// The check group every Airlock code ends with: two weighted sums modulo a prime, four characters.
//
// S1 = Σ v(i)         mod P   catches every single-character substitution (0 < |Δv| < P);
// S2 = Σ (i+1)·v(i)   mod P   catches every adjacent transposition (Δ = v(i) − v(i+1) ≠ 0)
// and, with S1, locates a single substitution: (j+1) = ΔS2 / ΔS1 (mod P).
// v(i) is the character's code point; all code characters are printable ASCII, so |Δv| < 94 < P,
// and bodies are shorter than P, so no weight vanishes.

import { base32Value, encodeBase32Int, isBase32Char } from './base32.ts';

const P = 1021;
export const CHECK_LENGTH = 4;
const MAX_BODY = 1000;

export type CheckHint =
  | { kind: 'substitution'; index: number }
  /** `orCheck`: the check group's own character that, mistyped, would explain it as well. */
  | { kind: 'transposition'; index: number; orCheck?: number }
  | { kind: 'unknown' };

export type CheckOutcome = { ok: true } | { ok: false; hint: CheckHint };

function sums(body: string): [number, number] {
  if (body.length > MAX_BODY) throw new RangeError('code body too long for its check group');
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < body.length; i++) {
    const v = body.charCodeAt(i);
    s1 = (s1 + v) % P;
    s2 = (s2 + (i + 1) * v) % P;
  }
  return [s1, s2];
}

export function checkGroup(body: string): string {
  const [s1, s2] = sums(body);
  return encodeBase32Int(s1, 2) + encodeBase32Int(s2, 2);
}

function decodeCheck(check: string): [number, number] | undefined {
  if (check.length !== CHECK_LENGTH || ![...check].every(isBase32Char)) return undefined;
  const a = base32Value(check[0]!) * 32 + base32Value(check[1]!);
  const b = base32Value(check[2]!) * 32 + base32Value(check[3]!);
  return a < P && b < P ? [a, b] : undefined;
}

function modInverse(a: number): number {
  // P is prime: a^(P−2) mod P.
  let result = 1;
  let base = ((a % P) + P) % P;
  for (let e = P - 2; e > 0; e >>= 1) {
    if (e & 1) result = (result * base) % P;
    base = (base * base) % P;
  }
  return result;
}

/**
 * Verifies `check` against `body`. On failure it says where a single mistake most likely is,
 * using `isAllowed` to reject locations that would need a character the code cannot contain.
 */
export function verifyCheckGroup(
  body: string,
  check: string,
  isAllowed: (c: string, index: number) => boolean = () => true,
): CheckOutcome {
  const expected = decodeCheck(check);
  const [a1, a2] = sums(body);
  if (expected && expected[0] === a1 && expected[1] === a2) return { ok: true };
  const d1 = expected ? (a1 - expected[0] + P) % P : 0;
  const d2 = expected ? (a2 - expected[1] + P) % P : 0;
  // One character of the check group itself mistyped: the typed group is one character away from
  // the body's. A substitution in the body cannot look like that (it moves both sums), but an
  // adjacent transposition moves only S2 and can: then both are named (below), the swap first —
  // for a given pair of codes it is about five times likelier than one given mistyped character.
  const typo = checkTypo(body.length, encodeBase32Int(a1, 2) + encodeBase32Int(a2, 2), check);
  if (!expected) return { ok: false, hint: typo ?? { kind: 'unknown' } };
  if (d1 !== 0) {
    if (typo) return { ok: false, hint: typo };
    const position = (d2 * modInverse(d1)) % P; // j + 1
    const index = position - 1;
    if (index >= 0 && index < body.length) {
      const delta = d1 > P / 2 ? d1 - P : d1;
      const original = String.fromCharCode(body.charCodeAt(index) - delta);
      if (original !== body[index] && isAllowed(original, index)) {
        return { ok: false, hint: { kind: 'substitution', index } };
      }
    }
    return { ok: false, hint: { kind: 'unknown' } };
  }
  for (let i = 0; i + 1 < body.length; i++) {
    if (body[i] === body[i + 1]) continue;
    const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
    const [s1, s2] = sums(swapped);
    if (s1 === expected[0] && s2 === expected[1]) {
      return {
        ok: false,
        hint: {
          kind: 'transposition',
          index: i,
          ...(typo ? { orCheck: typo.index } : {}),
        },
      };
    }
  }
  return { ok: false, hint: typo ?? { kind: 'unknown' } };
}

/**
 * The check group's own character that, alone, differs from the group the body needs (`needed`)
 * — as a substitution at `bodyLength + k` (the place after the body; callers name it "the check
 * group"). Undefined when none or several differ.
 */
function checkTypo(
  bodyLength: number,
  needed: string,
  check: string,
): { kind: 'substitution'; index: number } | undefined {
  if (check.length !== CHECK_LENGTH) return undefined;
  const differing = [...check].flatMap((c, k) =>
    isBase32Char(c) && base32Value(c) === base32Value(needed[k]!) ? [] : [k],
  );
  return differing.length === 1
    ? { kind: 'substitution', index: bodyLength + differing[0]! }
    : undefined;
}
