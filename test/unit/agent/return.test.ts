import { describe, expect, it } from 'vitest';
import { decodeRequestCode } from '../../../shared/codes/request-code.ts';
import {
  decodeReturnCode,
  returnCodeAnswers,
  returnCodeBindsUdi,
} from '../../../shared/codes/return-code.ts';
import { expresswayUdi, ucmUdi } from '../../support/codes.ts';
import { hasher, otherKeys } from '../../support/ports.ts';
import { plrCode, refusedUnchanged, requestingDevice, slrCode } from '../../support/agent.ts';

describe('return', () => {
  it('returns the installed reservation with a code bound to the UDI and that authorization', () => {
    const device = requestingDevice('ucm');
    const issued = slrCode({ udi: device.udi, nonce: device.nonce });
    device.agent.install(issued.text);
    const { returnCode } = device.agent.returnReservation();
    const decoded = decodeReturnCode(returnCode);
    expect(returnCodeBindsUdi(decoded, device.udi, hasher)).toBe(true);
    expect(returnCodeBindsUdi(decoded, expresswayUdi, hasher)).toBe(false);
    expect(returnCodeAnswers(decoded, issued.digest)).toBe(true);
    expect(decoded).toMatchObject({ neverInstalled: false, reservationType: 'SLR' });
    expect(device.agent.status()).toMatchObject({
      registrationStatus: 'Reservation In Progress',
      reservationType: null,
      lastReturnCode: returnCode,
      waitingFor: 'request',
    });
  });

  it('never lets the returned authorization be installed again', () => {
    const device = requestingDevice('ucm');
    const issued = slrCode({ udi: device.udi, nonce: device.nonce });
    device.agent.install(issued.text);
    device.agent.returnReservation();
    device.agent.request();
    refusedUnchanged(device, () => device.agent.install(issued.text), 'AUTHORIZATION_RETURNED');
  });

  it('refuses a return with nothing installed and changes nothing', () => {
    const device = requestingDevice('ucm');
    refusedUnchanged(device, () => device.agent.returnReservation(), 'NO_RESERVATION_INSTALLED');
  });

  it('walks the upgrade path: return, request again, install the new code', () => {
    const device = requestingDevice('ucm');
    device.agent.install(slrCode({ udi: device.udi, nonce: device.nonce }).text);
    device.agent.returnReservation();
    const { requestCode } = device.agent.request();
    const nonce = decodeRequestCode(requestCode).nonce;
    const versionless = slrCode({ udi: device.udi, nonce, piid: 'v14-instance' });
    expect(device.agent.install(versionless.text)).toMatchObject({ type: 'SLR', update: false });
  });
});

describe('return-authorization', () => {
  it('gives a never-installed return code for an authorization of a cancelled request', () => {
    const device = requestingDevice('expressway');
    const issued = plrCode({ udi: device.udi, nonce: device.nonce });
    device.agent.cancel();
    const { returnCode } = device.agent.returnAuthorization(issued.text);
    const decoded = decodeReturnCode(returnCode);
    expect(decoded).toMatchObject({ neverInstalled: true, reservationType: 'PLR' });
    expect(returnCodeAnswers(decoded, issued.digest)).toBe(true);
    expect(returnCodeBindsUdi(decoded, device.udi, hasher)).toBe(true);
    expect(device.state.lastReturnCode).toBe(returnCode);
  });

  it('after it, the returned code can no longer be installed', () => {
    const device = requestingDevice('ucm');
    const issued = slrCode({ udi: device.udi, nonce: device.nonce });
    device.agent.returnAuthorization(issued.text);
    refusedUnchanged(device, () => device.agent.install(issued.text), 'AUTHORIZATION_RETURNED');
  });

  it('refuses to return the same authorization twice and changes nothing', () => {
    const device = requestingDevice('ucm');
    const issued = slrCode({ udi: device.udi, nonce: device.nonce });
    device.agent.returnAuthorization(issued.text);
    refusedUnchanged(
      device,
      () => device.agent.returnAuthorization(issued.text),
      'AUTHORIZATION_RETURNED',
    );
  });

  it('refuses the currently installed code and changes nothing', () => {
    const device = requestingDevice('ucm');
    const issued = slrCode({ udi: device.udi, nonce: device.nonce });
    device.agent.install(issued.text);
    refusedUnchanged(
      device,
      () => device.agent.returnAuthorization(issued.text),
      'AUTHORIZATION_IS_INSTALLED',
    );
  });

  it('refuses a code an update replaced, since it was installed once, and changes nothing', () => {
    const device = requestingDevice('ucm');
    const first = slrCode({ udi: device.udi, nonce: device.nonce, piid: 'pi-1', sequence: 1 });
    device.agent.install(first.text);
    device.agent.install(
      slrCode({ udi: device.udi, nonce: device.nonce, piid: 'pi-1', sequence: 2 }).text,
    );
    refusedUnchanged(
      device,
      () => device.agent.returnAuthorization(first.text),
      'AUTHORIZATION_SUPERSEDED',
    );
  });

  it('refuses a code for another UDI or with a bad signature and changes nothing', () => {
    const device = requestingDevice('ucm');
    const other = slrCode({ udi: { ...ucmUdi, sn: 'ffff1' }, nonce: device.nonce }).text;
    refusedUnchanged(device, () => device.agent.returnAuthorization(other), 'UDI_MISMATCH');
    const forged = slrCode({ udi: device.udi, nonce: device.nonce, signer: otherKeys.signer }).text;
    refusedUnchanged(
      device,
      () => device.agent.returnAuthorization(forged),
      'AUTHORIZATION_SIGNATURE_INVALID',
    );
  });
});
