// A coded value (error, alert, alarm, note) becomes one sentence from the shared catalog, the same
// for the CLI (English) and the interface (English, Japanese, Chinese).
import { describe, expect, it } from 'vitest';
import {
  type Catalogs,
  candidateKeys,
  codedSentence,
  humanised,
  interpolate,
  lookup,
  sentenceParams,
  translate,
} from '../../../shared/i18n/error-sentence.ts';
import en from '../../../shared/i18n/errors.en.json';
import ja from '../../../shared/i18n/errors.ja.json';
import zh from '../../../shared/i18n/errors.zh.json';
import { englishMessage, errorDto } from '../../../electron/services/error-message.ts';

const catalogs: Catalogs = { en, ja, zh };
type Facts = Record<string, string | number | boolean | undefined>;
const say = (code: string, facts: Facts = {}, language = 'en', namespace = 'errors') =>
  codedSentence({ code, facts }, catalogs, language, namespace);

describe('codedSentence', () => {
  it('names both places when a swap and a mistyped check character explain a request code alike', () => {
    const facts = {
      hint: 'transposition-or-check',
      position: 1,
      segment: 'version',
      checkPosition: 71,
    };
    expect(say('REQUEST_CODE_CHECK_FAILED', facts)).toBe(
      'Characters 1 and 2 (in the prefix) look swapped, or character 71, in the check group at the end, was mistyped. Compare both with what the device printed.',
    );
    expect(say('REQUEST_CODE_CHECK_FAILED', facts, 'ja')).toContain('71 文字目');
    expect(
      say('RETURN_CODE_CHECK_FAILED', { ...facts, group: 3, checkGroup: 10, checkPosition: 2 }),
    ).toBe(
      'Group 3 of the return code: characters 1 and 2 look swapped, or group 10 (character 2) was mistyped.',
    );
  });

  it('names the mistyped character and where it is in a request code', () => {
    expect(
      say('REQUEST_CODE_CHECK_FAILED', { hint: 'substitution', position: 17, segment: 'udi' }),
    ).toBe('Character 17 (in the UDI) looks mistyped. Compare it with what the device printed.');
  });

  it('says in words why the audit log no longer matches its checkpoint, in each language', () => {
    const facts = { seq: 41, reason: 'entry-missing' };
    expect(say('AUDIT_LOG_DAMAGED', facts)).toContain(
      '(entry 41: the entry the checkpoint signed is gone or changed)',
    );
    expect(say('AUDIT_LOG_DAMAGED', facts, 'ja')).toContain(
      'エントリ 41: チェックポイントが署名したエントリが失われたか変更されています',
    );
    expect(say('AUDIT_LOG_DAMAGED', facts, 'zh')).toContain('检查点所签名的条目已丢失或被修改');
    for (const language of ['en', 'ja', 'zh'])
      expect(say('AUDIT_LOG_DAMAGED', facts, language)).not.toContain('entry-missing');
  });

  it('names both characters of a swap', () => {
    expect(
      say('REQUEST_CODE_CHECK_FAILED', { hint: 'transposition', position: 30, segment: 'nonce' }),
    ).toBe('Characters 30 and 31 (in the random part) look swapped.');
  });

  it('names the group and character of a mistyped grouped code', () => {
    expect(
      say('AUTHORIZATION_CODE_CHECK_FAILED', { hint: 'substitution', group: 7, position: 5 }),
    ).toBe('Group 7 of the code looks mistyped (character 5).');
  });

  it('falls back to the general sentence when the check cannot say where', () => {
    expect(say('RETURN_CODE_CHECK_FAILED', { hint: 'unknown' })).toMatch(
      /^The return code's check group/,
    );
  });

  it('says which device an authorization is for', () => {
    expect(say('UDI_MISMATCH', { expected: 'P:UCM,S:A1', found: 'P:UCM,S:B2' })).toBe(
      'This authorization is for another device (UDI P:UCM,S:B2); this device is P:UCM,S:A1.',
    );
  });

  it('explains a shortage with a short license name and the counts', () => {
    expect(
      say('INSUFFICIENT_BALANCE', {
        tag: 'regid.2016-07.com.cisco.UCM_Enhanced,12.0_66d0d1cf-4863-4761-91d0-d01d3eb1949a',
        requested: 5,
        available: 2,
      }),
    ).toBe(
      'Not enough UCM_Enhanced,12.0: 5 requested, 2 available. Ensure you have a surplus before reserving.',
    );
  });

  it('prefers the display name a fact gives over the tag', () => {
    expect(say('LICENSE_IS_PLR', { tag: 'regid.x', displayName: 'UCM PLR' })).toBe(
      'UCM PLR is a PLR license: choose a PLR option instead.',
    );
  });

  it('shows sizes of a full drive in readable units', () => {
    expect(say('DRIVE_FULL', { path: '/media/usb', neededBytes: 2048, freeBytes: 0 })).toContain(
      '0 B free, 2.0 KB needed',
    );
    // Found full before anything was written: nothing is said of a size nobody knows.
    expect(say('DRIVE_FULL', { path: '/media/usb/auth.airlock', freeBytes: 0 })).toBe(
      'The drive holding /media/usb/auth.airlock is full. Nothing was written and nothing was lost: free some space or use another drive.',
    );
  });

  it('picks the sentence for the reason a code is malformed', () => {
    expect(say('REQUEST_CODE_MALFORMED', { reason: 'prefix' })).toBe(
      'A request code starts with “CB-”; this text does not.',
    );
    expect(say('REQUEST_CODE_MALFORMED', { reason: 'udi', field: 'sn' })).toContain(
      '(UDI Serial Number)',
    );
  });

  it('uses a variant named by a fact that is present, else the default', () => {
    expect(say('RESERVATION_NOT_ENABLED', { smartAccount: 'ACME' })).toContain(
      'smart account ACME',
    );
    expect(say('RESERVATION_NOT_ENABLED')).toContain('on this device');
  });

  it('puts words on enumerated facts: workspace kinds, code kinds, platforms', () => {
    expect(say('WORKSPACE_NONE', { kind: 'site', count: 0 })).toBe(
      'There is no site workspace yet: create one first.',
    );
    expect(say('WORKSPACE_AMBIGUOUS', { kind: 'authority', count: 2 })).toBe(
      'There are 2 authority workspaces: say which one to use, by name or ID.',
    );
    expect(say('COMMAND_NOT_AVAILABLE', { platform: 'expressway', action: 'install-file' })).toBe(
      'Cisco Expressway has no command for this.',
    );
    expect(say('IMPORT_WRONG_SIDE', { kind: 'request', side: 'site' }, 'ja')).toContain('要求');
    expect(say('WORKSPACE_WRONG_KIND', { expected: 'authority' }, 'zh')).toContain('授权方');
  });

  it('shows times of alerts as UTC minutes and tags as short names', () => {
    expect(
      say(
        'CLOCK_SET_BACK',
        { observedAt: Date.UTC(2025, 0, 2, 3, 4), latestSeenAt: Date.UTC(2025, 0, 9, 10, 11) },
        'en',
        'alerts',
      ),
    ).toBe(
      'The clock was set back (seen 2025-01-02 03:04 UTC; latest known time 2025-01-09 10:11 UTC). Licenses are not extended.',
    );
  });

  it('speaks Japanese and Chinese', () => {
    const facts = { hint: 'substitution', group: 7, position: 5 };
    expect(say('AUTHORIZATION_CODE_CHECK_FAILED', facts, 'ja')).toBe(
      'コードの第 7 グループに入力ミスがあるようです（5 文字目）。',
    );
    expect(say('AUTHORIZATION_CODE_CHECK_FAILED', facts, 'zh')).toBe(
      '代码的第 7 组似乎输错了（第 5 个字符）。',
    );
  });

  it('falls back to English for a key a language lacks, and to nothing for an unknown code', () => {
    const partial: Catalogs = { en, ja: { errors: {} } };
    expect(codedSentence({ code: 'CODE_EMPTY' }, partial, 'ja')).toBe(
      codedSentence({ code: 'CODE_EMPTY' }, catalogs, 'en'),
    );
    expect(codedSentence({ code: 'CODE_EMPTY' }, partial, 'fr')).toMatch(/no code to read/);
    expect(say('SOMETHING_NEW', { a: 1 })).toBeUndefined();
  });

  it('keeps a missing fact visible rather than blank', () => {
    expect(say('DRIVE_READ_ONLY')).toContain('{{path}}');
  });
});

