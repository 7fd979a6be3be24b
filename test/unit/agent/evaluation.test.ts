import { describe, expect, it } from 'vitest';
import {
  EVALUATION_PERIOD_MS,
  EVALUATION_WARNING_THRESHOLDS_MS,
  evaluationWarningsCrossed,
  expiredReminders,
  nextEvaluationWarning,
} from '../../../shared/agent/evaluation.ts';
import { TAGS, makeDevice, requestingDevice, slrCode } from '../../support/agent.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the evaluation warning schedule', () => {
  it('is 60 and 30 days, weekly in the last 30 days, daily in the last week, hourly on the last day', () => {
    const days = [60, 30, 23, 16, 9, 7, 6, 5, 4, 3, 2, 1].map((d) => d * DAY);
    const hours = Array.from({ length: 23 }, (_, i) => (23 - i) * HOUR);
    expect(EVALUATION_WARNING_THRESHOLDS_MS).toEqual([...days, ...hours]);
  });

  it('names the next warning from the time left', () => {
    expect(nextEvaluationWarning(90 * DAY)).toEqual({
      kind: 'will-expire',
      atRemainingMs: 60 * DAY,
    });
    expect(nextEvaluationWarning(60 * DAY + 1)).toEqual({
      kind: 'will-expire',
      atRemainingMs: 60 * DAY,
    });
    expect(nextEvaluationWarning(60 * DAY)).toEqual({
      kind: 'will-expire',
      atRemainingMs: 30 * DAY,
    });
    expect(nextEvaluationWarning(30 * DAY)).toEqual({
      kind: 'will-expire',
      atRemainingMs: 23 * DAY,
    });
    expect(nextEvaluationWarning(9 * DAY)).toEqual({ kind: 'will-expire', atRemainingMs: 7 * DAY });
    expect(nextEvaluationWarning(7 * DAY)).toEqual({ kind: 'will-expire', atRemainingMs: 6 * DAY });
    expect(nextEvaluationWarning(DAY)).toEqual({ kind: 'will-expire', atRemainingMs: 23 * HOUR });
    expect(nextEvaluationWarning(2 * HOUR)).toEqual({ kind: 'will-expire', atRemainingMs: HOUR });
    expect(nextEvaluationWarning(HOUR)).toEqual({ kind: 'expired', atRemainingMs: 0 });
    expect(nextEvaluationWarning(0)).toBeNull();
  });

  it('fires a warning when the time left reaches its threshold, expiry when it reaches zero', () => {
    expect(evaluationWarningsCrossed(61 * DAY, 60 * DAY)).toEqual({
      warnings: [60 * DAY],
      expired: false,
    });
    expect(evaluationWarningsCrossed(60 * DAY, 59 * DAY)).toEqual({ warnings: [], expired: false });
    expect(evaluationWarningsCrossed(31 * DAY, 22 * DAY)).toEqual({
      warnings: [30 * DAY, 23 * DAY],
      expired: false,
    });
    expect(evaluationWarningsCrossed(2 * HOUR, 0)).toEqual({ warnings: [HOUR], expired: true });
  });

  it('is weekly after expiry', () => {
    const expiredAt = 1_000_000;
    expect(expiredReminders(expiredAt, expiredAt - 1, expiredAt + 3 * 7 * DAY)).toEqual([
      expiredAt + 7 * DAY,
      expiredAt + 14 * DAY,
      expiredAt + 21 * DAY,
    ]);
    expect(expiredReminders(expiredAt, expiredAt + 7 * DAY, expiredAt + 14 * DAY - 1)).toEqual([]);
  });
});

