// The status screens: CUCM / IOS-XE style `show license …` (modelled on the "Smart Licensing
// Status" block in the CUCM guide) and Expressway's `xstatus License`.

import { toCodeDate } from '../../codes/dates.ts';
import type { Udi } from '../../codes/udi.ts';
import type { LicenseLine } from '../compliance.ts';
import { HOUR_MS } from '../evaluation.ts';
import type { DeviceStatus } from '../status.ts';
import { OK } from './messages.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const AGENT_VERSION = 'Smart Agent for Licensing: 1.3.4 (emulated by Airlock)';

/** `Nov 9 23:46:35 2017 UTC`, the guide's shape, always in UTC. */
export function deviceTime(ms: number): string {
  const d = new Date(ms);
  const time = d.toISOString().slice(11, 19);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${time} ${d.getUTCFullYear()} UTC`;
}

/** `PID:UCM,SN:37624,UUID:6fe8…` as `show license udi` prints it. */
export function deviceUdi(udi: Udi): string {
  const parts = [`PID:${udi.pid}`, `SN:${udi.sn}`];
  if (udi.vid) parts.push(`VID:${udi.vid}`);
  if (udi.hostId) parts.push(`HID:${udi.hostId}`);
  if (udi.uuid) parts.push(`UUID:${udi.uuid}`);
  return parts.join(',');
}

function heading(title: string): string[] {
  return [title, '='.repeat(title.length), ''];
}

function remaining(ms: number): string {
  const hours = Math.floor(ms / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / 60_000);
  return `${Math.floor(hours / 24)} days, ${hours % 24} hr, ${minutes} min`;
}

function statusSection(s: DeviceStatus): string[] {
  const lines = [
    ...heading('Smart Licensing Status'),
    'Smart Licensing is ENABLED',
    `License Reservation is ${s.reservationEnabled ? 'ENABLED' : 'DISABLED'}`,
    '',
    'Registration:',
    `  Status: ${s.registrationStatus}`,
    `  Export-Controlled Functionality: ${s.exportControlled}`,
  ];
  if (s.installed)
    lines.push(
      `  Reservation installed on ${deviceTime(s.installed.updatedAt ?? s.installed.installedAt)}`,
    );
  if (s.pendingRequestCode) lines.push(`  Reservation Request Code: ${s.pendingRequestCode}`);
  lines.push(
    `  Last Confirmation code: ${s.lastConfirmationCode ?? 'None'}`,
    `  Last return code: ${s.lastReturnCode ?? 'None'}`,
    '',
    'License Authorization:',
    `  Status: ${s.authorizationStatus}`,
    '',
    'Evaluation Period:',
    `  Evaluation Mode: ${s.evaluation.mode}`,
  );
  lines.push(
    s.evaluation.expiredAt !== null
      ? `  EVALUATION PERIOD EXPIRED on ${deviceTime(s.evaluation.expiredAt)}`
      : `  Evaluation Period Remaining: ${remaining(s.evaluation.remainingMs)}`,
  );
  if (s.alarms.length > 0) {
    lines.push('', 'Alarms:');
    for (const a of s.alarms) {
      const facts = Object.entries(a.facts)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', ');
      lines.push(
        `  ${a.code} (${a.severity}) since ${deviceTime(a.raisedAt)}${facts ? `: ${facts}` : ''}`,
      );
    }
  }
  return [...lines, ''];
}

function version(tag: string): string | undefined {
  return /,(\d+(?:\.\d+)*)_/.exec(tag)?.[1];
}

function licenseBlock(line: LicenseLine): string[] {
  const name = line.displayName ? `${line.displayName} (${line.tag})` : `(${line.tag})`;
  const out = [
    `${name}:`,
    `  Description: ${line.description || 'null'}`,
    `  Count: ${line.inUse}`,
    `  Reserved: ${line.reserved === null ? 'All (Universal License Reservation)' : line.reserved}`,
  ];
  const v = version(line.tag);
  if (v) out.push(`  Version: ${v}`);
  out.push(`  Status: ${line.status}`);
  if (line.endDate) out.push(`  End Date: ${toCodeDate(line.endDate)}`);
  return [...out, ''];
}

function usageSection(s: DeviceStatus): string[] {
  const lines = [
    ...heading('License Usage'),
    `License Authorization Status: ${s.authorizationStatus}`,
    '',
  ];
  if (s.licenses.length === 0) lines.push('No licenses in use.', '');
  for (const line of s.licenses) lines.push(...licenseBlock(line));
  return lines;
}

function productSection(udi: Udi): string[] {
  return [
    ...heading('Product Information'),
    `UDI: ${deviceUdi(udi)}`,
    '',
    ...heading('Agent Version'),
    AGENT_VERSION,
  ];
}

export function showLicense(
  topic: 'all' | 'status' | 'udi' | 'usage',
  s: DeviceStatus,
  udi: Udi,
): string {
  if (topic === 'udi') return `UDI: ${deviceUdi(udi)}`;
  if (topic === 'usage') return usageSection(s).join('\n').trimEnd();
  if (topic === 'status') return statusSection(s).join('\n').trimEnd();
  return [...statusSection(s), ...usageSection(s), ...productSection(udi)].join('\n');
}

function quoted(value: string | number | null): string {
  return value === null ? '""' : typeof value === 'number' ? String(value) : `"${value}"`;
}

/** Expressway's `xstatus License`, in its `*s … / … *s/end` shape. */
export function xstatusLicense(s: DeviceStatus, udi: Udi): string {
  const lines = [
    '*s License: /',
    '    Smart: /',
    `        UDI: ${quoted(deviceUdi(udi))}`,
    '        Reservation: /',
    `            Enabled: ${s.reservationEnabled ? 'On' : 'Off'}`,
    `            Type: ${quoted(s.reservationType)}`,
    `            RequestCode: ${quoted(s.pendingRequestCode)}`,
    `            LastConfirmationCode: ${quoted(s.lastConfirmationCode)}`,
    `            LastReturnCode: ${quoted(s.lastReturnCode)}`,
    `        RegistrationStatus: ${quoted(s.registrationStatus)}`,
    `        AuthorizationStatus: ${quoted(s.authorizationStatus)}`,
    `        ExportControlledFunctionality: ${quoted(s.exportControlled)}`,
    '        Evaluation: /',
    `            Mode: ${quoted(s.evaluation.mode)}`,
    `            RemainingDays: ${s.evaluation.remainingDays}`,
    '        EncryptedSessions: /',
    `            Active: ${s.encryptedSessions.active}`,
    `            Limit: ${quoted(s.encryptedSessions.limit ?? 'None')}`,
    `            WebRTC: ${s.encryptedSessions.webRtc ? 'On' : 'Off'}`,
  ];
  s.licenses.forEach((line, i) => {
    lines.push(
      `        Entitlement ${i + 1}: /`,
      `            Tag: ${quoted(line.tag)}`,
      `            Name: ${quoted(line.displayName)}`,
      `            InUse: ${line.inUse}`,
      `            Reserved: ${quoted(line.reserved ?? 'All')}`,
      `            Status: ${quoted(line.status)}`,
    );
    if (line.endDate) lines.push(`            EndDate: ${quoted(toCodeDate(line.endDate))}`);
  });
  s.alarms.forEach((a, i) => {
    lines.push(
      `        Alarm ${i + 1}: /`,
      `            Code: ${quoted(a.code)}`,
      `            Severity: ${quoted(a.severity)}`,
    );
  });
  return [...lines, '*s/end', '', OK].join('\n');
}
