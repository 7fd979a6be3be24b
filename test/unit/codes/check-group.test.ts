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
});
