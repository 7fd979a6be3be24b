// Which rows the operator may mark done or dismiss (main refuses the rest).
import { describe, expect, it } from 'vitest';
import { canMark, marksFor } from '../../../renderer/lib/transfer-marks.ts';

describe('marksFor', () => {
  it('marks a code waiting, exported or imported done; dismisses a failed or imported one', () => {
    expect(marksFor({ status: 'waiting' })).toEqual(['done']);
    expect(marksFor({ status: 'exported' })).toEqual(['done']);
    expect(marksFor({ status: 'imported' })).toEqual(['done', 'dismissed']);
    expect(marksFor({ status: 'failed' })).toEqual(['dismissed']);
  });

  it('offers nothing for a code used, done or dismissed already', () => {
    for (const status of ['applied', 'done', 'dismissed'] as const)
      expect(marksFor({ status })).toEqual([]);
    expect(canMark({ status: 'applied' }, 'done')).toBe(false);
  });
});
