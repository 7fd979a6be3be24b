// Dates and times in the interface language; ISO days (`2026-03-31`) are shown as they are.
import type { Language } from '../../shared/ipc/dto.ts';

const LOCALES: Record<Language, string> = { en: 'en-GB', ja: 'ja-JP', zh: 'zh-CN' };

export function formatDateTime(ms: number | null | undefined, language: Language): string {
  if (ms == null || !Number.isFinite(ms)) return '—';
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(ms));
}

/** Compact date and time for table cells. */
export function formatShortDateTime(ms: number | null | undefined, language: Language): string {
  if (ms == null || !Number.isFinite(ms)) return '—';
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(ms));
}

export function formatDay(value: string | number | null | undefined): string {
  if (value == null || value === '') return '—';
  if (typeof value === 'string') return value.slice(0, 10);
  return new Date(value).toISOString().slice(0, 10);
}