describe('the pieces', () => {
  it('tries the most specific keys first', () => {
    expect(
      candidateKeys({ code: 'X', facts: { hint: 'h', reason: 'r', udi: 'u', gone: undefined } }),
    ).toEqual(['errors.X.h', 'errors.X.r', 'errors.X.udi', 'errors.X.default', 'errors.X']);
    expect(candidateKeys({ code: 'A' }, 'alerts')).toEqual(['alerts.A.default', 'alerts.A']);
  });

  it('looks up strings only, never a group or an inherited property', () => {
    expect(lookup(en, 'errors.UDI_MISMATCH.found')).toMatch(/another device/);
    expect(lookup(en, 'errors.UDI_MISMATCH')).toBeUndefined();
    expect(lookup(en, 'errors.toString')).toBeUndefined();
    expect(lookup(en, 'errors.CODE_EMPTY.deeper')).toBeUndefined();
    expect(translate(catalogs, 'zh', 'udiFields.sn')).toBe(lookup(zh, 'udiFields.sn'));
  });

  it('interpolates named placeholders, with spaces or without', () => {
    expect(interpolate('{{a}} and {{ b }} and {{c}}', { a: 1, b: false })).toBe(
      '1 and false and {{c}}',
    );
  });

  it('derives the parameters the sentences need without losing the facts', () => {
    const params = sentenceParams({ field: 'hostId', position: 3, bytes: 1536, va: 'Lab' }, (k) =>
      lookup(en, k),
    );
    expect(params).toEqual({
      field: 'hostId',
      fieldName: 'Host ID',
      position: 3,
      next: 4,
      bytes: '1.5 KB',
      va: 'Lab',
    });
  });

  it('humanises an unknown code with its facts as a last resort', () => {
    expect(humanised({ code: 'NEW_THING', facts: { count: 2, gone: undefined } })).toBe(
      'New thing (count: 2)',
    );
    expect(humanised({ code: 'IN_TRANSIT' })).toBe('In transit');
  });
});

describe("main's English message (the CLI prints it; every ErrorDto carries it)", () => {
  it('is the English catalog sentence', () => {
    expect(englishMessage('WORKSPACE_NONE', { kind: 'site', count: 0 })).toBe(
      'There is no site workspace yet: create one first.',
    );
    expect(errorDto('TRANSFER_SAME_VA', { va: 'Lab' })).toEqual({
      code: 'TRANSFER_SAME_VA',
      message: 'The product instance is already in Lab.',
      facts: { va: 'Lab' },
    });
  });

  it('stays readable for a code the catalog does not have', () => {
    expect(englishMessage('BRAND_NEW', { count: 2 })).toBe('Brand new (count: 2)');
  });
});
