// Error values from main become one sentence in the operator's language.
import { describe, expect, it } from 'vitest';
import type { ErrorDto } from '../../../shared/ipc/dto.ts';
import { candidateKeys, errorText } from '../../../renderer/lib/error-text.ts';
import { translator } from './support/translator.ts';

const en = translator('en');
const error = (code: string, facts: ErrorDto['facts'] = {}, message = ''): ErrorDto => ({
  code,
  facts,
  message,
});

describe('errorText', () => {
  it('names the mistyped character and where it is in a request code', () => {
    const text = errorText(
      error('REQUEST_CODE_CHECK_FAILED', { hint: 'substitution', position: 17, segment: 'udi' }),
      en,
    );
    expect(text).toBe(
      'Character 17 (in the UDI) looks mistyped. Compare it with what the device printed.',
    );
  });

  it('names both characters of a swap', () => {
    const text = errorText(
      error('REQUEST_CODE_CHECK_FAILED', { hint: 'transposition', position: 30, segment: 'nonce' }),
      en,
    );
    expect(text).toBe('Characters 30 and 31 (in the random part) look swapped.');
  });

  it('names the group and character of a mistyped grouped code', () => {
    const text = errorText(
      error('AUTHORIZATION_CODE_CHECK_FAILED', { hint: 'substitution', group: 7, position: 5 }),
      en,
    );
    expect(text).toBe('Group 7 of the code looks mistyped (character 5).');
  });

  it('falls back to the general sentence when the check cannot say where', () => {
    expect(errorText(error('RETURN_CODE_CHECK_FAILED', { hint: 'unknown' }), en)).toMatch(
      /^The return code's check group/,
    );
  });

  it('says which device an authorization is for', () => {
    const text = errorText(
      error('UDI_MISMATCH', { expected: 'P:UCM,S:A1', found: 'P:UCM,S:B2' }),
      en,
    );
    expect(text).toBe(
      'This authorization is for another device (UDI P:UCM,S:B2); this device is P:UCM,S:A1.',
    );
  });

  it('explains a shortage with a short license name and the counts', () => {
    const text = errorText(
      error('INSUFFICIENT_BALANCE', {
        tag: 'regid.2016-07.com.cisco.UCM_Enhanced,12.0_66d0d1cf-4863-4761-91d0-d01d3eb1949a',
        requested: 5,
        available: 2,
      }),
      en,
    );
    expect(text).toBe(
      'Not enough UCM_Enhanced,12.0: 5 requested, 2 available. Ensure you have a surplus before reserving.',
    );
  });

  it('shows sizes of a full drive in readable units', () => {
    const text = errorText(
      error('DRIVE_FULL', { path: '/media/usb', neededBytes: 2048, freeBytes: 0 }),
      en,
    );
    expect(text).toContain('0 B free, 2.0 KB needed');
  });

  it('picks the sentence for the reason a code is malformed', () => {
    expect(errorText(error('REQUEST_CODE_MALFORMED', { reason: 'prefix' }), en)).toBe(
      'A request code starts with “CB-”; this text does not.',
    );
    expect(
      errorText(error('REQUEST_CODE_MALFORMED', { reason: 'udi', field: 'sn' }), en),
    ).toContain('(UDI Serial Number)');
  });

  it('uses the smart-account sentence when the authority refuses for a disabled account', () => {
    expect(errorText(error('RESERVATION_NOT_ENABLED', { smartAccount: 'ACME' }), en)).toContain(
      'smart account ACME',
    );
    expect(errorText(error('RESERVATION_NOT_ENABLED'), en)).toContain('on this device');
  });

  it('speaks Japanese and Chinese', () => {
    const facts = { hint: 'substitution', group: 7, position: 5 };
    expect(errorText(error('AUTHORIZATION_CODE_CHECK_FAILED', facts), translator('ja'))).toBe(
      'コードの第 7 グループに入力ミスがあるようです（5 文字目）。',
    );
    expect(errorText(error('AUTHORIZATION_CODE_CHECK_FAILED', facts), translator('zh'))).toBe(
      '代码的第 7 组似乎输错了（第 5 个字符）。',
    );
  });

  it("uses main's English message only when no catalog has the code", () => {
    expect(errorText(error('SOMETHING_NEW', { a: 1 }, 'Something new happened.'), en)).toBe(
      'Something new happened.',
    );
    expect(errorText(error('SOMETHING_NEW'), en)).toBe(
      'Something went wrong (SOMETHING_NEW). Nothing you typed was lost.',
    );
  });

  it('never returns a placeholder-free blank: a missing fact stays visible', () => {
    expect(errorText(error('DRIVE_READ_ONLY'), en)).toContain('{{path}}');
  });

  it('tries the most specific keys first', () => {
    expect(
      candidateKeys(error('X', { hint: 'h', reason: 'r', udi: 'u', gone: undefined })),
    ).toEqual(['errors.X.h', 'errors.X.r', 'errors.X.udi', 'errors.X.default', 'errors.X']);
  });
});
