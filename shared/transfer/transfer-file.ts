// The transfer file: versioned UTF-8 text that carries one or many codes across the gap, with a
// checksum so a damaged copy is caught before anything is imported.
//
//   AIRLOCK TRANSFER FILE 1
//   # Carry this file to the other side and import it in Airlock. A checksum protects it.
//   Created: 2026-11-23T19:00:00.000Z
//   From: Lab desk (authority)
//   Codes: 2
//   Checksum: sha256:…     (over the lines after "-----", LF endings, trailing blank lines trimmed)
//   -----
//   [1]
//   Kind: authorization
//   UDI: P:UCM,S:edb16,U:…
//   Subject: 6191f5e5-…
//   Label: cucm-pub-1
//   Code: <specificPLR>…
//
// A file that does not start with the header is read as one plain code (CSSM's "Download as File").

import { DomainError } from '../errors.ts';
import type { Hasher } from '../ports.ts';
import { type CodeKind, CODE_KINDS, classifyCode } from '../codes/classify.ts';
import { digestHex } from '../codes/digest.ts';
import { unwrap, withoutLineBreaks } from '../codes/normalise.ts';
import { MAX_XML_BYTES } from '../codes/xml.ts';

export const TRANSFER_VERSION = 1;
const MAGIC = 'AIRLOCK TRANSFER FILE';
const SEPARATOR = '-----';
export const TRANSFER_EXTENSION = '.airlock';

export interface TransferEntry {
  kind: CodeKind;
  code: string;
  /** UDI key of the device the code belongs to, when known. */
  udi?: string;
  /** Device id (site) or instance id (authority) it concerns. */
  subject?: string;
  /** A human name: the device or instance name. */
  label?: string;
}

export interface TransferFile {
  createdAt: string;
  from: { workspace: string; side: 'authority' | 'site' };
  entries: TransferEntry[];
}

export interface ReadTransfer {
  format: 'airlock' | 'plain';
  file: TransferFile;
}

/** Values are single lines; codes lose line breaks a terminal inserted (none of ours has any). */
function line(value: string): string {
  return withoutLineBreaks(value).trim();
}

function entryLines(entry: TransferEntry, index: number): string[] {
  const lines = [`[${index + 1}]`, `Kind: ${entry.kind}`];
  if (entry.udi) lines.push(`UDI: ${line(entry.udi)}`);
  if (entry.subject) lines.push(`Subject: ${line(entry.subject)}`);
  if (entry.label) lines.push(`Label: ${line(entry.label)}`);
  lines.push(`Code: ${line(entry.code)}`, '');
  return lines;
}

export function writeTransferFile(file: TransferFile, hasher: Hasher): string {
  if (file.entries.length === 0) throw new DomainError('TRANSFER_FILE_EMPTY');
  const body = file.entries.flatMap(entryLines).join('\n');
  return [
    `${MAGIC} ${TRANSFER_VERSION}`,
    '# Carry this file to the other side and import it in Airlock. A checksum protects it.',
    `Created: ${file.createdAt}`,
    `From: ${line(file.from.workspace)} (${file.from.side})`,
    `Codes: ${file.entries.length}`,
    `Checksum: sha256:${bodyDigest(hasher, body)}`,
    SEPARATOR,
    body,
  ].join('\n');
}

/** Editors add or drop a final newline; that must not fail the checksum. */
function bodyDigest(hasher: Hasher, body: string): string {
  return digestHex(hasher, body.replace(/\n+$/, ''));
}

function malformed(reason: string, lineNumber: number): DomainError {
  return new DomainError('TRANSFER_FILE_MALFORMED', { reason, line: lineNumber });
}

function readHeader(lines: string[]): { headers: Map<string, string>; bodyStart: number } {
  const headers = new Map<string, string>();
  let i = 1;
  for (; i < lines.length && lines[i] !== SEPARATOR; i++) {
    const text = lines[i]!;
    if (text.startsWith('#') || text.trim() === '') continue;
    const colon = text.indexOf(':');
    if (colon < 0) throw malformed('header-line', i + 1);
    headers.set(text.slice(0, colon).trim().toLowerCase(), text.slice(colon + 1).trim());
  }
  if (i >= lines.length) throw malformed('no-separator', i);
  return { headers, bodyStart: i + 1 };
}

