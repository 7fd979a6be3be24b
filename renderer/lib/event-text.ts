// An entry of a workspace's log for people: what happened as one translated sentence, and every
// detail with a translated label and a readable value (licences by name and count, a code's whole
// digest, a file's whole path) for the detail panel. A kind of entry this window does not know
// yet still reads as words, never as a raw key.
import { catalogDisplayName } from '../../shared/catalog/index.ts';
import type { EventDto, Language } from '../../shared/ipc/dto.ts';
import { alertText, humanise } from './alert-text.ts';
import { baseName } from './code-file-name.ts';
import { formatDateTime } from './format-time.ts';
import { shortTag } from './license-tag.ts';
import { type Speaks, errorText, tableNames } from './error-text.ts';
import type { Translator } from './translator.ts';

type Tr = Translator & Speaks;

/** Every kind of entry either side writes (the sentences under `eventText.` cover each). */
export const EVENT_TYPES = [
  // the desk
  'reservation-enabled',
  'reservation-disabled',
  'virtual-account-added',
  'license-added',
  'catalog-loaded',
  'licenses-moved',
  'reserved',
  'update-issued',
  'confirmed',
  'update-confirmed',
  'update-withdrawn',
  'authorization-returned',
  'removed',
  'transferred',
  'rehosted',
  'request-code-received',
  'authorization-code-issued',
  'confirmation-code-received',
  'return-code-received',
  'request-code-imported',
  'unlock-failed',
  // both sides
  'code-exported',
  'transfer-item-marked',
  'workspace-created',
  'workspace-renamed',
  'workspace-migrated',
  'workspace-imported',
  'workspace-restored',
  'audit-checkpoints-started',
  'audit-log-repaired',
  'code-refused',
  'records-updated',
  // the site
  'device-added',
  'trust-imported',
  'code-imported',
  'code-received',
  'request-code-printed',
  'confirmation-code-printed',
  'return-code-printed',
  'external-request-recorded',
  'external-authorization-recorded',
  'external-confirmation-recorded',
  'external-return-recorded',
  'external-cancel-recorded',
  'external-installed-recorded',
  // a device's own agent
  'request-created',
  'request-cancelled',
  'authorization-installed',
  'authorization-updated',
  'reservation-returned',
  'usage-changed',
  'restarted',
  'sessions-changed',
  'webrtc-changed',
  'evaluation-warning',
  'evaluation-expired',
  'evaluation-expired-reminder',
  'overage-expired',
  'upgraded',
  'alarm-raised',
  'alarm-cleared',
] as const;

/** Details that are shown whole, in a code font (a digest, a path, a UDI, a fingerprint). */
const VERBATIM = new Set([
  'codeDigest',
  'digest',
  'file',
  'udi',
  'newUdi',
  'fingerprint',
  'replaced',
  'backup',
  'keptIn',
  'tag',
  'code',
  'replacedKeptAt',
  'keyFingerprint',
]);

/** `regid.…UCM_Enhanced,12.0_…` → `UC Manager Enhanced License (12.x)` where a catalog names it. */
export function licenceName(tag: string): string {
  return catalogDisplayName(tag) ?? shortTag(tag);
}

function isFacts(value: unknown): value is Record<string, string | number | boolean> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCounts(value: unknown): value is Record<string, number> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'number')
  );
}

/** `4 × UC Manager CUWL License (12.x), 10 × …`; none → the word for none. */
function countsText(counts: Record<string, number>, tr: Tr): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([tag, n]) => `${n.toLocaleString()} × ${licenceName(tag)}`);
  return parts.length > 0 ? parts.join(', ') : tr.t('eventText.noLicences');
}

