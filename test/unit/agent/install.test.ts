import { describe, expect, it } from 'vitest';
import { entitlement, prettyPrintXml, ucmUdi } from '../../support/codes.ts';
import { otherKeys } from '../../support/ports.ts';
import {
  TAGS,
  makeDevice,
  plrCode,
  refusal,
  refusedUnchanged,
  requestingDevice,
  slrCode,
} from '../../support/agent.ts';

describe('install', () => {
  it('installs an SLR code: Registered - Specific License Reservation, with the confirmation code', () => {
    const device = requestingDevice('ucm');
    const issued = slrCode({ udi: device.udi, nonce: device.nonce });
    const result = device.agent.install(issued.text);
    expect(result).toEqual({
      type: 'SLR',
      update: false,
      digest: issued.digest,
      confirmationCode: issued.confirmationCode,
    });
    expect(device.agent.status()).toMatchObject({
      registrationStatus: 'Registered - Specific License Reservation',
      authorizationStatus: 'Authorized - Reserved',
      reservationType: 'SLR',
      pendingRequestCode: null,
      lastConfirmationCode: issued.confirmationCode,
      waitingFor: 'nothing',
    });
  });

  it('installs a PLR code: Registered - Universal License Reservation, no confirmation code', () => {
    const device = requestingDevice('expressway');
    const result = device.agent.install(plrCode({ udi: device.udi, nonce: device.nonce }).text);
    expect(result).toMatchObject({ type: 'PLR', update: false });
    expect(result.confirmationCode).toBeUndefined();
    expect(device.agent.status()).toMatchObject({
      registrationStatus: 'Registered - Universal License Reservation',
      reservationType: 'PLR',
      lastConfirmationCode: null,
    });
  });

  it('refuses to install while reservation is disabled and changes nothing', () => {
    const device = makeDevice('ucm');
    const code = slrCode({ udi: device.udi, nonce: 'ABCDEFGHJK' }).text;
    refusedUnchanged(device, () => device.agent.install(code), 'RESERVATION_NOT_ENABLED');
  });

  it('refuses to install without a trusted authority key and changes nothing', () => {
    const device = requestingDevice('ucm', { verifier: null });
    const code = slrCode({ udi: device.udi, nonce: device.nonce }).text;
    refusedUnchanged(device, () => device.agent.install(code), 'NO_TRUST_KEY');
  });

  it('refuses a CSSM-issued code it cannot verify and changes nothing', () => {
    const device = requestingDevice('ucm');
    const cssm =
      '<specificPLR><authorizationCode><flag>A</flag><version>C</version>' +
      '<piid>6191f5e5-319e-41ff-abba-be220ea4b2e1</piid><timestamp>1595405336190</timestamp>' +
      '<entitlements><entitlement><tag>' +
      TAGS.enhanced +
      '</tag><count>1</count><startDate></startDate>' +
      '<endDate></endDate><licenseType>PERPETUAL</licenseType><displayName>UC Manager Enhanced License (12.x)</displayName>' +
      '<tagDescription>UC Manager Enhanced License</tagDescription><subscriptionID></subscriptionID></entitlement>' +
      '</entitlements></authorizationCode><signature>MEQCIDLpw4k+0+Zr3bp/ucJ3KNyKVGDGumUvN0BuGyv69JAiBcB60+c2GxAS2FUfIAZdVhHz9xcVbbriraWoavm9Hnw==</signature>' +
      '<udi>P:UCM,S:edb16,U:d9a2c6618fe14ce79e6fbbc68a3edb16</udi></specificPLR>';
    refusedUnchanged(device, () => device.agent.install(cssm), 'AUTHORIZATION_UNVERIFIABLE');
  });

  it('refuses a code signed by another authority and changes nothing', () => {
    const device = requestingDevice('ucm');
    const code = slrCode({ udi: device.udi, nonce: device.nonce, signer: otherKeys.signer }).text;
    refusedUnchanged(device, () => device.agent.install(code), 'AUTHORIZATION_SIGNATURE_INVALID');
    const plr = plrCode({ udi: device.udi, nonce: device.nonce, signer: otherKeys.signer }).text;
    refusedUnchanged(device, () => device.agent.install(plr), 'AUTHORIZATION_SIGNATURE_INVALID');
  });

  it('refuses an authorization for another UDI and changes nothing', () => {
    const device = requestingDevice('ucm');
    const other = { ...ucmUdi, sn: 'ffff1' };
    const facts = refusedUnchanged(
      device,
      () => device.agent.install(slrCode({ udi: other, nonce: device.nonce }).text),
      'UDI_MISMATCH',
    );
    expect(facts).toEqual({
      expected: 'P:UCM,S:edb16,U:d9a2c6618fe14ce79e6fbbc68a3edb16',
      found: 'P:UCM,S:ffff1,U:d9a2c6618fe14ce79e6fbbc68a3edb16',
    });
    const plrFacts = refusedUnchanged(
      device,
      () => device.agent.install(plrCode({ udi: other, nonce: device.nonce }).text),
      'UDI_MISMATCH',
    );
    expect(plrFacts).toEqual({ expected: 'P:UCM,S:edb16,U:d9a2c6618fe14ce79e6fbbc68a3edb16' });
  });

  it('refuses the answer to a cancelled request and changes nothing', () => {
    const device = requestingDevice('ucm');
    const forCancelled = slrCode({ udi: device.udi, nonce: device.nonce }).text;
    device.agent.cancel();
    refusedUnchanged(
      device,
      () => device.agent.install(forCancelled),
      'AUTHORIZATION_FOR_CANCELLED_REQUEST',
    );
    device.agent.request();
    refusedUnchanged(
      device,
      () => device.agent.install(forCancelled),
      'AUTHORIZATION_FOR_CANCELLED_REQUEST',
    );
  });

  it('refuses a code for another request and changes nothing', () => {
    const device = requestingDevice('ucm');
    const code = slrCode({ udi: device.udi, nonce: 'ZZZZZZZZZZ' }).text;
    refusedUnchanged(device, () => device.agent.install(code), 'AUTHORIZATION_REQUEST_MISMATCH');
  });

  it('refuses a code when no request is pending and changes nothing', () => {
    const device = makeDevice('ucm');
    device.agent.enable();
    const code = slrCode({ udi: device.udi, nonce: 'ABCDEFGHJK' }).text;
    const facts = refusedUnchanged(
      device,
      () => device.agent.install(code),
      'AUTHORIZATION_REQUEST_MISMATCH',
    );
    expect(facts).toEqual({ pendingRequest: false });
  });

  it('refuses a malformed code with the codes layer error and changes nothing', () => {
    const device = requestingDevice('ucm');
    refusedUnchanged(
      device,
      () => device.agent.install('<specificPLR>'),
      'AUTHORIZATION_CODE_MALFORMED',
    );
  });

  it('installs a code that was pretty-printed and line-wrapped on the way', () => {
    const device = requestingDevice('ucm');
    const issued = slrCode({ udi: device.udi, nonce: device.nonce });
    const pasted = prettyPrintXml(issued.text).replace(/([^\n]{50})/g, '$1\n');
    expect(device.agent.install(pasted)).toMatchObject({
      type: 'SLR',
      digest: issued.digest,
      confirmationCode: issued.confirmationCode,
    });
  });

  it('refuses a count re-spelled under the same signature (2e0, 0x2, +2) and changes nothing', () => {
    const device = requestingDevice('ucm');
    const issued = slrCode({
      udi: device.udi,
      nonce: device.nonce,
      entitlements: [entitlement({ tag: TAGS.enhanced, count: 2 })],
    });
    for (const spelling of ['2e0', '0x2', '+2', '2.0', ' 2']) {
      const respelled = issued.text.replace('<count>2</count>', `<count>${spelling}</count>`);
      const facts = refusedUnchanged(
        device,
        () => device.agent.install(respelled),
        'AUTHORIZATION_CODE_MALFORMED',
      );
      expect(facts).toEqual({ reason: 'count', value: spelling });
    }
    expect(device.agent.install(issued.text)).toMatchObject({ digest: issued.digest });
  });
});

