// Dates and times in the interface language; ISO days (`2026-03-31`) are shown as they are.
import type { Language } from '../../shared/ipc/dto.ts';

const LOCALES: Record<Language, string> = { en: 'en-GB', ja: 'ja-JP', zh: 'zh-CN' };
type Style = 'medium' | 'short';

/** One formatter per language and style: making one costs far more than using it (table cells). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, style: Style): Intl.DateTimeFormat {
  const key = `${language}:${style}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: style, timeStyle: 'short' });
    formatters.set(key, made);
  }
  return made;
}

function format(ms: number | null | undefined, language: Language, style: Style): string {
  if (ms == null || !Number.isFinite(ms)) return '—';
  return formatter(language, style).format(new Date(ms));
}

export function formatDateTime(ms: number | null | undefined, language: Language): string {
  return format(ms, language, 'medium');
}

/** Compact date and time for table cells. */
export function formatShortDateTime(ms: number | null | undefined, language: Language): string {
  return format(ms, language, 'short');
}

export function formatDay(value: string | number | null | undefined): string {
  if (value == null || value === '') return '—';
  if (typeof value === 'string') return value.slice(0, 10);
  return new Date(value).toISOString().slice(0, 10);
}
