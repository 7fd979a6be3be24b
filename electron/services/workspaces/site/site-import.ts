// Files from the authority at a site: each authorization code matched to its device by UDI, then
// installed (emulated devices) or recorded (external ones), many in one transaction.

import {
  authorizationBindsUdi,
  decodeAuthorizationCode,
  verifyAuthorizationSignature,
} from '../../../../shared/codes/authorization.ts';
import { udiKey } from '../../../../shared/codes/udi.ts';
import { DomainError, isDomainError } from '../../../../shared/errors.ts';
import type { BatchItemDto, ErrorDto } from '../../../../shared/ipc/dto.ts';
import { runCommand } from '../../../../shared/agent/index.ts';
import type { Verifier } from '../../../../shared/ports.ts';
import type { TransferEntry } from '../../../../shared/transfer/transfer-file.ts';
import { codeDigest } from '../../audit-entry.ts';
import type { CryptoPool } from '../../crypto-pool.ts';
import { errorDto } from '../../error-message.ts';
import type { TransferItem } from '../transfer-item.ts';
import { type AuditRecord, refusedRecord } from '../workspace-base.ts';
import { settleCommand } from './device-commands.ts';
import { type SiteDevice, udiOf } from './device-rows.ts';
import type { SiteWorkspace } from './site-workspace.ts';

/** Which device an incoming authorization is for: the file says, or the code itself does. */
function authorizationUdiKey(entry: { udi?: string | null; code: string }): string | undefined {
  if (entry.udi) return entry.udi;
  try {
    const auth = decodeAuthorizationCode(entry.code);
    return auth.type === 'SLR' ? udiKey(auth.udi) : undefined;
  } catch {
    return undefined;
  }
}

/** A code that names no UDI (PLR): the device it is bound to, found by trying each one. */
function deviceAnswering(ws: SiteWorkspace, code: string): SiteDevice | undefined {
  let auth: ReturnType<typeof decodeAuthorizationCode>;
  try {
    auth = decodeAuthorizationCode(code);
  } catch {
    return undefined;
  }
  for (const device of ws.devices.all()) {
    if (authorizationBindsUdi(auth, udiOf(device), ws.ports.hasher)) return device;
  }
  return undefined;
}

/** The device an incoming authorization is for (by the UDI it names, else by trying each). */
function deviceFor(
  ws: SiteWorkspace,
  entry: TransferEntry,
): { device: SiteDevice | undefined; udi: string | undefined } {
  const udi = authorizationUdiKey(entry);
  return { device: udi ? ws.devices.byUdi(udi) : deviceAnswering(ws, entry.code), udi };
}

/** Files from the authority: authorization codes, each matched to its device by UDI. */
export function importEntries(
  ws: SiteWorkspace,
  entries: readonly TransferEntry[],
  file: string,
): TransferItem[] {
  return ws.change((log) => {
    const records: AuditRecord[] = [];
    const held = ws.items.incomingByCode(entries.map((e) => e.code));
    const items = entries.map((entry) => {
      const existing = held.get(codeDigest(entry.code));
      if (existing) {
        // Importing the same file again adds nothing, but a code that found no device then is
        // matched again: the device may have been added since (its code can now be installed).
        if (existing.status === 'failed' && existing.error?.code === 'IMPORT_NO_DEVICE') {
          const device = deviceFor(ws, entry).device;
          if (device) {
            Object.assign(existing, {
              subject: device.id,
              label: device.name,
              udi: udiKey(udiOf(device)),
              status: 'imported',
              doneAt: null,
              error: null,
            });
            ws.items.save(existing);
            records.push({
              action: 'code-imported',
              direction: 'in',
              subject: device.id,
              code: { kind: existing.kind, text: existing.code },
              details: { file, status: existing.status, matchedAgain: true },
            });
          }
        }
        return existing;
      }
      // The file's subject is the authority's instance id: here a subject is one of our devices.
      let failure: ErrorDto | undefined;
      let device: SiteDevice | undefined;
      if (entry.kind !== 'authorization')
        failure = errorDto('IMPORT_WRONG_SIDE', { kind: entry.kind, side: 'site' });
      else {
        const found = deviceFor(ws, entry);
        device = found.device;
        if (!device) failure = errorDto('IMPORT_NO_DEVICE', { udi: found.udi ?? '' });
      }
      const item = ws.items.incoming(
        device
          ? { ...entry, subject: device.id, label: device.name, udi: udiKey(udiOf(device)) }
          : { ...entry, subject: null },
        file,
      );
      held.set(codeDigest(entry.code), item);
      if (failure) ws.items.markFailed(item, failure);
      records.push({
        action: 'code-imported',
        direction: 'in',
        ...(item.subject ? { subject: item.subject } : {}),
        code: { kind: item.kind, text: item.code },
        details: { file, status: item.status },
      });
      return item;
    });
    log(records);
    return items;
  });
}