function readEntries(lines: string[], start: number): TransferEntry[] {
  const entries: TransferEntry[] = [];
  let current: Partial<TransferEntry> | undefined;
  let currentLine = start;
  const finish = () => {
    if (!current) return;
    if (!current.kind || !current.code) throw malformed('entry-incomplete', currentLine);
    entries.push(current as TransferEntry);
  };
  for (let i = start; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.trim() === '') continue;
    if (/^\[\d+\]$/.test(text.trim())) {
      finish();
      current = {};
      currentLine = i + 1;
      continue;
    }
    const colon = text.indexOf(':');
    if (!current || colon < 0) throw malformed('entry-line', i + 1);
    const key = text.slice(0, colon).trim().toLowerCase();
    const value = text.slice(colon + 1).trim();
    if (key === 'kind') {
      if (!CODE_KINDS.includes(value as CodeKind)) throw malformed('kind', i + 1);
      current.kind = value as CodeKind;
    } else if (key === 'code') current.code = value;
    else if (key === 'udi') current.udi = value;
    else if (key === 'subject') current.subject = value;
    else if (key === 'label') current.label = value;
  }
  finish();
  return entries;
}

function normalised(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Whether `text` claims to be an Airlock transfer file (its first line), sound or not. */
export function isTransferFileText(text: string): boolean {
  return (normalised(text).split('\n', 1)[0] ?? '').trim().startsWith(MAGIC);
}

/** Reads an Airlock transfer file (verifying version, count and checksum) or a plain one-code file. */
export function readTransferFile(text: string, hasher: Hasher): ReadTransfer {
  const content = normalised(text);
  const lines = content.split('\n');
  const first = lines[0]?.trim() ?? '';
  if (!first.startsWith(MAGIC)) return readPlain(content);
  // The version as written, digits only: `1.0` or `0x1` is not a file this version wrote.
  const versionText = first.slice(MAGIC.length).trim();
  if (versionText !== String(TRANSFER_VERSION)) {
    throw new DomainError('TRANSFER_FILE_VERSION_UNSUPPORTED', {
      found: first.slice(MAGIC.length).trim(),
      supported: TRANSFER_VERSION,
    });
  }
  const { headers, bodyStart } = readHeader(lines);
  const body = lines.slice(bodyStart).join('\n');
  const checksum = headers.get('checksum') ?? '';
  if (checksum !== `sha256:${bodyDigest(hasher, body)}`) {
    throw new DomainError('TRANSFER_FILE_CHECKSUM_MISMATCH');
  }
  const entries = readEntries(lines, bodyStart);
  const count = headers.get('codes') ?? '';
  if (!/^(0|[1-9][0-9]*)$/.test(count) || Number(count) !== entries.length) {
    throw new DomainError('TRANSFER_FILE_MALFORMED', {
      reason: 'count',
      expected: headers.get('codes'),
      found: entries.length,
    });
  }
  const from = /^(.*)\((authority|site)\)\s*$/.exec(headers.get('from') ?? '');
  return {
    format: 'airlock',
    file: {
      createdAt: headers.get('created') ?? '',
      from: {
        workspace: from?.[1]?.trim() ?? '',
        side: (from?.[2] as 'authority' | 'site') ?? 'site',
      },
      entries,
    },
  };
}

/** More than any one code (the largest, an SLR authorization's XML) with room for whitespace. */
const MAX_PLAIN_CODE_FILE = 4 * MAX_XML_BYTES;

function readPlain(content: string): ReadTransfer {
  // Not worth reading as one code: refused before the work of unwrapping and classifying it.
  if (content.length > MAX_PLAIN_CODE_FILE && content.trim().length > MAX_PLAIN_CODE_FILE)
    throw new DomainError('CODE_UNRECOGNISED', { reason: 'too-long', length: content.length });
  const code = withoutLineBreaks(unwrap(content, { ascii: false }));
  if (code === '') throw new DomainError('TRANSFER_FILE_EMPTY');
  const kind = classifyCode(code);
  if (!kind) throw new DomainError('CODE_UNRECOGNISED', { length: code.length });
  return {
    format: 'plain',
    file: { createdAt: '', from: { workspace: '', side: 'site' }, entries: [{ kind, code }] },
  };
}

/** A safe, sortable, self-describing file name: `airlock-authorization-20261123-1900-3.airlock`. */
export function suggestTransferFileName(file: TransferFile): string {
  const kinds = [...new Set(file.entries.map((e) => e.kind))];
  const what = kinds.length === 1 ? kinds[0]! : 'codes';
  const stamp = file.createdAt.replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
  return `airlock-${what}-${stamp || 'undated'}-${file.entries.length}${TRANSFER_EXTENSION}`;
}
