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

const accountSecurity = (count: number, extra = {}) =>
  entitlement({
    tag: TAGS.accountSecurity,
    count,
    displayName: 'Expressway Advanced Account Security',
    exportControlled: true,
    ...extra,
  });

function expresswayWith(entitlements: ReturnType<typeof entitlement>[]) {
  const device = requestingDevice('expressway');
  device.agent.install(slrCode({ udi: device.udi, nonce: device.nonce, entitlements }).text);
  return device;
}

describe('export-controlled functionality', () => {
  it('is Not Allowed with nothing installed', () => {
    expect(makeDevice('expressway').agent.status().exportControlled).toBe('Not Allowed');
  });

  it('is Allowed with PLR with Export Control, Not Allowed with PLR without', () => {
    const withEc = requestingDevice('expressway');
    withEc.agent.install(
      plrCode({ udi: withEc.udi, nonce: withEc.nonce, exportControl: true }).text,
    );
    expect(withEc.agent.status().exportControlled).toBe('Allowed');
    const without = requestingDevice('expressway');
    without.agent.install(plrCode({ udi: without.udi, nonce: without.nonce }).text);
    expect(without.agent.status().exportControlled).toBe('Not Allowed');
  });

  it('is Allowed when an SLR reserves an export-controlled license with a count above zero', () => {
    expect(expresswayWith([accountSecurity(1)]).agent.status().exportControlled).toBe('Allowed');
    expect(expresswayWith([accountSecurity(0)]).agent.status().exportControlled).toBe(
      'Not Allowed',
    );
    expect(
      expresswayWith([entitlement({ tag: TAGS.rms, count: 5 })]).agent.status().exportControlled,
    ).toBe('Not Allowed');
  });

  it('stops being Allowed when the export-controlled TERM license expires (Expressway: at restart)', () => {
    const device = expresswayWith([
      accountSecurity(1, { licenseType: 'TERM', endDate: '2026-01-20' }),
    ]);
    device.clock.ms = Date.UTC(2026, 0, 22);
    expect(device.agent.status().exportControlled).toBe('Allowed');
    device.agent.restart();
    expect(device.agent.status().exportControlled).toBe('Not Allowed');
  });
});

describe('encrypted sessions on Expressway when export control is Not Allowed', () => {
  it('admits up to 2500, alarms at 90 % and 100 %', () => {
    const { agent } = makeDevice('expressway');
    expect(agent.admitEncryptedSessions(2249)).toEqual({
      admitted: 2249,
      refused: 0,
      active: 2249,
      limit: 2500,
    });
    expect(agent.status().alarms).toEqual([]);
    agent.admitEncryptedSessions(1);
    expect(agent.status().alarms).toEqual([
      expect.objectContaining({
        code: 'EXPORT_LIMIT_APPROACHING',
        severity: 'minor',
        facts: { active: 2250, limit: 2500 },
      }),
    ]);
    expect(agent.admitEncryptedSessions(300)).toEqual({
      admitted: 250,
      refused: 50,
      refusedBecause: 'export-limit',
      active: 2500,
      limit: 2500,
    });
    expect(agent.status().alarms).toEqual([
      expect.objectContaining({
        code: 'EXPORT_LIMIT_REACHED',
        severity: 'major',
        facts: { active: 2500, limit: 2500 },
      }),
    ]);
  });

  it('once the limit was reached, admits again only below 99 % (2475 of 2500)', () => {
    const { agent } = makeDevice('expressway');
    agent.admitEncryptedSessions(2500);
    agent.endEncryptedSessions(25);
    expect(agent.admitEncryptedSessions(1)).toMatchObject({
      admitted: 0,
      refused: 1,
      active: 2475,
    });
    expect(agent.status().alarms.map((a) => a.code)).toEqual(['EXPORT_LIMIT_REACHED']);
    agent.endEncryptedSessions(1);
    expect(agent.status().alarms.map((a) => a.code)).toEqual(['EXPORT_LIMIT_APPROACHING']);
    expect(agent.admitEncryptedSessions(30)).toMatchObject({
      admitted: 26,
      refused: 4,
      active: 2500,
    });
  });

  it('limits to 2244 with WebRTC enabled, and back to 2500 when it is disabled', () => {
    const { agent } = makeDevice('expressway');
    agent.setWebRtc(true);
    expect(agent.admitEncryptedSessions(3000)).toEqual({
      admitted: 2244,
      refused: 756,
      refusedBecause: 'export-limit',
      active: 2244,
      limit: 2244,
    });
    agent.setWebRtc(false);
    // Still above 99 % of 2500? No: 2244 < 2475, so the flag clears and room opens up.
    expect(agent.admitEncryptedSessions(1000)).toEqual({
      admitted: 256,
      refused: 744,
      refusedBecause: 'export-limit',
      active: 2500,
      limit: 2500,
    });
  });

  it('raises the 90 % alarm at 2020 of 2244 with WebRTC', () => {
    const { agent } = makeDevice('expressway');
    agent.setWebRtc(true);
    agent.admitEncryptedSessions(2019);
    expect(agent.status().alarms).toEqual([]);
    agent.admitEncryptedSessions(1);
    expect(agent.status().alarms.map((a) => a.code)).toEqual(['EXPORT_LIMIT_APPROACHING']);
  });

  it('has no limit when export-controlled functionality is Allowed', () => {
    const device = expresswayWith([accountSecurity(1)]);
    expect(device.agent.admitEncryptedSessions(5000)).toEqual({
      admitted: 5000,
      refused: 0,
      active: 5000,
      limit: null,
    });
    expect(device.agent.status().alarms).toEqual([]);
  });

  it('are not counted on CUCM (the limit is an Expressway rule): refused, nothing changes', () => {
    const device = makeDevice('ucm');
    const before = structuredClone(device.state);
    expect(refusal(() => device.agent.admitEncryptedSessions(3000)).code).toBe(
      'SESSIONS_NOT_APPLICABLE',
    );
    expect(refusal(() => device.agent.setEncryptedSessions(3000)).code).toBe(
      'SESSIONS_NOT_APPLICABLE',
    );
    expect(device.state).toEqual(before);
  });

  it('refuses to end more sessions than are active, and changes nothing', () => {
    const device = makeDevice('expressway');
    device.agent.admitEncryptedSessions(3);
    const before = structuredClone(device.state);
    expect(refusal(() => device.agent.endEncryptedSessions(4)).code).toBe('SESSION_COUNT_INVALID');
    expect(refusal(() => device.agent.admitEncryptedSessions(-1)).code).toBe(
      'SESSION_COUNT_INVALID',
    );
    expect(device.state).toEqual(before);
  });

  it('drops active sessions at restart', () => {
    const { agent } = makeDevice('expressway');
    agent.admitEncryptedSessions(2500);
    agent.restart();
    expect(agent.status().encryptedSessions).toEqual({
      active: 0,
      limit: 2500,
      limitReached: false,
      webRtc: false,
    });
  });
});
