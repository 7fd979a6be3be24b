// authority.*: the license desk — key, pool, the reservation wizard, instances, events, reports.

import { CATALOGS } from '../../../shared/catalog/index.ts';
import type { InstanceView, ReservationResult } from '../../../shared/authority/index.ts';
import type {
  AuthorityOverviewDto,
  EventDto,
  InstanceDto,
  ReservationResultDto,
} from '../../../shared/ipc/dto.ts';
import type { AppServices } from '../../app-services.ts';
import { toCsv } from '../../services/csv-report.ts';
import { safeFileName } from '../../services/files.ts';
import { createTrustFile } from '../../services/keys.ts';
import {
  alertsByInstance,
  instanceDto,
  reservationDto,
} from '../../services/workspaces/authority-view.ts';
import type { AuthorityWorkspace } from '../../services/workspaces/authority-workspace.ts';
import type { HandlersOf } from './index.ts';

async function events(ws: AuthorityWorkspace, type?: string, limit = 1000): Promise<EventDto[]> {
  const entries = await ws.audit.read({
    newestFirst: true,
    limit,
    ...(type ? { filter: { action: type } } : {}),
  });
  return entries.map((e) => {
    const details = (e.details ?? {}) as Record<string, unknown>;
    return {
      id: e.seq,
      time: Date.parse(e.time),
      type: e.action,
      ...(typeof details.va === 'string' ? { va: details.va } : {}),
      ...(e.subject ? { instanceId: e.subject } : {}),
      ...(typeof details.udi === 'string' ? { udi: details.udi } : {}),
      details: {
        ...details,
        direction: e.direction,
        ...(e.codeKind ? { codeKind: e.codeKind, codeDigest: e.codeDigest } : {}),
      },
    };
  });
}

/** A file-name stem from the workspace name; never a device name Windows reserves (`CON`, `aux`). */
function fileStem(name: string): string {
  const stem =
    name
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'authority';
  try {
    safeFileName(`${stem}.txt`);
    return stem;
  } catch {
    return `airlock-${stem}`;
  }
}

/** Instances as DTOs, each with the alerts that name it (computed once per call). */
function viewer(ws: AuthorityWorkspace): (i: InstanceView) => InstanceDto {
  const alerts = alertsByInstance(ws.ledger.alerts());
  return (i) => instanceDto(i, alerts.get(i.id) ?? []);
}

function reservation(ws: AuthorityWorkspace, r: ReservationResult): ReservationResultDto {
  const alerts = alertsByInstance(ws.ledger.alerts()).get(r.instance.id) ?? [];
  return reservationDto(r, alerts, ws.items.findOut(r.authorizationCode)?.id ?? null);
}

