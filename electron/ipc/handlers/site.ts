// site.*: devices, their wizards and console, the trusted authority, batches.

import type { DeviceActionResultDto, SiteOverviewDto } from '../../../shared/ipc/dto.ts';
import { errorDto } from '../../services/error-message.ts';
import type { AppServices } from '../../app-services.ts';
import {
  type CommandOutcome,
  deviceAction,
  deviceExec,
  requestBatch,
  requestable,
  returnBatch,
  returnable,
  setSessions,
  setUsage,
  upgradeDevice,
} from '../../services/workspaces/site/device-commands.ts';
import {
  addDevice,
  addDevices,
  deviceInput,
} from '../../services/workspaces/site/device-registry.ts';
import {
  recordExternal,
  recordExternalEvent,
} from '../../services/workspaces/site/external-records.ts';
import {
  installBatch,
  installable,
  preverify,
} from '../../services/workspaces/site/site-import.ts';
import { rowOf } from '../../services/workspaces/site/site-view.ts';
import type { SiteWorkspace } from '../../services/workspaces/site/site-workspace.ts';
import { runBatch } from './batch.ts';
import type { HandlersOf } from './index.ts';

export function siteOverview(ws: SiteWorkspace): SiteOverviewDto {
  return ws.db.read(() => {
    const trust = ws.trust();
    return {
      workspace: ws.summary,
      trust: trust ? { authorityName: trust.authorityName, fingerprint: trust.fingerprint } : null,
      checkpointKey: ws.keyState,
      deviceCount: ws.devices.count(),
      counts: ws.devices.waitingCounts(),
      pending: ws.pending(),
    };
  });
}

/** A command's result with the device as it is now and the outbox items its codes went to. */
function actionResult({ result, outboxItemIds, device }: CommandOutcome): DeviceActionResultDto {
  const { error, ...printed } = result;
  return {
    ...printed,
    ...(error ? { error: errorDto(error.code, error.facts) } : {}),
    outboxItemIds,
    device,
  };
}

export function siteHandlers(services: AppServices): HandlersOf<'site'> {
  const site = (id: string) => services.workspaces.site(id);
  return {
    'site.overview': ({ workspaceId }) => siteOverview(site(workspaceId)),
    'site.unlock': ({ workspaceId, passphrase }) => {
      const ws = site(workspaceId);
      ws.unlock(passphrase);
      return siteOverview(ws);
    },
    'site.importTrust': ({ workspaceId, trustFile, replace }) => {
      const ws = site(workspaceId);
      ws.importTrust(trustFile, replace === true);
      return siteOverview(ws);
    },
    'site.addDevice': ({ workspaceId, ...fields }) =>
      addDevice(site(workspaceId), deviceInput(fields)),
    'site.addDevices': async ({ workspaceId, csv, dryRun }) => {
      const ws = site(workspaceId);
      if (!dryRun) await services.workspaces.backup(workspaceId, 'batch');
      return addDevices(ws, csv, dryRun);
    },
    'site.device': ({ workspaceId, deviceId }) => site(workspaceId).detail(deviceId),
    'site.devicePage': ({ workspaceId, offset, limit, ...query }) => {
      const ws = site(workspaceId);
      return ws.db.read(() => {
        const verifier = ws.verifier;
        const { devices, total } = ws.devices.page(query, offset, limit);
        return { rows: devices.map((d) => rowOf(ws.detailOf(d, verifier))), total, offset };
      });
    },
    'site.action': ({ workspaceId, deviceId, action, code }) =>
      actionResult(deviceAction(site(workspaceId), deviceId, action, code)),
    'site.exec': ({ workspaceId, deviceId, line }) =>
      actionResult(deviceExec(site(workspaceId), deviceId, line)),
    'site.setUsage': ({ workspaceId, deviceId, tag, count }) =>
      setUsage(site(workspaceId), deviceId, tag, count),
    'site.setSessions': ({ workspaceId, deviceId, active, webRtc }) => {
      const { device, admission } = setSessions(site(workspaceId), deviceId, active, webRtc);
      return {
        device,
        admitted: admission.admitted,
        refused: admission.refused,
        refusedBecause: admission.refusedBecause ?? null,
        active: admission.active,
        limit: admission.limit,
      };
    },
    'site.upgrade': ({ workspaceId, deviceId, version }) =>
      upgradeDevice(site(workspaceId), deviceId, version),
    'site.recordExternal': (request) => {
      const ws = site(request.workspaceId);
      return 'code' in request
        ? recordExternal(ws, request.deviceId, request.kind, request.code)
        : recordExternalEvent(ws, request.deviceId, request.kind);
    },
    'site.installBatch': ({ workspaceId, itemIds, batchId }) => {
      const ws = site(workspaceId);
      return runBatch(services, ws, {
        batchId,
        items: itemIds ?? installable(ws),
        prepare: (slice) => preverify(ws, slice, services.crypto),
        chunk: (slice, ahead) => installBatch(ws, slice, ahead),
      });
    },
    'site.requestBatch': ({ workspaceId, deviceIds, batchId }) => {
      const ws = site(workspaceId);
      return runBatch(services, ws, {
        batchId,
        items: deviceIds ?? requestable(ws),
        chunk: (slice) => requestBatch(ws, slice),
      });
    },
    'site.returnBatch': ({ workspaceId, deviceIds, batchId }) => {
      const ws = site(workspaceId);
      return runBatch(services, ws, {
        batchId,
        items: deviceIds ?? returnable(ws),
        chunk: (slice) => returnBatch(ws, slice),
      });
    },
  };
}
