import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { issueAuthorization } from '../../../shared/codes/authorization.ts';
import { inspectCode } from '../../../shared/codes/inspect.ts';
import { encodeRequestCode } from '../../../shared/codes/request-code.ts';
import { encodeBoundReturnCode, encodeReturnCode } from '../../../shared/codes/return-code.ts';
import { committedNonce } from '../../../shared/codes/return-key.ts';
import { authorityKeys, hasher, otherKeys } from '../../support/ports.ts';
import { attempt, entitlement, ucmUdi } from '../../support/codes.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/cisco/${name}`, import.meta.url), 'utf8');

describe('inspect', () => {
  it('decodes the UCM authorization code quoted in the product guide, damaged as it is', () => {
    const report = inspectCode(fixture('ucm-update-authorization.txt'), { hasher });
    expect(report).toMatchObject({ kind: 'slr-authorization', origin: 'cisco', wellFormed: false });
    expect(report.udi).toMatchObject({
      pid: 'UCM',
      sn: 'edb16',
      uuid: 'd9a2c661-8fe1-4ce7-9e6f-bbc68a3edb16',
    });
    expect(report.authorization?.entitlements.map((e) => e.tag)).toEqual([
      'regid.2017-02.com.cisco.UCM_CUWL_12.0_cc59375a-1cd8-4b36-8366-6f4d2abba965',
      'regid.2016-07.com.cisco.UCM_Enhanced_12.0_66d0d1cf-4863-4761-91d0-d01d3eb1949a',
    ]);
    expect(report.authorization?.entitlements[0]).toMatchObject({
      count: 1,
      startDate: '2020-03-04',
      endDate: '2020-08-31',
    });
    expect(report.notes.map((n) => n.code)).toContain('INSPECT_CISCO_SIGNATURE_UNVERIFIABLE');
  });

  it('decodes the repaired UCM code strictly, still refusing to claim the signature', () => {
    const report = inspectCode(fixture('ucm-update-authorization.repaired.txt'), {
      hasher,
      verifier: authorityKeys.verifier,
    });
    expect(report).toMatchObject({ kind: 'slr-authorization', origin: 'cisco', wellFormed: true });
    expect(report.authorization?.signature).toBe('unverifiable');
  });

  it('decodes the Expressway install example from the guide', () => {
    const report = inspectCode(fixture('expressway-slr-install.txt'), { hasher });
    expect(report.udi?.pid).toBe('Expressway');
    expect(report.authorization?.entitlements[0]).toMatchObject({
      count: 4,
      startDate: '2021-08-13',
      endDate: '2022-08-08',
    });
  });

  it('names request, confirmation and Cisco grouped codes', () => {
    expect(
      inspectCode('CB-PExpressway,S08F8FF3C,V1.0,H320aa69d-A7C3VJCJF-AE', { hasher }),
    ).toMatchObject({
      kind: 'request',
      origin: 'cisco',
      udi: { pid: 'Expressway', sn: '08F8FF3C', vid: '1.0', hostId: '320aa69d' },
    });
    expect(inspectCode('08715c93', { hasher }).kind).toBe('confirmation');
    expect(inspectCode('CAVfS8-tqmsHn-ntioqo-Z8Q4wK-jsddDU-3YkM', { hasher }).kind).toBe(
      'cisco-grouped',
    );
    expect(
      inspectCode('CEL7AU-RaGyRi-dGWrct-Mex5qo-hZbfKf-Pp84Vg-m3QZre-FXjAbH-59J', { hasher }).kind,
    ).toBe('cisco-grouped');
  });

  it('says what a device-bound return code proves, and that only the authority can check it', () => {
    const bound = encodeBoundReturnCode(
      {
        udi: ucmUdi,
        seed: '11'.repeat(32),
        statement: { kind: 'withdraw', sequence: 2 },
        sequence: 2,
        reservationType: 'SLR',
        neverInstalled: true,
        timestamp: Date.UTC(2026, 1, 1),
      },
      hasher,
    );
    expect(inspectCode(bound, { hasher })).toEqual({
      kind: 'return',
      origin: 'airlock',
      normalised: bound,
      wellFormed: true,
      returnCode: {
        reservationType: 'SLR',
        neverInstalled: true,
        issuedAt: Date.UTC(2026, 1, 1),
        sequence: 2,
      },
      notes: [
        { code: 'INSPECT_RETURN_WITHDRAWS', facts: { sequence: 2 } },
        { code: 'INSPECT_RETURN_DEVICE_BOUND' },
      ],
    });
    const older = encodeReturnCode(
      {
        udi: ucmUdi,
        authorizationDigest: 'ab'.repeat(32),
        reservationType: 'PLR',
        neverInstalled: false,
        timestamp: Date.UTC(2026, 1, 1),
      },
      hasher,
    );
    expect(inspectCode(older, { hasher }).notes).toEqual([{ code: 'INSPECT_RETURN_UNBOUND' }]);
  });

  it('says whether a request code commits to a device key', () => {
    const committed = encodeRequestCode(ucmUdi, committedNonce('22'.repeat(32), ucmUdi, hasher));
    expect(inspectCode(committed, { hasher }).notes).toEqual([{ code: 'INSPECT_REQUEST_COMMITS' }]);
    expect(inspectCode(encodeRequestCode(ucmUdi, 'ABCDEFGHJK'), { hasher }).notes).toEqual([
      { code: 'INSPECT_REQUEST_UNCOMMITTED' },
    ]);
  });

  it('tells a Cisco return code of nine groups and a 3-character tail from ours, even one starting CR', () => {
    expect(
      inspectCode('CRL7AU-RaGyRi-dGWrct-Mex5qo-hZbfKf-Pp84Vg-m3QZre-FXjAbH-59J', { hasher }).kind,
    ).toBe('cisco-grouped');
  });

  it('verifies our own codes against the trusted key, and says so when it cannot', () => {
    const issued = issueAuthorization(
      {
        type: 'SLR',
        udi: ucmUdi,
        piid: 'p-1',
        timestamp: 1,
        requestNonce: 'ABCDEFGHJK',
        sequence: 1,
        entitlements: [entitlement()],
      },
      authorityKeys.signer,
      hasher,
    );
    expect(
      inspectCode(issued.text, { hasher, verifier: authorityKeys.verifier }).authorization
        ?.signature,
    ).toBe('valid');
    expect(
      inspectCode(issued.text, { hasher, verifier: otherKeys.verifier }).authorization?.signature,
    ).toBe('invalid');
    expect(inspectCode(issued.text, { hasher }).notes.map((n) => n.code)).toContain(
      'INSPECT_NO_TRUST_KEY',
    );
  });

  it('refuses what is no code at all', () => {
    expect(attempt(() => inspectCode('hello world', { hasher }))).toEqual({
      ok: false,
      code: 'CODE_UNRECOGNISED',
    });
    expect(attempt(() => inspectCode('   ', { hasher }))).toEqual({
      ok: false,
      code: 'CODE_EMPTY',
    });
  });
});
