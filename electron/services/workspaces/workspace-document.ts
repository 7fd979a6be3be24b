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

const item = z.looseObject({
  id: z.string(),
  direction: z.enum(['out', 'in']),
  kind: z.enum(['request', 'authorization', 'confirmation', 'return']),
  code: z.string(),
  status: z.enum(['waiting', 'exported', 'imported', 'applied', 'failed']),
});

const common = {
  schemaVersion: z.number().int(),
  id: z.string().min(1),
  name: z.string().min(1),
  createdAt: z.string(),
  items: z.array(item),
  nextItem: z.number().int().min(1),
};

const device = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  kind: z.enum(['emulated', 'external']),
  product: z.enum(['ucm', 'expressway', 'ios-xe']),
});

const schema = z.discriminatedUnion('kind', [
  z.looseObject({
    ...common,
    kind: z.literal('authority'),
    authority: z.looseObject({
      schemaVersion: z.number().int(),
      virtualAccounts: z.record(z.string(), z.looseObject({})),
      instances: z.record(z.string(), z.looseObject({})),
    }),
  }),
  z.looseObject({
    ...common,
    kind: z.literal('site'),
    trust: z
      .looseObject({ authorityName: z.string(), publicKeyPem: z.string(), fingerprint: z.string() })
      .nullable(),
    devices: z.record(z.string(), device),
    nextDevice: z.number().int().min(1),
  }),
]);

/**
 * Checks the envelope and the shape of each part, not every field of the domain state: enough
 * to tell a damaged or foreign file from ours, cheap enough to run on every save of a large one.
 * Returns the very object it was given, so callers keep working on it in place.
 */
export function validateWorkspaceDocument(doc: unknown): WorkspaceDocument {
  schema.parse(doc);
  return doc as WorkspaceDocument;
}
