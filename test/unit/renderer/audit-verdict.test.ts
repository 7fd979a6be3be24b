// A check of the audit log in words: intact with its count, or what was found, at which entry,
// against which signed checkpoint and key — every reason main names, in each language.
import { describe, expect, it } from 'vitest';
import type { AuditVerifyDto } from '../../../shared/ipc/dto.ts';
import { AUDIT_REASONS, auditVerdictText } from '../../../renderer/lib/audit-verdict.ts';
import { formatDateTime } from '../../../renderer/lib/format-time.ts';
import { translator } from './support/translator.ts';

const KEY = 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12';
const TIME = '2026-03-31T14:05:00.000Z';
const checkpoint = { seq: 1204, time: TIME, keyFingerprint: KEY };

describe('auditVerdictText', () => {
  it('says an intact log is intact, with its count, checkpoint and key', () => {
    const v = auditVerdictText(
      { ok: true, entries: 1204, checkpoint, unsigned: 0, keyFingerprint: KEY },
      translator('en'),
    );
    expect(v.ok).toBe(true);
    expect(v.headline).toBe('The audit log is intact: 1,204 entries, none altered.');
    expect(v.finding).toEqual([]);
    expect(v.facts[0]).toBe(
      `Newest signed checkpoint: entry 1,204, signed ${formatDateTime(Date.parse(TIME), 'en')} with key AB12 CD34 EF56 AB12 CD34 EF56 AB12 CD34 EF56 AB12 CD34 EF56 AB12 CD34 EF56 AB12.`,
    );
    expect(v.facts).toHaveLength(2);
  });

  it('names what was found and where, for a log cut short below its checkpoint', () => {
    const result: AuditVerifyDto = {
      ok: false,
      entries: 1202,
      firstBrokenAt: 1204,
      reason: 'entry-missing',
      checkpoint,
      unsigned: 0,
      keyFingerprint: KEY,
    };
    const v = auditVerdictText(result, translator('en'));
    expect(v.ok).toBe(false);
    expect(v.headline).toMatch(/^The audit log is damaged/);
    expect(v.finding).toEqual([
      'The entry the newest signed checkpoint vouches for is gone or different: entries were removed or rewritten after it was signed.',
      'Found at entry 1,204; the 1,202 entries before it are intact.',
    ]);
    const ja = auditVerdictText(result, translator('ja'));
    expect(ja.finding[1]).toBe('1,204 件目で見つかりました。それより前の 1,202 件は完全です。');
    expect(ja.facts[0]).toContain('2026年3月31日');
  });

  it('has a sentence for every reason in every language, and shows an unknown one by name', () => {
    for (const language of ['en', 'ja', 'zh'] as const) {
      const tr = translator(language);
      for (const reason of AUDIT_REASONS) {
        const [sentence] = auditVerdictText({ ok: false, entries: 0, reason }, tr).finding;
        expect(tr.exists(`auditCheck.reason.${reason}`), `${language} ${reason}`).toBe(true);
        expect(sentence).not.toContain(reason);
      }
      const [unknown] = auditVerdictText({ ok: false, entries: 0, reason: 'odd' }, tr).finding;
      expect(unknown).toContain('odd');
    }
  });

  it('says there is no checkpoint, and counts entries made while the key was locked', () => {
    const v = auditVerdictText(
      { ok: true, entries: 7, checkpoint: null, unsigned: 3, keyFingerprint: null },
      translator('en'),
    );
    expect(v.facts).toEqual([
      'The log has no signed checkpoint.',
      '3 newer entries are not signed yet (made while the key was locked).',
    ]);
  });

  it('names the records changed outside Airlock in the operator’s words', () => {
    const result: AuditVerifyDto = {
      ok: false,
      entries: 40,
      reason: 'records-changed',
      tables: ['licenses', 'instances'],
      checkpoint,
      unsigned: 0,
      keyFingerprint: KEY,
    };
    expect(auditVerdictText(result, translator('en')).headline).toMatch(
      /^The workspace’s records were changed outside Airlock/,
    );
    expect(auditVerdictText(result, translator('en')).finding).toEqual([
      'Records were changed outside Airlock: they no longer add up to what the log recorded and signed.',
      'Changed: license pools, product instances.',
    ]);
    expect(auditVerdictText(result, translator('ja')).finding[1]).toBe(
      '変更された記録: ライセンスプール、製品インスタンス。',
    );
    expect(auditVerdictText(result, translator('zh')).finding[1]).toBe(
      '被修改的记录：许可证池、产品实例。',
    );
  });
});
