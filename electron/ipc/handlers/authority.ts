// authority.*: the license desk — key, pool, the reservation wizard, instances, events, reports.

import { CATALOGS } from '../../../shared/catalog/index.ts';
import type { AuthorityOverviewDto } from '../../../shared/ipc/dto.ts';
import type { AppServices } from '../../app-services.ts';
import { createTrustFile } from '../../services/keys.ts';
import { REPORTS, reportFileName } from '../../services/reports.ts';
import { toCsv } from '../../services/csv-report.ts';
import {
  instanceDetail,
  instanceDtos,
  instancePage,
  overviewOf,
  reservationDto,
} from '../../services/workspaces/authority/authority-view.ts';
import { fileStem } from '../../services/reports.ts';
import { runBatch } from './batch.ts';
import type { HandlersOf } from './index.ts';

export function authorityHandlers(services: AppServices): HandlersOf<'authority'> {
  const authority = (id: string) => services.workspaces.authority(id);
  const overview = (id: string): AuthorityOverviewDto => overviewOf(authority(id));
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
      return ws.read((l) => l.licenses(va));
    },
    'authority.loadCatalog': ({ workspaceId, va, catalog, count, version }) =>
      authority(workspaceId).run((l) =>
        l.loadCatalog(va, CATALOGS[catalog], count, undefined, version),
      ),
    'authority.moveLicenses': ({ workspaceId, from, to, licenses }) =>
      authority(workspaceId).run((l) => l.moveLicenses(from, to, licenses)),
    'authority.licenses': ({ workspaceId, va }) =>
      authority(workspaceId).read((l) => l.licenses(va)),
    'authority.previewRequest': ({ workspaceId, va, requestCode }) =>
      authority(workspaceId).read((ledger) => {
        const preview = ledger.previewRequest(requestCode);
        return {
          udi: preview.udiKey,
          udiFields: preview.udi,
          productType: preview.productType,
          instanceName: preview.instanceName,
          existingInstanceId: preview.existingInstanceId ?? null,
          checkVerified: preview.checkVerified,
          ciscoProduct: preview.ciscoProduct,
          available: ledger.licenses(va),
          smeMinimum: { ...ledger.smeMinimum },
        };
      }),
    'authority.reserve': ({ workspaceId, va, requestCode, selection }) => {
      const ws = authority(workspaceId);
      return reservationDto(ws, ws.reserve(va, requestCode, selection));
    },
    'authority.reserveBatch': ({ workspaceId, va, requestCodes, selection, batchId }) => {
      const ws = authority(workspaceId);
      return runBatch(services, ws, {
        batchId,
        items: requestCodes,
        chunk: (slice) => ws.reserveBatchOnWorkers(va, slice, selection, services.crypto),
      });
    },
    'authority.update': ({ workspaceId, instanceId, licenses }) => {
      const ws = authority(workspaceId);
      return reservationDto(ws, ws.update(instanceId, licenses));
    },
    'authority.confirm': ({ workspaceId, instanceId, confirmationCode }) => {
      const ws = authority(workspaceId);
      return instanceDetail(ws, ws.confirm(instanceId, confirmationCode).id);
    },
    'authority.remove': ({ workspaceId, instanceId, returnCode }) => {
      const ws = authority(workspaceId);
      return instanceDetail(ws, ws.remove(instanceId, returnCode).id);
    },
    'authority.transfer': ({ workspaceId, instanceId, toVa }) => {
      const ws = authority(workspaceId);
      return instanceDetail(ws, ws.transfer(instanceId, toVa).id);
    },
    'authority.rehost': ({ workspaceId, instanceId, requestCode, reason }) => {
      const ws = authority(workspaceId);
      return reservationDto(ws, ws.rehost(instanceId, requestCode, reason));
    },
    'authority.instances': ({ workspaceId, ...query }) => {
      const ws = authority(workspaceId);
      return ws.db.read(() => {
        // An unknown VA is refused, not empty (on the same snapshot as the list).
        if (query.va !== undefined) ws.read((l) => l.licenses(query.va!));
        return instanceDtos(ws, [...ws.queries.all(query)], false);
      });
    },
    'authority.instancePage': ({ workspaceId, offset, limit, ...query }) =>
      instancePage(authority(workspaceId), query, offset, limit),
    'authority.instance': ({ workspaceId, instanceId }) =>
      instanceDetail(authority(workspaceId), instanceId),
    'authority.exportCsv': ({ workspaceId, report, va }) => {
      const ws = authority(workspaceId);
      const fileName = reportFileName(ws.name, report, services.ports.clock.now());
      const { columns, rows } = REPORTS[report](ws, va);
      return { fileName, csv: toCsv(columns, rows) };
    },
    'authority.trustFile': ({ workspaceId }) => {
      const ws = authority(workspaceId);
      const text = createTrustFile({
        authorityName: ws.name,
        publicKeyPem: ws.publicKeyPem,
        createdAt: new Date(services.ports.clock.now()).toISOString(),
      });
      return {
        fileName: `${fileStem(ws.name)}.airlock-trust.json`,
        text,
        fingerprint: ws.fingerprint,
      };
    },
  };
}
