// site.*: devices, their wizards and console, the trusted authority, batch installs.

import type { ConsoleResult } from '../../../shared/agent/index.ts';
import type { DeviceActionResultDto, SiteOverviewDto } from '../../../shared/ipc/dto.ts';
import { errorDto } from '../../services/error-message.ts';
import type { AppServices } from '../../app-services.ts';
import { rowOf } from '../../services/workspaces/site-view.ts';
import { type SiteWorkspace, deviceInput } from '../../services/workspaces/site-workspace.ts';
import type { HandlersOf } from './index.ts';

export function siteOverview(ws: SiteWorkspace): SiteOverviewDto {
  const devices = ws.devices().map((d) => rowOf(ws.detail(d.id)));
  const counts: Record<string, number> = {};
  for (const d of devices) counts[d.waitingFor] = (counts[d.waitingFor] ?? 0) + 1;
  return {
    workspace: ws.summary,
    trust: ws.doc.trust
      ? { authorityName: ws.doc.trust.authorityName, fingerprint: ws.doc.trust.fingerprint }
      : null,
    devices,
    counts,
  };
}

/** A command's result with the device as it is now and the outbox items its codes went to. */
function actionResult(
  ws: SiteWorkspace,
  deviceId: string,
  result: ConsoleResult,
): DeviceActionResultDto {
  const { error, ...printed } = result;
  const codes = [result.requestCode, result.confirmationCode, result.returnCode];
  return {
    ...printed,
    ...(error ? { error: errorDto(error.code, error.facts) } : {}),
    outboxItemIds: codes
      .map((code) => (code ? ws.items.findOut(code)?.id : undefined))
      .filter((id): id is string => id !== undefined),
    device: ws.detail(deviceId),
  };
}

function waitingOut(ws: SiteWorkspace): number {
  return ws.items.list('out').filter((i) => i.status === 'waiting').length;
}

export function siteHandlers(services: AppServices): HandlersOf<'site'> {
  const site = (id: string) => services.workspaces.site(id);
  return {
    'site.overview': ({ workspaceId }) => siteOverview(site(workspaceId)),
    'site.importTrust': ({ workspaceId, trustFile }) => {
      const ws = site(workspaceId);
      ws.importTrust(trustFile);
      return siteOverview(ws);
    },
    'site.addDevice': ({ workspaceId, ...fields }) => {
      const ws = site(workspaceId);
      return ws.detail(ws.addDevice(deviceInput(fields)).id);
    },
    'site.addDevices': ({ workspaceId, csv, dryRun }) => site(workspaceId).addDevices(csv, dryRun),
    'site.device': ({ workspaceId, deviceId }) => site(workspaceId).detail(deviceId),
    'site.action': ({ workspaceId, deviceId, action, code }) => {
      const ws = site(workspaceId);
      return actionResult(ws, deviceId, ws.action(deviceId, action, code));
    },
    'site.exec': ({ workspaceId, deviceId, line }) => {
      const ws = site(workspaceId);
      return actionResult(ws, deviceId, ws.exec(deviceId, line));
    },
    'site.setUsage': ({ workspaceId, deviceId, tag, count }) => {
      const ws = site(workspaceId);
      ws.setUsage(deviceId, tag, count);
      return ws.detail(deviceId);
    },
    'site.setSessions': ({ workspaceId, deviceId, active, webRtc }) => {
      const ws = site(workspaceId);
      const admission = ws.setSessions(deviceId, active, webRtc);
      return {
        device: ws.detail(deviceId),
        admitted: admission.admitted,
        refused: admission.refused,
        refusedBecause: admission.refusedBecause ?? null,
        active: admission.active,
        limit: admission.limit,
      };
    },
    'site.upgrade': ({ workspaceId, deviceId, version }) => {
      const ws = site(workspaceId);
      ws.upgrade(deviceId, version);
      return ws.detail(deviceId);
    },
    'site.recordExternal': (request) => {
      const ws = site(request.workspaceId);
      if ('code' in request) ws.recordExternal(request.deviceId, request.kind, request.code);
      else ws.recordExternalEvent(request.deviceId, request.kind);
      return ws.detail(request.deviceId);
    },
    'site.installBatch': ({ workspaceId, itemIds }) => {
      const ws = site(workspaceId);
      return { items: ws.installBatch(itemIds), outboxCount: waitingOut(ws) };
    },
    'site.requestBatch': ({ workspaceId, deviceIds }) => {
      const ws = site(workspaceId);
      return { items: ws.requestBatch(deviceIds), outboxCount: waitingOut(ws) };
    },
    'site.returnBatch': ({ workspaceId, deviceIds }) => {
      const ws = site(workspaceId);
      return { items: ws.returnBatch(deviceIds), outboxCount: waitingOut(ws) };
    },
  };
}