describe('the evaluation period on a device', () => {
  it('starts at 90 days and does not run while nothing is consumed', () => {
    const { agent, clock } = makeDevice('ucm');
    clock.advanceDays(200);
    expect(agent.status().evaluation).toEqual({
      mode: 'Not In Use',
      remainingMs: EVALUATION_PERIOD_MS,
      remainingDays: 90,
      expiredAt: null,
    });
  });

  it('counts down only while licenses are consumed', () => {
    const { agent, clock } = makeDevice('ucm');
    agent.setUsage(TAGS.enhanced, 2);
    clock.advance(HOUR);
    expect(agent.status().evaluation).toMatchObject({ mode: 'In Use', remainingDays: 89 });
    agent.setUsage(TAGS.enhanced, 0);
    clock.advanceDays(30);
    expect(agent.status().evaluation).toMatchObject({
      mode: 'Not In Use',
      remainingMs: EVALUATION_PERIOD_MS - HOUR,
    });
  });

  it('stops counting while an authorization is installed', () => {
    const device = requestingDevice('ucm');
    device.agent.setUsage(TAGS.enhanced, 2);
    device.clock.advanceDays(10);
    device.agent.install(slrCode({ udi: device.udi, nonce: device.nonce }).text);
    device.clock.advanceDays(100);
    expect(device.agent.status().evaluation).toMatchObject({
      mode: 'Not In Use',
      remainingDays: 80,
    });
    expect(device.agent.status().authorizationStatus).toBe('Authorized - Reserved');
  });

  it('expires after 90 consumed days: Evaluation Expired, an alarm, and the expiry time', () => {
    const { agent, clock } = makeDevice('ucm');
    const start = clock.ms;
    agent.setUsage(TAGS.enhanced, 1);
    clock.advanceDays(91);
    const status = agent.status();
    expect(status.authorizationStatus).toBe('Evaluation Expired');
    expect(status.licenses[0]?.status).toBe('Evaluation Expired');
    expect(status.evaluation).toEqual({
      mode: 'Not In Use',
      remainingMs: 0,
      remainingDays: 0,
      expiredAt: start + 90 * DAY,
    });
    expect(status.alarms).toEqual([
      {
        code: 'EVALUATION_EXPIRED',
        severity: 'major',
        facts: { expiredAt: start + 90 * DAY },
        raisedAt: start + 90 * DAY,
      },
    ]);
  });

  it('logs each warning at the moment it fell due, and weekly reminders after expiry', () => {
    const { agent, clock } = makeDevice('ucm');
    const start = clock.ms;
    agent.setUsage(TAGS.enhanced, 1);
    agent.drainEvents();
    clock.advanceDays(31);
    agent.observeTime();
    expect(agent.drainEvents().filter((e) => e.type === 'evaluation-warning')).toEqual([
      { type: 'evaluation-warning', at: start + 30 * DAY, facts: { days: 60 } },
    ]);
    expect(agent.status().alarms).toEqual([
      expect.objectContaining({ code: 'EVALUATION_WILL_EXPIRE', facts: { remainingDays: 60 } }),
    ]);
    clock.ms = start + 90 * DAY + 15 * DAY;
    agent.observeTime();
    const events = agent.drainEvents();
    const warnings = events.filter((e) => e.type === 'evaluation-warning');
    expect(warnings).toHaveLength(EVALUATION_WARNING_THRESHOLDS_MS.length - 1);
    expect(warnings.at(-1)).toEqual({
      type: 'evaluation-warning',
      at: start + 90 * DAY - HOUR,
      facts: { hours: 1 },
    });
    expect(events.find((e) => e.type === 'evaluation-expired')?.at).toBe(start + 90 * DAY);
    expect(events.filter((e) => e.type === 'evaluation-expired-reminder').map((e) => e.at)).toEqual(
      [start + 97 * DAY, start + 104 * DAY],
    );
  });

  it('the evaluation warning alarm names the last threshold passed', () => {
    const { agent, clock } = makeDevice('ucm');
    agent.setUsage(TAGS.enhanced, 1);
    clock.advanceDays(90);
    clock.advance(-90 * 60_000);
    expect(agent.status().alarms).toEqual([
      expect.objectContaining({ code: 'EVALUATION_WILL_EXPIRE', facts: { remainingHours: 2 } }),
    ]);
  });
});
