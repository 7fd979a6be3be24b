// The device console recalls earlier commands with ↑/↓ and gives back the unsent draft.
import { describe, expect, it } from 'vitest';
import { ConsoleHistory } from '../../../renderer/lib/console-history.ts';

describe('ConsoleHistory', () => {
  it('walks back and forth through earlier lines and returns the draft', () => {
    const h = new ConsoleHistory();
    h.push('license smart reservation enable');
    h.push('license smart reservation request');
    expect(h.older('show lic')).toBe('license smart reservation request');
    expect(h.older('')).toBe('license smart reservation enable');
    expect(h.older('')).toBe('license smart reservation enable');
    expect(h.newer()).toBe('license smart reservation request');
    expect(h.newer()).toBe('show lic');
  });

  it('skips blanks and immediate repeats, and keeps a bounded history', () => {
    const h = new ConsoleHistory(2);
    h.push('a');
    h.push('a');
    h.push('  ');
    h.push('b');
    h.push('c');
    expect(h.lines).toEqual(['b', 'c']);
  });
});
