import { describe, expect, it } from 'vitest';
import { decodeRequestCode } from '../../../shared/codes/request-code.ts';
import { createDeviceState } from '../../../shared/agent/device-state.ts';
import { expresswayUdi } from '../../support/codes.ts';
import {
  TAGS,
  makeDevice,
  refusal,
  refusedUnchanged,
  requestingDevice,
  slrCode,
} from '../../support/agent.ts';

describe('a factory-fresh device', () => {
  it('is a JSON document with a schema version, reservation disabled, Unregistered', () => {
    const { state, agent } = makeDevice('ucm');
    expect(state.schemaVersion).toBe(1);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(agent.status()).toMatchObject({
      registrationStatus: 'Unregistered',
      authorizationStatus: 'No Licenses in Use',
      reservationType: null,
      pendingRequestCode: null,
      exportControlled: 'Not Allowed',
      waitingFor: 'enable',
      lastConfirmationCode: null,
      lastReturnCode: null,
    });
  });

  it('refuses an invalid UDI at creation', () => {
    expect(
      refusal(() => createDeviceState({ udi: { pid: '', sn: 'x' }, product: 'ucm', now: 0 })).code,
    ).toBe('UDI_INVALID');
  });

  it('works in place on the state it was given', () => {
    const { state, agent } = makeDevice('ucm');
    agent.enable();
    expect(state.reservation).toEqual({ mode: 'enabled', pending: null });
    expect(agent.state).toBe(state);
  });
});

describe('enable, disable', () => {
  it('enable → Reservation In Progress, waiting for a request; enabling again changes nothing', () => {
    const device = makeDevice('ucm');
    expect(device.agent.enable()).toEqual({ changed: true });
    expect(device.agent.status()).toMatchObject({
      registrationStatus: 'Reservation In Progress',
      waitingFor: 'request',
    });
    const before = structuredClone(device.state);
    expect(device.agent.enable()).toEqual({ changed: false });
    expect(device.state).toEqual(before);
  });

  it('disable returns to Unregistered when nothing is pending or installed', () => {
    const { agent } = makeDevice('ucm');
    agent.enable();
    expect(agent.disable()).toEqual({ changed: true });
    expect(agent.status().registrationStatus).toBe('Unregistered');
  });

  it('refuses to disable while a request is pending and changes nothing', () => {
    const device = requestingDevice('ucm');
    refusedUnchanged(device, () => device.agent.disable(), 'REQUEST_PENDING');
  });

  it('refuses to disable while a reservation is installed and changes nothing', () => {
    const device = requestingDevice('ucm');
    device.agent.install(slrCode({ udi: device.udi, nonce: device.nonce }).text);
    refusedUnchanged(device, () => device.agent.disable(), 'RESERVATION_INSTALLED');
  });
});

describe('request', () => {
  it('refuses a request while reservation is disabled and changes nothing', () => {
    const device = makeDevice('ucm');
    refusedUnchanged(device, () => device.agent.request(), 'RESERVATION_NOT_ENABLED');
  });

  it('prints a request code bound to the UDI, and the same code again while it is pending', () => {
    const device = makeDevice('expressway');
    device.agent.enable();
    const first = device.agent.request();
    expect(first.reused).toBe(false);
    expect(first.requestCode).toMatch(
      /^CB-PExpressway,S08F8FF3C,V1\.0,H320aa69d-[0-9A-Z]{20}-[0-9A-Z]{4}$/,
    );
    expect(decodeRequestCode(first.requestCode).udi).toEqual(expresswayUdi);
    expect(device.agent.request()).toEqual({ requestCode: first.requestCode, reused: true });
    expect(device.agent.status()).toMatchObject({
      pendingRequestCode: first.requestCode,
      waitingFor: 'authorization',
    });
  });

  it('gives a new code after a cancel and remembers the cancelled nonce', () => {
    const device = requestingDevice('ucm');
    expect(device.agent.cancel()).toEqual({ cancelledRequestCode: device.requestCode });
    expect(device.state.cancelledNonces).toEqual([device.nonce]);
    expect(device.agent.status()).toMatchObject({
      pendingRequestCode: null,
      waitingFor: 'request',
    });
    const again = device.agent.request();
    expect(again.reused).toBe(false);
    expect(again.requestCode).not.toBe(device.requestCode);
  });

  it('answers Already registered once an authorization is installed, and changes nothing', () => {
    const device = requestingDevice('ucm');
    device.agent.install(slrCode({ udi: device.udi, nonce: device.nonce }).text);
    refusedUnchanged(device, () => device.agent.request(), 'ALREADY_REGISTERED');
  });
});

describe('cancel', () => {
  it('refuses a cancel with no pending request and changes nothing', () => {
    const device = makeDevice('ucm');
    device.agent.enable();
    refusedUnchanged(device, () => device.agent.cancel(), 'NO_PENDING_REQUEST');
  });

  it('refuses a cancel after the install and changes nothing', () => {
    const device = requestingDevice('ucm');
    device.agent.install(slrCode({ udi: device.udi, nonce: device.nonce }).text);
    const facts = refusedUnchanged(device, () => device.agent.cancel(), 'NO_PENDING_REQUEST');
    expect(facts).toEqual({ installed: true });
  });
});

describe('status', () => {
  it('is a pure read: it never changes the state', () => {
    const device = requestingDevice('ucm');
    device.agent.setUsage(TAGS.enhanced, 2);
    device.clock.advanceDays(95);
    const before = structuredClone(device.state);
    device.agent.status();
    expect(device.state).toEqual(before);
  });
});

describe('events', () => {
  it('reports what happened, once', () => {
    const device = requestingDevice('ucm');
    const events = device.agent.drainEvents().map((e) => e.type);
    expect(events).toEqual(['reservation-enabled', 'request-created']);
    expect(device.agent.drainEvents()).toEqual([]);
  });
});
