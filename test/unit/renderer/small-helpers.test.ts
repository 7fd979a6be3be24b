// Passphrase hints, short license names, fingerprints, alert sentences, device flows, printed
// codes and their outbox items, UDI matching.
import { describe, expect, it } from 'vitest';
import { alertText, humanise } from '../../../renderer/lib/alert-text.ts';
import { offeredFlows, primaryFlow } from '../../../renderer/lib/device-flows.ts';
import { outboxItemOf, printedCodes } from '../../../renderer/lib/printed-codes.ts';
import { fingerprintGroups } from '../../../renderer/lib/fingerprint.ts';
import { shortTag } from '../../../renderer/lib/license-tag.ts';
import {
  passphraseProblems,
  passphraseStrength,
} from '../../../renderer/lib/passphrase-strength.ts';
import { findByUdi } from '../../../renderer/lib/udi-match.ts';
import { waitingText } from '../../../renderer/lib/waiting-text.ts';
import { translator } from './support/translator.ts';

const en = translator('en');

describe('passphraseStrength', () => {
  it('rates by length and variety', () => {
    expect(passphraseStrength('short')).toBe('too-short');
    expect(passphraseStrength('aaaaaaaaaaaa')).toBe('weak');
    expect(passphraseStrength('correcthorse')).toBe('weak');
    expect(passphraseStrength('Correct horse')).toBe('fair');
    expect(passphraseStrength('correct horse battery')).toBe('good');
    expect(passphraseStrength('Correct horse battery 9')).toBe('strong');
  });
});

describe('shortTag', () => {
  it('keeps the product part of an entitlement tag', () => {
    expect(
      shortTag('regid.2016-07.com.cisco.UCM_Enhanced,12.0_66d0d1cf-4863-4761-91d0-d01d3eb1949a'),
    ).toBe('UCM_Enhanced,12.0');
    expect(shortTag('custom-tag')).toBe('custom-tag');
  });
});

describe('fingerprintGroups', () => {
  it('groups hex in fours for reading aloud', () => {
    expect(fingerprintGroups('sha256:3f2a91c0de')).toEqual(['SHA2', '563F', '2A91', 'C0DE']);
    expect(fingerprintGroups('3f:2a:91:c0')).toEqual(['3F2A', '91C0']);
  });
});

describe('alertText', () => {
  it('uses the license display name and variants by fact', () => {
    expect(
      alertText(
        {
          code: 'TERM_LICENSE_ENDING',
          facts: {
            va: 'DEFAULT',
            tag: 'x',
            displayName: 'UCM Enhanced',
            endDate: '2026-12-31',
            days: 12,
          },
        },
        en,
      ),
    ).toBe('UCM Enhanced in DEFAULT ends on 2026-12-31 (12 days).');
    expect(alertText({ code: 'EVALUATION_WILL_EXPIRE', facts: { remainingHours: 5 } }, en)).toBe(
      'The evaluation period ends in 5 hours.',
    );
  });

  it('stays readable for a code it does not know', () => {
    expect(alertText({ code: 'NEW_THING', facts: { count: 2 } }, en)).toBe('New thing (count: 2)');
    expect(humanise('IN_TRANSIT')).toBe('In transit');
  });
});

describe('waitingText', () => {
  it('translates what a device waits for, readable when unknown', () => {
    expect(waitingText('authorization', en)).toBe('Authorization code from the authority');
    expect(waitingText('confirmation-code', translator('ja'))).toBe('確認コードの記録');
    expect(waitingText('something-new', en)).toBe('Something new');
  });
});

describe('offeredFlows', () => {
  it("offers exactly main's next actions, in the page's order, the first one as primary", () => {
    const device = {
      nextActions: ['install' as const, 'returnUnused' as const, 'cancel' as const],
      waitingFor: 'authorization',
    };
    expect(offeredFlows(device)).toEqual(['install', 'cancel', 'returnUnused']);
    expect(primaryFlow(device)).toBe('install');
    expect(offeredFlows({ nextActions: [] })).toEqual([]);
    expect(primaryFlow({ nextActions: [], waitingFor: 'enable' })).toBeNull();
  });

  it('puts no flow first for a device that waits for nothing', () => {
    expect(primaryFlow({ nextActions: ['update', 'return'], waitingFor: 'nothing' })).toBeNull();
  });
});

describe('printedCodes', () => {
  const result = { ok: true, output: '', outboxItemIds: ['o-1', 'o-2'] };

  it('pairs each printed code with the outbox item main queued it in', () => {
    expect(printedCodes({ ...result, confirmationCode: '08715c93', returnCode: 'CEL7AU' })).toEqual(
      [
        { kind: 'confirmation', code: '08715c93', outboxItemId: 'o-1' },
        { kind: 'return', code: 'CEL7AU', outboxItemId: 'o-2' },
      ],
    );
    expect(
      outboxItemOf({ ...result, outboxItemIds: ['o-9'], requestCode: 'CB-1' }, 'request'),
    ).toBe('o-9');
  });

  it('trusts no id when the counts disagree, and prints nothing for nothing', () => {
    expect(printedCodes({ ...result, requestCode: 'CB-1' })).toEqual([
      { kind: 'request', code: 'CB-1', outboxItemId: null },
    ]);
    expect(printedCodes({ ...result, outboxItemIds: [] })).toEqual([]);
    expect(outboxItemOf({ ...result, outboxItemIds: [] }, 'return')).toBeNull();
  });
});

describe('findByUdi', () => {
  it('matches UDI keys regardless of spacing and case', () => {
    const rows = [{ udi: 'P:UCM,S:edb16' }, { udi: 'P:UCM,S:ABC' }];
    expect(findByUdi(rows, 'p:ucm, s:abc')).toBe(rows[1]);
    expect(findByUdi(rows, null)).toBeUndefined();
  });
});

describe('passphraseProblems', () => {
  it('puts each problem on its own field', () => {
    expect(passphraseProblems('short', 'short')).toEqual({ passphrase: 'too-short', repeat: null });
    expect(passphraseProblems('long enough one', 'long enough')).toEqual({
      passphrase: null,
      repeat: 'mismatch',
    });
    expect(passphraseProblems('long enough one', 'long enough one')).toEqual({
      passphrase: null,
      repeat: null,
    });
  });
});
