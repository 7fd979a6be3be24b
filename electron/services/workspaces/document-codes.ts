// Each authorization code is written once in the desk's file. The ledger keeps the code of every
// instance's current (and pending) authorization so it can be downloaded again, and the outbox
// keeps the same code until it crosses the gap; at 10,000 instances that is 17 MB written twice
// on every save. On disk, an outbox item whose code is exactly the one its instance holds names
// where it is instead (`codeHeldBy`); reading the file puts the text back before anything else
// sees the document. In memory, nothing changes.

import type { AuthorizationRecord, InstanceRecord } from '../../../shared/authority/index.ts';
import type { WorkspaceDocument } from './workspace-document.ts';

type Holder = 'current' | 'pending';

function heldBy(instance: InstanceRecord | undefined, holder: Holder): AuthorizationRecord | null {
  if (!instance) return null;
  if (holder === 'current') return instance.current;
  return instance.state === 'in-transit' ? instance.pending.authorization : null;
}

/** What the store writes: the document, with outbox codes the ledger holds named, not repeated. */
export function encodeWorkspaceDocument(doc: WorkspaceDocument): unknown {
  if (doc.kind !== 'authority') return doc;
  const instances = doc.authority.instances;
  let changed = false;
  const items = doc.items.map((item) => {
    if (item.direction !== 'out' || item.kind !== 'authorization' || !item.subject) return item;
    const instance = instances[item.subject];
    for (const holder of ['current', 'pending'] as const) {
      if (heldBy(instance, holder)?.code === item.code) {
        changed = true;
        return { ...item, code: '', codeHeldBy: holder };
      }
    }
    return item;
  });
  return changed ? { ...doc, items } : doc;
}

/**
 * Puts back, in place, the codes `encodeWorkspaceDocument` named, on the document just read from
 * disk, before it is checked; throws when a name leads nowhere (a damaged file).
 */
export function decodeWorkspaceDocument(json: unknown): unknown {
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
