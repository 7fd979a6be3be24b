// Which rows a long table shows and asks main for: the rows in view plus a margin, clamped to
// the list; a window that already holds the rows in view needs no request.
import { describe, expect, it } from 'vitest';
import { covers, rowsInView, windowFor } from '../../../renderer/lib/row-window.ts';

describe('rowsInView', () => {
  it('shows the first rows at the top, with the overscan below', () => {
    expect(rowsInView(0, 400, 40, 10_000, 8)).toEqual({ start: 0, end: 18 });
  });

  it('follows the scroll position, with the overscan on both sides', () => {
    expect(rowsInView(4000, 400, 40, 10_000, 8)).toEqual({ start: 92, end: 118 });
  });

  it('never goes past the end of a short or shrunk list', () => {
    expect(rowsInView(0, 400, 40, 3, 8)).toEqual({ start: 0, end: 3 });
    expect(rowsInView(400_000, 400, 40, 50, 8)).toEqual({ start: 42, end: 50 });
    expect(rowsInView(0, 400, 40, 0, 8)).toEqual({ start: 0, end: 0 });
  });
});

describe('windowFor', () => {
  it('asks for the rows in view and a margin on each side', () => {
    expect(windowFor({ start: 100, end: 120 }, 10_000, 50)).toEqual({ offset: 50, limit: 120 });
  });

  it('starts at row 0 and stops at the last row', () => {
    expect(windowFor({ start: 0, end: 20 }, 10_000, 50)).toEqual({ offset: 0, limit: 70 });
    expect(windowFor({ start: 9_990, end: 10_000 }, 10_000, 50)).toEqual({
      offset: 9_940,
      limit: 60,
    });
  });

  it('asks for the rows in view before the count is known', () => {
    expect(windowFor({ start: 0, end: 30 }, null, 60)).toEqual({ offset: 0, limit: 90 });
  });

  it('asks for the last rows, not nothing, when the list shrank under the view', () => {
    expect(windowFor({ start: 500, end: 520 }, 40, 10)).toEqual({ offset: 10, limit: 30 });
  });

  it('never asks for more than main gives in one window', () => {
    expect(windowFor({ start: 0, end: 5_000 }, 10_000, 50)).toEqual({ offset: 0, limit: 1000 });
  });
});

describe('covers', () => {
  it('holds the rows in view when they are inside the loaded window', () => {
    expect(covers({ start: 50, end: 170 }, { start: 100, end: 120 }, 10_000)).toBe(true);
    expect(covers({ start: 50, end: 110 }, { start: 100, end: 120 }, 10_000)).toBe(false);
    expect(covers({ start: 101, end: 170 }, { start: 100, end: 120 }, 10_000)).toBe(false);
  });

  it('counts only the rows that exist at the end of the list', () => {
    expect(covers({ start: 0, end: 3 }, { start: 0, end: 18 }, 3)).toBe(true);
    expect(covers({ start: 0, end: 0 }, { start: 0, end: 18 }, 0)).toBe(true);
  });
});
