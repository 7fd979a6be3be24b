// What `airlock inspect` prints for people (the JSON is the report itself): one labelled line per
// fact, the notes as English sentences from the shared catalog.

import type { InspectReport } from '../../shared/codes/inspect.ts';
import type { Udi } from '../../shared/codes/udi.ts';
import { englishNote } from '../services/error-message.ts';
import { when } from './cli-io.ts';

const KINDS: Record<InspectReport['kind'], string> = {
  request: 'reservation request code',
  'slr-authorization': 'SLR authorization code',
  'plr-authorization': 'PLR authorization code',
  confirmation: 'confirmation code',
  return: 'reservation return code',
  'cisco-grouped': 'grouped code',
};

const SIGNATURES = {
  valid: 'valid (the trusted authority key)',
  invalid: 'NOT VALID',
  unverifiable: 'cannot be verified here',
  'not-checked': 'not checked (no trusted authority key given: --workspace SITE)',
} as const;

const UDI_FIELDS: Array<[keyof Udi, string]> = [
  ['pid', 'PID'],
  ['sn', 'SN'],
  ['vid', 'VID'],
  ['uuid', 'UUID'],
  ['hostId', 'Host ID'],
];

export function inspectText(report: InspectReport): string {
  const lines: Array<[string, string]> = [
    ['Kind', `${KINDS[report.kind]} (${report.origin === 'cisco' ? "Cisco's" : "Airlock's"})`],
    ['Well formed', report.wellFormed ? 'yes' : 'no'],
  ];
  const udi = UDI_FIELDS.flatMap(([field, label]) =>
    report.udi?.[field] ? [`${label} ${report.udi[field]}`] : [],
  );
  if (udi.length) lines.push(['UDI', udi.join(', ')]);
  if (report.request) lines.push(['Nonce', report.request.nonce]);
  const auth = report.authorization;
  if (auth) {
    lines.push(['Reservation', auth.type + (auth.exportControl ? ', export control' : '')]);
    if (auth.piid) lines.push(['PIID', auth.piid]);
    if (auth.sequence !== undefined) lines.push(['Sequence', String(auth.sequence)]);
    if (auth.issuedAt !== undefined) lines.push(['Issued', when(auth.issuedAt)]);
    if (auth.requestNonce) lines.push(['Answers nonce', auth.requestNonce]);
    for (const e of auth.entitlements)
      lines.push(['License', `${e.displayName || e.tag} × ${e.count} (${e.licenseType})`]);
    lines.push(['Signature', SIGNATURES[auth.signature]]);
    if (auth.digest) lines.push(['Digest', auth.digest]);
  }
  const returned = report.returnCode;
  if (returned) {
    lines.push(['Reservation', returned.reservationType]);
    lines.push(['Never installed', returned.neverInstalled ? 'yes' : 'no']);
    if (returned.sequence !== undefined) lines.push(['Sequence', String(returned.sequence)]);
    lines.push(['Made', `${when(returned.issuedAt)} (as the device's clock said)`]);
  }
  lines.push(['Code', report.normalised]);
  const width = Math.max(...lines.map(([label]) => label.length)) + 1;
  const text = lines.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value}`);
  for (const note of report.notes) text.push(`- ${englishNote(note.code, note.facts ?? {})}`);
  return text.join('\n');
}
