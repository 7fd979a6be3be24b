// The stored workspace documents (authority and site) and the light schema that guards them.

import { z } from 'zod';
import type { AuthorityState } from '../../../shared/authority/index.ts';
import type { DeviceState, ExternalDeviceState } from '../../../shared/agent/index.ts';
import type { Migration } from '../../../shared/migrations/run-migrations.ts';
import type { Product } from '../../../shared/ipc/dto.ts';
import type { Trust } from '../trust-file.ts';
import type { TransferItem } from './transfer-item.ts';

export const WORKSPACE_SCHEMA_VERSION = 1;
/** Pure upgrades, version n → n+1; none yet (shared/migrations holds the runner). */
export const WORKSPACE_MIGRATIONS: readonly Migration[] = [];

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
export function validateWorkspaceDocument(doc: unknown): WorkspaceDocument {
  envelope.parse(doc);
  const bad = badEntry(doc as Record<string, unknown>);
  if (bad) throw new Error(`workspace document: bad entry at ${bad}`);
  return doc as WorkspaceDocument;
}