export function authorityHandlers(services: AppServices): HandlersOf<'authority'> {
  const authority = (id: string) => services.workspaces.authority(id);
  const overview = (id: string): AuthorityOverviewDto => authority(id).overview();
  return {
    'authority.overview': ({ workspaceId }) => overview(workspaceId),
    'authority.unlock': ({ workspaceId, passphrase, remember }) => {
      authority(workspaceId).unlock(passphrase, remember === true);
      return overview(workspaceId);
    },
    'authority.lock': ({ workspaceId }) => {
      authority(workspaceId).lock();
      return overview(workspaceId);
    },
    'authority.setReservationEnabled': ({ workspaceId, enabled }) => {
      authority(workspaceId).run((l) => l.setReservationEnabled(enabled));
      return overview(workspaceId);
    },
    'authority.addVirtualAccount': ({ workspaceId, name }) => {
      authority(workspaceId).run((l) => l.addVirtualAccount(name));
      return overview(workspaceId);
    },
    'authority.addLicense': ({ workspaceId, va, ...purchase }) => {
      const ws = authority(workspaceId);
      ws.run((l) => l.addLicense(va, purchase));
      return ws.ledger.licenses(va);
    },
    'authority.loadCatalog': ({ workspaceId, va, catalog, count, version }) => {
      const ws = authority(workspaceId);
      return ws.run((l) => l.loadCatalog(va, CATALOGS[catalog], count, undefined, version));
    },
    'authority.moveLicenses': ({ workspaceId, from, to, licenses }) =>
      authority(workspaceId).run((l) => l.moveLicenses(from, to, licenses)),
    'authority.licenses': ({ workspaceId, va }) => authority(workspaceId).ledger.licenses(va),
    'authority.previewRequest': ({ workspaceId, va, requestCode }) => {
      const ws = authority(workspaceId);
      const preview = ws.ledger.previewRequest(requestCode);
      return {
        udi: preview.udiKey,
        udiFields: preview.udi,
        productType: preview.productType,
        instanceName: preview.instanceName,
        existingInstanceId: preview.existingInstanceId ?? null,
        checkVerified: preview.checkVerified,
        ciscoProduct: preview.ciscoProduct,
        available: ws.ledger.licenses(va),
        smeMinimum: { ...ws.ledger.smeMinimum },
      };
    },
    'authority.reserve': ({ workspaceId, va, requestCode, selection }) => {
      const ws = authority(workspaceId);
      return reservation(ws, ws.reserve(va, requestCode, selection));
    },
    'authority.reserveBatch': ({ workspaceId, va, requestCodes, selection }) => {
      const ws = authority(workspaceId);
      const items = ws.reserveBatch(va, requestCodes, selection);
      return {
        items,
        outboxCount: ws.items.list('out').filter((i) => i.status === 'waiting').length,
      };
    },
    'authority.update': ({ workspaceId, instanceId, licenses }) => {
      const ws = authority(workspaceId);
      return reservation(ws, ws.update(instanceId, licenses));
    },
    'authority.confirm': ({ workspaceId, instanceId, confirmationCode }) => {
      const ws = authority(workspaceId);
      return viewer(ws)(ws.confirm(instanceId, confirmationCode));
    },
    'authority.remove': ({ workspaceId, instanceId, returnCode }) => {
      const ws = authority(workspaceId);
      return viewer(ws)(ws.remove(instanceId, returnCode));
    },
    'authority.transfer': ({ workspaceId, instanceId, toVa }) => {
      const ws = authority(workspaceId);
      return viewer(ws)(ws.run((l) => l.transfer(instanceId, toVa)));
    },
    'authority.rehost': ({ workspaceId, instanceId, requestCode, reason }) => {
      const ws = authority(workspaceId);
      return reservation(ws, ws.rehost(instanceId, requestCode, reason));
    },
    'authority.instances': ({ workspaceId, va }) => {
      const ws = authority(workspaceId);
      const view = viewer(ws);
      return ws.ledger
        .instances(va ? { va } : {})
        .map((i) => ({ ...view(i), authorizationCode: null }));
    },
    'authority.instance': ({ workspaceId, instanceId }) => {
      const ws = authority(workspaceId);
      return viewer(ws)(ws.ledger.instance(instanceId));
    },
    'authority.events': ({ workspaceId, type, limit }) =>
      events(authority(workspaceId), type, limit),
    'authority.exportCsv': async ({ workspaceId, report, va }) => {
      const ws = authority(workspaceId);
      const stamp = new Date(services.ports.clock.now()).toISOString().slice(0, 10);
      const fileName = `${fileStem(ws.doc.name)}-${report}-${stamp}.csv`;
      if (report === 'licenses') {
        const vas = va ? [va] : ws.ledger.virtualAccounts();
        const rows = vas.flatMap((v) =>
          ws.ledger
            .licenses(v)
            .map((l) => ({ va: v, ...l, alerts: l.alerts.map((a) => a.code).join(' ') })),
        );
        return {
          fileName,
          csv: toCsv(
            [
              'va',
              'tag',
              'displayName',
              'type',
              'purchased',
              'reserved',
              'inTransit',
              'balance',
              'expires',
              'level',
              'alerts',
            ],
            rows,
          ),
        };
      }
      if (report === 'instances') {
        const rows = ws.ledger.instances(va ? { va } : {}).map((i) => ({
          ...i,
          licenses: Object.entries(i.licenses)
            .map(([tag, n]) => `${tag}=${n}`)
            .join('; '),
          createdAt: new Date(i.createdAt).toISOString(),
          lastContact: new Date(i.lastContact).toISOString(),
        }));
        return {
          fileName,
          csv: toCsv(
            [
              'id',
              'name',
              'udi',
              'productType',
              'va',
              'state',
              'reservationType',
              'licenses',
              'confirmed',
              'createdAt',
              'lastContact',
            ],
            rows,
          ),
        };
      }
      const rows = (await events(ws, undefined, 100_000)).map((e) => ({
        ...e,
        time: new Date(e.time).toISOString(),
      }));
      return { fileName, csv: toCsv(['time', 'type', 'instanceId', 'udi', 'va', 'details'], rows) };
    },
    'authority.trustFile': ({ workspaceId }) => {
      const ws = authority(workspaceId);
      const text = createTrustFile({
        authorityName: ws.doc.name,
        publicKeyPem: ws.publicKeyPem,
        createdAt: new Date(services.ports.clock.now()).toISOString(),
      });
      return {
        fileName: `${fileStem(ws.doc.name)}.airlock-trust.json`,
        text,
        fingerprint: ws.fingerprint,
      };
    },
  };
}