function installItem(
  ws: SiteWorkspace,
  item: TransferItem,
  index: number,
  verifier: Verifier | undefined,
  records: AuditRecord[],
): BatchItemDto {
  try {
    const device = item.subject ? ws.devices.byId(item.subject) : undefined;
    if (!device) throw new DomainError('IMPORT_NO_DEVICE', { udi: item.udi ?? '' });
    let confirmation: string | undefined;
    let outboxItemId: string | undefined;
    if (device.kind === 'emulated') {
      const agent = ws.agent(device, verifier);
      const result = runCommand(agent, { kind: 'install', code: item.code }, device.agent.product);
      const settled = settleCommand(ws, device, agent, result, {
        consumed: { kind: 'authorization', text: item.code },
        installed: true,
        verifier,
      });
      records.push(...settled.records);
      confirmation = result.confirmationCode;
      outboxItemId = settled.outboxItemIds[0];
    } else {
      ws.ledger(device, verifier).recordAuthorization(item.code);
      ws.store(device, verifier);
      records.push({
        action: 'external-authorization-recorded',
        direction: 'in',
        subject: device.id,
        code: { kind: 'authorization', text: item.code },
      });
    }
    ws.items.markApplied(item);
    return {
      index,
      ok: true,
      instanceId: device.id,
      name: device.name,
      ...(item.udi ? { udi: item.udi } : {}),
      ...(confirmation ? { code: confirmation } : {}),
      ...(outboxItemId ? { outboxItemId } : {}),
    };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const dto = errorDto(error.code, error.facts);
    ws.items.markFailed(item, dto);
    records.push(refusedRecord(item, dto));
    return { index, ok: false, ...(item.udi ? { udi: item.udi } : {}), error: dto };
  }
}

/** The imported authorization codes an install batch takes by default: every one not yet used. */
export function installable(ws: SiteWorkspace): string[] {
  return ws.items
    .list({ direction: 'in', kind: 'authorization', status: 'imported' })
    .map((i) => i.id);
}

/** Signatures checked ahead of a batch's transaction, against the trusted key named. */
export interface Preverified {
  fingerprint: string;
  /** Hex of each signature found valid → the bytes it signs. */
  valid: Map<string, Uint8Array>;
}

function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/**
 * Checks the signatures of these items' authorization codes on the pool's workers, outside any
 * transaction: what each code's signature covers is found exactly as a device finds it (the
 * same decoding, the same signed bytes), and only the pairs the trusted key verifies are kept.
 */
export async function preverify(
  ws: SiteWorkspace,
  itemIds: readonly string[],
  pool: CryptoPool,
): Promise<Preverified | undefined> {
  const trust = ws.trustKey();
  if (!trust) return undefined;
  const pairs: Array<[Uint8Array, Uint8Array]> = [];
  const recorder: Verifier = {
    verify(data, signature) {
      pairs.push([data, signature]);
      return true;
    },
  };
  for (const item of ws.items.byIds(itemIds).values()) {
    if (item.kind !== 'authorization') continue;
    try {
      verifyAuthorizationSignature(decodeAuthorizationCode(item.code), recorder);
    } catch {
      // A code that does not decode is refused by the install itself, with its reason.
    }
  }
  const verdicts = await pool.verify(trust.fingerprint, trust.key, pairs);
  const valid = new Map<string, Uint8Array>();
  pairs.forEach(([data, signature], n) => {
    if (verdicts[n] === true) valid.set(hexOf(signature), data);
  });
  return { fingerprint: trust.fingerprint, valid };
}

/**
 * The trusted key's verifier, answering at once for a signature already found valid over the
 * very same bytes (and checking any other itself). Checked ahead against another key — the
 * trust was replaced meanwhile — nothing is taken from it.
 */
function withPreverified(ws: SiteWorkspace, ahead: Preverified | undefined): Verifier | undefined {
  const trust = ws.trustKey();
  if (!trust || !ahead || ahead.fingerprint !== trust.fingerprint) return trust?.verifier;
  return {
    verify(data, signature) {
      const signed = ahead.valid.get(hexOf(signature));
      if (signed && Buffer.compare(signed, data) === 0) return true;
      return trust.verifier.verify(data, signature);
    },
  };
}

/**
 * Installs (or, for external devices, records) these imported authorizations in one transaction
 * (the caller chooses them: `installable` names every one not yet used).
 */
export function installBatch(
  ws: SiteWorkspace,
  itemIds: readonly string[],
  ahead?: Preverified,
): BatchItemDto[] {
  return ws.change((log) => {
    const found = ws.items.byIds(itemIds);
    const items = itemIds.map((id) => {
      const item = found.get(id);
      if (!item || item.direction !== 'in')
        throw new DomainError('TRANSFER_ITEM_NOT_FOUND', { item: id });
      return item;
    });
    const verifier = withPreverified(ws, ahead);
    const records: AuditRecord[] = [];
    const results = items.map((item, index) => installItem(ws, item, index, verifier, records));
    log(records);
    return results;
  });
}
