import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../../shared/agent/console/execute-command.ts';
import { syslogLine } from '../../../shared/agent/syslog.ts';
import { entitlement } from '../../support/codes.ts';
import {
  TAGS,
  makeDevice,
  plrCode,
  refusedUnchanged,
  requestingDevice,
  slrCode,
} from '../../support/agent.ts';

const DAY = 86_400_000;

// Seed 002, "UCMでのスマートライセンスの状態", the status table's "Message on UI" column.
const EVALUATION_89 =
  'Smart Software Licensing: The system is currently unregistered and running in Evaluation mode with 89 days remaining. Register with Smart Software Manager or Smart Software Manager satellite to avoid losing the ability to provision users and devices.';
const EVALUATION_EXPIRED =
  'Smart Software Licensing: The system is currently unregistered and the evaluation period has expired. Register with Smart Software Manager or Smart Software Manager satellite to avoid losing the ability to provision users and devices.';
const OUT_OF_COMPLIANCE =
  'Smart Software Licensing: The system is operating with an insufficient number of licenses. Configure additional licenses in Smart Software Manager within 90 days to avoid losing the ability to provision users and devices.';

function showStatus(device: ReturnType<typeof makeDevice>): string {
  return executeCommand(device.agent, 'show license status').output;
}

/** A CUCM with 4 Enhanced reserved (SLR) and consuming `inUse`. */
function reservedUcm(inUse: number) {
  const device = requestingDevice('ucm');
  device.agent.install(
    slrCode({
      udi: device.udi,
      nonce: device.nonce,
      entitlements: [entitlement({ tag: TAGS.enhanced, count: 4 })],
    }).text,
  );
  device.agent.setUsage(TAGS.enhanced, inUse);
  return device;
}

describe('the evaluation period, as CUCM enforces it (seed 002)', () => {
  it('shows the seed banner with the days left while unregistered and consuming', () => {
    const device = makeDevice('ucm');
    device.agent.setUsage(TAGS.enhanced, 10);
    device.clock.advance(DAY / 2);
    const status = device.agent.status();
    expect(status.authorizationStatus).toBe('Evaluation Mode');
    expect(status.banner?.text).toBe(EVALUATION_89);
    expect(status.provisioningBlocked).toBeNull();
    expect(showStatus(device)).toContain(`======================\n\n${EVALUATION_89}\n\n`);
  });

  it('no banner and no clock while nothing is consumed', () => {
    const device = makeDevice('ucm');
    device.clock.advanceDays(200);
    expect(device.agent.status().banner).toBeNull();
    device.agent.setUsage(TAGS.basic, 1);
    expect(device.agent.status().evaluation.remainingDays).toBe(90);
  });

  it('refuses new users and devices once the 90 days are spent, and changes nothing', () => {
    const device = makeDevice('ucm');
    device.agent.setUsage(TAGS.enhanced, 10);
    device.clock.advanceDays(90);
    const status = device.agent.status();
    expect(status.authorizationStatus).toBe('Evaluation Expired');
    expect(status.banner?.text).toBe(EVALUATION_EXPIRED);
    expect(status.provisioningBlocked).toBe('evaluation-expired');
    const facts = refusedUnchanged(
      device,
      () => device.agent.setUsage(TAGS.enhanced, 11),
      'PROVISIONING_BLOCKED',
    );
    expect(facts).toMatchObject({ reason: 'evaluation-expired', inUse: 10, requested: 11 });
    refusedUnchanged(device, () => device.agent.setUsage(TAGS.basic, 1), 'PROVISIONING_BLOCKED');
    // Fewer users and devices is always possible.
    device.agent.setUsage(TAGS.enhanced, 9);
    expect(device.agent.status().licenses[0]?.inUse).toBe(9);
    expect(showStatus(device)).toContain(
      '  Provisioning of users and devices: NOT ALLOWED (the evaluation period has expired)',
    );
  });

  it('provisions again once a reservation is installed', () => {
    const device = requestingDevice('ucm');
    device.agent.setUsage(TAGS.enhanced, 2);
    device.clock.advanceDays(91);
    expect(device.agent.status().provisioningBlocked).toBe('evaluation-expired');
    device.agent.install(slrCode({ udi: device.udi, nonce: device.nonce }).text);
    device.agent.setUsage(TAGS.enhanced, 4);
    expect(device.agent.status()).toMatchObject({
      authorizationStatus: 'Authorized - Reserved',
      provisioningBlocked: null,
      banner: null,
    });
  });

  it("sends Cisco's syslog lines on the schedule of seed 003", () => {
    const device = makeDevice('ucm');
    device.agent.setUsage(TAGS.enhanced, 1);
    device.clock.advanceDays(97);
    device.agent.observeTime();
    const lines = device.agent.status().syslog.map((e) => e.message);
    expect(lines.slice(0, 3)).toEqual([
      '%SMART_LIC-4-EVAL_WILL_EXPIRE_WARNING: Evaluation period will expire in 60 days.',
      '%SMART_LIC-4-EVAL_WILL_EXPIRE_WARNING: Evaluation period will expire in 30 days.',
      '%SMART_LIC-4-EVAL_WILL_EXPIRE_WARNING: Evaluation period will expire in 23 days.',
    ]);
    expect(lines).toContain(
      '%SMART_LIC-4-EVAL_WILL_EXPIRE_WARNING: Evaluation period will expire in 1 hour.',
    );
    expect(lines.slice(-2)).toEqual([
      '%SMART_LIC-3-EVAL_EXPIRED: Evaluation period expired.',
      '%SMART_LIC-3-EVAL_EXPIRED_WARNING: Evaluation period expired on Apr 15 09:00:00 2026 UTC.',
    ]);
    expect(syslogLine(device.agent.status().syslog.at(-1)!)).toBe(
      '*Apr 22 09:00:00 2026 UTC: %SMART_LIC-3-EVAL_EXPIRED_WARNING: Evaluation period expired on Apr 15 09:00:00 2026 UTC.',
    );
  });
});

