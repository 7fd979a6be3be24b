// Files from the authority at a site: each authorization code matched to its device by UDI, then
// installed (emulated devices) or recorded (external ones), many in one transaction.

import {
  authorizationBindsUdi,
  decodeAuthorizationCode,
} from '../../../../shared/codes/authorization.ts';
import { udiKey } from '../../../../shared/codes/udi.ts';
import { DomainError, type ErrorFacts, isDomainError } from '../../../../shared/errors.ts';
import type { BatchItemDto } from '../../../../shared/ipc/dto.ts';
import { runCommand } from '../../../../shared/agent/index.ts';
import type { Verifier } from '../../../../shared/ports.ts';
import type { TransferEntry } from '../../../../shared/transfer/transfer-file.ts';
import { errorDto } from '../../error-message.ts';
import type { TransferItem } from '../transfer-item.ts';
import type { AuditRecord } from '../workspace-base.ts';
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

/** Files from the authority: authorization codes, each matched to its device by UDI. */
export function importEntries(
  ws: SiteWorkspace,
  entries: readonly TransferEntry[],
  file: string,
): TransferItem[] {
  return ws.change((log) => {
    const records: AuditRecord[] = [];
    const items = entries.map((entry) => {
      const existing = ws.items.findIn(entry.code);
      if (existing) return existing; // importing the same file again adds (and logs) nothing
      // The file's subject is the authority's instance id: here a subject is one of our devices.
      const item = ws.items.incoming({ ...entry, subject: null }, file);
      const fail = (code: string, facts: ErrorFacts = {}) =>
        ws.items.markFailed(item, errorDto(code, facts));
      if (entry.kind !== 'authorization')
        fail('IMPORT_WRONG_SIDE', { kind: entry.kind, side: 'site' });
      else {
        const key = authorizationUdiKey(entry);
        const device = key ? ws.devices.byUdi(key) : deviceAnswering(ws, entry.code);
        if (!device) fail('IMPORT_NO_DEVICE', { udi: key ?? '' });
        else {
          item.subject = device.id;
          item.label = device.name;
          item.udi = udiKey(udiOf(device));
          ws.items.save(item);
        }
      }
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
      ...(item.udi ? { udi: item.udi } : {}),
      ...(confirmation ? { code: confirmation } : {}),
      ...(outboxItemId ? { outboxItemId } : {}),
    };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const dto = errorDto(error.code, error.facts);
    ws.items.markFailed(item, dto);
    return { index, ok: false, ...(item.udi ? { udi: item.udi } : {}), error: dto };
  }
}

/** The imported authorization codes an install batch takes by default: every one not yet used. */
export function installable(ws: SiteWorkspace): string[] {
  return ws.items
    .list({ direction: 'in', kind: 'authorization', status: 'imported' })
    .map((i) => i.id);
}

/** Installs (or, for external devices, records) imported authorizations in one transaction. */
export function installBatch(ws: SiteWorkspace, itemIds?: readonly string[]): BatchItemDto[] {
  return ws.change((log) => {
    const items = itemIds
      ? itemIds.map((id) => {
          const item = ws.items.get(id);
          if (!item || item.direction !== 'in')
            throw new DomainError('TRANSFER_ITEM_NOT_FOUND', { item: id });
          return item;
        })
      : ws.items.list({ direction: 'in', kind: 'authorization', status: 'imported' });
    const verifier = ws.verifier;
    const records: AuditRecord[] = [];
    const results = items.map((item, index) => installItem(ws, item, index, verifier, records));
    log(records);
    return results;
  });
}
