import { describe, expect, it } from 'vitest';
import { ExternalDevice } from '../../../shared/agent/external-device.ts';
import {
  type ExternalDeviceState,
  createExternalDeviceState,
} from '../../../shared/agent/external-device-state.ts';
import type { ExternalPlatform } from '../../../shared/agent/device-commands.ts';
import { encodeRequestCode } from '../../../shared/codes/request-code.ts';
import { encodeBoundReturnCode, encodeReturnCode } from '../../../shared/codes/return-code.ts';
import { committedNonce } from '../../../shared/codes/return-key.ts';
import type { Udi } from '../../../shared/codes/udi.ts';
import { expresswayUdi, ucmUdi } from '../../support/codes.ts';
import { TestClock, authorityKeys, hasher, otherKeys } from '../../support/ports.ts';
import { plrCode, refusal, slrCode } from '../../support/agent.ts';

const CISCO_EXPRESSWAY_REQUEST = 'CB-PEXpressway,S08F8FF3C,V1.0,H320aa69d-A7C3vjcjf-AE';
const CISCO_IOSXE_REQUEST = 'CB-ZC9300-24UX:FCW2134L0RN-AK9A6sMTr-86';
const CISCO_PLR = 'CAVfS8-tqmsHn-ntioqo-Z8Q4wK-jsddDU-3YkM';
const CISCO_RETURN = 'Cvfs8d-Fx1Yev-qmViq3-1KhkSR-iJfCzN-biB';
const NONCE = 'ABCDEFGHJK';

function ledger(platform: ExternalPlatform, udi: Udi, withKey = true) {
  const clock = new TestClock();
  const state = createExternalDeviceState({ udi, platform, now: clock.now() });
  const device = new ExternalDevice(state, {
    clock,
    hasher,
    ...(withKey ? { verifier: authorityKeys.verifier } : {}),
  });
  return { device, state, clock };
}

function refusedUnchanged(state: ExternalDeviceState, act: () => unknown, code: string) {
  const before = structuredClone(state);
  expect(refusal(act).code).toBe(code);
  expect(state).toEqual(before);
}

describe('recording a request code', () => {
  it("accepts the Expressway guide's own request code, noting its check cannot be verified", () => {
    const { device, state } = ledger('expressway', expresswayUdi);
    expect(device.recordRequest(CISCO_EXPRESSWAY_REQUEST)).toEqual({
      code: CISCO_EXPRESSWAY_REQUEST,
    });
    expect(state.progress).toMatchObject({
      stage: 'request-recorded',
      request: { origin: 'cisco', nonce: 'A7C3vjcjf' },
    });
    expect(state.history).toEqual([
      {
        at: state.createdAt,
        action: 'request',
        code: CISCO_EXPRESSWAY_REQUEST,
        notes: ['CISCO_REQUEST_CHECK_UNVERIFIABLE'],
      },
    ]);
    expect(device.status()).toEqual({
      stage: 'request-recorded',
      waitingFor: 'authorization-code',
      commands: [],
      notes: ['CISCO_REQUEST_CHECK_UNVERIFIABLE'],
    });
  });

  it('accepts an IOS-XE request code for its PID and serial', () => {
    const { device } = ledger('ios-xe', { pid: 'C9300-24UX', sn: 'FCW2134L0RN' });
    expect(device.recordRequest(CISCO_IOSXE_REQUEST).code).toBe(CISCO_IOSXE_REQUEST);
  });

  it('refuses a request code for another UDI and changes nothing', () => {
    const { device, state } = ledger('cucm', ucmUdi);
    refusedUnchanged(state, () => device.recordRequest(CISCO_EXPRESSWAY_REQUEST), 'UDI_MISMATCH');
  });

  it('refuses a mistyped Airlock request code and changes nothing', () => {
    const { device, state } = ledger('cucm', ucmUdi);
    const code = encodeRequestCode(ucmUdi, NONCE);
    const typo = code.slice(0, -6) + (code.at(-6) === 'A' ? 'B' : 'A') + code.slice(-5);
    refusedUnchanged(state, () => device.recordRequest(typo), 'REQUEST_CODE_CHECK_FAILED');
  });
});