describe('the syslog, read while nothing happens', () => {
  it('shows what the agent would have sent by now, and keeps it once something happens', () => {
    const device = makeDevice('ucm');
    device.agent.setUsage(TAGS.enhanced, 1);
    device.clock.advanceDays(91);
    const before = structuredClone(device.state);
    const shown = device.agent.status().syslog.map((e) => e.message);
    expect(device.state).toEqual(before);
    expect(shown.at(-1)).toBe('%SMART_LIC-3-EVAL_EXPIRED: Evaluation period expired.');
    device.agent.observeTime();
    expect(device.agent.status().syslog.map((e) => e.message)).toEqual(shown);
  });
});

describe('the overage period, out of compliance (seed 002)', () => {
  it('shows the seed banner and counts the 90 days down while out of compliance', () => {
    const device = reservedUcm(5);
    const status = device.agent.status();
    expect(status.authorizationStatus).toBe('Out of Compliance');
    expect(status.banner?.text).toBe(OUT_OF_COMPLIANCE);
    expect(status.syslog.at(-1)?.message).toBe(
      '%SMART_LIC-3-OUT_OF_COMPLIANCE: One or more entitlements are out of compliance.',
    );
    device.clock.advanceDays(30);
    expect(device.agent.status().overage).toMatchObject({ running: true, remainingDays: 60 });
    expect(device.agent.status().alarms).toContainEqual(
      expect.objectContaining({ code: 'OUT_OF_COMPLIANCE', facts: { overageRemainingDays: 60 } }),
    );
    // Still provisioning while overage days remain.
    device.agent.setUsage(TAGS.enhanced, 6);
    expect(showStatus(device)).toContain(
      'Overage Period:\n  Overage Mode: In Use\n  Overage Period Remaining: 60 days, 0 hr, 0 min',
    );
  });

  it('refuses new users and devices after the 90 days, until the device complies again', () => {
    const device = reservedUcm(5);
    device.clock.advanceDays(90);
    device.agent.observeTime();
    const status = device.agent.status();
    expect(status.provisioningBlocked).toBe('overage-expired');
    expect(status.alarms.map((a) => a.code)).toEqual(['OVERAGE_EXPIRED']);
    expect(showStatus(device)).toContain('  OVERAGE PERIOD EXPIRED on Apr 15 09:00:00 2026 UTC');
    expect(showStatus(device)).toContain(
      '  Provisioning of users and devices: NOT ALLOWED (the overage period has expired)',
    );
    expect(
      refusedUnchanged(
        device,
        () => device.agent.setUsage(TAGS.enhanced, 6),
        'PROVISIONING_BLOCKED',
      ),
    ).toMatchObject({ reason: 'overage-expired', product: 'ucm' });
    device.agent.setUsage(TAGS.enhanced, 4);
    expect(device.agent.status()).toMatchObject({
      authorizationStatus: 'Authorized - Reserved',
      provisioningBlocked: null,
      banner: null,
    });
  });

  it('keeps a spent overage: going out of compliance again blocks at once', () => {
    const device = reservedUcm(5);
    device.clock.advanceDays(30);
    device.agent.setUsage(TAGS.enhanced, 4);
    device.clock.advanceDays(100);
    device.agent.setUsage(TAGS.enhanced, 5);
    expect(device.agent.status().overage.remainingDays).toBe(60);
    device.clock.advanceDays(60);
    expect(device.agent.status().provisioningBlocked).toBe('overage-expired');
  });

  it('never applies under PLR, which authorizes everything', () => {
    const device = requestingDevice('expressway');
    device.agent.install(plrCode({ udi: device.udi, nonce: device.nonce }).text);
    device.agent.setUsage(TAGS.rms, 5000);
    device.clock.advanceDays(400);
    expect(device.agent.status()).toMatchObject({ banner: null, provisioningBlocked: null });
  });
});

describe('Expressway after its evaluation (seed 001)', () => {
  it('registers no new devices: sessions refused, with its own banner', () => {
    const device = makeDevice('expressway');
    device.agent.setUsage(TAGS.rms, 3);
    device.agent.setEncryptedSessions(10);
    device.clock.advanceDays(91);
    const status = device.agent.status();
    expect(status.banner).toMatchObject({ code: 'EXPRESSWAY_EVALUATION_EXPIRED' });
    expect(device.agent.setEncryptedSessions(20)).toEqual({
      admitted: 0,
      refused: 10,
      refusedBecause: 'evaluation-expired',
      active: 10,
      limit: 2500,
    });
    expect(executeCommand(device.agent, 'xstatus License').output).toContain(
      '        NewRegistrations: "Not Allowed"',
    );
    // Ending sessions is always possible.
    expect(device.agent.setEncryptedSessions(5).active).toBe(5);
  });
});