/** One detail's value in words (a licence map by name, a time in the interface format…). */
export function detailValue(key: string, value: unknown, tr: Tr): string {
  if (value === null || value === undefined || value === '') return '—';
  if (isCounts(value)) return countsText(value, tr);
  if (typeof value === 'boolean') return value ? tr.t('common.yes') : tr.t('common.no');
  if (key === 'at' && typeof value === 'number') return formatDateTime(value, tr.language);
  if (key === 'codeKind' && typeof value === 'string' && tr.exists(`codeKind.${value}`))
    return tr.t(`codeKind.${value}`);
  if (key === 'direction' && typeof value === 'string' && tr.exists(`eventDirection.${value}`))
    return tr.t(`eventDirection.${value}`);
  if (key === 'tag' && typeof value === 'string') return licenceName(value);
  if (key === 'alarm' && typeof value === 'string')
    return alertText({ code: value, facts: {} }, tr);
  if (key === 'tables' && Array.isArray(value)) return tableNames(value, tr);
  if (key === 'facts' && isFacts(value))
    return Object.entries(value)
      .map(([name, fact]) => `${name}: ${String(fact)}`)
      .join(', ');
  if (typeof value === 'number') return value.toLocaleString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** What the sentences interpolate: every detail in words, plus the few each type needs. */
function sentenceParams(event: EventDto, tr: Tr): Record<string, string> {
  const d = event.details;
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(d)) params[key] = detailValue(key, value, tr);
  const kind = typeof d.codeKind === 'string' ? d.codeKind : undefined;
  params.kind =
    kind && tr.exists(`codeKind.${kind}`) ? tr.t(`codeKind.${kind}`) : tr.t('eventText.aCode');
  params.file = typeof d.file === 'string' ? baseName(d.file) : '—';
  params.va = event.va ?? params.va ?? '—';
  if (typeof d.tag === 'string') params.license = licenceName(d.tag);
  for (const side of ['from', 'to'] as const) {
    const status = d[side];
    if (event.type === 'transfer-item-marked' && typeof status === 'string')
      params[`${side}Status`] = tr.exists(`itemStatus.${status}`)
        ? tr.t(`itemStatus.${status}`)
        : status;
  }
  if (typeof d.webRtc === 'boolean')
    params.webRtcState = tr.t(d.webRtc ? 'eventText.on' : 'eventText.off');
  if (typeof d.alarm === 'string') params.alarm = alertText({ code: d.alarm, facts: {} }, tr);
  // A refused code: why, in the sentence the operator saw when it was refused.
  if (event.type === 'code-refused' && typeof d.reason === 'string')
    params.reason = errorText(
      { code: d.reason, message: '', facts: isFacts(d.facts) ? d.facts : {} },
      tr,
    );
  if (Array.isArray(d.tables)) params.tables = tableNames(d.tables, tr);
  return params;
}

/** The type of entry in words (for the filter, the detail panel's title). */
export function eventTypeLabel(type: string, tr: Tr): string {
  return tr.exists(`eventType.${type}`)
    ? tr.t(`eventType.${type}`)
    : humanise(type.replace(/-/g, '_'));
}

/** What happened, as one sentence in the operator's language. */
export function eventSentence(event: EventDto, tr: Tr): string {
  const key = `eventText.${event.type}`;
  if (!tr.exists(key)) return `${eventTypeLabel(event.type, tr)}.`;
  // Anything a sentence names that this entry lacks reads as a dash, never as `{{name}}`.
  return tr.t(key, sentenceParams(event, tr)).replace(/\{\{\s*\w+\s*\}\}/g, '—');
}

export interface EventDetail {
  key: string;
  label: string;
  value: string;
  /** Shown whole in a code font (digest, path, UDI). */
  verbatim: boolean;
}

/** Every detail of an entry for the detail panel, labelled, the code digest and path whole. */
export function eventDetails(event: EventDto, tr: Tr): EventDetail[] {
  return Object.entries(event.details)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => ({
      key,
      label: tr.exists(`eventDetail.${key}`) ? tr.t(`eventDetail.${key}`) : humanise(key),
      value: detailValue(key, value, tr),
      verbatim: VERBATIM.has(key),
    }));
}

export type { Language };