describe('recording an authorization code', () => {
  function withRequest(platform: ExternalPlatform = 'cucm', udi: Udi = ucmUdi, withKey = true) {
    const l = ledger(platform, udi, withKey);
    l.device.recordRequest(encodeRequestCode(udi, NONCE));
    return l;
  }

  it('accepts an SLR code for the recorded request, then waits for the confirmation code', () => {
    const { device, state } = withRequest();
    const issued = slrCode({ udi: ucmUdi, nonce: NONCE });
    expect(device.recordAuthorization(issued.text)).toEqual({
      type: 'SLR',
      update: false,
      notes: [],
    });
    expect(state.progress).toMatchObject({
      stage: 'authorization-received',
      authorization: { digest: issued.digest },
    });
    expect(device.status()).toEqual({
      stage: 'authorization-received',
      waitingFor: 'confirmation-code',
      commands: [`license smart reservation install "${issued.text}"`],
      notes: [],
    });
  });

  it('refuses an SLR code for another UDI and changes nothing', () => {
    const { device, state } = withRequest();
    const code = slrCode({ udi: { ...ucmUdi, sn: 'ffff1' }, nonce: NONCE }).text;
    refusedUnchanged(state, () => device.recordAuthorization(code), 'UDI_MISMATCH');
  });

  it('refuses an Airlock PLR code bound to another UDI and changes nothing', () => {
    const { device, state } = withRequest();
    const code = plrCode({ udi: expresswayUdi, nonce: NONCE }).text;
    refusedUnchanged(state, () => device.recordAuthorization(code), 'UDI_MISMATCH');
  });

  it('refuses a code for another request, or signed by someone else, and changes nothing', () => {
    const { device, state } = withRequest();
    refusedUnchanged(
      state,
      () => device.recordAuthorization(slrCode({ udi: ucmUdi, nonce: 'ZZZZZZZZZZ' }).text),
      'AUTHORIZATION_REQUEST_MISMATCH',
    );
    refusedUnchanged(
      state,
      () =>
        device.recordAuthorization(
          slrCode({ udi: ucmUdi, nonce: NONCE, signer: otherKeys.signer }).text,
        ),
      'AUTHORIZATION_SIGNATURE_INVALID',
    );
  });

  it('without a trust key, records the code and notes the signature was not checked', () => {
    const { device } = withRequest('cucm', ucmUdi, false);
    expect(device.recordAuthorization(slrCode({ udi: ucmUdi, nonce: NONCE }).text).notes).toEqual([
      'SIGNATURE_NOT_CHECKED',
    ]);
  });

  it('records a Cisco grouped PLR code with a note that its UDI cannot be checked', () => {
    const l = ledger('expressway', expresswayUdi);
    l.device.recordRequest(CISCO_EXPRESSWAY_REQUEST);
    expect(l.device.recordAuthorization(CISCO_PLR)).toEqual({
      type: 'PLR',
      update: false,
      notes: ['PLR_UDI_NOT_CHECKABLE', 'CISCO_SIGNATURE_UNVERIFIABLE'],
    });
    expect(l.device.status()).toMatchObject({
      waitingFor: 'install',
      commands: [`xcommand License Smart Reservation Install "${CISCO_PLR}"`],
    });
    l.device.markInstalled();
    expect(l.device.status()).toMatchObject({ stage: 'installed', waitingFor: 'nothing' });
  });

  it('refuses a mistyped Airlock PLR code rather than taking it for a Cisco one', () => {
    const { device, state } = withRequest();
    const code = plrCode({ udi: ucmUdi, nonce: NONCE }).text;
    const typo = code.slice(0, 9) + (code[9] === 'A' ? 'B' : 'A') + code.slice(10);
    refusedUnchanged(
      state,
      () => device.recordAuthorization(typo),
      'AUTHORIZATION_CODE_CHECK_FAILED',
    );
  });

  it('refuses an authorization before any request was recorded', () => {
    const { device, state } = ledger('cucm', ucmUdi);
    refusedUnchanged(state, () => device.recordAuthorization(CISCO_PLR), 'NO_REQUEST_RECORDED');
  });

  it('records an update while installed, and refuses a replay of the installed code', () => {
    const { device, state } = withRequest();
    const first = slrCode({ udi: ucmUdi, nonce: NONCE });
    device.recordAuthorization(first.text);
    device.recordConfirmation(first.confirmationCode!);
    refusedUnchanged(state, () => device.recordAuthorization(first.text), 'AUTHORIZATION_REPLAYED');
    const update = slrCode({ udi: ucmUdi, nonce: NONCE, sequence: 2 });
    expect(device.recordAuthorization(update.text)).toMatchObject({ update: true });
    refusedUnchanged(
      state,
      () => device.recordRequest(encodeRequestCode(ucmUdi, NONCE)),
      'RESERVATION_INSTALLED',
    );
  });
});

