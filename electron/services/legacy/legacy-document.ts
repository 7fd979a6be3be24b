// The workspace documents of schema 1 (before each workspace became a database): what they held,
// the light schema that tells ours from a damaged or foreign file, and the step that puts back
// the authorization codes the desk file named instead of repeating. Read once, to import them.

import { z } from 'zod';
import type { AuthorityState } from '../../../shared/authority/index.ts';
import type { DeviceState, ExternalDeviceState } from '../../../shared/agent/index.ts';
import type { Product } from '../../../shared/ipc/dto.ts';
import type { Trust } from '../trust-file.ts';
import type { AuthorizationRecord, InstanceRecord } from '../../../shared/authority/index.ts';
import type { TransferItemDto } from '../../../shared/ipc/dto.ts';

type TransferItem = TransferItemDto;

/** The only version a workspace document ever had. */
export const LEGACY_SCHEMA_VERSION = 1;

interface Common {
  schemaVersion: number;
  id: string;
  name: string;
  createdAt: string;
  items: TransferItem[];
  nextItem: number;
  /** The audit log's last entry when the document was saved: catches a cut-off log. */
  auditHead?: { seq: number; hash: string };
}

export interface AuthorityDocument extends Common {
  kind: 'authority';
  authority: AuthorityState;
}

interface DeviceCommon {
  id: string;
  name: string;
  product: Product;
  createdAt: number;
}

export type SiteDevice =
  | (DeviceCommon & { kind: 'emulated'; agent: DeviceState })
  | (DeviceCommon & { kind: 'external'; ledger: ExternalDeviceState });

export interface SiteDocument extends Common {
  kind: 'site';
  trust: Trust | null;
  devices: Record<string, SiteDevice>;
  nextDevice: number;
}

export type WorkspaceDocument = AuthorityDocument | SiteDocument;

const common = {
  schemaVersion: z.number().int(),
  id: z.string().min(1),
  name: z.string().min(1),
  createdAt: z.string(),
  items: z.array(z.unknown()),
  nextItem: z.number().int().min(1),
};

const envelope = z.discriminatedUnion('kind', [
  z.looseObject({
    ...common,
    kind: z.literal('authority'),
    authority: z.looseObject({
      schemaVersion: z.number().int(),
      virtualAccounts: z.record(z.string(), z.unknown()),
      instances: z.record(z.string(), z.unknown()),
    }),
  }),
  z.looseObject({
    ...common,
    kind: z.literal('site'),
    trust: z
      .looseObject({ authorityName: z.string(), publicKeyPem: z.string(), fingerprint: z.string() })
      .nullable(),
    devices: z.record(z.string(), z.unknown()),
    nextDevice: z.number().int().min(1),
  }),
]);

const ITEM_KINDS = new Set(['request', 'authorization', 'confirmation', 'return']);
const ITEM_STATUSES = new Set(['waiting', 'exported', 'imported', 'applied', 'failed']);
const PRODUCTS = new Set(['ucm', 'expressway', 'ios-xe']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Entries are checked by hand: a schema library would copy 10,000 of them on every save. */
function badEntry(doc: Record<string, unknown>): string | undefined {
  for (const [index, item] of (doc.items as unknown[]).entries()) {
    if (
      !isRecord(item) ||
      typeof item.id !== 'string' ||
      (item.direction !== 'out' && item.direction !== 'in') ||
      !ITEM_KINDS.has(item.kind as string) ||
      typeof item.code !== 'string' ||
      !ITEM_STATUSES.has(item.status as string)
    ) {
      return `items.${index}`;
    }
  }
  if (doc.kind === 'site') {
    for (const [id, device] of Object.entries(doc.devices as Record<string, unknown>)) {
      const ok =
        isRecord(device) &&
        device.id === id &&
        typeof device.name === 'string' &&
        PRODUCTS.has(device.product as string) &&
        ((device.kind === 'emulated' && isRecord(device.agent)) ||
          (device.kind === 'external' && isRecord(device.ledger)));
      if (!ok) return `devices.${id}`;
    }
  } else {
    const authority = doc.authority as Record<string, Record<string, unknown>>;
    for (const [name, va] of Object.entries(authority.virtualAccounts!)) {
      if (!isRecord(va)) return `authority.virtualAccounts.${name}`;
    }
    for (const [id, instance] of Object.entries(authority.instances!)) {
      if (!isRecord(instance)) return `authority.instances.${id}`;
    }
  }
  return undefined;
}

/**
 * Checks the envelope and the shape of each part, not every field of the domain state: enough
 * to tell a damaged or foreign file from ours, cheap enough to run on every save of a large one.
 * Returns the very object it was given, so callers keep working on it in place.
 */
export function validateLegacyDocument(doc: unknown): WorkspaceDocument {
  envelope.parse(doc);
  const bad = badEntry(doc as Record<string, unknown>);
  if (bad) throw new Error(`workspace document: bad entry at ${bad}`);
  return doc as WorkspaceDocument;
}

type Holder = 'current' | 'pending';

function heldBy(instance: InstanceRecord | undefined, holder: Holder): AuthorizationRecord | null {
  if (!instance) return null;
  if (holder === 'current') return instance.current;
  return instance.state === 'in-transit' ? instance.pending.authorization : null;
}

/**
 * Puts back, in place, the outbox codes the desk file named (`codeHeldBy`) instead of writing
 * them twice, before the document is checked; throws when a name leads nowhere (damage).
 */
export function decodeLegacyDocument(json: unknown): unknown {
  const doc = json as Record<string, unknown>;
  if (doc?.kind !== 'authority' || !Array.isArray(doc.items)) return json;
  const authority = doc.authority as { instances?: Record<string, InstanceRecord> } | undefined;
  for (const [index, item] of (doc.items as unknown[]).entries()) {
    if (typeof item !== 'object' || item === null || !('codeHeldBy' in item)) continue;
    const named = item as { codeHeldBy: unknown; subject?: unknown; code?: unknown };
    const instance =
      typeof named.subject === 'string' ? authority?.instances?.[named.subject] : undefined;
    const holder = named.codeHeldBy;
    const record = holder === 'current' || holder === 'pending' ? heldBy(instance, holder) : null;
    if (named.code !== '' || typeof record?.code !== 'string') {
      throw new Error(`workspace document: items.${index} names a code nobody holds`);
    }
    named.code = record.code;
    delete (named as { codeHeldBy?: unknown }).codeHeldBy;
  }
  return json;
}
