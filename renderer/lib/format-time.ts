// Every date and time the window shows, in one format per language and from this one place:
// English ISO-like (`2026-03-31 14:05`), Japanese and Chinese in their long form
// (`2026年3月31日 14:05`). Neither can be misread as day/month, and a table cell never needs to
// cut one short. Times are the computer's local time.
import type { Language } from '../../shared/ipc/dto.ts';

const pad = (n: number) => String(n).padStart(2, '0');

interface Day {
  year: number;
  month: number;
  day: number;
}

function dayText({ year, month, day }: Day, language: Language): string {
  if (language === 'en') return `${year}-${pad(month)}-${pad(day)}`;
  return `${year}年${month}月${day}日`;
}

/** A date and time (milliseconds since the epoch); a dash when there is none. */
export function formatDateTime(ms: number | null | undefined, language: Language): string {
  if (ms == null || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  const day = { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
  return `${dayText(day, language)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/**
 * A day: an ISO day or date-time (`2026-03-31`, a licence's end) or milliseconds. Text in another
 * shape (a Cisco code's `2021-Aug-13 UTC`) is shown whole, never cut.
 */
export function formatDate(value: string | number | null | undefined, language: Language): string {
  if (value == null || value === '') return '—';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '—';
    const d = new Date(value);
    return dayText({ year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() }, language);
  }
  const iso = ISO_DAY.exec(value);
  if (!iso) return value;
  return dayText({ year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }, language);
}