describe('recording confirmation and return codes', () => {
  function received() {
    const l = ledger('cucm', ucmUdi);
    l.device.recordRequest(encodeRequestCode(ucmUdi, NONCE));
    const issued = slrCode({ udi: ucmUdi, nonce: NONCE });
    l.device.recordAuthorization(issued.text);
    return { ...l, issued };
  }

  it('takes the confirmation code (8 hex, case folded) and marks the device installed', () => {
    const { device, state, issued } = received();
    expect(device.recordConfirmation(` ${issued.confirmationCode!.toUpperCase()} `)).toEqual({
      code: issued.confirmationCode,
    });
    expect(state.progress.stage).toBe('installed');
    expect(state.lastConfirmationCode).toBe(issued.confirmationCode);
  });

  it('refuses a malformed or wrong confirmation code and changes nothing', () => {
    const { device, state, issued } = received();
    refusedUnchanged(
      state,
      () => device.recordConfirmation('08715c9'),
      'CONFIRMATION_CODE_MALFORMED',
    );
    const wrong = issued.confirmationCode === '00000000' ? '00000001' : '00000000';
    refusedUnchanged(state, () => device.recordConfirmation(wrong), 'CONFIRMATION_CODE_MISMATCH');
  });

  it('refuses a confirmation for a PLR code, and mark-installed for an SLR code', () => {
    const { device, state } = received();
    refusedUnchanged(state, () => device.markInstalled(), 'CONFIRMATION_REQUIRED');
    const plr = ledger('expressway', expresswayUdi);
    plr.device.recordRequest(CISCO_EXPRESSWAY_REQUEST);
    plr.device.recordAuthorization(CISCO_PLR);
    refusedUnchanged(
      plr.state,
      () => plr.device.recordConfirmation('08715c93'),
      'PLR_HAS_NO_CONFIRMATION',
    );
  });

  it('takes our return code when it is bound to this UDI and the authorization', () => {
    const { device, state, issued, clock } = received();
    device.recordConfirmation(issued.confirmationCode!);
    const grant = {
      udi: ucmUdi,
      authorizationDigest: issued.digest,
      reservationType: 'SLR' as const,
      neverInstalled: false,
      timestamp: clock.now(),
    };
    const forOther = encodeReturnCode({ ...grant, udi: expresswayUdi }, hasher);
    refusedUnchanged(state, () => device.recordReturn(forOther), 'UDI_MISMATCH');
    const forAnother = encodeReturnCode({ ...grant, authorizationDigest: 'f'.repeat(64) }, hasher);
    refusedUnchanged(state, () => device.recordReturn(forAnother), 'RETURN_CODE_MISMATCH');
    const good = encodeReturnCode(grant, hasher);
    expect(device.recordReturn(good)).toEqual({ code: good, notes: [] });
    expect(device.status()).toMatchObject({ stage: 'return-recorded', waitingFor: 'request-code' });
    expect(state.lastReturnCode).toBe(good);
  });

  it('checks a device-bound return code against the recorded Airlock request it answers', () => {
    const seed = '5a'.repeat(32);
    const nonce = committedNonce(seed, ucmUdi, hasher);
    const l = ledger('cucm', ucmUdi);
    l.device.recordRequest(encodeRequestCode(ucmUdi, nonce));
    const issued = slrCode({ udi: ucmUdi, nonce });
    l.device.recordAuthorization(issued.text);
    l.device.recordConfirmation(issued.confirmationCode!);
    const grant = {
      udi: ucmUdi,
      statement: { kind: 'installed' as const, sequence: 1 },
      sequence: 1,
      reservationType: 'SLR' as const,
      neverInstalled: false,
      timestamp: l.clock.now(),
    };
    const forged = encodeBoundReturnCode({ ...grant, seed: '00'.repeat(32) }, hasher);
    refusedUnchanged(l.state, () => l.device.recordReturn(forged), 'RETURN_CODE_NOT_FROM_DEVICE');
    const good = encodeBoundReturnCode({ ...grant, seed }, hasher);
    expect(l.device.recordReturn(good)).toEqual({ code: good, notes: [] });
    expect(l.state.progress).toMatchObject({ stage: 'return-recorded', returnCode: good });
  });

  it('records a device-bound return code it cannot check (the request was not Airlock’s) with a note', () => {
    const l = ledger('expressway', expresswayUdi);
    l.device.recordRequest(CISCO_EXPRESSWAY_REQUEST);
    l.device.recordAuthorization(CISCO_PLR);
    l.device.markInstalled();
    const code = encodeBoundReturnCode(
      {
        udi: expresswayUdi,
        seed: '5a'.repeat(32),
        statement: { kind: 'finished' },
        sequence: 1,
        reservationType: 'PLR',
        neverInstalled: false,
        timestamp: l.clock.now(),
      },
      hasher,
    );
    expect(l.device.recordReturn(code)).toEqual({ code, notes: ['RETURN_BINDING_UNCHECKED'] });
  });

  it('takes a Cisco-shaped return code with a note, and refuses anything else', () => {
    const l = ledger('expressway', expresswayUdi);
    l.device.recordRequest(CISCO_EXPRESSWAY_REQUEST);
    l.device.recordAuthorization(CISCO_PLR);
    l.device.markInstalled();
    refusedUnchanged(l.state, () => l.device.recordReturn('not a code'), 'RETURN_CODE_MALFORMED');
    expect(l.device.recordReturn(CISCO_RETURN)).toEqual({
      code: CISCO_RETURN,
      notes: ['CISCO_RETURN_CODE_UNCHECKED'],
    });
    expect(l.state.progress.stage).toBe('return-recorded');
  });

  it('keeps a Cisco return code of nine groups and a 3-character tail as Cisco’s, even one starting CR', () => {
    const l = ledger('expressway', expresswayUdi);
    l.device.recordRequest(CISCO_EXPRESSWAY_REQUEST);
    l.device.recordAuthorization(CISCO_PLR);
    l.device.markInstalled();
    const cisco = 'CRL7AU-RaGyRi-dGWrct-Mex5qo-hZbfKf-Pp84Vg-m3QZre-FXjAbH-59J';
    expect(l.device.recordReturn(cisco)).toEqual({
      code: cisco,
      notes: ['CISCO_RETURN_CODE_UNCHECKED'],
    });
  });

  it('a cancel before install goes back to new, noting the authorization still needs returning', () => {
    const { device, state } = received();
    device.recordCancel();
    expect(state.progress).toEqual({ stage: 'new' });
    expect(state.history.at(-1)).toMatchObject({
      action: 'cancel',
      notes: ['AUTHORIZATION_NOT_RETURNED'],
    });
  });
});

describe('IOS-XE install line', () => {
  it('offers the install-from-file line for an SLR code, which IOS-XE cannot take inline', () => {
    const udi = { pid: 'C9300-24UX', sn: 'FCW2134L0RN' };
    const { device } = ledger('ios-xe', udi);
    const request = encodeRequestCode(udi, 'ABCDEFGHJK');
    device.recordRequest(request);
    device.recordAuthorization(slrCode({ udi, nonce: 'ABCDEFGHJK' }).text);
    expect(device.status().commands).toEqual([
      'license smart reservation install file usbflash0:authorization-code.txt',
    ]);
  });
});
