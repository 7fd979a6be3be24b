// Alerts, alarms and notes (authority pool, device, Inspect, external ledger) as translated
// sentences from the shared catalog, with a readable fallback for a code it does not know yet.
import { codedSentence, humanised } from '../../shared/i18n/error-sentence.ts';
import type { AlertDto } from '../../shared/ipc/dto.ts';
import { ERROR_CATALOGS } from './error-catalogs.ts';
import type { Speaks } from './error-text.ts';

/** `IN_TRANSIT_TOO_LONG` → `In transit too long` (only when no catalog entry exists). */
export function humanise(code: string): string {
  return humanised({ code });
}

export function alertText(
  alert: Pick<AlertDto, 'code' | 'facts'>,
  tr: Speaks,
  namespace: 'alerts' | 'inspectNotes' | 'ledgerNotes' = 'alerts',
): string {
  return codedSentence(alert, ERROR_CATALOGS, tr.language, namespace) ?? humanised(alert);
}
