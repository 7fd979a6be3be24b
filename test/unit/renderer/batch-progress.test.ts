// Following a batch: ids main accepts, time left in words, what a cancel left untouched.
import { describe, expect, it } from 'vitest';
import { newBatchId, notProcessed, timeLeft } from '../../../renderer/lib/batch-progress.ts';

describe('newBatchId', () => {
  it('is an id the contract accepts, different each time', () => {
    const a = newBatchId();
    expect(a).toMatch(/^b-[0-9a-z]{4,32}$/);
    expect(newBatchId()).not.toBe(a);
    expect(newBatchId(() => 0.999)).toBe('b-zzzzzzzzzzzz');
  });
});

describe('timeLeft', () => {
  it('says seconds under a minute and a half, then minutes, then hours; never zero', () => {
    expect(timeLeft(0)).toEqual({ unit: 'seconds', count: 1 });
    expect(timeLeft(4_200)).toEqual({ unit: 'seconds', count: 5 });
    expect(timeLeft(120_000)).toEqual({ unit: 'minutes', count: 2 });
    expect(timeLeft(3 * 3_600_000)).toEqual({ unit: 'hours', count: 3 });
  });
});

describe('notProcessed', () => {
  it('counts the items after the last committed one', () => {
    expect(notProcessed(1000, 2500)).toBe(1500);
    expect(notProcessed(2500, 2500)).toBe(0);
  });
});
