// Authority domain views as the IPC DTOs the renderer receives.

import type { InstanceView } from '../../../shared/authority/index.ts';
import type { InstanceDto, ReservationResultDto } from '../../../shared/ipc/dto.ts';

export function instanceDto(i: InstanceView): InstanceDto {
  return {
    id: i.id,
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

export function reservationDto(r: {
  instance: InstanceView;
  authorizationCode: string;
  confirmationCode?: string;
}): ReservationResultDto {
  return {
    instance: instanceDto(r.instance),
    authorizationCode: r.authorizationCode,
    confirmationCode: r.confirmationCode ?? null,
  };
}
