import { describe, expect, it } from 'vitest';
import { encodeRequestCode, decodeRequestCode } from '../../../shared/codes/request-code.ts';
import {
  type BoundReturnCode,
  type LegacyReturnCode,
  decodeReturnCode,
  returnCodeAnswers,
  returnCodeBindsUdi,
} from '../../../shared/codes/return-code.ts';
import { verifyReturnOpening } from '../../../shared/codes/return-key.ts';
import { expresswayUdi, ucmUdi } from '../../support/codes.ts';
import { hasher, otherKeys } from '../../support/ports.ts';
import {
  makeDevice,
  plrCode,
  refusedUnchanged,
  requestingDevice,
  slrCode,
} from '../../support/agent.ts';

function bound(code: string): BoundReturnCode {
  const decoded = decodeReturnCode(code);
  if (decoded.version !== 2) throw new Error('expected a device-bound return code');
  return decoded;
}

describe('return', () => {
  it('returns the installed reservation with a code that opens the key its request committed to', () => {
    const device = requestingDevice('ucm');
    const issued = slrCode({ udi: device.udi, nonce: device.nonce });
    device.agent.install(issued.text);
    const { returnCode } = device.agent.returnReservation();
    const decoded = bound(returnCode);
    expect(decoded).toMatchObject({
      neverInstalled: false,
      reservationType: 'SLR',
      sequence: 1,
      statement: { kind: 'installed', sequence: 1 },
    });
    expect(verifyReturnOpening(device.nonce, device.udi, decoded.opening, hasher)).toBe(true);
    expect(verifyReturnOpening(device.nonce, expresswayUdi, decoded.opening, hasher)).toBe(false);
    expect(device.agent.status()).toMatchObject({
      registrationStatus: 'Reservation In Progress',
      reservationType: null,
      lastReturnCode: returnCode,
      waitingFor: 'request',
    });
  });

  it('keeps a secret per request in its state, and the request nonce commits to it', () => {
    const device = requestingDevice('ucm');
    expect(device.nonce).toHaveLength(20);
    expect(device.state.returnKeys).toEqual([
      { nonce: device.nonce, seed: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    device.agent.cancel();
    const next = decodeRequestCode(device.agent.request().requestCode).nonce;
    expect(next).not.toBe(device.nonce);
    expect(device.state.returnKeys?.map((k) => k.nonce)).toEqual([device.nonce, next]);
  });

  it('a device stored before device-bound returns still returns its reservation with the older code', () => {
    const device = makeDevice('ucm');
    const nonce = 'ABCDEFGHJK';
    device.state.reservation = {
      mode: 'enabled',
      pending: {
        nonce,
        code: encodeRequestCode(device.udi, nonce),
        requestedAt: device.clock.now(),
      },
    };
    delete device.state.returnKeys;
    const issued = slrCode({ udi: device.udi, nonce });
    device.agent.install(issued.text);
    const decoded = decodeReturnCode(device.agent.returnReservation().returnCode);
    expect(decoded.version).toBe(1);
    expect(returnCodeBindsUdi(decoded as LegacyReturnCode, device.udi, hasher)).toBe(true);
    expect(returnCodeAnswers(decoded as LegacyReturnCode, issued.digest)).toBe(true);
    // Its next request gets a key, and a bound return from then on.
    expect(decodeRequestCode(device.agent.request().requestCode).nonce).toHaveLength(20);
    expect(device.state.returnKeys).toHaveLength(1);
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
    const decoded = bound(returnCode);
    expect(decoded).toMatchObject({
      neverInstalled: true,
      reservationType: 'PLR',
      sequence: 1,
      statement: { kind: 'finished' },
    });
    expect(verifyReturnOpening(device.nonce, device.udi, decoded.opening, hasher)).toBe(true);
    expect(device.state.lastReturnCode).toBe(returnCode);
  });

  it('withdraws an update never installed while the older code stays installed; the update can no longer be installed', () => {
    const device = requestingDevice('ucm');
    const first = slrCode({ udi: device.udi, nonce: device.nonce, piid: 'pi-1', sequence: 1 });
    const update = slrCode({ udi: device.udi, nonce: device.nonce, piid: 'pi-1', sequence: 2 });
    device.agent.install(first.text);
    const decoded = bound(device.agent.returnAuthorization(update.text).returnCode);
    expect(decoded).toMatchObject({
      neverInstalled: true,
      statement: { kind: 'withdraw', sequence: 2 },
    });
    expect(device.agent.status().installed?.sequence).toBe(1);
    refusedUnchanged(device, () => device.agent.install(update.text), 'AUTHORIZATION_RETURNED');
  });

  it('refuses to return the same authorization twice and changes nothing', () => {
    const device = requestingDevice('ucm');
    const issued = slrCode({ udi: device.udi, nonce: device.nonce });
    device.agent.cancel();
    device.agent.returnAuthorization(issued.text);
    refusedUnchanged(
      device,
      () => device.agent.returnAuthorization(issued.text),
      'AUTHORIZATION_RETURNED',
    );
  });

  it('refuses a code that answers the request still pending (cancel first) and changes nothing', () => {
    const device = requestingDevice('ucm');
    const issued = slrCode({ udi: device.udi, nonce: device.nonce });
    const facts = refusedUnchanged(
      device,
      () => device.agent.returnAuthorization(issued.text),
      'AUTHORIZATION_ANSWERS_PENDING_REQUEST',
    );
    expect(facts).toEqual({ requestCode: device.requestCode });
  });

  it('refuses a code older than the installed one (it can never be installed) and changes nothing', () => {
    const device = requestingDevice('ucm');
    const first = slrCode({ udi: device.udi, nonce: device.nonce, piid: 'pi-1', sequence: 1 });
    device.agent.install(
      slrCode({ udi: device.udi, nonce: device.nonce, piid: 'pi-1', sequence: 2 }).text,
    );
    const facts = refusedUnchanged(
      device,
      () => device.agent.returnAuthorization(first.text),
      'AUTHORIZATION_OLDER_THAN_INSTALLED',
    );
    expect(facts).toEqual({ installed: 2, found: 1 });
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
