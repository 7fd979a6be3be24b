// The window shows main's errors as one sentence in the operator's language, from the shared
// catalog (the sentences themselves are tested in test/unit/i18n/error-sentence.test.ts).
import { describe, expect, it } from 'vitest';
import type { ErrorDto } from '../../../shared/ipc/dto.ts';
import { errorReference, errorText } from '../../../renderer/lib/error-text.ts';

const error = (code: string, facts: ErrorDto['facts'] = {}, message = ''): ErrorDto => ({
  code,
  facts,
  message,
});

describe('errorText', () => {
  it('follows the language the window speaks', () => {
    const e = error('AUTHORIZATION_CODE_CHECK_FAILED', {
      hint: 'substitution',
      group: 7,
      position: 5,
    });
    expect(errorText(e, { language: 'en' })).toBe(
      'Group 7 of the code looks mistyped (character 5).',
    );
    expect(errorText(e, { language: 'ja' })).toBe(
      'コードの第 7 グループに入力ミスがあるようです（5 文字目）。',
    );
    expect(errorText(e, { language: 'zh' })).toBe('代码的第 7 组似乎输错了（第 5 个字符）。');
  });

  it('explains the errors the window makes itself', () => {
    expect(errorText(error('NOT_CONNECTED', { channel: 'app.info' }), { language: 'en' })).toMatch(
      /not connected to its main process/,
    );
  });

  it("uses main's English message only when no catalog has the code", () => {
    expect(
      errorText(error('SOMETHING_NEW', { a: 1 }, 'Something new happened.'), { language: 'ja' }),
    ).toBe('Something new happened.');
    expect(errorText(error('SOMETHING_NEW'), { language: 'en' })).toBe(
      'Something went wrong (SOMETHING_NEW). Nothing you typed was lost.',
    );
  });
});

describe('errorReference', () => {
  it('names an internal error by the reference main logged it under, in every language', () => {
    const internal = error('INTERNAL_ERROR', {
      channel: 'transfer.drives',
      reference: '7KQ2-M9XA',
    });
    expect(errorReference(internal)).toBe('INTERNAL_ERROR 7KQ2-M9XA');
    for (const language of ['en', 'ja', 'zh'] as const)
      expect(errorText(internal, { language })).toContain('7KQ2-M9XA');
    expect(errorReference(error('PASSPHRASE_WRONG', { attempts: 1 }))).toBe('PASSPHRASE_WRONG');
  });
});
