import { describe, expect, it } from 'vitest';
import {
  decodeRequestCode,
  encodeRequestCode,
  newRequestNonce,
} from '../../../shared/codes/request-code.ts';
import { checkGroup } from '../../../shared/codes/check-group.ts';
import { committedNonce } from '../../../shared/codes/return-key.ts';
import { validateUdi } from '../../../shared/codes/udi.ts';
import { SeededRandom, hasher } from '../../support/ports.ts';
import {
  attempt,
  expresswayUdi,
  substitutions,
  transpositions,
  ucmUdi,
} from '../../support/codes.ts';

const code = encodeRequestCode(expresswayUdi, newRequestNonce(new SeededRandom(7)));

/** The facts of the refusal of `text` (which must be refused). */
function facts(text: string): Record<string, unknown> {
  try {
    decodeRequestCode(text);
  } catch (error) {
    return (error as { facts: Record<string, unknown> }).facts;
  }
  throw new Error(`accepted: ${text}`);
}

describe('request code', () => {
  it('has the shape operators know from the device', () => {
    expect(code).toMatch(/^CB-PExpressway,S08F8FF3C,V1\.0,H320aa69d-[0-9A-Z]{10}-[0-9A-Z]{4}$/);
  });

  it('round-trips the UDI and nonce', () => {
    const decoded = decodeRequestCode(code);
    expect(decoded.udi).toEqual(expresswayUdi);
    expect(decoded.origin).toBe('airlock');
    expect(decoded.text).toBe(code);
  });

  it('carries a UCM UUID without dashes', () => {
    const ucm = encodeRequestCode(
      { ...ucmUdi, uuid: 'D9A2C661-8FE1-4CE7-9E6F-BBC68A3EDB16' },
      'ABCDEFGHJK',
    );
    expect(ucm).toContain(',Ud9a2c6618fe14ce79e6fbbc68a3edb16-');
    expect(decodeRequestCode(ucm).udi).toEqual(ucmUdi);
  });

  it('undoes what copy and paste does: quotes, line breaks, spaces, full width, lower-case nonce', () => {
    const [head, nonce, check] = [code.slice(0, -16), code.slice(-15, -5), code.slice(-4)];
    const pasted = `  “${head.slice(0, 12)}\r\n${head.slice(12)} -${nonce.toLowerCase()}-\n${check.toLowerCase()}”  `;
    expect(decodeRequestCode(pasted).text).toBe(code);
    const fullWidth = code.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(decodeRequestCode(fullWidth).text).toBe(code);
  });

  it('detects every single-character substitution anywhere in the code (exhaustive)', () => {
    let tried = 0;
    for (const variant of substitutions(code)) {
      const result = attempt(() => decodeRequestCode(variant.text));
      tried++;
      if (result.ok) expect(result.value.text, `accepted ${variant.text}`).toBe(code);
    }
    expect(tried).toBeGreaterThan(5000);
  });

  it('detects every adjacent transposition (exhaustive)', () => {
    for (const variant of transpositions(code)) {
      const result = attempt(() => decodeRequestCode(variant.text));
      if (result.ok) expect(result.value.text, `accepted ${variant.text}`).toBe(code);
    }
  });

  it('refuses the UDI fields in another order, even with the check group made to fit', () => {
    const [, nonce] = /-([0-9A-Z]{10})-[0-9A-Z]{4}$/.exec(code)!;
    const body = `CB-S08F8FF3C,PExpressway,V1.0,H320aa69d-${nonce}`;
    const respelled = `${body}-${checkGroup(body)}`;
    expect(() => decodeRequestCode(respelled)).toThrow(
      expect.objectContaining({ code: 'REQUEST_CODE_MALFORMED', facts: { reason: 'udi-order' } }),
    );
  });

  it('says a UUID lost or gained a digit, rather than calling a digit a wrong character', () => {
    const short = { pid: 'UCM', sn: 'edb16', uuid: 'd9a2c6618fe14ce79e6fbbc68a3edb1' };
    expect(() => validateUdi(short)).toThrow(
      expect.objectContaining({ facts: { field: 'uuid', digits: 31, reason: 'uuid-length' } }),
    );
    expect(() => validateUdi({ ...short, uuid: `${short.uuid}x` })).toThrow(
      expect.objectContaining({ facts: expect.objectContaining({ reason: 'characters' }) }),
    );
  });

  it('says where a mistyped character is', () => {
    const i = code.indexOf('S08F8') + 3;
    const typo = code.slice(0, i) + 'B' + code.slice(i + 1);
    expect(attempt(() => decodeRequestCode(typo))).toEqual({
      ok: false,
      code: 'REQUEST_CODE_CHECK_FAILED',
    });
    try {
      decodeRequestCode(typo);
    } catch (error) {
      expect((error as { facts: object }).facts).toMatchObject({
        hint: 'substitution',
        position: i + 1,
        segment: 'udi',
      });
    }
  });

  it('names the check group when one of its own characters is mistyped (alone, or beside a swap that fits as well)', () => {
    const kinds = new Set<unknown>();
    for (let k = code.length - 4; k < code.length; k++) {
      for (const ch of '0123456789ABCDEFGHJKMNPQRSTVWXYZ') {
        if (ch === code[k]) continue;
        const found = facts(code.slice(0, k) + ch + code.slice(k + 1));
        kinds.add(found.hint);
        if (found.hint === 'substitution')
          expect(found).toMatchObject({ position: k + 1, segment: 'check' });
        else expect(found).toMatchObject({ hint: 'transposition-or-check', checkPosition: k + 1 });
      }
    }
    expect([...kinds].sort()).toEqual(['substitution', 'transposition-or-check']);
  });

  it('says a check group with a character too many is too long, not cut off', () => {
    expect(facts(`${code}X`)).toMatchObject({ reason: 'check-too-long', length: 5 });
    expect(facts(code.slice(0, -1))).toMatchObject({ reason: 'check-length', length: 3 });
  });

  it('reads the Expressway request code printed in the product guide (check not verifiable)', () => {
    const cisco = decodeRequestCode('CB-PExpressway,S08F8FF3C,V1.0,H320aa69d-A7C3vjcjf-AE');
    expect(cisco.origin).toBe('cisco');
    expect(cisco.udi).toEqual(expresswayUdi);
    expect(cisco.nonce).toBe('A7C3vjcjf');
  });

  it('reads the IOS-XE request code shape', () => {
    const iosxe = decodeRequestCode('CB-ZC9300-24UX:FCW2134L0RN-AK9A6sMTr-86');
    expect(iosxe).toMatchObject({
      origin: 'cisco',
      shape: 'ios-xe',
      udi: { pid: 'C9300-24UX', sn: 'FCW2134L0RN' },
    });
  });

  it('refuses text that is not a request code, saying why', () => {
    expect(attempt(() => decodeRequestCode(''))).toEqual({ ok: false, code: 'CODE_EMPTY' });
    expect(attempt(() => decodeRequestCode('hello'))).toEqual({
      ok: false,
      code: 'REQUEST_CODE_MALFORMED',
    });
    expect(attempt(() => decodeRequestCode(code.slice(0, -1)))).toEqual({
      ok: false,
      code: 'REQUEST_CODE_MALFORMED',
    });
  });
});

