// External devices (real boxes): what the operator copied from the device's console, or is about
// to paste into it, recorded in the device's ledger; codes for the authority queued to go out.

import type { CodeKind } from '../../../../shared/codes/classify.ts';
import type { DeviceDetailDto } from '../../../../shared/ipc/dto.ts';
import { codeUsed } from './device-commands.ts';
import type { SiteWorkspace } from './site-workspace.ts';

export function recordExternal(
  ws: SiteWorkspace,
  id: string,
  kind: CodeKind,
  code: string,
): DeviceDetailDto {
  return ws.change((log) => {
    const device = ws.external(id);
    const ledger = ws.ledger(device);
    const text = {
      request: () => ledger.recordRequest(code).code,
      authorization: () => (ledger.recordAuthorization(code), code),
      confirmation: () => ledger.recordConfirmation(code).code,
      return: () => ledger.recordReturn(code).code,
    }[kind]();
    ws.store(device);
    const direction = kind === 'authorization' ? 'in' : 'out';
    if (direction === 'out') ws.queueOut(device, kind, text);
    // Recorded as going into the real device: its inbox row is used, its request carried.
    else codeUsed(ws, device, text, true);
    log([{ action: `external-${kind}-recorded`, direction, subject: id, code: { kind, text } }]);
    return ws.detailOf(device);
  });
}

/** The operator cancelled the request on the device, or saw a PLR code install. */
export function recordExternalEvent(
  ws: SiteWorkspace,
  id: string,
  kind: 'cancel' | 'installed',
): DeviceDetailDto {
  return ws.change((log) => {
    const device = ws.external(id);
    const ledger = ws.ledger(device);
    if (kind === 'cancel') ledger.recordCancel();
    else ledger.markInstalled();
    ws.store(device);
    log([{ action: `external-${kind}-recorded`, subject: id }]);
    return ws.detailOf(device);
  });
}
