import { describe, expect, it } from 'vitest';
import { checkGroup, verifyCheckGroup } from '../../../shared/codes/check-group.ts';

describe('check group', () => {
  const body = 'CB-PExpressway,S08F8FF3C,V1.0,H320aa69d-A7C3VJCJF0';
  const check = checkGroup(body);

  it('accepts the body it was computed for', () => {
    expect(verifyCheckGroup(body, check)).toEqual({ ok: true });
  });

  it('detects and locates every single-character substitution', () => {
    for (let i = 0; i < body.length; i++) {
      for (let c = 33; c < 127; c++) {
        const ch = String.fromCharCode(c);
        if (ch === body[i]) continue;
        const changed = body.slice(0, i) + ch + body.slice(i + 1);
        const outcome = verifyCheckGroup(changed, check);
        expect(outcome.ok).toBe(false);
        if (!outcome.ok) expect(outcome.hint).toEqual({ kind: 'substitution', index: i });
      }
    }
  });

  it('detects and locates every adjacent transposition', () => {
    for (let i = 0; i + 1 < body.length; i++) {
      if (body[i] === body[i + 1]) continue;
      const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
      const outcome = verifyCheckGroup(swapped, check);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.hint.kind).toBe('transposition');
    }
  });

  it('names a mistyped character of the check group itself, never a swap in the body alone', () => {
    const symbols = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    let both = 0;
    for (let k = 0; k < check.length; k++) {
      for (const ch of symbols) {
        if (ch === check[k]) continue;
        const typed = check.slice(0, k) + ch + check.slice(k + 1);
        const outcome = verifyCheckGroup(body, typed);
        expect(outcome.ok).toBe(false);
        if (outcome.ok) continue;
        // Either that character is named, or a swap is named with that character beside it.
        if (outcome.hint.kind === 'transposition') {
          expect(outcome.hint.orCheck, `${typed}`).toBe(body.length + k);
          both += 1;
        } else
          expect(outcome.hint, `${typed}`).toEqual({
            kind: 'substitution',
            index: body.length + k,
          });
      }
    }
    // The last character moves S2 a little, as a swap of two neighbours does: some such typos
    // are explained both ways, and both are named.
    expect(both).toBeGreaterThan(0);
  });
});