describe('the order of install refusals', () => {
  it('is signature, then UDI, then cancelled request, then request mismatch', () => {
    const device = requestingDevice('ucm');
    const cancelledNonce = device.nonce;
    device.agent.cancel();
    device.agent.request();
    const other = { ...ucmUdi, sn: 'ffff1' };
    const forgedForOther = slrCode({ udi: other, nonce: cancelledNonce, signer: otherKeys.signer });
    expect(refusal(() => device.agent.install(forgedForOther.text)).code).toBe(
      'AUTHORIZATION_SIGNATURE_INVALID',
    );
    const otherForCancelled = slrCode({ udi: other, nonce: cancelledNonce });
    expect(refusal(() => device.agent.install(otherForCancelled.text)).code).toBe('UDI_MISMATCH');
    const forCancelled = slrCode({ udi: device.udi, nonce: cancelledNonce });
    expect(refusal(() => device.agent.install(forCancelled.text)).code).toBe(
      'AUTHORIZATION_FOR_CANCELLED_REQUEST',
    );
  });
});

describe('update while reserved', () => {
  function reserved() {
    const device = requestingDevice('ucm');
    const first = slrCode({ udi: device.udi, nonce: device.nonce });
    device.agent.install(first.text);
    return { ...device, first };
  }

  it('accepts a higher sequence for the same instance without a pending request', () => {
    const device = reserved();
    const update = slrCode({
      udi: device.udi,
      nonce: device.nonce,
      sequence: 2,
      entitlements: [entitlement({ tag: TAGS.enhanced, count: 10 })],
    });
    const result = device.agent.install(update.text);
    expect(result).toEqual({
      type: 'SLR',
      update: true,
      digest: update.digest,
      confirmationCode: update.confirmationCode,
    });
    expect(device.agent.status().licenses[0]).toMatchObject({ tag: TAGS.enhanced, reserved: 10 });
    expect(device.state.lastConfirmationCode).toBe(update.confirmationCode);
  });

  it('refuses the older authorization after the update (replay) and changes nothing', () => {
    const device = reserved();
    device.agent.install(slrCode({ udi: device.udi, nonce: device.nonce, sequence: 2 }).text);
    const facts = refusedUnchanged(
      device,
      () => device.agent.install(device.first.text),
      'AUTHORIZATION_REPLAYED',
    );
    expect(facts).toEqual({ installed: 2, found: 1 });
  });

  it('refuses the installed code installed again (replay) and changes nothing', () => {
    const device = reserved();
    refusedUnchanged(
      device,
      () => device.agent.install(device.first.text),
      'AUTHORIZATION_REPLAYED',
    );
  });

  it('refuses a code for another instance while reserved and changes nothing', () => {
    const device = reserved();
    const other = slrCode({
      udi: device.udi,
      nonce: device.nonce,
      piid: 'another-instance',
      sequence: 5,
    }).text;
    refusedUnchanged(device, () => device.agent.install(other), 'AUTHORIZATION_REQUEST_MISMATCH');
  });
});

describe('PLR while reserved', () => {
  it('accepts a newer PLR code for the same request and refuses the installed one again', () => {
    const device = requestingDevice('expressway');
    const first = plrCode({ udi: device.udi, nonce: device.nonce });
    device.agent.install(first.text);
    refusedUnchanged(device, () => device.agent.install(first.text), 'AUTHORIZATION_REPLAYED');
    const withEc = plrCode({
      udi: device.udi,
      nonce: device.nonce,
      sequence: 2,
      exportControl: true,
    });
    expect(device.agent.install(withEc.text)).toMatchObject({ type: 'PLR', update: true });
    expect(device.agent.status().exportControlled).toBe('Allowed');
  });

  it('refuses an SLR code while PLR is installed and changes nothing', () => {
    const device = requestingDevice('expressway');
    device.agent.install(plrCode({ udi: device.udi, nonce: device.nonce }).text);
    const slr = slrCode({ udi: device.udi, nonce: device.nonce, sequence: 2 }).text;
    refusedUnchanged(device, () => device.agent.install(slr), 'AUTHORIZATION_REQUEST_MISMATCH');
  });
});
