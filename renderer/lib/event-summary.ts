// One readable line from an event's details (`licenses: UCM_Enhanced,12.0 × 4; reason: RMA`).
import { shortTag } from './license-tag.ts';

function describe(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(describe).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) =>
      typeof v === 'number' && k.startsWith('regid.')
        ? `${shortTag(k)} × ${v}`
        : `${shortTag(k)}: ${describe(v)}`,
    )
    .join(', ');
}

export function eventSummary(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${describe(value)}`)
    .join('; ');
}
