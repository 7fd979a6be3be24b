import { describe, expect, it } from 'vitest';
import { CLOCK_TOLERANCE_MS, momentOf } from '../../../shared/agent/clock-honesty.ts';
import { entitlement } from '../../support/codes.ts';
import { TAGS, requestingDevice, slrCode } from '../../support/agent.ts';

const DAY = 86_400_000;

/** A device holding a TERM license ending 2026-01-20 (the test clock starts 2026-01-15 09:00 UTC). */
function withTerm(product: 'ucm' | 'expressway') {
  const tag = product === 'ucm' ? TAGS.cuwl : TAGS.rms;
  const device = requestingDevice(product);
  const term = entitlement({
    tag,
    count: 10,
    licenseType: 'TERM',
    startDate: '2026-01-01',
    endDate: '2026-01-20',
  });
  device.agent.install(
    slrCode({ udi: device.udi, nonce: device.nonce, entitlements: [term] }).text,
  );
  device.agent.setUsage(tag, 5);
  return { ...device, tag };
}

const endOfTerm = Date.UTC(2026, 0, 20, 23, 59, 59, 999);

describe('TERM licenses on CUCM', () => {
  it('are valid through the end of the end date (UTC)', () => {
    const { agent, clock } = withTerm('ucm');
    clock.ms = endOfTerm;
    expect(agent.status().licenses[0]).toMatchObject({
      status: 'InCompliance',
      endDate: '2026-01-20',
    });
  });

  it('expire at once after it: Expired, Authorization Expired, alarms, the overage begins', () => {
    const { agent, clock, tag } = withTerm('ucm');
    clock.ms = endOfTerm + 1;
    agent.observeTime();
    const status = agent.status();
    expect(status.licenses[0]).toMatchObject({ tag, status: 'Expired' });
    expect(status.authorizationStatus).toBe('Authorization Expired');
    expect(status.alarms).toEqual([
      {
        code: 'TERM_LICENSE_EXPIRED',
        severity: 'major',
        facts: { tag, endDate: '2026-01-20' },
        raisedAt: endOfTerm + 1,
      },
      {
        code: 'OUT_OF_COMPLIANCE',
        severity: 'major',
        facts: { overageRemainingDays: 90 },
        raisedAt: endOfTerm + 1,
      },
    ]);
    expect(status.overage).toMatchObject({ running: true, remainingDays: 90 });
  });
});

describe('TERM licenses on Expressway', () => {
  it('keep working after the end date until the next restart, with an alarm saying so', () => {
    const { agent, clock, tag } = withTerm('expressway');
    clock.ms = endOfTerm + DAY;
    const status = agent.status();
    expect(status.licenses[0]).toMatchObject({ tag, status: 'InCompliance' });
    expect(status.authorizationStatus).toBe('Authorized - Reserved');
    expect(status.alarms.map((a) => a.code)).toEqual(['TERM_LICENSE_STOPS_AT_RESTART']);
  });

  it('stop at the restart: Expired, and the alarm becomes the expiry alarm', () => {
    const { agent, clock, tag } = withTerm('expressway');
    clock.ms = endOfTerm + DAY;
    expect(agent.restart()).toEqual({ stopped: [tag] });
    const status = agent.status();
    expect(status.licenses[0]).toMatchObject({ tag, status: 'Expired' });
    expect(status.authorizationStatus).toBe('Authorization Expired');
    expect(status.alarms.map((a) => [a.code, a.facts.tag])).toEqual([
      ['TERM_LICENSE_EXPIRED', tag],
      ['OUT_OF_COMPLIANCE', undefined],
    ]);
  });

  it('a restart before the end date enforces nothing', () => {
    const { agent, clock } = withTerm('expressway');
    clock.ms = endOfTerm - DAY;
    expect(agent.restart()).toEqual({ stopped: [] });
    expect(agent.status().licenses[0]?.status).toBe('InCompliance');
  });
});

describe('clock honesty', () => {
  it('absorbs small backward steps within the tolerance silently', () => {
    expect(momentOf(1000 - CLOCK_TOLERANCE_MS, 1000)).toEqual({
      now: 1000,
      observed: 1000 - CLOCK_TOLERANCE_MS,
      setBack: false,
    });
    expect(momentOf(999 - CLOCK_TOLERANCE_MS, 1000).setBack).toBe(true);
  });

  it('raises CLOCK_SET_BACK when the clock goes back more than five minutes', () => {
    const { agent, clock } = withTerm('ucm');
    clock.advanceDays(1);
    agent.observeTime();
    const latest = clock.ms;
    clock.ms = latest - 10 * 60_000;
    expect(agent.observeTime()).toEqual({ now: latest, clockSetBack: true });
    expect(agent.status().alarms).toContainEqual({
      code: 'CLOCK_SET_BACK',
      severity: 'major',
      facts: { observedAt: latest - 10 * 60_000, latestSeenAt: latest },
      raisedAt: latest,
    });
  });

  it('never extends a license: a clock set back before the end date keeps it Expired', () => {
    const { agent, clock, tag } = withTerm('ucm');
    clock.ms = endOfTerm + 1;
    agent.observeTime();
    clock.ms = Date.UTC(2026, 0, 16);
    const status = agent.status();
    expect(status.licenses[0]).toMatchObject({ tag, status: 'Expired' });
    expect(status.alarms.map((a) => a.code).sort()).toEqual([
      'CLOCK_SET_BACK',
      'OUT_OF_COMPLIANCE',
      'TERM_LICENSE_EXPIRED',
    ]);
    expect(status.now).toBe(endOfTerm + 1);
  });

  it('on Expressway, a restart with the clock set back still enforces the expiry', () => {
    const { agent, clock, tag } = withTerm('expressway');
    clock.ms = endOfTerm + DAY;
    agent.observeTime();
    clock.ms = Date.UTC(2026, 0, 16);
    expect(agent.restart()).toEqual({ stopped: [tag] });
    expect(agent.status().licenses[0]?.status).toBe('Expired');
  });

  it('clears the alarm once the clock has caught up again', () => {
    const { agent, clock } = withTerm('ucm');
    clock.advanceDays(1);
    agent.observeTime();
    clock.advanceDays(-1);
    agent.observeTime();
    clock.advanceDays(1);
    agent.observeTime();
    expect(agent.status().alarms.map((a) => a.code)).not.toContain('CLOCK_SET_BACK');
  });
});
