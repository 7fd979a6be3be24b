// The Unique Device Identifier: PID, serial number, version, host id or UUID — parsing and display.

import { DomainError } from '../errors.ts';

export interface Udi {
  pid: string;
  sn: string;
  vid?: string;
  hostId?: string;
  /** 32 lower-case hex digits, no dashes (the device prints it that way). */
  uuid?: string;
}

const FIELD_RULES: Record<keyof Udi, RegExp> = {
  pid: /^[A-Za-z0-9][A-Za-z0-9._/+-]{0,39}$/,
  sn: /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/,
  vid: /^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/,
  hostId: /^[A-Za-z0-9]{1,32}$/,
  uuid: /^[0-9a-f]{32}$/,
};

/** Lower-cases a UUID and drops its dashes; leaves anything else for validation to refuse. */
export function canonicalUuid(uuid: string): string {
  return uuid.replace(/-/g, '').toLowerCase();
}

/** Throws UDI_INVALID naming the first bad field; returns the UDI with a canonical UUID. */
export function validateUdi(udi: Udi): Udi {
  const clean: Udi = { pid: udi.pid, sn: udi.sn };
  if (udi.vid !== undefined && udi.vid !== '') clean.vid = udi.vid;
  if (udi.hostId !== undefined && udi.hostId !== '') clean.hostId = udi.hostId;
  if (udi.uuid !== undefined && udi.uuid !== '') clean.uuid = canonicalUuid(udi.uuid);
  if (clean.hostId !== undefined && clean.uuid !== undefined) {
    throw new DomainError('UDI_INVALID', { field: 'hostId', reason: 'host-and-uuid' });
  }
  for (const field of Object.keys(FIELD_RULES) as Array<keyof Udi>) {
    const value = clean[field];
    if (value === undefined) {
      if (field === 'pid' || field === 'sn')
        throw new DomainError('UDI_INVALID', { field, reason: 'missing' });
      continue;
    }
    if (!FIELD_RULES[field].test(value)) {
      // Hexadecimal but not 32 digits: a digit dropped or added, not a wrong character.
      if (field === 'uuid' && /^[0-9a-f]+$/.test(value))
        throw new DomainError('UDI_INVALID', {
          field,
          digits: value.length,
          reason: 'uuid-length',
        });
      throw new DomainError('UDI_INVALID', { field, value, reason: 'characters' });
    }
  }
  return clean;
}

/** The canonical text form used inside codes and as the identity key: `P:…,S:…,V:…,H:…|U:…`. */
export function udiKey(udi: Udi): string {
  const parts = [`P:${udi.pid}`, `S:${udi.sn}`];
  if (udi.vid) parts.push(`V:${udi.vid}`);
  if (udi.hostId) parts.push(`H:${udi.hostId}`);
  if (udi.uuid) parts.push(`U:${udi.uuid}`);
  return parts.join(',');
}

const KEY_NAMES: Record<string, keyof Udi> = {
  P: 'pid',
  PID: 'pid',
  UDI_PID: 'pid',
  S: 'sn',
  SN: 'sn',
  UDI_SN: 'sn',
  V: 'vid',
  VID: 'vid',
  UDI_VID: 'vid',
  H: 'hostId',
  HID: 'hostId',
  U: 'uuid',
  UUID: 'uuid',
};

/**
 * Reads a UDI as devices and portals print it: `P:UCM,S:edb16,U:…`, `PID:UCM,SN:37624,UUID:…`,
 * `UDI_PID:Expressway; UDI_SN:0B070519; UDI_VID:1.0;`. Lenient mode also takes `.` for `:`, as
 * some copied documents show (`P.UCM,S.edb16`), and skips fields it cannot read.
 */
export function parseUdiText(text: string, { lenient = false } = {}): Udi {
  const found: Partial<Udi> = {};
  const fields = text
    .trim()
    .replace(/^\?+/, '')
    .split(/[,;]\s*/)
    .filter((f) => f.trim() !== '');
  for (const raw of fields) {
    const match =
      // Devices and portals print `key:value`; `=` and `.` only turn up in damaged copies.
      (lenient ? /^\s*([A-Za-z_]+)\s*[:=]\s*(.*?)\s*$/ : /^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$/).exec(
        raw,
      ) ?? (lenient ? /^\s*([A-Za-z_]+)\.(.*?)\s*$/.exec(raw) : null);
    const key = match ? KEY_NAMES[match[1]!.toUpperCase()] : undefined;
    if (!match || !key) {
      if (lenient) continue;
      throw new DomainError('UDI_INVALID', { field: raw.trim(), reason: 'unknown-field' });
    }
    found[key] = match[2]!;
  }
  if (lenient) return { pid: found.pid ?? '', sn: found.sn ?? '', ...withoutEmpty(found) };
  return validateUdi({ pid: found.pid ?? '', sn: found.sn ?? '', ...withoutEmpty(found) });
}

function withoutEmpty(udi: Partial<Udi>): Partial<Udi> {
  return Object.fromEntries(Object.entries(udi).filter(([, v]) => v !== undefined && v !== ''));
}

/** The product instance name the authority lists: `UDI_PID:Expressway; UDI_SN:0B070519; UDI_VID:1.0;`. */
export function instanceName(udi: Udi): string {
  let name = `UDI_PID:${udi.pid}; UDI_SN:${udi.sn};`;
  if (udi.vid) name += ` UDI_VID:${udi.vid};`;
  return name;
}

/** The product type the authority shows: UCL for Unified CM, EXPY for Expressway. */
export function productTypeOf(pid: string): string {
  const p = pid.toUpperCase();
  if (p === 'UCM' || p.startsWith('UCM')) return 'UCL';
  if (p.startsWith('EXPRESSWAY')) return 'EXPY';
  return p.replace(/[^A-Z0-9]/g, '').slice(0, 12) || 'UNKNOWN';
}

/** UUID with dashes for display (8-4-4-4-12). */
export function formatUuid(uuid: string): string {
  const u = canonicalUuid(uuid);
  if (u.length !== 32) return uuid;
  return `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`;
}

export function sameUdi(a: Udi, b: Udi): boolean {
  return udiKey(a) === udiKey(b);
}
