// Authority domain views as the IPC DTOs the renderer receives.

import {
  type Alert,
  type InstanceRecord,
  type InstanceView,
  viewOf,
} from '../../../../shared/authority/index.ts';
import type {
  AlertDto,
  AuthorityOverviewDto,
  InstanceDto,
  PageDto,
  ReservationResultDto,
} from '../../../../shared/ipc/dto.ts';
import type { InstanceQuery } from './authority-queries.ts';
import type { AuthorityWorkspace } from './authority-workspace.ts';

/** The ledger's alerts, filed under the instance each one names. */
export function alertsByInstance(alerts: readonly Alert[]): Map<string, AlertDto[]> {
  const byInstance = new Map<string, AlertDto[]>();
  for (const alert of alerts) {
    const id = alert.facts.instanceId;
    if (typeof id !== 'string') continue;
    const list = byInstance.get(id) ?? [];
    list.push({ severity: alert.severity, code: alert.code, facts: alert.facts });
    byInstance.set(id, list);
  }
  return byInstance;
}

export function instanceDto(i: InstanceView, alerts: AlertDto[] = []): InstanceDto {
  return {
    id: i.id,
    alerts,
    udi: i.udi,
    udiFields: i.udiFields,
    name: i.name,
    productType: i.productType,
    va: i.va,
    state: i.state,
    reservationType: i.reservationType,
    exportControl: i.exportControl ?? null,
    licenses: i.licenses,
    pendingLicenses: i.pendingLicenses ?? null,
    confirmed: i.confirmed,
    sequence: i.sequence,
    createdAt: i.createdAt,
    lastContact: i.lastContact,
    authorizationCode: i.authorizationCode || null,
    rehostedTo: i.rehostedTo ?? null,
    rehostedFrom: i.rehostedFrom ?? null,
    reason: i.reason ?? null,
  };
}

/** Instances as DTOs with the alerts that name each, computed over just these instances. */
export function instanceDtos(
  ws: AuthorityWorkspace,
  records: readonly InstanceRecord[],
  withCodes: boolean,
): InstanceDto[] {
  const alerts = ws.read((_ledger, set) => alertsByInstance(ws.queries.alerts(set.state, records)));
  return records.map((record) => {
    const dto = instanceDto(viewOf(record), alerts.get(record.id) ?? []);
    return withCodes ? dto : { ...dto, authorizationCode: null };
  });
}

/** One instance (by id or unique prefix), with its latest authorization code. */
export function instanceDetail(ws: AuthorityWorkspace, idOrPrefix: string): InstanceDto {
  const id = ws.exactId(idOrPrefix);
  const record = ws.read((ledger, set) => set.instance(ledger.instance(id).id)!);
  return instanceDtos(ws, [record], true)[0]!;
}

export function instancePage(
  ws: AuthorityWorkspace,
  query: InstanceQuery,
  offset: number,
  limit: number,
): PageDto<InstanceDto> {
  const { records, total } = ws.queries.page(query, offset, limit);
  return { rows: instanceDtos(ws, records, false), total, offset };
}

export function reservationDto(
  ws: AuthorityWorkspace,
  r: {
    instance: InstanceView;
    authorizationCode: string;
    confirmationCode?: string;
    outboxItemId: string;
  },
): ReservationResultDto {
  return {
    instance: instanceDetail(ws, r.instance.id),
    authorizationCode: r.authorizationCode,
    confirmationCode: r.confirmationCode ?? null,
    outboxItemId: r.outboxItemId,
  };
}

export function overviewOf(ws: AuthorityWorkspace): AuthorityOverviewDto {
  return ws.read((ledger, set) => ({
    workspace: ws.summary,
    smartAccount: set.state.smartAccount.name,
    reservationEnabled: set.state.smartAccount.reservationEnabled,
    keyUnlocked: ws.keyUnlocked,
    passphraseRemembered: ws.passphraseRemembered,
    fingerprint: ws.fingerprint,
    virtualAccounts: ledger.virtualAccounts(),
    alerts: ws.queries.alerts(set.state),
    pool: ledger.poolSummary(),
    instanceCounts: ws.queries.counts(),
    pending: ws.pending(),
  }));
}
