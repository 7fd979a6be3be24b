// The syslog lines the Smart Agent sends, by Cisco's names, from what happened to the device.
//
// The licensing guide (seed 003) names two and their schedule: `%SMART_LIC-4-EVAL_WILL_EXPIRE_WARNING`
// (60 and 30 days before, weekly, daily, hourly) and `%SMART_LIC-3-EVAL_EXPIRED_WARNING` (weekly
// after expiry). Their text, and the two the seeds do not name — `%SMART_LIC-3-EVAL_EXPIRED` when
// the period ends and `%SMART_LIC-3-OUT_OF_COMPLIANCE` when an entitlement goes out of compliance —
// are those of Cisco's Smart Agent system messages as the Cisco ASA syslog reference lists them
// ("Evaluation period will expire in time.", "Evaluation period expired.", "Evaluation period
// expired on time.", "One or more entitlements are out of compliance."), severities as seed 003
// gives them where it does. The spent overage period has no Cisco message name: it is an alarm and
// the banner, not a syslog line.

import { deviceTime } from './device-time.ts';
import { SYSLOG_KEPT, type DeviceState, type SyslogEntry } from './device-state.ts';
import type { AgentEvent } from './timeline.ts';

function expiresIn(facts: AgentEvent['facts']): string {
  if (typeof facts.days === 'number') return `${facts.days} ${facts.days === 1 ? 'day' : 'days'}`;
  const hours = Number(facts.hours);
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

/** The line an event sends to syslog, or null when it sends none. */
export function syslogMessage(event: AgentEvent): string | null {
  switch (event.type) {
    case 'evaluation-warning':
      return `%SMART_LIC-4-EVAL_WILL_EXPIRE_WARNING: Evaluation period will expire in ${expiresIn(event.facts)}.`;
    case 'evaluation-expired':
      return '%SMART_LIC-3-EVAL_EXPIRED: Evaluation period expired.';
    case 'evaluation-expired-reminder':
      return `%SMART_LIC-3-EVAL_EXPIRED_WARNING: Evaluation period expired on ${deviceTime(Number(event.facts.expiredAt))}.`;
    case 'alarm-raised':
      return event.facts.alarm === 'OUT_OF_COMPLIANCE'
        ? '%SMART_LIC-3-OUT_OF_COMPLIANCE: One or more entitlements are out of compliance.'
        : null;
    default:
      return null;
  }
}

/** The log with the lines these events send appended, oldest first, the last SYSLOG_KEPT kept. */
export function withSyslog(
  log: readonly SyslogEntry[],
  events: readonly AgentEvent[],
): SyslogEntry[] {
  const lines = events
    .map((event) => ({ at: event.at, message: syslogMessage(event) }))
    .filter((line): line is SyslogEntry => line.message !== null)
    .sort((a, b) => a.at - b.at);
  const out = [...log, ...lines];
  return out.length > SYSLOG_KEPT ? out.slice(out.length - SYSLOG_KEPT) : out;
}

/** Appends the lines these events send to the device's log. */
export function recordSyslog(state: DeviceState, events: readonly AgentEvent[]): void {
  const next = withSyslog(state.syslog ?? [], events);
  if (next.length > 0 || state.syslog) state.syslog = next;
}

/** `*Jan 15 09:00:00 2026 UTC: %SMART_LIC-…`, as a console prints a logged message. */
export function syslogLine(entry: { at: number; message: string }): string {
  return `*${deviceTime(entry.at)}: ${entry.message}`;
}
