// The rows a batch takes from a long list: every row but those left out (sent as "every row",
// no ids), or only the rows put in; a whole list is never needed to say which.
import { describe, expect, it } from 'vitest';
import {
  EVERY_ROW,
  NO_ROW,
  choose,
  chosenCount,
  isChosen,
  takesEveryRow,
} from '../../../renderer/lib/row-choice.ts';

describe('row choice', () => {
  it('takes every row by default, and says so with no ids', () => {
    expect(takesEveryRow(EVERY_ROW)).toBe(true);
    expect(isChosen(EVERY_ROW, 'dev-1')).toBe(true);
    expect(chosenCount(EVERY_ROW, 10_000)).toBe(10_000);
  });

  it('leaves a row out and puts it back', () => {
    const out = choose(EVERY_ROW, ['dev-2'], false);
    expect(isChosen(out, 'dev-2')).toBe(false);
    expect(takesEveryRow(out)).toBe(false);
    expect(chosenCount(out, 10_000)).toBe(9_999);
    const back = choose(out, ['dev-2'], true);
    expect(takesEveryRow(back)).toBe(true);
  });

  it('after "leave all out", takes only the rows put in', () => {
    const some = choose(choose(NO_ROW, ['dev-1', 'dev-3'], true), ['dev-3'], false);
    expect(isChosen(some, 'dev-1')).toBe(true);
    expect(isChosen(some, 'dev-3')).toBe(false);
    expect(chosenCount(some, 10_000)).toBe(1);
  });

  it('never counts more than the list holds', () => {
    expect(chosenCount(choose(EVERY_ROW, ['a', 'b', 'c'], false), 2)).toBe(0);
    expect(chosenCount(choose(NO_ROW, ['a', 'b', 'c'], true), 2)).toBe(2);
  });

  it('leaves the choice it was given as it was', () => {
    const before = choose(EVERY_ROW, ['x'], false);
    choose(before, ['y'], false);
    expect([...before.ids]).toEqual(['x']);
    expect(EVERY_ROW.ids.size).toBe(0);
  });
});
