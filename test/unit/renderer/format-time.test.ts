// One date format per language, from one place: never day/month that could be misread, never cut.
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../../renderer/lib/format-time.ts';

/** 31 March 2026, 14:05 in this computer's time zone (the window shows local time). */
const AT = new Date(2026, 2, 31, 14, 5).getTime();
const EARLY = new Date(2026, 0, 4, 9, 7).getTime();

describe('formatDateTime', () => {
  it('writes English ISO-like and Japanese and Chinese in their long form', () => {
    expect(formatDateTime(AT, 'en')).toBe('2026-03-31 14:05');
    expect(formatDateTime(AT, 'ja')).toBe('2026年3月31日 14:05');
    expect(formatDateTime(AT, 'zh')).toBe('2026年3月31日 14:05');
  });

  it('pads the English month, day, hour and minute so columns line up', () => {
    expect(formatDateTime(EARLY, 'en')).toBe('2026-01-04 09:07');
    expect(formatDateTime(EARLY, 'ja')).toBe('2026年1月4日 09:07');
  });

  it('shows a dash for a missing time', () => {
    expect(formatDateTime(null, 'en')).toBe('—');
    expect(formatDateTime(undefined, 'zh')).toBe('—');
    expect(formatDateTime(Number.NaN, 'ja')).toBe('—');
  });
});

describe('formatDate', () => {
  it('writes an ISO day in each language', () => {
    expect(formatDate('2026-03-31', 'en')).toBe('2026-03-31');
    expect(formatDate('2026-03-31', 'ja')).toBe('2026年3月31日');
    expect(formatDate('2026-03-31T10:00:00Z', 'zh')).toBe('2026年3月31日');
  });

  it('writes a day given in milliseconds', () => {
    expect(formatDate(AT, 'en')).toBe('2026-03-31');
  });

  it('shows text in another shape whole instead of cutting it', () => {
    expect(formatDate('2021-Aug-13 UTC', 'en')).toBe('2021-Aug-13 UTC');
  });

  it('shows a dash for nothing', () => {
    expect(formatDate('', 'en')).toBe('—');
    expect(formatDate(null, 'ja')).toBe('—');
  });
});
