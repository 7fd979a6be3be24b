// Dates in table cells: one cached formatter per language and style, the same text as a new one.
import { describe, expect, it } from 'vitest';
import {
  formatDateTime,
  formatDay,
  formatShortDateTime,
} from '../../../renderer/lib/format-time.ts';

const AT = Date.UTC(2026, 2, 31, 14, 5);

describe('formatShortDateTime and formatDateTime', () => {
  it('write what a fresh Intl.DateTimeFormat writes, in each language', () => {
    for (const [language, locale] of [
      ['en', 'en-GB'],
      ['ja', 'ja-JP'],
      ['zh', 'zh-CN'],
    ] as const) {
      const short = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
      const medium = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
      expect(formatShortDateTime(AT, language)).toBe(short.format(AT));
      expect(formatShortDateTime(AT, language)).toBe(short.format(AT));
      expect(formatDateTime(AT, language)).toBe(medium.format(AT));
    }
  });

  it('keep languages apart after the formatters are cached', () => {
    expect(formatShortDateTime(AT, 'en')).not.toBe(formatShortDateTime(AT, 'ja'));
  });

  it('show a dash for a missing time', () => {
    expect(formatShortDateTime(null, 'en')).toBe('—');
    expect(formatDateTime(Number.NaN, 'ja')).toBe('—');
  });
});

describe('formatDay', () => {
  it('keeps ISO days as they are', () => {
    expect(formatDay('2026-03-31T10:00:00Z')).toBe('2026-03-31');
    expect(formatDay(AT)).toBe('2026-03-31');
    expect(formatDay('')).toBe('—');
  });
});
