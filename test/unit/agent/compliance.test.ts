import { describe, expect, it } from 'vitest';
import { entitlement } from '../../support/codes.ts';
import {
  TAGS,
  makeDevice,
  plrCode,
  refusal,
  requestingDevice,
  slrCode,
} from '../../support/agent.ts';

function reservedUcm(
  entitlements = [
    entitlement({ tag: TAGS.enhanced, count: 4 }),
    entitlement({ tag: TAGS.cuwl, count: 2, displayName: 'UC Manager CUWL License (12.x)' }),
  ],
) {
  const device = requestingDevice('ucm');
  device.agent.install(slrCode({ udi: device.udi, nonce: device.nonce, entitlements }).text);
  return device;
}

describe('license status under SLR', () => {
  it('shows Init for a reserved license not in use', () => {
    const { agent } = reservedUcm();
    expect(agent.status().licenses.map((l) => [l.tag, l.reserved, l.inUse, l.status])).toEqual([
      [TAGS.enhanced, 4, 0, 'Init'],
      [TAGS.cuwl, 2, 0, 'Init'],
    ]);
    expect(agent.status().authorizationStatus).toBe('Authorized - Reserved');
  });

  it('is InCompliance up to the reserved count and OutOfCompliance above it', () => {
    const { agent } = reservedUcm();
    agent.setUsage(TAGS.enhanced, 4);
    expect(agent.status().licenses[0]).toMatchObject({ inUse: 4, status: 'InCompliance' });
    expect(agent.status().authorizationStatus).toBe('Authorized - Reserved');
    agent.setUsage(TAGS.enhanced, 5);
    expect(agent.status().licenses[0]).toMatchObject({ inUse: 5, status: 'OutOfCompliance' });
    expect(agent.status().authorizationStatus).toBe('Out of Compliance');
  });

  it('does not borrow a higher tier for a lower one', () => {
    // 2 CUWL reserved and unused, 5 Enhanced in use against 4 reserved: still out of compliance.
    const { agent } = reservedUcm();
    agent.setUsage(TAGS.enhanced, 5);
    const lines = agent.status().licenses;
    expect(lines.find((l) => l.tag === TAGS.enhanced)?.status).toBe('OutOfCompliance');
    expect(lines.find((l) => l.tag === TAGS.cuwl)).toMatchObject({ inUse: 0, status: 'Init' });
    expect(agent.status().authorizationStatus).toBe('Out of Compliance');
  });

  it('shows Not Authorized for a license in use but not reserved', () => {
    const { agent } = reservedUcm();
    agent.setUsage(TAGS.basic, 1, 'UC Manager Basic License (12.x)');
    expect(agent.status().licenses.at(-1)).toMatchObject({
      tag: TAGS.basic,
      displayName: 'UC Manager Basic License (12.x)',
      reserved: 0,
      inUse: 1,
      status: 'Not Authorized',
    });
    expect(agent.status().authorizationStatus).toBe('Out of Compliance');
  });
});

describe('license status without a reservation', () => {
  it('shows Waiting for licenses in use while a request is pending', () => {
    const device = requestingDevice('ucm');
    device.agent.setUsage(TAGS.enhanced, 3);
    expect(device.agent.status().licenses).toEqual([
      expect.objectContaining({ tag: TAGS.enhanced, inUse: 3, reserved: 0, status: 'Waiting' }),
    ]);
    expect(device.agent.status().authorizationStatus).toBe('Evaluation Mode');
  });

  it('shows Evaluation Mode for consumed licenses while reservation is disabled', () => {
    const { agent } = makeDevice('ucm');
    expect(agent.status().authorizationStatus).toBe('No Licenses in Use');
    agent.setUsage(TAGS.enhanced, 3);
    expect(agent.status().licenses[0]?.status).toBe('Evaluation Mode');
    expect(agent.status().authorizationStatus).toBe('Evaluation Mode');
  });

  it('forgets a tag whose consumption drops to zero', () => {
    const { agent, state } = makeDevice('ucm');
    agent.setUsage(TAGS.enhanced, 3);
    agent.setUsage(TAGS.enhanced, 0);
    expect(state.usage).toEqual([]);
    expect(agent.status().licenses).toEqual([]);
  });

  it('refuses a negative or fractional count and changes nothing', () => {
    const device = makeDevice('ucm');
    const before = structuredClone(device.state);
    expect(refusal(() => device.agent.setUsage(TAGS.enhanced, -1)).code).toBe('USAGE_INVALID');
    expect(refusal(() => device.agent.setUsage(TAGS.enhanced, 1.5)).code).toBe('USAGE_INVALID');
    expect(refusal(() => device.agent.setUsage('has space', 1)).code).toBe('USAGE_INVALID');
    expect(device.state).toEqual(before);
  });
});

describe('PLR', () => {
  it('authorizes everything in use (platform capacity): InCompliance, reserved null', () => {
    const device = requestingDevice('expressway');
    device.agent.install(plrCode({ udi: device.udi, nonce: device.nonce }).text);
    device.agent.setUsage(TAGS.rms, 400);
    expect(device.agent.status().licenses).toEqual([
      expect.objectContaining({
        tag: TAGS.rms,
        reserved: null,
        inUse: 400,
        status: 'InCompliance',
      }),
    ]);
    expect(device.agent.status().authorizationStatus).toBe('Authorized - Reserved');
  });
});
