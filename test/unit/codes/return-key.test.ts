// The device's return key on its own: a commitment in the request nonce, one-time openings that
// prove exactly their own position.
import { describe, expect, it } from 'vitest';
import {
  RETURN_CHAIN_LENGTH as L,
  RETURN_SEQUENCE_LIMIT as S,
  committedNonce,
  isCommittedNonce,
  openReturnKey,
  positionOf,
  statementAt,
  verifyReturnOpening,
  walkChain,
} from '../../../shared/codes/return-key.ts';
import { expresswayUdi, ucmUdi } from '../../support/codes.ts';
import { SeededRandom, hasher } from '../../support/ports.ts';
import { newReturnSeed } from '../../../shared/codes/return-key.ts';

const seed = newReturnSeed(new SeededRandom(3));
const nonce = committedNonce(seed, ucmUdi, hasher);

describe('return key', () => {
  it('lays out withdrawals, finished and installed returns on positions 1 … 2S + 1', () => {
    expect(L).toBe(2 * S + 1);
    expect(positionOf({ kind: 'withdraw', sequence: 1 })).toBe(1);
    expect(positionOf({ kind: 'withdraw', sequence: S })).toBe(S);
    expect(positionOf({ kind: 'finished' })).toBe(S + 1);
    expect(positionOf({ kind: 'installed', sequence: 1 })).toBe(S + 2);
    expect(positionOf({ kind: 'installed', sequence: S })).toBe(L);
    for (let p = 1; p <= L; p++) expect(positionOf(statementAt(p)!)).toBe(p);
    expect(statementAt(0)).toBeUndefined();
    expect(statementAt(L + 1)).toBeUndefined();
    expect(() => positionOf({ kind: 'withdraw', sequence: S + 1 })).toThrow(RangeError);
  });

  it('commits with a 20-character nonce, different per seed and per UDI', () => {
    expect(nonce).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
    expect(isCommittedNonce(nonce)).toBe(true);
    expect(isCommittedNonce('ABCDEFGHJK')).toBe(false);
    expect(committedNonce(seed, expresswayUdi, hasher)).not.toBe(nonce);
    expect(committedNonce(newReturnSeed(new SeededRandom(4)), ucmUdi, hasher)).not.toBe(nonce);
  });

  it('an opening verifies at its own position, for its own UDI and nonce, and nowhere else', () => {
    for (let p = 1; p <= L; p++) {
      const opening = openReturnKey(seed, ucmUdi, statementAt(p)!, hasher);
      expect(verifyReturnOpening(nonce, ucmUdi, opening, hasher)).toBe(true);
      expect(verifyReturnOpening(nonce, expresswayUdi, opening, hasher)).toBe(false);
      for (const q of [p - 1, p + 1].filter((x) => x >= 1 && x <= L))
        expect(verifyReturnOpening(nonce, ucmUdi, { ...opening, position: q }, hasher)).toBe(false);
    }
  });

  it('from one opening, walking the chains as anyone can reaches no other position', () => {
    const g = 10;
    const { a, b } = openReturnKey(seed, ucmUdi, statementAt(g)!, hasher);
    const real = (p: number) => openReturnKey(seed, ucmUdi, statementAt(p)!, hasher);
    // Chain A walks up, chain B down: each half of a neighbour is reachable, never both.
    const aUp = walkChain('a', ucmUdi, g, g + 1, a, hasher);
    expect(aUp).toEqual(real(g + 1).a);
    expect(verifyReturnOpening(nonce, ucmUdi, { position: g + 1, a: aUp, b }, hasher)).toBe(false);
    const bDown = walkChain('b', ucmUdi, L - g, L - g + 1, b, hasher);
    expect(bDown).toEqual(real(g - 1).b);
    expect(verifyReturnOpening(nonce, ucmUdi, { position: g - 1, a, b: bDown }, hasher)).toBe(
      false,
    );
  });

  it('refuses points of the wrong length and a nonce without a commitment', () => {
    const opening = openReturnKey(seed, ucmUdi, { kind: 'finished' }, hasher);
    expect(verifyReturnOpening(nonce, ucmUdi, { ...opening, a: opening.a.slice(1) }, hasher)).toBe(
      false,
    );
    expect(verifyReturnOpening('ABCDEFGHJK', ucmUdi, opening, hasher)).toBe(false);
  });
});
