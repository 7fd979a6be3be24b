// The status screens: CUCM's `show license …` and Expressway's `xstatus License`.
//
// Where the labels come from. Seed 002 (its `show license all` and summary output): "Smart
// Licensing Status", "Smart Licensing is ENABLED", "Registration:", "Status:", "Export-Controlled
// Functionality:", "License Authorization:", "Evaluation Period:", "Evaluation Mode: Not In Use",
// "EVALUATION PERIOD EXPIRED on", "License Usage", "License Authorization Status:", "Description:",
// "Count:", "Version:", "Product Information", "UDI:", "Agent Version", "Smart Agent for Licensing:
// 1.3.4", and the summary's "License Usage:" with its "License Entitlement Tag" columns. Cisco's
// IOS-XE `show license status` (not a seed): "License Reservation is ENABLED", "Evaluation Period
// Remaining:". Airlock's own, shown because a reservation needs them: "Reservation installed on",
// "Reservation Request Code:", "Last Confirmation code:", "Last return code:" (SPEC §3), "Reserved:",
// "End Date:", "Overage Period:" (patterned on "Evaluation Period:"), "Provisioning of users and
// devices:", "Alarms:", "No licenses in use.", "(emulated by Airlock)". The banner is seed 002's
// "Message on UI" (banners.ts). `xstatus License` follows Expressway's `*s … / *s/end` shape; its
// node names are Airlock's (seed 001 shows no xstatus output).

import { toCodeDate } from '../../codes/dates.ts';
import type { Udi } from '../../codes/udi.ts';
import type { LicenseLine } from '../compliance.ts';
import { deviceTime } from '../device-time.ts';
import { OVERAGE_PERIOD_MS, isOutOfCompliance } from '../enforcement.ts';
import { HOUR_MS } from '../evaluation.ts';
import type { DeviceStatus } from '../status.ts';
import { OK } from './messages.ts';

export type ShowTopic = 'all' | 'status' | 'summary' | 'udi' | 'usage';

export const AGENT_VERSION = 'Smart Agent for Licensing: 1.3.4 (emulated by Airlock)';

export { deviceTime };

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

const BLOCKED: Record<string, string> = {
  'evaluation-expired': 'NOT ALLOWED (the evaluation period has expired)',
  'overage-expired': 'NOT ALLOWED (the overage period has expired)',
};

/** Shown once the overage period matters: the device is out of compliance, or has used some. */
function overageSection(s: DeviceStatus): string[] {
  const o = s.overage;
  const outOfCompliance = isOutOfCompliance(s.authorizationStatus) && s.reservationType === 'SLR';
  if (!outOfCompliance && o.remainingMs === OVERAGE_PERIOD_MS) return [];
  return [
    'Overage Period:',
    `  Overage Mode: ${outOfCompliance && o.remainingMs > 0 ? 'In Use' : 'Not In Use'}`,
    o.expiredAt !== null
      ? `  OVERAGE PERIOD EXPIRED on ${deviceTime(o.expiredAt)}`
      : `  Overage Period Remaining: ${remaining(o.remainingMs)}`,
  ];
}

function statusSection(s: DeviceStatus): string[] {
  const lines = [
    ...heading('Smart Licensing Status'),
    ...(s.banner ? [s.banner.text, ''] : []),
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
    ...(s.provisioningBlocked
      ? [`  Provisioning of users and devices: ${BLOCKED[s.provisioningBlocked]}`]
      : []),
    '',
    'Evaluation Period:',
    `  Evaluation Mode: ${s.evaluation.mode}`,
  );
  lines.push(
    s.evaluation.expiredAt !== null
      ? `  EVALUATION PERIOD EXPIRED on ${deviceTime(s.evaluation.expiredAt)}`
      : `  Evaluation Period Remaining: ${remaining(s.evaluation.remainingMs)}`,
  );
  const overage = overageSection(s);
  if (overage.length > 0) lines.push('', ...overage);
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

/** Seed 002's summary: registration, authorization, and one line per license in use. */
function summary(s: DeviceStatus): string[] {
  const rows = s.licenses.map((l) => [
    l.displayName || '(unnamed)',
    `(${l.tag})`,
    String(l.inUse),
    l.status,
  ]);
  const header = ['License', 'Entitlement Tag', 'Count', 'Status'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const row = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    ...(s.banner ? [s.banner.text, ''] : []),
    'Smart Licensing is ENABLED',
    `License Reservation is ${s.reservationEnabled ? 'ENABLED' : 'DISABLED'}`,
    '',
    'Registration:',
    `  Status: ${s.registrationStatus}`,
    `  Export-Controlled Functionality: ${s.exportControlled}`,
    '',
    'License Authorization:',
    `  Status: ${s.authorizationStatus}`,
    '',
    'License Usage:',
    ...(rows.length === 0 ? ['  No licenses in use.'] : [row(header), ...rows.map(row)]),
  ];
}

export function showLicense(topic: ShowTopic, s: DeviceStatus, udi: Udi): string {
  if (topic === 'udi') return `UDI: ${deviceUdi(udi)}`;
  if (topic === 'summary') return summary(s).join('\n');
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
    `            LimitReached: ${s.encryptedSessions.limitReached ? 'True' : 'False'}`,
    `            WebRTC: ${s.encryptedSessions.webRtc ? 'On' : 'Off'}`,
    `        NewRegistrations: ${quoted(s.provisioningBlocked ? 'Not Allowed' : 'Allowed')}`,
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
