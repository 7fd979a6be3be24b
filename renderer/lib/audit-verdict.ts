// What a check of the audit log found, in words: the finding, where it is, and the signed
// checkpoint it was measured against — so "damaged" always comes with what and where.
import type { AuditVerifyDto, Language } from '../../shared/ipc/dto.ts';
import { fingerprintGroups } from './fingerprint.ts';
import { formatDateTime } from './format-time.ts';
import type { Translator } from './translator.ts';
import { tableNames } from './error-text.ts';

/** Reasons main names (audit-check.ts); any other is shown with its raw name. */
export const AUDIT_REASONS = [
  'hash-mismatch',
  'seq-gap',
  'chain-broken',
  'no-checkpoint',
  'entry-missing',
  'bad-signature',
  'other-key',
  'checkpoints-restarted',
  'no-key',
  'records-changed',
] as const;

export interface AuditVerdictText {
  ok: boolean;
  /** One sentence: intact with its count, or damaged. */
  headline: string;
  /** What was found and where (empty when intact). */
  finding: string[];
  /** The newest signed checkpoint, the key, entries not signed yet. */
  facts: string[];
}

/** The reason as a sentence in the operator's language. */
export function auditReasonText(reason: string, tr: Translator): string {
  const key = `auditCheck.reason.${reason}`;
  return tr.exists(key) ? tr.t(key) : tr.t('auditCheck.reason.unknown', { reason });
}

export function auditVerdictText(
  result: AuditVerifyDto,
  tr: Translator & { language: Language },
): AuditVerdictText {
  // English, Japanese and Chinese all group digits by three with a comma (2,000).
  const count = (n: number) => n.toLocaleString('en-US');
  const facts: string[] = [];
  if (result.checkpoint)
    facts.push(
      tr.t('auditCheck.checkpoint', {
        seq: count(result.checkpoint.seq),
        time: formatDateTime(Date.parse(result.checkpoint.time), tr.language),
        fingerprint: fingerprintGroups(result.checkpoint.keyFingerprint).join(' '),
      }),
    );
  else facts.push(tr.t('auditCheck.noCheckpoint'));
  if (result.keyFingerprint)
    facts.push(
      tr.t('auditCheck.key', { fingerprint: fingerprintGroups(result.keyFingerprint).join(' ') }),
    );
  if (result.unsigned) facts.push(tr.t('auditCheck.unsigned', { count: count(result.unsigned) }));

  if (result.ok)
    return {
      ok: true,
      headline: tr.t('auditCheck.ok', { entries: count(result.entries) }),
      finding: [],
      facts,
    };
  const finding = [auditReasonText(result.reason ?? 'unknown', tr)];
  if (result.tables?.length)
    finding.push(tr.t('auditCheck.changedIn', { tables: tableNames(result.tables, tr) }));
  if (result.firstBrokenAt !== undefined)
    finding.push(
      tr.t('auditCheck.foundAt', {
        seq: count(result.firstBrokenAt),
        entries: count(result.entries),
      }),
    );
  const headline =
    result.reason === 'records-changed'
      ? tr.t('auditCheck.recordsChanged')
      : tr.t('auditCheck.broken');
  return { ok: false, headline, finding, facts };
}