describe('request code committing to the device’s return key', () => {
  const nonce = committedNonce('7f'.repeat(32), expresswayUdi, hasher);
  const committed = encodeRequestCode(expresswayUdi, nonce);

  it('keeps the seeds’ shape with a 20-character nonce: the commitment itself', () => {
    expect(committed).toMatch(
      /^CB-PExpressway,S08F8FF3C,V1\.0,H320aa69d-[0-9A-Z]{20}-[0-9A-Z]{4}$/,
    );
    expect(decodeRequestCode(committed)).toMatchObject({
      nonce,
      origin: 'airlock',
      text: committed,
    });
  });

  it('detects every single-character substitution anywhere in the code (exhaustive)', () => {
    let tried = 0;
    for (const variant of substitutions(committed)) {
      const result = attempt(() => decodeRequestCode(variant.text));
      tried++;
      if (result.ok) expect(result.value.text, `accepted ${variant.text}`).toBe(committed);
    }
    expect(tried).toBeGreaterThan(6000);
  });

  it('detects every adjacent transposition (exhaustive)', () => {
    for (const variant of transpositions(committed)) {
      const result = attempt(() => decodeRequestCode(variant.text));
      if (result.ok) expect(result.value.text, `accepted ${variant.text}`).toBe(committed);
    }
  });

  it('says the nonce is damaged when a character is lost from it', () => {
    const at = committed.lastIndexOf('-') - 3;
    const short = committed.slice(0, at) + committed.slice(at + 1);
    expect(attempt(() => decodeRequestCode(short))).toEqual({
      ok: false,
      code: 'REQUEST_CODE_MALFORMED',
    });
  });
});

describe('request code vs the Cisco shape', () => {
  it('never reads a mistyped check group of ours as a Cisco code', () => {
    const code = encodeRequestCode({ pid: 'UCM', sn: 'AB-12' }, 'ABCDEFGHJK');
    const i = code.length - 3; // the second character of our check group
    const typo = `${code.slice(0, i)}-${code.slice(i + 1)}`;
    expect(attempt(() => decodeRequestCode(typo))).toEqual({
      ok: false,
      code: 'REQUEST_CODE_MALFORMED',
    });
  });
});
