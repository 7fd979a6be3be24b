// Codes entered by hand: checked once complete (or on leaving the field), found inside a pasted
// console block, and the character a refusal names located in what was typed.
import { describe, expect, it } from 'vitest';
import { decodeConfirmationCode } from '../../../shared/codes/confirmation-code.ts';
import { decodeRequestCode, encodeRequestCode } from '../../../shared/codes/request-code.ts';
import { isDomainError } from '../../../shared/errors.ts';
import type { ErrorDto } from '../../../shared/ipc/dto.ts';
import { findCodeIn, looksComplete, suspectIndex } from '../../../renderer/lib/code-entry.ts';
import { ucmUdi } from '../../support/codes.ts';
import { seededCodes } from './support/request-codes.ts';

const REQUEST = seededCodes().ucmCodes[0]!;
const RETURN = 'CEL7AU-RaGyRi-dGWrct-Mex5qo-hZbfKf-Pp84Vg-m3QZre-FXjAbH-59J';

/** What main answers for text the domain refuses. */
function refusal(decode: () => unknown): ErrorDto {
  try {
    decode();
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: '', facts: error.facts };
  }
  throw new Error('accepted');
}

describe('looksComplete', () => {
  it('waits for a request code’s nonce and check group', () => {
    expect(looksComplete('request', REQUEST.slice(0, 11))).toBe(false);
    expect(looksComplete('request', REQUEST.slice(0, -1))).toBe(false);
    expect(looksComplete('request', REQUEST)).toBe(true);
    expect(looksComplete('request', `  "${REQUEST}"\n`)).toBe(true);
    expect(looksComplete('request', 'CB-ZC9300-24UX:FCW2134L0RN-AK9A6sMTr-86')).toBe(true);
    // A nonce that commits to the device's return key is twice as long.
    const committed = encodeRequestCode(ucmUdi, 'A'.repeat(20));
    expect(looksComplete('request', committed.slice(0, -2))).toBe(false);
    expect(looksComplete('request', committed)).toBe(true);
  });

  it('waits for eight characters of a confirmation code', () => {
    expect(looksComplete('confirmation', '08715c9')).toBe(false);
    expect(looksComplete('confirmation', '08715c93')).toBe(true);
  });

  it('waits for every group of a return code and the end of an XML authorization', () => {
    expect(looksComplete('return', 'CRABCD-EFGHIJ')).toBe(false);
    expect(looksComplete('authorization', '<specificPLR><authorizationCode>')).toBe(false);
    expect(looksComplete('authorization', '<specificPLR>…</specificPLR>')).toBe(true);
  });
});

describe('findCodeIn', () => {
  it('finds the request code in a pasted console block', () => {
    const block = [
      'admin:license smart reservation request',
      'Enter the following request code into the CSSM:',
      REQUEST,
      'admin:',
    ].join('\n');
    expect(findCodeIn('request', block)).toBe(REQUEST);
  });

  it('finds the confirmation code after the product’s own words', () => {
    const block = [
      'Authorization code installed.',
      'Please enter the confirmation code to CSSM account: 08715c93',
      'Device UUID 2e1b2a4c-9f0d-4e3b',
    ].join('\n');
    expect(findCodeIn('confirmation', block)).toBe('08715c93');
  });

  it('takes a lone eight-digit token, but not one of several', () => {
    expect(findCodeIn('confirmation', 'code: 08715c93 (copy it)')).toBe('08715c93');
    expect(findCodeIn('confirmation', '08715c93 or 2e1b2a4c')).toBeNull();
  });

  it('finds a return code and an XML authorization', () => {
    expect(
      findCodeIn('return', `Enter the following return code into the CSSM:\n${RETURN}\n`),
    ).toBe(RETURN);
    const xml = '<specificPLR><authorizationCode>x</authorizationCode></specificPLR>';
    expect(findCodeIn('authorization', `admin:show\n${xml}\nadmin:`)).toBe(xml);
  });

  it('leaves a code pasted alone, and text holding none, as they are', () => {
    expect(findCodeIn('request', REQUEST)).toBeNull();
    expect(findCodeIn('request', 'nothing here')).toBeNull();
    expect(findCodeIn('confirmation', '')).toBeNull();
  });
});

describe('suspectIndex', () => {
  it('marks the character a check group names, in the text as typed', () => {
    const at = 20;
    const typo = REQUEST.slice(0, at) + (REQUEST[at] === 'A' ? 'B' : 'A') + REQUEST.slice(at + 1);
    const error = refusal(() => decodeRequestCode(typo));
    expect(error.code).toBe('REQUEST_CODE_CHECK_FAILED');
    expect(suspectIndex(typo, error)).toBe(at);
    // Spaces and a line break the terminal added, and quotes around it, move nothing.
    const wrapped = `  "${typo.slice(0, 10)}\n${typo.slice(10)}"`;
    expect(wrapped[suspectIndex(wrapped, error)!]).toBe(typo[at]);
  });

  it('marks the first wrong character of a confirmation code', () => {
    const error = refusal(() => decodeConfirmationCode('0871 5g93'));
    expect(suspectIndex('0871 5g93', error)).toBe(6);
  });

  it('counts a grouped code by group and place, dashes left out', () => {
    const error: ErrorDto = {
      code: 'RETURN_CODE_CHECK_FAILED',
      message: '',
      facts: { hint: 'substitution', group: 2, position: 3 },
    };
    expect(suspectIndex('CRABCD-EFGHIJ-KLMNOP', error)).toBe(9);
  });

  it('marks nothing for a refusal that names no character', () => {
    expect(suspectIndex(REQUEST, null)).toBeNull();
    expect(suspectIndex(REQUEST, { code: 'UDI_MISMATCH', message: '', facts: {} })).toBeNull();
  });
});
