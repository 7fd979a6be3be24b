// Authority domain views as the IPC DTOs the renderer receives.

import type { Alert, InstanceView } from '../../../shared/authority/index.ts';
import type { AlertDto, InstanceDto, ReservationResultDto } from '../../../shared/ipc/dto.ts';

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

export function reservationDto(
  r: { instance: InstanceView; authorizationCode: string; confirmationCode?: string },
  alerts: AlertDto[],
  outboxItemId: string | null,
): ReservationResultDto {
  return {
    instance: instanceDto(r.instance, alerts),
    authorizationCode: r.authorizationCode,
    confirmationCode: r.confirmationCode ?? null,
    outboxItemId,
  };
}
